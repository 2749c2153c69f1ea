package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./cnnc dl4j FILE --project DIR} as a user runs it, from a fresh folder with nothing written by
 * hand: the project Maven builds and runs ({@code mvn -q compile exec:java}, offline against the local
 * repository when it holds every artifact, else from Maven Central), printing DL4J's summary with the
 * description's parameter count, and with {@code --loss} losses that are finite and change.
 */
class Dl4jProjectIT {
    /** LeNet-5's published count (LeCun et al. 1998, as Keras's and torch's LeNet examples count it). */
    private static final long LENET5_PARAMETERS = 61_706L;

    /** A small graph whose count is worked out below, so a ComputationGraph is built and trained. */
    private static final String GRAPH = """
            model shortcut
            input 8x8x3
            conv 4@3 same                       # 3 x 3 x 3 x 4 + 4 = 112
            add { conv 4@3 same relu | identity } # 3 x 3 x 4 x 4 + 4 = 148
            gap
            dense 5 softmax                      # 4 x 5 + 5 = 25
            """;
    private static final long GRAPH_PARAMETERS = 112 + 148 + 25;

    @TempDir
    Path dir;

    @Test
    void aChainWithAKerasLossBuildsPrintsItsSummaryAndTrains() throws Exception {
        Path project = dir.resolve("lenet5-dl4j");
        LauncherIT.Run written = LauncherIT.cnnc("dl4j", "samples/lenet5.cnn", "--loss", "categorical_crossentropy",
                "--project", project.toString());
        assertEquals(0, written.exit(), written.err());
        assertEquals("", written.out() + written.err());
        String run = mavenRun(project);
        assertEquals(LENET5_PARAMETERS, total(run), run);
        assertTrains(run);
    }

    @Test
    void aGraphWithATorchLossInAPackageTrainsAsAComputationGraph() throws Exception {
        Path description = Files.writeString(dir.resolve("shortcut.cnn"), GRAPH, StandardCharsets.UTF_8);
        Path project = dir.resolve("shortcut");
        LauncherIT.Run written = LauncherIT.cnnc("dl4j", description.toString(), "--loss", "CrossEntropyLoss",
                "--package", "org.example.models", "--project", project.toString());
        assertEquals(0, written.exit(), written.err());
        assertTrue(Files.exists(project.resolve("src/main/java/org/example/models/Shortcut.java")));
        String run = mavenRun(project);
        assertTrue(run.contains("ComputationGraph") || run.contains("VertexName"), "a graph's summary: " + run);
        assertEquals(GRAPH_PARAMETERS, total(run), run);
        assertTrains(run);
    }

    @Test
    void withoutALossTheProjectPrintsTheSummary() throws Exception {
        Path description = Files.writeString(dir.resolve("shortcut.cnn"), GRAPH, StandardCharsets.UTF_8);
        Path project = dir.resolve("plain");
        LauncherIT.Run written = LauncherIT.cnnc("dl4j", description.toString(), "--project", project.toString());
        assertEquals(0, written.exit(), written.err());
        String run = mavenRun(project);
        assertEquals(GRAPH_PARAMETERS, total(run), run);
        assertTrue(!run.contains("step 1:"), run);
    }

    private static long total(String run) {
        Matcher total = Pattern.compile("Total Parameters:\\s+([0-9,]+)").matcher(run);
        assertTrue(total.find(), run);
        return Long.parseLong(total.group(1).replace(",", ""));
    }

    /** Each step's loss is printed, finite, and the loss changes: the network trains as written. */
    private static void assertTrains(String run) {
        Matcher step = Pattern.compile("step (\\d+): loss ([-0-9.eE]+|NaN|Infinity)").matcher(run);
        List<Double> losses = new ArrayList<>();
        while (step.find()) {
            losses.add(Double.parseDouble(step.group(2)));
        }
        assertEquals(3, losses.size(), run);
        assertTrue(losses.stream().allMatch(Double::isFinite), "losses " + losses);
        assertNotEquals(losses.get(0), losses.get(2), "the loss does not change: " + losses);
    }

    /**
     * {@code mvn -q -B compile exec:java} in the project, as the docs say to run it: offline first, so the
     * local repository serves what the build of cnnc itself fetched; online when it lacks an artifact.
     */
    private static String mavenRun(Path project) throws IOException, InterruptedException {
        String offline = maven(project, true);
        if (offline.contains("in offline mode")) {
            return maven(project, false);
        }
        return offline;
    }

    private static String maven(Path project, boolean offline) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mvn", "-q", "-B"));
        if (offline) {
            command.add("-o");
        }
        command.addAll(List.of("compile", "exec:java"));
        Path log = Files.createTempFile("mvn", ".log");
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn did not finish in 10 minutes in " + project);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (process.exitValue() != 0 && !(offline && output.contains("in offline mode"))) {
            throw new AssertionError("mvn failed in " + project + ":\n" + output);
        }
        return output;
    }
}
