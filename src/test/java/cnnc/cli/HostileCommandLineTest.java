package cnnc.cli;

import static cnnc.cli.CliTest.run;
import static cnnc.cli.CliTest.runWithStdin;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.cli.CliTest.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 29's findings on the command line, each as it was reported. */
class HostileCommandLineTest {
    private static final String MODEL = "input 8x8x1\ndense 2\n";

    /** fmt printed bytes that are not UTF-8 as U+FFFD and exited 0, while fmt -w refused the same file. */
    @Test
    void fmtOfBytesThatAreNotUtf8RefusesThemAtTheirPlaceWhetherPrintingRewritingOrChecking(@TempDir Path dir)
            throws Exception {
        Path latin1 = dir.resolve("latin1.cnn");
        byte[] bytes = "input  4 # caf\u00e9\ndense 2\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(latin1, bytes);
        for (List<String> command : List.of(List.of("fmt"), List.of("fmt", "-w"), List.of("fmt", "--check"))) {
            List<String> args = new java.util.ArrayList<>(command);
            args.add(latin1.toString());
            Run run = run(args.toArray(String[]::new));
            assertEquals(1, run.exit(), command + ": " + run.err());
            assertEquals("", run.out(), command + " prints nothing");
            // line 1, column 15: the byte after "input  4 # caf"
            assertTrue(run.err().contains(latin1 + ":1:15: error[E0101]: a byte that is not UTF-8 (0xE9)"), run.err());
            assertArrayEquals(bytes, Files.readAllBytes(latin1), command + " leaves the file as it is");
        }
        Run stdin = runWithStdinBytes(new byte[] {'i', 'n', 'p', 'u', 't', ' ', '4', '\n', (byte) 0xC3, '\n'}, "fmt", "-");
        assertEquals(1, stdin.exit());
        assertTrue(stdin.err().contains("<stdin>:2:1: error[E0101]: a byte that is not UTF-8 (0xC3)"), stdin.err());
    }

    /** -o over an existing file reset its mode (664 became 644) and broke its hard links. */
    @Test
    void minusOOverAnExistingFileKeepsItsModeAndItsOtherNames(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("m.cnn"), MODEL);
        Path out = Files.writeString(dir.resolve("out.txt"), "old\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-rw-r--"));
        Path link = Files.createLink(dir.resolve("link.txt"), out);
        assertEquals(0, run("report", model.toString(), "-o", out.toString()).exit());
        assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertTrue(Files.readString(link).startsWith("model m: 2 layers"), "the other name shows the new text");
        assertTrue(Files.isSameFile(out, link));

        Path alone = Files.writeString(dir.resolve("alone.py"), "old\n");
        Files.setPosixFilePermissions(alone, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(0, run("keras", model.toString(), "-o", alone.toString()).exit());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(alone)));
        assertTrue(Files.readString(alone).contains("import keras"));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".")).toList(),
                    "no temporary file is left");
        }
    }

    @Test
    void fmtWriteKeepsTheOtherNamesOfTheFile(@TempDir Path dir) throws Exception {
        Path messy = Files.writeString(dir.resolve("messy.cnn"), "input  8x8x1;dense 2\n");
        Path link = Files.createLink(dir.resolve("link.cnn"), messy);
        assertEquals(0, run("fmt", "-w", messy.toString()).exit());
        assertEquals("input 8x8x1; dense 2\n", Files.readString(link));
    }

    /** A temporary file's name appeared in an error, and a name near the longest allowed could not be written at all. */
    @Test
    void aTemporaryFileNeverShowsInAnErrorNorMakesANameTooLong(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("m.cnn"), MODEL);
        Run underAFile = run("report", model.toString(), "-o", model.resolve("x.txt").toString());
        assertEquals(3, underAFile.exit());
        assertEquals("cnnc: cannot write " + model.resolve("x.txt") + ": not a directory\n", underAFile.err());
        Path longest = dir.resolve("a".repeat(251) + ".txt"); // 255 bytes, the most Linux's file systems allow
        Run written = run("report", model.toString(), "-o", longest.toString());
        assertEquals(0, written.exit(), written.err());
        assertTrue(Files.readString(longest).startsWith("model m:"));
        Path tooLong = dir.resolve("a".repeat(256));
        Run refused = run("report", model.toString(), "-o", tooLong.toString());
        assertEquals(3, refused.exit());
        assertEquals("cnnc: cannot write " + tooLong + ": file name too long\n", refused.err());
    }

    /** {@code check ''} and {@code -o ''} read and wrote the current folder ("it is a directory"). */
    @Test
    void anEmptyFileNameIsABadCommandLine(@TempDir Path dir) throws Exception {
        Path model = Files.writeString(dir.resolve("m.cnn"), MODEL);
        for (String[] args : List.of(new String[] {"check", ""}, new String[] {"check", model.toString(), ""},
                new String[] {"report", ""}, new String[] {"fmt", "--check", ""},
                new String[] {"report", model.toString(), "-o", ""}, new String[] {"dl4j", model.toString(), "-o", ""},
                new String[] {"torch", model.toString(), "--output="})) {
            Run run = run(args);
            assertEquals(2, run.exit(), String.join(" ", args) + ": " + run.err());
            // picocli takes an empty word after a file for an argument too many ("Unmatched argument ... ''")
            assertTrue(run.err().contains("a file name cannot be empty") || run.err().contains("''"), run.err());
            assertFalse(run.err().contains("directory"), run.err());
        }
    }

    /** {@code check - -} read standard input twice, and reported the empty second read as a model without input. */
    @Test
    void standardInputNamedTwiceIsABadCommandLine() {
        for (String[] args : List.of(new String[] {"check", "-", "-"}, new String[] {"fmt", "--check", "-", "-"})) {
            Run run = runWithStdin(MODEL, args);
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.err().contains("- (standard input) is named more than once"), run.err());
            assertFalse(run.err().contains("E0300"), run.err());
        }
    }

    /** {@code check -x} said the file was missing ("Missing required parameter: 'FILE'"), not that -x is unknown. */
    @Test
    void anUnknownOptionWithoutAFileIsNamedAsTheMistake() {
        for (String[] args : List.of(new String[] {"check", "-x"}, new String[] {"report", "-x"},
                new String[] {"fmt", "--wirte"}, new String[] {"keras", "-x"})) {
            Run run = run(args);
            assertEquals(2, run.exit(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().startsWith("cnnc: unknown option '" + args[1] + "'"), run.err());
            assertFalse(run.err().toLowerCase(java.util.Locale.ROOT).contains("missing"), run.err());
        }
        Run guessed = run("fmt", "--wirte");
        assertTrue(guessed.err().contains("did you mean '--write'?"), guessed.err());
    }

    private static Run runWithStdinBytes(byte[] stdin, String... args) {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }
}
