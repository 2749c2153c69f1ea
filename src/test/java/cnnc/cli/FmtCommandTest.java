package cnnc.cli;

import static cnnc.cli.CliTest.run;
import static cnnc.cli.CliTest.runWithStdin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.cli.CliTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnc fmt}: printing, {@code --check}, {@code -w}, and files left alone when they cannot be formatted. */
class FmtCommandTest {
    private static final String MESSY = "input  8x8x3 ;conv 4@3  relu;\n\n\ndense 10   # ten\n";
    private static final String FORMATTED = "input 8x8x3; conv 4@3 relu\n\ndense 10   # ten\n";
    private static final String BROKEN = "input 28x28x1\nconv 32 3x3 relu\n";

    @Test
    void printsOneFileFormatted(@TempDir Path dir) throws Exception {
        Run run = run("fmt", Files.writeString(dir.resolve("a.cnn"), MESSY).toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals(FORMATTED, run.out());
        assertEquals("", run.err());
        Run zoo = run("fmt", "samples/zoo/resnet50.cnn");
        assertEquals(Files.readString(Path.of("samples/zoo/resnet50.cnn")), zoo.out(), "the zoo is formatted");
        Run stdin = runWithStdin(MESSY, "fmt", "-");
        assertEquals(FORMATTED, stdin.out());
    }

    @Test
    void checkNamesTheFilesThatWouldChangeAndExitsOne(@TempDir Path dir) throws Exception {
        Path messy = Files.writeString(dir.resolve("messy.cnn"), MESSY);
        Path tidy = Files.writeString(dir.resolve("tidy.cnn"), FORMATTED);
        Run run = run("fmt", "--check", tidy.toString(), messy.toString());
        assertEquals(1, run.exit(), run.err());
        assertEquals(messy + "\n", run.out());
        assertEquals(MESSY, Files.readString(messy), "--check changes nothing");
        Run clean = run("fmt", "--check", tidy.toString(), "samples/zoo/resnet50.cnn", "samples/lenet5.cnn");
        assertEquals(0, clean.exit(), clean.err());
        assertEquals("", clean.out());
    }

    @Test
    void writeRewritesInPlaceKeepingTheMode(@TempDir Path dir) throws Exception {
        Path messy = Files.writeString(dir.resolve("messy.cnn"), MESSY);
        Files.setPosixFilePermissions(messy, PosixFilePermissions.fromString("rw-r-----"));
        Path tidy = Files.writeString(dir.resolve("tidy.cnn"), FORMATTED);
        FileTime long_ago = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(tidy, long_ago);
        Path link = Files.createSymbolicLink(dir.resolve("link.cnn"), messy.getFileName());
        Run run = run("fmt", "-w", link.toString(), tidy.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals(FORMATTED, Files.readString(messy));
        assertTrue(Files.isSymbolicLink(link), "a link stays a link; the file it points to is rewritten");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(messy)));
        assertEquals(long_ago, Files.getLastModifiedTime(tidy), "a formatted file is not written");
        try (var left = Files.list(dir)) {
            assertEquals(3, left.count(), "no temporary file is left");
        }
    }

    @Test
    void aSyntaxErrorLeavesTheFileUntouchedAndExitsOne(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.cnn"), BROKEN);
        Path messy = Files.writeString(dir.resolve("messy.cnn"), MESSY);
        FileTime long_ago = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(broken, long_ago);
        Run write = run("fmt", "-w", broken.toString(), messy.toString());
        assertEquals(1, write.exit());
        assertTrue(write.err().startsWith(broken + ":2:9: error[E0100]: expected '@'"), write.err());
        assertEquals(BROKEN, Files.readString(broken));
        assertEquals(long_ago, Files.getLastModifiedTime(broken));
        assertEquals(FORMATTED, Files.readString(messy), "the other files are still formatted");
        for (String option : new String[] {"--check", "-"}) {
            Run run = option.equals("-") ? run("fmt", broken.toString()) : run("fmt", option, broken.toString());
            assertEquals(1, run.exit());
            assertEquals("", run.out());
            assertTrue(run.err().contains("error[E0100]"), run.err());
        }
        Run samples = run("fmt", "samples/errors/syntax.cnn");
        assertEquals(1, samples.exit());
        Run semantic = run("fmt", "samples/errors/three-mistakes.cnn");
        assertEquals(0, semantic.exit(), "a model with mistakes in its shapes formats as any other: " + semantic.err());
    }

    @Test
    void badCommandLinesExitTwoAndUnwritableFilesThree(@TempDir Path dir) throws Exception {
        Path messy = Files.writeString(dir.resolve("messy.cnn"), MESSY);
        assertEquals(2, run("fmt").exit());
        assertEquals(2, run("fmt", messy.toString(), messy.toString()).exit(), "printing is for one file");
        assertEquals(2, run("fmt", "--check", "-w", messy.toString()).exit());
        assertEquals(2, runWithStdin(MESSY, "fmt", "-w", "-").exit());
        assertEquals(3, run("fmt", "-w", dir.toString()).exit());
        assertEquals(3, run("fmt", "--check", dir.resolve("absent.cnn").toString()).exit());
        assertEquals(MESSY, Files.readString(messy));
    }

    @Test
    void helpListsFmt() {
        Run help = run("--help");
        assertTrue(help.out().contains("fmt"), help.out());
        Run usage = run("fmt", "--help");
        assertEquals(0, usage.exit());
        assertTrue(usage.out().contains("--check") && usage.out().contains("--write"), usage.out());
    }
}
