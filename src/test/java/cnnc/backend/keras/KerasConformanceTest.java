package cnnc.backend.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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
 */
class KerasConformanceTest {

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

    private static Stream<DynamicTest> tests(String group) {
        KerasRun run = KerasRun.get();
        return run.cases.stream().filter(c -> c.group().equals(group)).map(c -> DynamicTest.dynamicTest(c.title(), () -> {
            assertTrue(!c.compilation().hasErrors(), c.title() + ": " + c.compilation().diagnostics());
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
