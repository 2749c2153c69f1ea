package cnnc.backend.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.Compilation;
import cnnc.check.Shape;
import cnnc.testing.Cases;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The samples of sequences and volumes against their references built in torch in the suite
 * ({@code timm/rank_models.py}, one Python process for every model): Dai et al.'s raw-waveform networks
 * and Cicek et al.'s 3-D U-Net written there from their papers, torchvision's video models from
 * torchvision itself (weights=None). Each reference's parameters, buffer values, MACs (FlopCounterMode's
 * FLOPs halved, a batch of one) and output shape must be cnnc's report's; where cnnc writes the sample's
 * PyTorch module, the reference's weights are copied into it, which must then compute the reference's
 * output within {@value #TOLERANCE} of its largest value (as {@code TimmModelsTest} does).
 */
class SequenceVolumeModelsTest {
    /** One line per sample: its file under samples/, the reference (see rank_models.py), the input as cnnc writes it. */
    static final String MODELS = """
            audio/m3.cnn       | dai:m3         | 32000x1
            audio/m5.cnn       | dai:m5         | 32000x1
            audio/m11.cnn      | dai:m11        | 32000x1
            audio/m18.cnn      | dai:m18        | 32000x1
            audio/m34_res.cnn  | dai:m34_res    | 32000x1
            unet3d.cnn         | cicek:unet3d   | 116x132x132x3
            torchvision/r3d_18.cnn      | torchvision:r3d_18      | 16x112x112x3
            torchvision/mc3_18.cnn      | torchvision:mc3_18      | 16x112x112x3
            torchvision/r2plus1d_18.cnn | torchvision:r2plus1d_18 | 16x112x112x3
            torchvision/s3d.cnn         | torchvision:s3d         | 16x224x224x3
            """;


    static final double TOLERANCE = 1e-4;
    private static final Path WORK = Path.of("target", "rank-models").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<RankModel> CASES = new ArrayList<>();
    private static JsonNode results;
    private static Duration pythonTime;

    /** A line of {@link #MODELS}, its file compiled, and the module cnnc generates for it (null if none). */
    record RankModel(String name, Path file, String reference, List<Long> input, Compilation compilation, String python) {
        String title() {
            return file + " (" + reference + ")";
        }
    }

    @BeforeAll
    static void runReferences() throws IOException {
        for (String line : MODELS.strip().split("\n")) {
            String[] cells = line.split("\\|", -1);
            assertEquals(3, cells.length, "a line of MODELS: file | reference | input: " + line);
            String name = cells[0].strip();
            Path file = Samples.ROOT.resolve(name);
            Compilation compilation = Samples.compile(file);
            String python = compilation.hasErrors() ? null : TorchBackend.generate(compilation).python().orElse(null);
            CASES.add(new RankModel(name, file, cells[1].strip(),
                    Arrays.stream(cells[2].strip().split("x")).map(Long::valueOf).toList(), compilation, python));
        }
        Files.createDirectories(WORK);
        ObjectNode manifest = JSON.createObjectNode();
        ArrayNode list = manifest.putArray("cases");
        for (int i = 0; i < CASES.size(); i++) {
            RankModel model = CASES.get(i);
            ObjectNode entry = list.addObject().put("title", model.title()).put("reference", model.reference());
            if (model.python() != null) {
                entry.put("module", Files.writeString(WORK.resolve("model" + i + ".py"), model.python()).toString());
            }
            // torch's layout: channels first, then the spatial sizes in cnnc's order
            List<Long> input = model.input();
            ArrayNode shape = entry.putArray("input").add(input.get(input.size() - 1));
            input.subList(0, input.size() - 1).forEach(shape::add);
        }
        TorchEnvironment.ManifestRun run = TorchEnvironment.timmManifest("rank_models.py", WORK, manifest);
        results = run.results();
        pythonTime = run.time();
    }

    @TestFactory
    Stream<DynamicTest> figuresAndOutputs() {
        return CASES.stream().map(model -> Cases.named(model.title(), () -> check(model)));
    }

    private static void check(RankModel model) {
        Compilation compilation = model.compilation();
        assertTrue(!compilation.hasErrors(), compilation.diagnostics().toString());
        assertEquals(model.input(), sizes(compilation.model().input()), "the input of the line in MODELS and the file's");
        JsonNode reference = results.get(model.title());
        assertNotNull(reference, "not run in rank_models.py");
        List<String> problems = new ArrayList<>();
        reference.get("problems").forEach(p -> problems.add(p.asText()));
        if (reference.has("params")) {
            var totals = compilation.model().totals();
            differs(problems, "trainable parameters (the reference's parameters())", reference.get("params").asLong(),
                    totals.trainableParams());
            differs(problems, "non-trainable parameters (the reference's buffer values)",
                    reference.get("buffers").asLong(), totals.nonTrainableParams());
            if (reference.get("macs").isNull()) {
                problems.add("MACs: FlopCounterMode counts an odd number of FLOPs in the reference");
            } else {
                differs(problems, "MACs (FlopCounterMode's FLOPs halved)", reference.get("macs").asLong(),
                        compilation.analysis().orElseThrow().macs());
            }
            List<Long> output = new ArrayList<>();
            reference.get("output").forEach(d -> output.add(d.asLong()));
            var layers = compilation.model().layers();
            List<Long> cnncOutput = sizes(layers.get(layers.size() - 1).outputShape());
            if (!output.equals(cnncOutput)) {
                problems.add("output shape: the reference's " + output + ", cnnc's " + cnncOutput);
            }
        }
        if (model.python() == null) {
            problems.add("no PyTorch code: " + TorchBackend.generate(compilation).diagnostics());
        } else {
            JsonNode error = reference.get("error");
            if (error == null || !error.isNumber()) {
                problems.add("the module's output was not compared with the reference's");
            } else if (!(error.asDouble() <= TOLERANCE)) {
                problems.add(String.format("output: cnnc's module differs from the reference by %.3g of its largest "
                        + "value (at most %.0e allowed), with the reference's weights", error.asDouble(), TOLERANCE));
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    /** A shape as a list of sizes, channels last: [32000, 1], [116, 132, 132, 3], [10]. */
    private static List<Long> sizes(Shape shape) {
        if (shape instanceof Shape.Grid grid) {
            List<Long> sizes = new ArrayList<>(grid.sizes());
            sizes.add(grid.channels());
            return sizes;
        }
        return List.of(((Shape.Vector) shape).length());
    }

    private static void differs(List<String> problems, String what, long reference, long cnnc) {
        if (cnnc != reference) {
            problems.add(String.format("%s: the reference %,d, cnnc %,d", what, reference, cnnc));
        }
    }

    @Test
    void everySampleOfRankOneOrThreeHasALine() {
        List<Path> lines = CASES.stream().map(RankModel::file).sorted().toList();
        List<Path> samples = Samples.good().stream().filter(path -> {
            Compilation compilation = Samples.compile(path);
            return !compilation.hasErrors() && compilation.model().input() instanceof Shape.Grid grid && grid.rank() != 2;
        }).toList();
        assertEquals(samples, lines, "the samples of sequences and volumes and SequenceVolumeModelsTest.MODELS");
        double largest = 0;
        for (RankModel model : CASES) {
            JsonNode error = results.path(model.title()).path("error");
            largest = Math.max(largest, error.isNumber() ? error.asDouble() : 0);
        }
        System.out.printf("sequence and volume references: %d models in one Python process, %.1f s; largest output "
                + "difference %.2e%n", CASES.size(), pythonTime.toMillis() / 1000.0, largest);
    }
}
