package cnnc.backend.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.Compilation;
import cnnc.backend.report.JsonReport;
import cnnc.bench.TimmSurvey;
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
 * samples/timm/ against timm itself, run in the suite ({@code timm/timm_models.py}, one Python process for
 * every model): for each line of {@link #MODELS}, timm builds its model (never its weights), counts its
 * parameters, buffer values and MACs (FlopCounterMode, a batch of one), which must be cnnc's report's;
 * then timm's weights, its batch-norm statistics drawn at random, are copied into the module cnnc
 * generates for the file, which must compute timm's output within {@value #TOLERANCE} of its largest
 * value on a random input (eval mode). In the same process, the rows {@link #SURVEY} names of docs/timm.md's
 * survey of timm's CNN architectures are measured again and must be what the page says.
 */
class TimmModelsTest {
    /**
     * One line per model: its file under samples/timm/, then {@code timm.create_model}'s model name and
     * keyword arguments (Python source; {@code pretrained=False} is always added), then the input as cnnc
     * writes it (the file's {@code input}).
     */
    static final String MODELS = """
            cspdarknet53.cnn     | cspdarknet53      |  | 256x256x3
            densenet121.cnn      | densenet121       |  | 224x224x3
            dpn68.cnn            | dpn68             |  | 224x224x3
            efficientnet_b0.cnn  | efficientnet_b0   |  | 224x224x3
            gcresnet50t.cnn      | gcresnet50t       |  | 256x256x3
            ghostnet_100.cnn     | ghostnet_100      |  | 224x224x3
            hrnet_w18.cnn        | hrnet_w18         |  | 224x224x3
            mixnet_s.cnn         | mixnet_s          |  | 224x224x3
            mobilenetv3_large_100.cnn | mobilenetv3_large_100 |  | 224x224x3
            resnet50.cnn         | resnet50          |  | 224x224x3
            resnext50_32x4d.cnn  | resnext50_32x4d   |  | 224x224x3
            rexnet_100.cnn       | rexnet_100        |  | 224x224x3
            skresnet18.cnn       | skresnet18        |  | 224x224x3
            """;
    /**
     * Rows of docs/timm.md's survey measured again here, as {@code bench/timm-survey.sh} measures every row
     * (their models traced by cnnc's tracer, imported, and compared with torch's figures), so that the page
     * stays what cnnc and timm do: architectures that import exactly, and ones refused or untraceable.
     */
    static final List<String> SURVEY = List.of("densenet", "dpn", "resnet", "vgg");
    static final double TOLERANCE = 1e-4;
    private static final Path WORK = Path.of("target", "timm-models").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<TimmModel> CASES = new ArrayList<>();
    private static final List<TimmSurvey.Row> SURVEY_ROWS = surveyRows();
    private static JsonNode results;
    private static Duration pythonTime;

    /** A line of {@link #MODELS}, its file compiled, and the module cnnc generates for it (null if none). */
    record TimmModel(Path file, String name, String keywords, List<Integer> input, Compilation compilation,
            String python) {
        String title() {
            return file + " (timm " + name + (keywords.isEmpty() ? "" : "(" + keywords + ")") + ")";
        }
    }

    @BeforeAll
    static void runTimm() throws IOException {
        for (String line : MODELS.strip().split("\n")) {
            String[] cells = line.split("\\|", -1);
            assertEquals(4, cells.length, "a line of MODELS: file | name | keywords | input: " + line);
            Path file = Samples.ROOT.resolve("timm").resolve(cells[0].strip());
            Compilation compilation = Samples.compile(file);
            String python = compilation.hasErrors() ? null : TorchBackend.generate(compilation).python().orElse(null);
            CASES.add(new TimmModel(file, cells[1].strip(), cells[2].strip(),
                    Arrays.stream(cells[3].strip().split("x")).map(Integer::valueOf).toList(), compilation, python));
        }
        Files.createDirectories(WORK);
        ObjectNode manifest = JSON.createObjectNode();
        ArrayNode list = manifest.putArray("cases");
        for (TimmModel model : CASES) {
            if (model.python() == null) {
                continue;
            }
            Path module = Files.writeString(WORK.resolve(model.file().getFileName().toString().replace(".cnn", ".py")),
                    model.python());
            ObjectNode entry = list.addObject().put("title", model.title()).put("module", module.toString())
                    .put("name", model.name()).put("keywords", model.keywords());
            List<Integer> hwc = model.input();
            entry.putArray("input").add(hwc.get(2)).add(hwc.get(0)).add(hwc.get(1));
        }
        for (String module : SURVEY) {
            TimmSurvey.Row row = SURVEY_ROWS.stream().filter(r -> r.module().equals(module)).findFirst()
                    .orElseThrow(() -> new AssertionError("docs/timm.md has no row for " + module));
            list.addObject().put("title", surveyTitle(row)).put("survey", module).put("name", row.model());
        }
        TorchEnvironment.ManifestRun run = TorchEnvironment.timmManifest("timm_models.py", WORK, manifest);
        results = run.results();
        pythonTime = run.time();
    }

    private static String surveyTitle(TimmSurvey.Row row) {
        return "docs/timm.md " + row.module() + " (timm " + row.model() + ")";
    }

    private static List<TimmSurvey.Row> surveyRows() {
        try {
            return TimmSurvey.rows(Files.readString(Path.of("docs", "timm.md")));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> surveyRowsAreWhatCnncAndTimmDo() {
        return SURVEY_ROWS.stream().filter(row -> SURVEY.contains(row.module()))
                .map(row -> Cases.named(surveyTitle(row), () -> {
                    JsonNode entry = results.get(surveyTitle(row));
                    assertNotNull(entry, "not run in timm_models.py");
                    assertTrue(!entry.has("problems"), entry.path("problems").toString());
                    assertEquals("cnn", entry.get("kind").asText(), "timm_survey.py's kind of the model");
                    assertEquals(row, TimmSurvey.row(entry), "the row of docs/timm.md");
                }));
    }

    @TestFactory
    Stream<DynamicTest> timmsFiguresAndOutputs() {
        return CASES.stream().map(model -> Cases.named(model.title(), () -> check(model)));
    }

    private static void check(TimmModel model) throws IOException {
        Compilation compilation = model.compilation();
        assertTrue(!compilation.hasErrors(), compilation.diagnostics().toString());
        assertNotNull(model.python(), "not translated to PyTorch: " + TorchBackend.generate(compilation).diagnostics());
        JsonNode report = JSON.readTree(JsonReport.render(compilation));
        List<Integer> input = new ArrayList<>();
        report.get("input").forEach(d -> input.add(d.asInt()));
        assertEquals(model.input(), input, "the input of the line in MODELS and the file's");
        JsonNode timm = results.get(model.title());
        assertNotNull(timm, "not run in timm_models.py");
        List<String> problems = new ArrayList<>();
        timm.get("problems").forEach(p -> problems.add(p.asText()));
        if (timm.has("params")) {
            JsonNode totals = report.get("totals");
            long params = timm.get("params").asLong();
            long buffers = timm.get("buffers").asLong();
            differs(problems, "parameters (timm's parameters() and buffer values)", params + buffers, totals.get("params"));
            differs(problems, "trainable parameters (timm's parameters())", params, totals.get("trainableParams"));
            differs(problems, "non-trainable parameters (timm's buffer values)", buffers, totals.get("nonTrainableParams"));
            if (timm.get("macs").isNull()) {
                problems.add("MACs: FlopCounterMode counts an odd number of FLOPs in timm's model");
            } else {
                differs(problems, "MACs (FlopCounterMode's FLOPs halved)", timm.get("macs").asLong(), totals.get("macs"));
            }
        }
        JsonNode error = timm.get("error");
        if (error != null && error.isNumber() && !(error.asDouble() <= TOLERANCE)) {
            problems.add(String.format("output: cnnc's module differs from timm's by %.3g of its largest value "
                    + "(at most %.0e allowed), with timm's weights", error.asDouble(), TOLERANCE));
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private static void differs(List<String> problems, String what, long timm, JsonNode cnnc) {
        if (cnnc.asLong() != timm) {
            problems.add(String.format("%s: timm %,d, cnnc %,d", what, timm, cnnc.asLong()));
        }
    }

    @Test
    void everyFileUnderSamplesTimmHasALineAndEveryLineAFile() {
        List<Path> lines = CASES.stream().map(TimmModel::file).sorted().toList();
        assertEquals(Samples.under("timm"), lines, "samples/timm/ and TimmModelsTest.MODELS");
        assertEquals(lines.size(), lines.stream().distinct().count(), "a file on two lines of MODELS");
        double largest = 0;
        for (TimmModel model : CASES) {
            JsonNode error = results.path(model.title()).path("error");
            largest = Math.max(largest, error.isNumber() ? error.asDouble() : Double.POSITIVE_INFINITY);
        }
        System.out.printf("timm models: %d models in one Python process, %.1f s; largest difference %.2e of the output%n",
                CASES.size(), pythonTime.toMillis() / 1000.0, largest);
    }
}
