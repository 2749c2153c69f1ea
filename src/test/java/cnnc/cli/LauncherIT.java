package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./cnnc launcher as a user runs it: a separate process, after the jar is packaged. */
class LauncherIT {
    record Run(int exit, String out, String err) {
    }

    static Run cnnc(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./cnnc"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cnnc", ".out");
        Path err = Files.createTempFile("cnnc", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "cnnc " + command + " did not finish");
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return run;
    }

    @Test
    void reportOfTheSeed() throws Exception {
        Run run = cnnc("report", "--format", "json", "samples/seed.cnn");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("\"params\": 50828751"), run.out());
        assertFalse(run.err().contains("building"), "the packaged jar is up to date: " + run.err());
    }

    @Test
    void exitCodes() throws Exception {
        Run errors = cnnc("check", "samples/errors/output-not-positive.cnn");
        assertEquals(1, errors.exit());
        assertTrue(errors.err().startsWith("samples/errors/output-not-positive.cnn:2:1: error[E0400]"), errors.err());
        assertEquals(2, cnnc("report", "--format").exit());
        assertEquals(3, cnnc("check", "no-such-file.cnn").exit());
    }

    @Test
    void binaryJunkGivesDiagnosticsNotAStackTrace(@TempDir Path dir) throws Exception {
        byte[] junk = new byte[4096];
        new Random(5).nextBytes(junk);
        Path file = Files.write(dir.resolve("junk.cnn"), junk);
        Run run = cnnc("check", file.toString());
        assertEquals(1, run.exit());
        // the first line with a mistake, or the first word beyond the limits, which stops the reading
        assertTrue(java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+: error")
                .matcher(run.err()).find(), run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertTrue(run.err().getBytes(StandardCharsets.UTF_8).length < 100_000, "diagnostics are capped");
    }
}
