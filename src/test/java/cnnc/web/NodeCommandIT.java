package cnnc.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.cli.Main;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The playground's Node command ({@code node target/playground/cnnc.mjs}, which the package phase builds) prints
 * what ./cnnc prints: every sample and error sample through every subcommand and report format it takes, and
 * bad command lines, compared with the launcher's own code in this JVM, on both streams and by exit code (the
 * Node side in one process: node's start and TeaVM's set-up take a third of a second each). Then a few as
 * processes, byte for byte against the jar, standard input among them.
 */
class NodeCommandIT {
    private static final Path COMMAND = Path.of("target/playground/cnnc.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySampleThroughEverySubcommandPrintsWhatTheLauncherPrints() throws Exception {
        List<List<String>> cases = new ArrayList<>();
        List<String> every = new ArrayList<>(List.of("check"));
        String previous = "samples/seed.cnn";
        for (Path sample : Samples.under("")) {
            String file = sample.toString();
            every.add(file);
            // each sample against itself and against the one before it (an error sample's errors: exit 6)
            cases.add(List.of("diff", file, file));
            cases.add(List.of("diff", previous, file));
            cases.add(List.of("diff", "--format", "json", previous, file));
            cases.add(List.of("diff", "--format", "md", "--batch", "8", "--dtype", "float16", previous, file));
            previous = file;
            for (List<String> command : List.of(List.of("check"), List.of("report"), List.of("report", "--format", "json"),
                    List.of("report", "--format", "md"), List.of("report", "--format", "csv", "--columns", "all"),
                    List.of("report", "--explain"), List.of("report", "--format", "json", "--explain"),
                    List.of("report", "--depth", "0", "--batch", "32", "--dtype", "float16", "--optimizer", "sgd"),
                    List.of("keras"), List.of("torch"), List.of("dl4j"), List.of("keras", "--loss", "mse"),
                    List.of("torch", "--loss", "CrossEntropyLoss", "--optimizer", "sgd"),
                    List.of("dl4j", "--loss", "xent", "--learning-rate", "0.05", "--class", "Net"))) {
                List<String> args = new ArrayList<>(command);
                args.add(file);
                cases.add(args);
            }
        }
        cases.add(every);
        cases.addAll(badCommandLines());
        JsonNode answers = runInNode(cases);
        List<String> different = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Run launcher = launcher(cases.get(i));
            JsonNode node = answers.get(i);
            if (launcher.exit != node.get("exit").asInt() || !launcher.out.equals(node.get("out").asText())
                    || !launcher.err.equals(node.get("err").asText())) {
                different.add(String.join(" ", cases.get(i)) + ": the launcher " + launcher.exit + ", node "
                        + node.get("exit").asInt() + firstDifference(launcher.out + launcher.err,
                        node.get("out").asText() + node.get("err").asText()));
            }
        }
        assertTrue(cases.size() > 1000, cases.size() + " command lines");
        assertEquals(List.of(), different.subList(0, Math.min(20, different.size())), different.size() + " of "
                + cases.size() + " command lines print something else");
    }

    /** Mistakes on the command line, each said in the same line (and the exit code 2). */
    private static List<List<String>> badCommandLines() {
        List<String> lines = List.of("", "report", "report a b c", "report --frmat x samples/seed.cnn",
                "report samples/seed.cnn --format", "report --format xml samples/seed.cnn",
                "report --format=xml samples/seed.cnn", "report --explain --format csv samples/seed.cnn",
                "nosuch samples/seed.cnn", "report --depth=-1 samples/seed.cnn", "check", "report --batch 0 samples/seed.cnn",
                "keras --optimizer sgd samples/seed.cnn", "report --format json --format text samples/seed.cnn",
                "report --format -x samples/seed.cnn", "report -x samples/seed.cnn", "report -- --format",
                "report --explain=yes samples/seed.cnn", "report --allow E0100 samples/seed.cnn", "report nofile.cnn",
                "report samples", "--version", "report --columns params,bogus samples/seed.cnn",
                "torch --loss mcxent --learning-rate abc samples/seed.cnn", "dl4j --class class samples/seed.cnn",
                "report --frmat", "check --allow", "report f --explain --explain", "report --depth 1 --depth 2 f",
                "report --batch= f", "report f --", "torch --loss nosuchloss samples/seed.cnn",
                "check --allow=W0500,W0501 samples/seed.cnn", "check --allow W0500 --allow W0501 samples/seed.cnn",
                "diff", "diff samples/seed.cnn", "diff samples/seed.cnn samples/lenet5.cnn samples/unet.cnn",
                "diff - -", "diff --format csv samples/seed.cnn samples/lenet5.cnn", "diff --explain a b",
                "diff samples/seed.cnn nofile.cnn", "diff --fromat md a b", "check - -");
        List<List<String>> cases = new ArrayList<>();
        for (String line : lines) {
            cases.add(line.isEmpty() ? List.of() : Arrays.asList(line.split(" ")));
        }
        return cases;
    }

    /** What the Node command says it does not do: one line each, exit 2. */
    @Test
    void whatNeedsTheFileSystemIsRefusedInOneLine() throws Exception {
        List<List<String>> cases = List.of(List.of("report", "-o", "x.txt", "samples/seed.cnn"),
                List.of("report", "--format", "svg", "samples/seed.cnn"), List.of("fmt", "samples/seed.cnn"),
                List.of("dl4j", "--project", "target/p", "samples/seed.cnn"),
                List.of("dl4j", "--package", "org.example", "samples/seed.cnn"), List.of("lsp"),
                List.of("diff", "-o", "x.txt", "samples/seed.cnn", "samples/lenet5.cnn"));
        JsonNode answers = runInNode(cases);
        for (JsonNode answer : answers) {
            assertEquals(2, answer.get("exit").asInt(), answer.toString());
            assertEquals("", answer.get("out").asText());
            String err = answer.get("err").asText();
            assertTrue(err.startsWith("cnnc: ") && err.indexOf('\n') == err.length() - 1 && err.contains("./cnnc"), err);
        }
    }

    /** {@code --help} alone names each command the Node command takes and what only ./cnnc does; exit 0. */
    @Test
    void helpNamesItsCommandsAndWhatItLeavesOut() throws Exception {
        JsonNode answer = runInNode(List.of(List.of("--help"))).get(0);
        assertEquals(0, answer.get("exit").asInt(), answer.toString());
        assertEquals("", answer.get("err").asText());
        String out = answer.get("out").asText();
        for (String command : List.of("check", "report", "keras", "torch", "dl4j")) {
            assertTrue(out.contains("\n  " + command + " FILE"), command + " in\n" + out);
        }
        assertTrue(out.contains("\n  diff A B"), "diff in\n" + out);
        for (String refused : List.of("-o", "html", "svg", "--project", "--package", "fmt", "lsp")) {
            assertTrue(out.contains(refused), refused + " in\n" + out);
        }
        String report = runInNode(List.of(List.of("report", "--help"))).get(0).get("out").asText();
        String format = report.lines().filter(line -> line.startsWith("  --format")).findFirst().orElseThrow();
        assertTrue(format.endsWith("(html and svg, the diagram's: ./cnnc only)"), "report --help says which formats it "
                + "refuses:\n" + report);
        assertEquals(List.of(), Stream.of("html", "svg").filter(format.replaceFirst("\\(html and svg.*$", "")::contains)
                .toList(), "--format offers no format it refuses: " + format);
        assertFalse(report.contains("--output"), "report --help lists no -o:\n" + report);
        for (String option : List.of("--depth", "--columns")) {
            String line = report.lines().filter(l -> l.startsWith("  " + option)).findFirst().orElseThrow();
            assertTrue(line.contains("text, markdown, csv") && !line.contains("html"),
                    option + " names the formats it shapes here, without the page: " + line);
        }
    }

    /** As processes: the bytes on each stream and the exit code, standard input included. */
    @Test
    void asProcessesTheBytesAreTheJars() throws Exception {
        String seed = Files.readString(Path.of("samples/seed.cnn"));
        for (List<String> args : List.of(List.of("report", "samples/seed.cnn"), List.of("torch", "samples/zoo/resnet50.cnn"),
                List.of("check", "samples/errors/three-mistakes.cnn"), List.of("report", "--format", "json", "-"),
                List.of("check", "no/such/file.cnn"), List.of("report", "--format", "pdf", "samples/seed.cnn"),
                List.of("diff", "samples/zoo/resnet50.cnn", "samples/zoo/resnet101.cnn"),
                List.of("diff", "--format", "json", "-", "samples/lenet5.cnn"))) {
            List<String> node = new ArrayList<>(List.of("node", COMMAND.toString()));
            node.addAll(args);
            List<String> jar = new ArrayList<>(List.of("java", "-cp", "target/cnnc.jar", "cnnc.cli.Main"));
            jar.addAll(args);
            Output fromNode = process(node, seed);
            Output fromJar = process(jar, seed);
            assertEquals(fromJar.exit, fromNode.exit, String.join(" ", args));
            assertArrayEquals(fromJar.out, fromNode.out, String.join(" ", args) + ": standard output");
            assertArrayEquals(fromJar.err, fromNode.err, String.join(" ", args) + ": standard error");
        }
    }

    private static JsonNode runInNode(List<List<String>> cases) throws Exception {
        Path folder = Files.createDirectories(Path.of("target/node-command"));
        Path in = folder.resolve("cases.json");
        Path out = folder.resolve("results.json");
        JSON.writeValue(in.toFile(), cases);
        Files.deleteIfExists(out);
        Output run = process(List.of("node", "src/test/node/command-batch.mjs", COMMAND.toString(), in.toString(),
                out.toString()), "");
        assertEquals(0, run.exit, new String(run.err, StandardCharsets.UTF_8));
        return JSON.readTree(out.toFile());
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run launcher(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args.toArray(new String[0]), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    private record Output(int exit, byte[] out, byte[] err) {
    }

    private static Output process(List<String> command, String stdin) throws Exception {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " took more than 10 minutes");
        }
        return new Output(process.exitValue(), out.get(), err.get());
    }

    private static byte[] drain(InputStream stream) {
        try (stream; ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            stream.transferTo(bytes);
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String firstDifference(String expected, String actual) {
        int at = 0;
        while (at < expected.length() && at < actual.length() && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        return "; first difference at character " + at + ": the launcher '"
                + expected.substring(at, Math.min(expected.length(), at + 60)) + "', node '"
                + actual.substring(at, Math.min(actual.length(), at + 60)) + "'";
    }
}
