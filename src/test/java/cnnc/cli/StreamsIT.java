package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's streams as a shell gives them: closed, full, in the C locale, under a umask, in a
 * heap too small. Each failure is one line on standard error and a documented exit code.
 */
class StreamsIT {
    record Run(int exit, String out, String err) {
    }

    /** Runs {@code script} with bash in the repository, with {@code env} added to the environment. */
    static Run bash(String script, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), script);
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static Run bash(String script) throws Exception {
        return bash(script, Map.of());
    }

    @Test
    void aFullDeviceOrAClosedStandardOutputIsExitThree() throws Exception {
        Run full = bash("./cnnc report samples/seed.cnn > /dev/full");
        assertEquals(3, full.exit());
        assertEquals(List.of("cnnc: cannot write standard output: the device is full, or the reader of the pipe has gone"),
                full.err().lines().toList());
        Run closed = bash("./cnnc report samples/seed.cnn >&-");
        assertEquals(3, closed.exit());
        assertEquals(List.of("cnnc: cannot write standard output: it is closed"), closed.err().lines().toList());
    }

    @Test
    void aClosedStandardInputIsExitThreeAtOnce() throws Exception {
        Run closed = bash("./cnnc check - <&-");
        assertEquals(3, closed.exit());
        assertEquals(List.of("cnnc: cannot read standard input: it is closed"), closed.err().lines().toList());
    }

    @Test
    void writtenFilesGetTheModeTheUmaskGives(@TempDir Path dir) throws Exception {
        Path module = dir.resolve("seed.py");
        assertEquals(0, bash("umask 027 && ./cnnc keras samples/seed.cnn -o " + module).exit());
        // 0666 & ~027 = 0640
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(module)));
        Path java = dir.resolve("Seed.java");
        assertEquals(0, bash("umask 002 && ./cnnc dl4j samples/seed.cnn -o " + java).exit());
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(java)));
    }

    @Test
    void theJsonReportKeepsNonAsciiNamesInTheCLocale(@TempDir Path dir) throws Exception {
        String name = "mod\u00e8le \u00fcber \u4e2d\u6587 \ud83d\ude00";
        Path file = Files.writeString(dir.resolve("named.cnn"), "model \"" + name + "\"\ninput 4\ndense 2\n");
        Run run = bash("./cnnc report --format json " + file, Map.of("LANG", "C", "LC_ALL", "C"));
        assertEquals(0, run.exit(), run.err());
        assertEquals(name, new ObjectMapper().readTree(run.out().getBytes(StandardCharsets.UTF_8)).get("model").asText());
    }

    @Test
    void runningOutOfMemoryIsOneLineAndExitFive(@TempDir Path dir) throws Exception {
        Path big = Files.writeString(dir.resolve("big.cnn"), "input 4\n" + "relu; ".repeat(170_000) + "\n");
        Run run = bash("java -Xmx24m -XX:+UseSerialGC -jar target/cnnc.jar report --format json " + big);
        assertEquals(5, run.exit(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("cnnc: out of memory: "), run.err());
        assertFalse(run.err().contains("\tat "), run.err());
    }
}
