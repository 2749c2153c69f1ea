package cnnc.backend.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.report.JsonReport;
import cnnc.testing.Cases;
import cnnc.testing.KindsCovered;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every sample (the zoo and the U-Net included), {@value KerasRun#RANDOM_CHAINS} random chains,
 * {@value KerasRun#RANDOM_GRAPHS} random graphs and hand-written models, through the generated
 * Python and real Keras in one process ({@code conform.py}): layer by layer, Keras's output shapes,
 * parameter counts and trainable split, which Keras layer reads which, and the totals must be those
 * of cnnc's JSON report; so must each layer's MACs, FLOPs, output elements and receptive field, and
 * the totals' MACs, FLOPs and memory, as {@code costs.py} works them out again from the Keras model.
 * The receptive fields of {@link HandWrittenModels#RECEPTIVE_FIELDS} are also measured from jax's
 * gradients, at every position of every row, and must be cnnc's: among them the chains where a
 * window over upsampled or transposed positions reaches further, or less far, than its length times
 * the average jump.
 */
class KerasConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> samples() {
        return tests("samples");
    }

    @TestFactory
    Stream<DynamicTest> randomChains() {
        return tests("chains");
    }

    @TestFactory
    Stream<DynamicTest> randomGraphs() {
        return tests("graphs");
    }

    @TestFactory
    Stream<DynamicTest> dl4jSuiteGraphs() {
        return tests("dl4jgraphs");
    }

    @TestFactory
    Stream<DynamicTest> handWrittenModels() {
        return tests("written");
    }

    @TestFactory
    Stream<DynamicTest> sequencesAndVolumes() {
        return tests("ranks");
    }

    /** Conform (every figure, the measured receptive fields included), and every row was measured. */
    @TestFactory
    Stream<DynamicTest> measuredReceptiveFields() {
        KerasRun run = KerasRun.get();
        return Stream.concat(tests("receptive"), run.cases.stream().filter(c -> c.group().equals("receptive"))
                .map(c -> Cases.named("every row measured: " + c.title(),
                        () -> assertEquals(reported(c).keySet(), measured(run, c).keySet(), c.title()))));
    }

    @Test
    void theCorporaAreAsLargeAsPromisedAndTheSamplesAllTranslate() {
        KerasRun run = KerasRun.get();
        long generated = run.cases.stream().filter(c -> c.group().equals("chains") || c.group().equals("graphs"))
                .filter(c -> c.python() != null).count();
        assertTrue(generated >= 220, "generated models checked in Keras: " + generated);
        List<String> samples = new ArrayList<>();
        run.cases.stream().filter(c -> c.group().equals("samples")).forEach(c -> samples.add(c.title()));
        assertTrue(samples.containsAll(List.of("samples/unet.cnn", "samples/zoo/resnet50.cnn",
                "samples/zoo/inceptionv3.cnn")), samples.toString());
        System.out.printf("Keras conformance: %d models (%d generated) in one Python process, %.1f s%n",
                run.problems.size(), generated, run.pythonTime.toMillis() / 1000.0);
    }

    @Test
    void everyKindAndActivationIsBuiltInKeras() {
        KindsCovered.assertEveryKindAndActivation("the Keras conformance suite", KerasRun.get().cases.stream()
                .filter(c -> c.python() != null).map(KerasRun.Case::compilation).toList(),
                "src/test/java/cnnc/backend/keras/HandWrittenModels.java (ALL)");
    }

    @Test
    void everyKindOfAGridIsBuiltInKerasOnASequenceAndAVolume() {
        KindsCovered.assertEveryRank("the Keras conformance suite", KerasRun.get().cases.stream()
                .filter(c -> c.python() != null).map(KerasRun.Case::compilation).toList(), KindsCovered.GRID_KINDS,
                "src/test/java/cnnc/testing/RankModels.java (BOTH)");
    }

    /** cnnc's receptive field [height, width] of each row (null for the whole input), by row name. */
    private static Map<String, List<Integer>> reported(KerasRun.Case c) {
        try {
            Map<String, List<Integer>> fields = new LinkedHashMap<>();
            for (JsonNode row : JSON.readTree(JsonReport.render(c.compilation())).get("layers")) {
                JsonNode field = row.get("receptiveField");
                fields.put(row.get("name").asText(), field.get("wholeInput").asBoolean() ? null
                        : List.of(field.get("height").asInt(), field.get("width").asInt()));
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The receptive field [height, width] jax measured for each row, by row name. */
    private static Map<String, List<Integer>> measured(KerasRun run, KerasRun.Case c) {
        JsonNode rows = run.measuredFields.get(c.title());
        assertNotNull(rows, c.title() + ": no receptive field measured");
        Map<String, List<Integer>> fields = new LinkedHashMap<>();
        rows.fields().forEachRemaining(e -> fields.put(e.getKey(), List.of(e.getValue().get(0).asInt(),
                e.getValue().get(1).asInt())));
        return fields;
    }

    /**
     * Samples Keras cannot build, each with the code of the diagnostic that says why: timm's SKNet strides its
     * dilated 3x3 (the 5x5 path), which Keras 3's Conv2D refuses; PyTorch and DL4J run it.
     */
    private static final Map<String, String> NOT_IN_KERAS = Map.of("samples/timm/skresnet18.cnn", "E0600");


    private static Stream<DynamicTest> tests(String group) {
        KerasRun run = KerasRun.get();
        return run.cases.stream().filter(c -> c.group().equals(group)).map(c -> Cases.named(c.title(), () -> {
            assertTrue(!c.compilation().hasErrors(), c.title() + ": " + c.compilation().diagnostics());
            String refusal = NOT_IN_KERAS.get(c.title());
            if (group.equals("samples") && refusal != null) {
                assertEquals(List.of(refusal), KerasBackend.generate(c.compilation()).diagnostics()
                        .stream().map(d -> d.code().name()).distinct().toList(), c.title() + ": why Keras cannot build it");
                return;
            }
            assertNotNull(c.python(), c.title() + " is not translated: "
                    + KerasBackend.generate(c.compilation()).diagnostics());
            JsonNode problems = run.problems.get(c.title());
            assertNotNull(problems, c.title() + " was not run in Keras");
            List<String> found = new ArrayList<>();
            problems.forEach(p -> found.add(p.asText()));
            assertEquals(List.of(), found, "model " + c.title() + " differs in Keras:\n" + String.join("\n", found)
                    + "\n" + c.python());
        }));
    }
}
