package cnnc.backend.keras;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.backend.report.JsonReport;
import cnnc.source.SourceFile;
import cnnc.testing.RandomGraphs;
import cnnc.testing.RandomModels;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one Python process of the Keras suites: every model's generated module is built by
 * {@code conform.py} and compared with cnnc's JSON report, and {@code zoo.py} compares the zoo's
 * reports with keras.applications, all after a single start of Keras. Made once per test JVM, for
 * {@link KerasConformanceTest} and {@link KerasZooTest}.
 */
final class KerasRun {
    static final long SEED = 11;
    static final int RANDOM_CHAINS = 120;
    static final int RANDOM_GRAPHS = 120;
    /** The zoo samples and the keras.applications function each reproduces. */
    static final Map<String, String> ZOO = Map.of("vgg16", "VGG16", "resnet50", "ResNet50",
            "mobilenetv2", "MobileNetV2", "densenet121", "DenseNet121", "inceptionv3", "InceptionV3",
            "efficientnetb0", "EfficientNetB0", "nasnetmobile", "NASNetMobile", "convnexttiny", "ConvNeXtTiny",
            "mobilenetv3small", "MobileNetV3Small", "resnet101", "ResNet101");
    /**
     * Keras layers whose acceptance decides what cnnc keras rejects (E0600) and what it lets through;
     * {@link KerasRejectionTest} reads Keras's answers.
     */
    static final Map<String, String> LIMITS = Map.of(
            "conv stride and dilation", "layers.Conv2D(4, 3, strides=2, dilation_rate=2)",
            "conv stride in one dimension and dilation", "layers.Conv2D(4, 3, strides=(1, 2), dilation_rate=2)",
            "deconv stride and dilation", "layers.Conv2DTranspose(4, 3, strides=2, dilation_rate=2)",
            "conv dilation alone", "layers.Conv2D(4, 3, dilation_rate=2)",
            "conv stride alone", "layers.Conv2D(4, 3, strides=2)",
            "dwconv stride and dilation", "layers.DepthwiseConv2D(3, strides=2, dilation_rate=2)",
            "sepconv stride and dilation", "layers.SeparableConv2D(4, 3, strides=2, dilation_rate=2)",
            "deconv dilation alone", "layers.Conv2DTranspose(4, 3, dilation_rate=2)");
    private static final Path WORK = Path.of("target", "keras-conformance").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KerasRun instance;

    /** A model of the run: where it comes from, its description's compilation and the generated module. */
    record Case(String group, String title, Compilation compilation, String python) {
    }

    final List<Case> cases;
    /** conform.py's problems for each case, by title. */
    final JsonNode problems;
    /** The receptive fields jax measured, by title, then by row: [height, width]. */
    final JsonNode measuredFields;
    /** zoo.py's result for each zoo model, by name (vgg16, ...). */
    final Map<String, JsonNode> zoo = new LinkedHashMap<>();
    /** Keras's answer for each of {@link #LIMITS}: "accepted", or its error. */
    final Map<String, String> limits = new LinkedHashMap<>();
    final Duration pythonTime;

    private KerasRun(List<Case> cases, JsonNode results, Map<String, Path> zooReports, Duration pythonTime) {
        this.cases = List.copyOf(cases);
        this.problems = results.get("cases");
        this.measuredFields = results.get("receptive");
        zooReports.forEach((name, path) -> zoo.put(name, results.get("zoo").get(path.toString())));
        results.get("limits").fields().forEachRemaining(entry -> limits.put(entry.getKey(), entry.getValue().asText()));
        this.pythonTime = pythonTime;
    }

    /** The run's failure, kept: each test class that asks again gets it at once instead of another run. */
    private static Error failure;

    static synchronized KerasRun get() {
        if (failure != null) {
            throw new AssertionError("the run failed before (see the first test that asked for it)", failure);
        }
        if (instance == null) {
            try {
                instance = start();
            } catch (RuntimeException | Error e) {
                failure = e instanceof Error error ? error : new AssertionError(e);
                throw e;
            }
        }
        return instance;
    }

