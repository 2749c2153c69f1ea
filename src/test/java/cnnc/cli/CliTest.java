package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher in-process: what it prints where, and its exit codes. */
class CliTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static Run runWithStdin(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void jsonReportOfTheSeed() throws Exception {
        Run run = run("report", "--format", "json", "samples/seed.cnn");
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("seed", json.get("model").asText());
        assertEquals(List.of(100L, 100L, 1L), longs(json.get("input")));
        assertEquals(50_828_751L, json.get("totals").get("params").asLong());
        assertEquals(50_828_140L, json.get("totals").get("weights").asLong());
        assertEquals(611L, json.get("totals").get("biases").asLong());
        assertEquals(50_828_751L * 4, json.get("totals").get("bytes").asLong());
        List<List<Long>> shapes = new ArrayList<>();
        json.get("layers").forEach(layer -> shapes.add(longs(layer.get("outputShape"))));
        assertEquals(List.of(List.of(94L, 94L, 60L), List.of(90L, 90L, 100L), List.of(45L, 45L, 100L),
                List.of(202_500L), List.of(250L), List.of(200L), List.of(1L)), shapes);
        JsonNode flatten = json.get("layers").get(3);
        assertEquals("flatten", flatten.get("op").asText());
        assertTrue(flatten.get("implicit").asBoolean());
        JsonNode conv = json.get("layers").get(0);
        assertEquals(1, conv.get("line").asInt());
        assertEquals("input 100x100x1; ".length() + 1, conv.get("column").asInt());
        assertEquals(List.of(7L, 7L, 1L, 60L), longs(conv.get("tensors").get(0).get("shape")));
        assertEquals(7 * 7 * 60, conv.get("tensors").get(0).get("count").asLong());
        assertEquals(0, json.get("diagnostics").size());
    }

    @Test
    void jsonReportWithErrorsHasTheDiagnosticsAndExitsOne() throws Exception {
        Run run = run("report", "--format", "json", "samples/errors/three-mistakes.cnn");
        assertEquals(1, run.exit());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(3, json.get("diagnostics").size());
        assertEquals("E0402", json.get("diagnostics").get(0).get("code").asText());
        assertEquals(4, json.get("diagnostics").get(0).get("line").asInt());
        assertFalse(json.has("layers"), "no layers are reported for a model with errors");
    }

    @Test
    void textReportShowsRowsAndTotals() {
        Run run = run("report", "samples/seed.cnn");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("(flatten, implicit)"), run.out());
        // 94 x 94 x 60 outputs, each 7 x 7 x 1 multiply-accumulates: 25,977,840; a 7x7 receptive field
        assertTrue(run.out().lines().anyMatch(l -> l.contains("conv 60@7x7 valid") && l.contains("94x94x60")
                && l.contains("3,000") && l.contains("25,977,840") && l.endsWith(" 7")), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("total params") && l.contains("50,828,751")
                && l.contains("193.90 MiB")), run.out()); // 203,315,004 bytes / 1024^2 = 193.896...
        assertTrue(run.out().lines().noneMatch(l -> l.contains("7x7x1x60 + 60")), "tensors are not a default column");
        assertEquals("", run.err());
    }

    @Test
    void allowLeavesAWarningOut() {
        Run warned = run("check", "samples/errors/rounding.cnn");
        assertEquals(0, warned.exit());
        assertTrue(warned.err().contains("warning[W0500]"), warned.err());
        Run allowed = run("check", "--allow", "W0500", "samples/errors/rounding.cnn");
        assertEquals(0, allowed.exit());
        assertFalse(allowed.err().contains("W0500"), allowed.err());
        Run json = run("report", "--allow=w0500", "--format", "json", "samples/errors/rounding.cnn");
        assertTrue(json.out().contains("\"diagnostics\": []"), json.out());
        assertEquals(2, run("check", "--allow", "E0400", "samples/seed.cnn").exit(), "an error cannot be allowed");
        assertEquals(2, run("keras", "--allow", "W0999", "samples/seed.cnn").exit(), "no such code");
    }

    @Test
    void explainWithErrorsPrintsTheDiagnosticsOnly() {
        Run run = run("report", "--explain", "samples/errors/three-mistakes.cnn");
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("error[E0402]"), run.err());
        Run markdown = run("report", "--explain", "--format", "markdown", "samples/errors/three-mistakes.cnn");
        assertEquals(1, markdown.exit());
        assertEquals("", markdown.out());
    }

    @Test
    void columnsChooseWhatTheTableShows() {
        Run run = run("report", "--columns", "layer,tensors", "samples/seed.cnn");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().lines().anyMatch(l -> l.equals("1  conv 60@7x7 valid    7x7x1x60 + 60")), run.out());
        Run bad = run("report", "--columns", "layer,weights", "samples/seed.cnn");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("'weights' is not a column"), bad.err());
    }

    @Test
    void batchAndNumberTypeScaleTheFigures() {
        Run run = run("report", "--batch", "4", "--dtype", "float16", "--format", "json", "samples/seed.cnn");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"batch\": 4"), run.out());
        // (94x94x60 + 90x90x100) values x 4 examples x 2 bytes
        assertTrue(run.out().contains("\"peakActivationBytes\": " + (94 * 94 * 60 + 90 * 90 * 100) * 4 * 2), run.out());
        assertEquals(2, run("report", "--batch", "0", "samples/seed.cnn").exit());
        assertEquals(2, run("report", "--dtype", "float64", "samples/seed.cnn").exit());
        assertEquals(2, run("report", "--optimizer", "adagrad", "samples/seed.cnn").exit());
        // rmsprop keeps one average of squared gradients per parameter, as momentum keeps a velocity
        assertEquals(run("report", "--optimizer", "momentum", "samples/seed.cnn").out(),
                run("report", "--optimizer", "rmsprop", "samples/seed.cnn").out().replace("with rmsprop", "with momentum"));
    }

    @Test
    void checkReportsEveryFileAndExitsWithTheWorstCode() {
        Run run = run("check", "samples/seed.cnn", "samples/errors/output-not-positive.cnn");
        assertEquals(1, run.exit());
        assertTrue(run.out().contains("samples/seed.cnn: ok"), run.out());
        assertTrue(run.err().contains("samples/errors/output-not-positive.cnn:2:1: error[E0400]: "), run.err());
        assertTrue(run.err().contains("(5 - 7)/1 + 1 = -1"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());

        Run missing = run("check", "samples/seed.cnn", "no/such/file.cnn");
        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("cannot read no/such/file.cnn: no such file"), missing.err());
    }

    /**
     * A count of layers is grouped in thousands as the parameters are: a 20,000-layer model printed "20000 layers"
     * beside "3,893,034 parameters" (the CSV, whose numbers are whole, keeps it whole). A block of one relu used
     * 1,500 times makes 1,500 layers, no parameters.
     */
    @Test
    void layerCountsAreGroupedAsParametersAre() {
        String model = "input 4x4x1\nblock r() { relu }\nr() x1500\n";
        Run check = runWithStdin(model, "check", "-");
        assertEquals(0, check.exit(), check.err());
        assertEquals("<stdin>: ok, 1,500 layers, 0 parameters\n", check.out());
        Run report = runWithStdin(model, "report", "-");
        assertTrue(report.out().startsWith("model <stdin>: 1,500 layers, input 4x4x1"), report.out());
        Run folded = runWithStdin(model.replace("x1500", "") + "block s() { r() x1200 }\ns()\n", "report", "--depth",
                "0", "-");
        assertTrue(folded.out().contains("s1: s(), 1,200 layers"), folded.out());
        // the CSV writes its numbers whole, for programs: the count too
        Run csv = runWithStdin(model.replace("x1500", "") + "block s() { r() x1200 }\ns()\n", "report", "--format",
                "csv", "--depth", "0", "-");
        assertTrue(csv.out().contains("s1: s(), 1200 layers"), csv.out());
    }

    @Test
    void standardInputIsADash() {
        Run run = runWithStdin("input 4\ndense 2\n", "check", "-");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("<stdin>: ok, 1 layer, 10 parameters"), run.out()); // 4*2+2

        Run bad = runWithStdin("input 4\ndense @\n", "report", "-");
        assertEquals(1, bad.exit());
        assertTrue(bad.err().startsWith("<stdin>:2:7: error[E0100]"), bad.err());
        assertEquals("", bad.out());
    }

    @Test
    void warningsDoNotFailTheCommand() {
        Run run = run("check", "samples/errors/rounding.cnn");
        assertEquals(0, run.exit());
        assertTrue(run.err().contains("warning[W0500]"), run.err());
    }

    @Test
    void badCommandLinesExitTwo() {
        for (String[] args : List.of(new String[] {}, new String[] {"frobnicate"}, new String[] {"report"},
                new String[] {"report", "--format", "xml", "samples/seed.cnn"}, new String[] {"check"},
                new String[] {"report", "--bogus", "samples/seed.cnn"})) {
            Run run = run(args);
            assertEquals(2, run.exit(), String.join(" ", args) + "\n" + run.err());
            assertFalse(run.err().isEmpty());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    /** Each mistake is one line, "cnnc: " and what is wrong, ending with where the usage is; no usage dump. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "report --bogus samples/seed.cnn | cnnc: unknown option '--bogus'; see cnnc report --help",
        "report --fromat json samples/seed.cnn | cnnc: unknown option '--fromat' (did you mean '--format'?); see cnnc report --help",
        "reprot samples/seed.cnn | cnnc: 'reprot' is not a command (did you mean 'report'?); the commands are check, report, diff, keras, torch, dl4j, fmt, import, lsp, help; see cnnc --help",
        "report | cnnc: missing required parameter: 'FILE'; see cnnc report --help",
        "report samples/seed.cnn extra | cnnc: unexpected argument 'extra'; see cnnc report --help",
        "report --format pdf samples/seed.cnn | cnnc: invalid value for option '--format': 'pdf' is not a format; choose text, json, markdown (or md), csv, html or svg; see cnnc report --help",
        "torch samples/seed.cnn --optimizer sgd | cnnc: --optimizer needs --loss: the loss is what the optimizer minimises (e.g. --loss mse); see cnnc torch --help",
    })
    void aBadCommandLineIsOneLineWithAPointerToHelp(String line, String expected) {
        Run run = run(line.split(" "));
        assertEquals(2, run.exit(), run.err());
        assertEquals(expected + "\n", run.err().replace(System.lineSeparator(), "\n"));
        assertEquals("", run.out());
    }

    @Test
    void mdIsMarkdown() {
        Run md = run("report", "--format", "md", "samples/seed.cnn");
        assertEquals(0, md.exit(), md.err());
        assertEquals(run("report", "--format", "markdown", "samples/seed.cnn").out(), md.out());
    }

    @Test
    void unreadableFilesExitThree(@TempDir Path dir) throws Exception {
        assertEquals(3, run("report", dir.toString()).exit());
        assertEquals(3, run("report", dir.resolve("absent.cnn").toString()).exit());
        Path locked = Files.writeString(dir.resolve("locked.cnn"), "input 4\n");
        if (locked.toFile().setReadable(false) && !Files.isReadable(locked)) {
            assertEquals(3, run("check", locked.toString()).exit());
        }
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("report") && help.out().contains("check"), help.out());
        assertTrue(help.out().contains("Exit codes"), help.out());
        Run version = run("--version");
        assertEquals(0, version.exit());
        assertTrue(version.out().startsWith("cnnc "), version.out());
    }

    @Test
    void outputThatCannotBeWrittenIsExitThreeNotSuccess() {
        PrintWriter failing = new PrintWriter(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("No space left on device");
            }
        });
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"report", "samples/seed.cnn"}, failing, new PrintWriter(err, true));
        assertEquals(3, exit);
        assertEquals(List.of("cnnc: cannot write standard output: the device is full, or the reader of the pipe has gone"),
                err.toString().lines().toList());
    }

    @Test
    void aDescriptionOfMoreThanFourMebibytesIsRefusedWithoutReadingOn() {
        Run zero = run("check", "/dev/zero");
        assertEquals(3, zero.exit());
        assertEquals(List.of("cnnc: cannot read /dev/zero: it holds more than 1,048,576 bytes (1 MiB), the most a "
                + "description may have"), zero.err().lines().toList());
        Run stdin = runWithStdin("#".repeat((1 << 20) + 1), "check", "-");
        assertEquals(3, stdin.exit());
        assertTrue(stdin.err().startsWith("cnnc: cannot read standard input: it holds more than"), stdin.err());
        assertEquals(1, runWithStdin("#".repeat(1 << 20), "check", "-").exit(), "1 MiB exactly is read: no input");
    }

    @Test
    void minusOIsNeverTheInputNorASpecialFile(@TempDir Path dir) throws Exception {
        Path input = Files.copy(Path.of("samples/seed.cnn"), dir.resolve("seed.cnn"));
        Run same = run("keras", input.toString(), "-o", dir.resolve(".").resolve("seed.cnn").toString());
        assertEquals(2, same.exit());
        assertTrue(same.err().contains("is the input file"), same.err());
        assertEquals(Files.readString(Path.of("samples/seed.cnn")), Files.readString(input), "the description is kept");

        Path target = Files.writeString(dir.resolve("elsewhere.py"), "kept\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.py"), target);
        Run linked = run("keras", input.toString(), "-o", link.toString());
        assertEquals(3, linked.exit());
        assertTrue(linked.err().contains("it is a symbolic link"), linked.err());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("kept\n", Files.readString(target));

        Path fifo = dir.resolve("fifo.py");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String special : List.of(fifo.toString(), "/dev/full", "/dev/null")) {
            Run refused = run("keras", input.toString(), "-o", special);
            assertEquals(3, refused.exit(), special);
            assertTrue(refused.err().contains("it is not a regular file"), refused.err());
        }
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void fileNamesWithControlCharactersAreEscapedInMessages(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bell\u0007.cnn"), "input 4\ndense 0\n");
        Run run = run("check", file.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("bell\\u{7}.cnn:2:7: error[E0403]"), run.err());
        assertFalse(run.err().contains("\u0007"), run.err());
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asLong()));
        return values;
    }
}
