package cnnc.imports.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.backend.report.JsonReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code cnnc import} against Keras run in the suite ({@link KerasExport}): each sample's generated Keras
 * module, saved by Keras with to_json and imported back, has the sample's JSON report (the totals, the
 * output, and every layer's output shape and parameters); keras.applications' models, imported from their
 * to_json (MobileNetV2 also from a .keras archive), have Keras's count_params(), trainable count and
 * output shape, as Keras computed them in the same run.
 */
class KerasImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The samples whose Keras module the import refuses, with the words of the refusal: each is refused
     * with them, and every other sample must round-trip.
     */
    static final Map<String, String> CANNOT_EXPRESS = new TreeMap<>(Map.of(
            // cnnc's MatMul and Select classes: layers of cnnc's own, which a Keras model in general does not have
            "attention.cnn", "Keras layer context1.matmul1 is a MatMul",
            "timm/gcresnet50t.cnn", "Keras layer stage1.down1.residual1.context1.matmul1 is a MatMul",
            // split and shuffle are Lambdas: Python code, which the import does not read
            "timm/cspdarknet53.cnn", "Keras layer stage1.split1 is a Lambda",
            "timm/dpn68.cnn", "Keras layer stage1.dual1.split1 is a Lambda",
            "timm/mixnet_s.cnn", "Keras layer ir1.mix1.split1 is a Lambda",
            "timm/rexnet_100.cnn", "Keras layer keep1.split1 is a Lambda",
            "torchvision/shufflenetv2.cnn", "is a Lambda"));

    @TestFactory
    Stream<DynamicTest> samplesRoundTrip() {
        KerasExport export = KerasExport.get();
        return export.samples.keySet().stream().filter(name -> !CANNOT_EXPRESS.containsKey(name))
                .map(name -> DynamicTest.dynamicTest(name, () -> {
                    Compilation imported = imported(name, export.sampleJson(name).getBytes(StandardCharsets.UTF_8));
                    assertSameReport(name, export.samples.get(name), imported);
                }));
    }

    @TestFactory
    Stream<DynamicTest> samplesRefused() {
        KerasExport export = KerasExport.get();
        return CANNOT_EXPRESS.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            KerasImport.Result result = KerasImport.run(entry.getKey(),
                    export.sampleJson(entry.getKey()).getBytes(StandardCharsets.UTF_8), "imported.cnn");
            assertTrue(result.text().isEmpty(), entry.getKey() + " imported, but is listed as refused");
            assertTrue(result.diagnostics().stream().anyMatch(d -> d.message().contains(entry.getValue())),
                    () -> entry.getKey() + ": refused with " + result.diagnostics() + ", not for " + entry.getValue());
        }));
    }

    @Test
    void everySampleKerasWritesIsExported() {
        KerasExport export = KerasExport.get();
        assertTrue(export.samples.keySet().containsAll(CANNOT_EXPRESS.keySet()), "CANNOT_EXPRESS names a sample "
                + "without a Keras module: " + CANNOT_EXPRESS.keySet());
        assertTrue(export.samples.size() > 40, "samples with a Keras module: " + export.samples.size());
    }

    /** keras.applications' models the import refuses, with the words of the refusal, at the layer named. */
    static final Map<String, String> APPLICATIONS_REFUSED = Map.of(
            // hard_sigmoid written as layers.ReLU(6.0)(x + 3.0) * (1.0 / 6.0): keras.ops on a constant
            "MobileNetV3Small", "error[E0821]: Keras layer add is called with a constant (3.0): the language's layers "
                    + "read tensors only",
            // Inception-ResNet's scaled residual sum, a class of keras.applications' own
            "InceptionResNetV2", "error[E0821]: Keras layer custom_scale_layer is a CustomScaleLayer, which the "
                    + "language has no layer for");

    @TestFactory
    Stream<DynamicTest> kerasApplicationsRefused() {
        KerasExport export = KerasExport.get();
        return APPLICATIONS_REFUSED.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            String file = export.results.get("applications").get(entry.getKey()).get("json").asText();
            KerasImport.Result result = KerasImport.run(file, bytes(file), "imported.cnn");
            assertTrue(result.text().isEmpty(), entry.getKey() + " imported, but is listed as refused");
            String rendered = result.diagnostics().stream()
                    .map(d -> cnnc.diag.DiagnosticRenderer.render(result.source(), d)).reduce("", String::concat);
            assertTrue(rendered.contains(entry.getValue()), rendered);
        }));
    }

    @TestFactory
    Stream<DynamicTest> kerasApplications() {
        KerasExport export = KerasExport.get();
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : KerasExport.APPLICATIONS) {
            if (APPLICATIONS_REFUSED.containsKey(name)) {
                continue;
            }
            JsonNode keras = export.results.get("applications").get(name);
            tests.add(DynamicTest.dynamicTest(name + " (to_json)", () ->
                    assertKerasFigures(name, keras, imported(name, bytes(keras.get("json").asText())))));
            if (keras.has("keras")) {
                tests.add(DynamicTest.dynamicTest(name + " (.keras)", () ->
                        assertKerasFigures(name, keras, imported(name, bytes(keras.get("keras").asText())))));
            }
        }
        return tests.stream();
    }

    /** docs/import.md shows keras.applications' ResNet50 as the import writes it. */
    @Test
    void docsShowResNet50AsImported() throws IOException {
        JsonNode keras = KerasExport.get().results.get("applications").get("ResNet50");
        KerasImport.Result result = KerasImport.run("resnet50.json", bytes(keras.get("json").asText()), "resnet50.cnn");
        String shown = result.text().orElseThrow().lines().map(line -> "    " + line + "\n")
                .reduce("", String::concat);
        assertTrue(Files.readString(Path.of("docs", "import.md")).contains(shown), "docs/import.md shows:\n" + shown);
        assertTrue(Files.readString(Path.of("docs", "import.md")).contains("in " + shown.lines().count() + " lines:"));
    }

    private static void assertKerasFigures(String name, JsonNode keras, Compilation imported) {
        var totals = imported.model().totals();
        assertEquals(keras.get("params").asLong(), totals.params(), name + " parameters");
        assertEquals(keras.get("trainable").asLong(), totals.trainableParams(), name + " trainable parameters");
        assertEquals(keras.get("output").toString(), report(imported).get("layers")
                .get(report(imported).get("layers").size() - 1).get("outputShape").toString(), name + " output");
    }

    private static Compilation imported(String name, byte[] bytes) {
        KerasImport.Result result = KerasImport.run(name, bytes, name + ".cnn");
        assertTrue(result.text().isPresent(), () -> name + ": " + result.diagnostics());
        return result.compilation().orElseThrow();
    }

    /** The figures and shapes of the sample's report and the import's: totals, output, and each row's. */
    private static void assertSameReport(String name, Compilation sample, Compilation imported) {
        JsonNode expected = report(sample);
        JsonNode actual = report(imported);
        assertEquals(expected.get("input"), actual.get("input"), name + " input");
        for (String total : List.of("params", "trainableParams", "nonTrainableParams", "macs", "flops")) {
            assertEquals(expected.get("totals").get(total), actual.get("totals").get(total), name + " " + total);
        }
        assertEquals(rows(expected), rows(actual), name + ": each layer's output shape and parameters");
    }

    /** Each row as its output shape and parameters, in a fixed order: the import may order branches otherwise. */
    private static List<String> rows(JsonNode report) {
        List<String> rows = new ArrayList<>();
        report.get("layers").forEach(row -> rows.add(row.get("outputShape") + " " + row.get("params") + " "
                + row.get("macs")));
        rows.sort(null);
        return rows;
    }

    private static JsonNode report(Compilation compilation) {
        try {
            return JSON.readTree(JsonReport.render(compilation));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String path) {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
