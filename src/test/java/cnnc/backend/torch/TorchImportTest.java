package cnnc.backend.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.Compilation;
import cnnc.backend.report.JsonReport;
import cnnc.imports.torch.TorchImport;
import cnnc.testing.Cases;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code cnnc import} from PyTorch, with cnnc's own tracer ({@code trace.py}) run on every module in one
 * Python process ({@code timm/import_models.py}, the timm venv's, which has torchvision):
 * <ul>
 * <li>every sample's module from {@code cnnc torch}, imported back, has the sample's JSON report: totals
 * (parameters, trainable, non-trainable, MACs, FLOPs), input, and every row's output shape, parameters and
 * MACs, none refused (cnnc torch's helper classes, kept whole by the tracer, come back as their statements);</li>
 * <li>torchvision's classification models, imported, have torch's parameters() sum, buffer values (the
 * non-trainable count), and MACs (FlopCounterMode's FLOPs halved), counted by torch in the same run;</li>
 * <li>the torchvision models the language cannot express are refused at their module, for the reason
 * {@link #REFUSED_TORCHVISION} gives;</li>
 * <li>the module cnnc torch generates from each torchvision model's import, with the model's weights copied in,
 * computes the model's output ({@code timm/imported_outputs.py}, in the same process once cnnc has imported
 * what it traced).</li>
 * </ul>
 */
class TorchImportTest {
    private static final String MODELS = Path.of("src/test/resources/torch/torchvision_models.py").toAbsolutePath()
            .toString();
    /** torchvision models imported: the spec, and the input as cnnc writes it. */
    static final Map<String, String> TORCHVISION = new LinkedHashMap<>();

    static {
        for (String name : List.of("resnet18", "resnet50", "vgg16_bn", "densenet121", "mobilenet_v2",
                "mobilenet_v3_large", "efficientnet_b0", "regnet_y_400mf", "shufflenet_v2_x1_0", "convnext_tiny")) {
            TORCHVISION.put("torchvision.models:" + name, "224x224x3");
        }
        TORCHVISION.put(MODELS + ":googlenet", "224x224x3");
    }

    /** Refused torchvision models: the spec, then the code and the start of the message it must have. */
    static final Map<String, String> REFUSED_TORCHVISION = new LinkedHashMap<>();

    static {
        REFUSED_TORCHVISION.put("torchvision.models:googlenet", "E0836 module aux1.conv.conv (Conv2d) holds");
    }

    private static final Path WORK = Path.of("target", "torch-import").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Path> SAMPLES = Samples.good();
    /**
     * The largest difference allowed between the source's output and the imported module's, as a fraction of the
     * largest |output|: both run in float32, and the same sums in another order (a Linear on positions is a 1x1
     * convolution in cnnc's module) differ by rounding, 1e-7 to 1e-6 of the output, where a weight in the wrong
     * place, a padding or a channel order that differs gives a difference of the order of the output itself.
     */
    private static final double TOLERANCE = 1e-5;
    private static JsonNode results;
    /** For each torchvision model imported: imported_outputs.py's comparison of the outputs. */
    private static JsonNode outputs;
    private static Duration pythonTime;

    @BeforeAll
    static void trace() throws IOException {
        Files.createDirectories(WORK);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.set("helpers", JSON.valueToTree(TorchImport.helpers()));
        ArrayNode cases = manifest.putArray("cases");
        for (Path sample : SAMPLES) {
            Compilation compilation = Samples.compile(sample);
            String python = TorchBackend.generate(compilation).python().orElseThrow();
            Path module = Files.writeString(WORK.resolve(sample.toString().replace('/', '_').replace(".cnn", ".py")),
                    python);
            JsonNode report = JSON.readTree(JsonReport.render(compilation));
            List<Integer> sizes = new ArrayList<>();
            report.get("input").forEach(d -> sizes.add(d.asInt()));
            addCase(cases, sample.toString(), module + ":build_model", sizes);
        }
        TORCHVISION.forEach((spec, input) -> addCase(cases, spec, spec, sizes(input)).put("check", true));
        REFUSED_TORCHVISION.keySet().forEach(spec -> addCase(cases, spec, spec, sizes("224x224x3")));
        TorchEnvironment.TwoStepRun run = TorchEnvironment.timmManifestThen("import_models.py", WORK, manifest,
                TorchImportTest::importedModules, Duration.ofMinutes(15));
        results = run.results();
        outputs = run.then();
        pythonTime = run.time();
    }

    /** The second step: each torchvision model the import takes, as cnnc torch writes its description. */
    private static ObjectNode importedModules(JsonNode traced) {
        results = traced;
        ObjectNode then = JSON.createObjectNode();
        ArrayNode cases = then.putArray("cases");
        for (Map.Entry<String, String> model : TORCHVISION.entrySet()) {
            TorchImport.Result result = imported(model.getKey(), model.getKey());
            if (result.compilation().isEmpty()) {
                continue; // torchvisionModelsHaveTorchsFigures says why
            }
            Path module = WORK.resolve("imported_" + model.getKey().replaceAll("[^A-Za-z0-9_]", "_") + ".py");
            try {
                Files.writeString(module, TorchBackend.generate(result.compilation().get()).python().orElseThrow());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            addCase(cases, model.getKey(), model.getKey(), sizes(model.getValue())).put("module", module.toString());
        }
        return then;
    }

    private static List<Integer> sizes(String input) {
        return java.util.Arrays.stream(input.split("x")).map(Integer::valueOf).toList();
    }

    private static ObjectNode addCase(ArrayNode cases, String title, String spec, List<Integer> hwc) {
        ObjectNode added = cases.addObject().put("title", title).put("spec", spec);
        ArrayNode sizes = added.putArray("sizes");
        sizes.add(hwc.get(hwc.size() - 1));
        hwc.subList(0, hwc.size() - 1).forEach(sizes::add);
        return added;
    }

    private static TorchImport.Result imported(String title, String spec) {
        JsonNode result = results.get(title);
        assertNotNull(result, title + " was not run in import_models.py");
        JsonObject graph = JsonParser.parseString(result.get("graph").toString()).getAsJsonObject();
        return TorchImport.fromGraph(spec, graph, title.replaceAll("[^A-Za-z0-9_]", "_") + ".cnn");
    }

    private static String errors(TorchImport.Result result) {
        StringBuilder text = new StringBuilder();
        result.diagnostics().forEach(d -> text.append(d.source().name()).append(':').append(d.diagnostic().span().line())
                .append(": ").append(d.diagnostic().code()).append(' ').append(d.diagnostic().message()).append('\n'));
        return text.toString();
    }

    @TestFactory
    Stream<DynamicTest> everySampleImportedBackHasItsReport() {
        return SAMPLES.stream().map(sample -> Cases.named(sample.toString(), () -> {
            TorchImport.Result result = imported(sample.toString(), sample.toString());
            assertTrue(result.text().isPresent(), errors(result));
            JsonNode original = JSON.readTree(JsonReport.render(Samples.compile(sample)));
            JsonNode back = JSON.readTree(JsonReport.render(result.compilation().orElseThrow()));
            List<String> problems = new ArrayList<>();
            for (String key : List.of("params", "trainableParams", "nonTrainableParams", "macs", "flops")) {
                if (!original.get("totals").get(key).equals(back.get("totals").get(key))) {
                    problems.add(key + ": the sample's " + original.get("totals").get(key) + ", imported "
                            + back.get("totals").get(key));
                }
            }
            if (!original.get("input").equals(back.get("input"))) {
                problems.add("input: " + original.get("input") + ", imported " + back.get("input"));
            }
            // the rows as a multiset: the import may write a merge's branches in another order than the sample
            List<String> rows = rows(original).stream().sorted().toList();
            List<String> rowsBack = rows(back).stream().sorted().toList();
            if (!rows.equals(rowsBack)) {
                int at = 0;
                while (at < Math.min(rows.size(), rowsBack.size()) && rows.get(at).equals(rowsBack.get(at))) {
                    at++;
                }
                problems.add("rows (output shape, parameters, MACs) from row " + (at + 1) + ":\n  sample   "
                        + rows.subList(at, Math.min(rows.size(), at + 4)) + "\n  imported "
                        + rowsBack.subList(at, Math.min(rowsBack.size(), at + 4)));
            }
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems) + "\n" + result.text().get());
            }
        }));
    }

    private static List<String> rows(JsonNode report) {
        List<String> rows = new ArrayList<>();
        report.get("layers").forEach(row -> rows.add(row.get("outputShape") + " " + row.get("params") + " "
                + row.get("macs")));
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> torchvisionModelsHaveTorchsFigures() {
        return TORCHVISION.keySet().stream().map(spec -> Cases.named(spec, () -> {
            TorchImport.Result result = imported(spec, spec);
            assertTrue(result.text().isPresent(), errors(result));
            JsonNode torch = results.get(spec);
            JsonNode totals = JSON.readTree(JsonReport.render(result.compilation().orElseThrow())).get("totals");
            long params = torch.get("params").asLong();
            long buffers = torch.get("buffers").asLong();
            List<String> problems = new ArrayList<>();
            differs(problems, "parameters (parameters() and buffer values)", params + buffers, totals.get("params"));
            differs(problems, "trainable parameters (parameters())", params, totals.get("trainableParams"));
            differs(problems, "MACs (FlopCounterMode's FLOPs halved)", torch.get("macs").asLong(), totals.get("macs"));
            if (!problems.isEmpty()) {
                fail(String.join("\n", problems) + "\n" + result.text().get());
            }
            System.out.printf("%s: %,d parameters, %,d MACs, %d lines%n", spec, params + buffers,
                    totals.get("macs").asLong(), result.text().get().lines().count());
        }));
    }

    /** docs/import.md shows torchvision's ResNet-50, ConvNeXt-Tiny and DenseNet121 as the import writes them. */
    @TestFactory
    Stream<DynamicTest> docsShowTheImportsAsWritten() {
        return Stream.of("resnet50", "convnext_tiny", "densenet121").map(name -> Cases.named(name, () -> {
            String spec = "torchvision.models:" + name;
            String text = imported(spec, spec).text().orElseThrow();
            String shown = text.lines().map(line -> "    " + line + "\n").reduce("", String::concat);
            String docs = Files.readString(Path.of("docs", "import.md"));
            assertTrue(docs.contains(shown), "docs/import.md shows:\n" + shown);
            assertTrue(docs.contains("in " + text.lines().count() + " lines"), "docs/import.md says the line count");
        }));
    }

    private static void differs(List<String> problems, String what, long torch, JsonNode cnnc) {
        if (cnnc.asLong() != torch) {
            problems.add(String.format("%s: torch %,d, cnnc %,d", what, torch, cnnc.asLong()));
        }
    }

    @TestFactory
    Stream<DynamicTest> theModuleGeneratedFromEachImportComputesTheModelsOutputWithItsWeights() {
        return TORCHVISION.keySet().stream().map(spec -> Cases.named(spec, () -> {
            JsonNode check = outputs.get(spec);
            assertNotNull(check, spec + " was not imported, so there is no module to run (its figures test says why)");
            assertTrue(check.get("problems").isEmpty(), "the weights could not be copied, or a module did not run: "
                    + check.get("problems"));
            double error = check.get("error").asDouble();
            double scale = check.get("scale").asDouble();
            assertTrue(error <= TOLERANCE * scale, String.format("%s: the outputs differ by up to %.3g, where the "
                    + "largest |output| is %.3g (allowed: %.0e of it)", spec, error, scale, TOLERANCE));
            System.out.printf("%s: %d tensors copied, outputs differ by at most %.2g of the largest |output| %.3g%n",
                    spec, check.get("tensors").asInt(), error / scale, scale);
        }));
    }

    @TestFactory
    Stream<DynamicTest> torchvisionModelsTheLanguageCannotExpressAreRefusedAtTheirModule() {
        return REFUSED_TORCHVISION.entrySet().stream().map(entry -> Cases.named(entry.getKey(),
                () -> assertRefused(imported(entry.getKey(), entry.getKey()), entry.getValue())));
    }

    private static void assertRefused(TorchImport.Result result, String expected) {
        assertTrue(result.text().isEmpty(), "imported, where it must be refused: " + expected);
        String first = result.diagnostics().get(0).diagnostic().code() + " "
                + result.diagnostics().get(0).diagnostic().message();
        assertTrue(first.startsWith(expected), "refused, but not as expected (" + expected + "):\n" + errors(result));
    }

    @Test
    void oneProcessTracesEveryModule() {
        assertEquals(SAMPLES.size() + TORCHVISION.size() + REFUSED_TORCHVISION.size(), results.size());
        System.out.printf("torch import: %d modules traced in one Python process, %.1f s%n", results.size(),
                pythonTime.toMillis() / 1000.0);
    }
}