    private static KerasRun start() {
        List<Case> cases = new ArrayList<>();
        for (Path path : Samples.good()) {
            cases.add(generate("samples", path.toString(), Samples.compile(path)));
        }
        texts(cases, "chains", "model", new RandomModels(SEED).generate(RANDOM_CHAINS, KerasRun::expressible));
        texts(cases, "graphs", "graph", new RandomGraphs(SEED).generate(RANDOM_GRAPHS, KerasRun::expressible));
        // the DL4J suite's random graphs too: another generator's choices of branches and layers
        texts(cases, "dl4jgraphs", "dl4jgraph", new RandomModels(SEED).generateGraphs(RANDOM_GRAPHS / 2, KerasRun::expressible));
        texts(cases, "written", "written", HandWrittenModels.ALL);
        texts(cases, "ranks", "rank", cnnc.testing.RankModels.BOTH);
        texts(cases, "receptive", "receptive", HandWrittenModels.RECEPTIVE_FIELDS);
        try {
            Files.createDirectories(WORK);
            Map<String, Path> zooReports = zooReports();
            Path manifest = manifest(cases, zooReports);
            Path results = WORK.resolve("results.json");
            Files.deleteIfExists(results);
            KerasEnvironment.python();
            long start = System.nanoTime();
            // a guard against a hung process, not a speed check: 12 minutes on a quiet CI machine (374 models),
            // more than 15 on one whose two cores ran other suites too
            KerasEnvironment.Run run = KerasEnvironment.script("conform.py", List.of(manifest.toString(),
                    results.toString()), Duration.ofMinutes(40));
            Duration time = Duration.ofNanos(System.nanoTime() - start);
            if (run.exit() != 0 || !Files.exists(results)) {
                throw new AssertionError("conform.py exited with " + run.exit() + ":\n" + run.output());
            }
            return new KerasRun(cases, JSON.readTree(results.toFile()), zooReports, time);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean expressible(Compilation compilation) {
        return KerasBackend.generate(compilation).python().isPresent();
    }

    private static void texts(List<Case> cases, String group, String stem, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Compilation compilation = Compiler.compile(new SourceFile(stem + i + ".cnn", text));
            cases.add(generate(group, stem + i + ": " + text.strip().replace("\n", "; "), compilation));
        }
    }

    private static Case generate(String group, String title, Compilation compilation) {
        String python = compilation.hasErrors() ? null : KerasBackend.generate(compilation).python().orElse(null);
        return new Case(group, title, compilation, python);
    }

    private static Path manifest(List<Case> cases, Map<String, Path> zooReports) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("cases");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            if (c.python() == null) {
                continue;
            }
            Path module = WORK.resolve("m" + i + ".py");
            Files.writeString(module, c.python());
            ObjectNode entry = list.addObject();
            entry.put("title", c.title());
            entry.put("module", module.toString());
            entry.set("report", JSON.readTree(JsonReport.render(c.compilation())));
            entry.put("forward", c.group().equals("written"));
            if (c.group().equals("receptive") || c.group().equals("fieldgaps")) {
                entry.put("receptive", c.group().equals("receptive") ? "exact" : "record");
            }
        }
        ObjectNode zoo = root.putObject("zoo");
        zooReports.forEach((name, path) -> zoo.put(path.toString(), ZOO.get(name)));
        ObjectNode limits = root.putObject("limits");
        LIMITS.forEach((title, layer) -> {
            ObjectNode limit = limits.putObject(title);
            limit.putArray("input").add(16).add(16).add(3);
            limit.put("layer", layer);
        });
        Path manifest = WORK.resolve("manifest.json");
        JSON.writeValue(manifest.toFile(), root);
        return manifest;
    }

    /** cnnc's JSON report of each zoo sample, written for zoo.py. */
    private static Map<String, Path> zooReports() throws IOException {
        Map<String, Path> reports = new LinkedHashMap<>();
        for (String name : ZOO.keySet().stream().sorted().toList()) {
            Compilation compilation = Samples.compile(Samples.ROOT.resolve("zoo").resolve(name + ".cnn"));
            Path report = WORK.resolve(name + ".json");
            Files.writeString(report, JsonReport.render(compilation));
            reports.put(name, report);
        }
        return reports;
    }
}
