package cnnc.backend.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.backend.report.JsonReport;
import cnnc.source.SourceFile;
import cnnc.testing.Cases;
import cnnc.testing.PythonVenv;
import cnnc.testing.RandomGraphs;
import cnnc.testing.RandomModels;
import cnnc.testing.RankModels;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The one torch process of the conformance suite: every model's generated module is built by
 * {@code conform.py} and compared with cnnc's JSON report. Made once per test JVM.
 */
final class TorchRun {
    static final long SEED = 13;
    static final int RANDOM_CHAINS = 160;
    static final int RANDOM_GRAPHS = 160;
    /**
     * Expressions of torch whose answers decide what cnnc torch rejects (E0602): ATen's pooling takes its
     * window and stride as 32-bit ints, so 2^31 overflows while 2^31 - 1 is only too large for the input.
     */
    static final Map<String, String> LIMITS = Map.of(
            "max pool window 2^31", "F.max_pool2d(torch.zeros(1, 1, 3, 3), (2**31, 1))",
            "max pool window 2^31 - 1", "F.max_pool2d(torch.zeros(1, 1, 3, 3), (2**31 - 1, 1))",
            "avg pool stride 2^31", "F.avg_pool2d(torch.zeros(1, 1, 3, 3), 1, (1, 2**31))",
            "avg pool stride 2^31 - 1", "F.avg_pool2d(torch.zeros(1, 1, 3, 3), 1, (1, 2**31 - 1))");
    private static final Path WORK = Path.of("target", "torch-conformance").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TorchRun instance;

    /** A model of the run: where it comes from, its description's compilation and the generated module. */
    record Case(String group, String title, Compilation compilation, String python) {
    }

    final List<Case> cases;
    /** conform.py's problems for each case, by title. */
    final JsonNode problems;
    /** [sum of parameters(), buffer values] of each case, by title. */
    final JsonNode totals;
    /** torch's answer for each of {@link #LIMITS}: "accepted", or its error. */
    final Map<String, String> limits = new LinkedHashMap<>();
    final Duration pythonTime;

    private TorchRun(List<Case> cases, JsonNode results, Duration pythonTime) {
        this.cases = List.copyOf(cases);
        this.problems = results.get("cases");
        this.totals = results.get("totals");
        results.get("limits").fields().forEachRemaining(entry -> limits.put(entry.getKey(), entry.getValue().asText()));
        this.pythonTime = pythonTime;
    }

    /** The run's failure, kept: each test class that asks again gets it at once instead of another run. */
    private static Error failure;

    static synchronized TorchRun get() {
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

    private static TorchRun start() {
        List<Case> cases = new ArrayList<>();
        for (Path path : Samples.good()) {
            cases.add(generate("samples", path.toString(), Samples.compile(path)));
        }
        cases.addAll(texts("chains", "model", new RandomModels(SEED).generate(RANDOM_CHAINS, TorchRun::expressible)));
        cases.addAll(texts("graphs", "graph", new RandomGraphs(SEED).generate(RANDOM_GRAPHS, TorchRun::expressible)));
        List<String> ranks = new ArrayList<>(RankModels.BOTH);
        ranks.addAll(RankModels.TORCH_ONLY);
        cases.addAll(texts("ranks", "rank", ranks));
        try {
            Files.createDirectories(WORK);
            Path manifest = manifest(cases);
            Path results = WORK.resolve("results.json");
            Files.deleteIfExists(results);
            TorchEnvironment.VENV.python();
            long start = System.nanoTime();
            PythonVenv.Run run = TorchEnvironment.script("conform.py", List.of(manifest.toString(), results.toString()),
                    Duration.ofMinutes(10));
            Duration time = Duration.ofNanos(System.nanoTime() - start);
            if (run.exit() != 0 || !Files.exists(results)) {
                throw new AssertionError("conform.py exited with " + run.exit() + ":\n" + run.output());
            }
            return new TorchRun(cases, JSON.readTree(results.toFile()), time);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dynamic test per case of the group, named by its title, running {@code check} on it. */
    static Stream<DynamicTest> tests(List<Case> cases, String group, Consumer<Case> check) {
        return cases.stream().filter(c -> c.group().equals(group))
                .map(c -> Cases.named(c.title(), () -> check.accept(c)));
    }

    /** A script's findings about a case, an array of texts (null: the case was not run), must be none. */
    static void assertNoProblems(JsonNode problems, Case c, String what) {
        assertNotNull(problems, c.title() + " was not run in torch");
        List<String> found = new ArrayList<>();
        problems.forEach(p -> found.add(p.asText()));
        assertEquals(List.of(), found, c.title() + ": " + what + ":\n" + String.join("\n", found) + "\n" + c.python());
    }

    static boolean expressible(Compilation compilation) {
        return TorchBackend.generate(compilation).python().isPresent();
    }

    /** Each description compiled as STEM + i and translated, titled with its text. */
    static List<Case> texts(String group, String stem, List<String> texts) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Compilation compilation = Compiler.compile(new SourceFile(stem + i + ".cnn", text));
            cases.add(generate(group, stem + i + ": " + text.strip().replace("\n", "; "), compilation));
        }
        return cases;
    }

    static Case generate(String group, String title, Compilation compilation) {
        String python = compilation.hasErrors() ? null : TorchBackend.generate(compilation).python().orElse(null);
        return new Case(group, title, compilation, python);
    }

    private static Path manifest(List<Case> cases) throws IOException {
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
        }
        ObjectNode limits = root.putObject("limits");
        LIMITS.forEach(limits::put);
        Path manifest = WORK.resolve("manifest.json");
        JSON.writeValue(manifest.toFile(), root);
        return manifest;
    }
}
