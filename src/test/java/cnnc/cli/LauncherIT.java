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
        return cnncIn(Path.of("."), 120, args);
    }

    /** {@code ./cnnc ARGS} of the checkout at {@code folder}. */
    static Run cnncIn(Path folder, long seconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./cnnc"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("cnnc", ".out");
        Path err = Files.createTempFile("cnnc", ".err");
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cnnc " + command + " did not finish in " + seconds + " s");
        }
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

    /**
     * A new user's first command, in a copy of the checkout without target/: the launcher builds the jar,
     * says so on standard error in plain lines (what it does, roughly how long it takes, how long it took;
     * Maven's quiet mode writes bare ESC[0m colour resets, which must not get through), then prints the
     * report on standard output exactly as every later run does, which prints nothing else.
     */
    @Test
    void theFirstBuildOfAFreshCheckoutPrintsPlainProgressThenTheReport(@TempDir Path dir) throws Exception {
        Path checkout = dir.resolve("checkout");
        for (String part : List.of("cnnc", "pom.xml", "grammar", "src", "samples")) {
            copy(Path.of(part), checkout.resolve(part));
        }
        Run first = cnncIn(checkout, 900, "report", "samples/seed.cnn");
        assertEquals(0, first.exit(), first.err());
        for (String stream : List.of(first.out(), first.err())) {
            assertFalse(stream.chars().anyMatch(c -> c == 0x1b), "an escape sequence: " + stream.replace("\u001b", "ESC"));
        }
        List<String> progress = first.err().lines().toList();
        assertEquals(3, progress.size(), first.err());
        assertTrue(progress.get(0).startsWith("cnnc: building ") && progress.get(0).contains("about a minute"), progress.get(0));
        assertTrue(progress.get(1).matches("cnnc: built in \\d+ s; .*"), progress.get(1));
        assertTrue(progress.get(2).matches("cnnc: ready after \\d+ s; .*"), progress.get(2));
        Run later = cnncIn(checkout, 120, "report", "samples/seed.cnn");
        assertEquals(new Run(0, first.out(), ""), later);
        assertTrue(first.out().contains("total params           50,828,751"), first.out());
    }

    /**
     * Installed as the README says, a symbolic link on the PATH (here a relative link to a link to the script),
     * the launcher runs this checkout's jar from any folder, with file names relative to that folder.
     */
    @Test
    void aSymbolicLinkOnThePathRunsTheCheckoutFromAnyFolder(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path links = Files.createDirectories(dir.resolve("links"));
        Files.createSymbolicLink(links.resolve("cnnc"), Path.of("cnnc").toAbsolutePath());
        Files.createSymbolicLink(bin.resolve("cnnc"), Path.of("../links/cnnc"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(Path.of("samples/seed.cnn"), elsewhere.resolve("mine.cnn"));
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/env", "cnnc", "report", "mine.cnn").directory(elsewhere.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH")); // env finds cnnc on the new PATH
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);
        assertEquals("", err, "the checkout's jar is up to date: nothing is built in the link's folder");
        assertEquals(cnnc("report", "samples/seed.cnn").out().replace("model seed:", "model mine:"), out);
        assertFalse(Files.exists(bin.resolve("target")) || Files.exists(links.resolve("target")));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                Files.createDirectories(target.getParent());
                if (!Files.isDirectory(path)) {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
