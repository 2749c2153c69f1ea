package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cnnc torch} from the command line: what it writes, where, and its exit codes. */
class TorchCommandTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void withoutOutputTheModuleGoesToStandardOutput() {
        CliTest.Run run = CliTest.run("torch", "samples/seed.cnn");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().contains("import torch\nfrom torch import nn\n"), run.out());
        assertTrue(run.out().contains("class Seed(nn.Module):\n"), run.out());
        assertTrue(run.out().contains("        # line 1: conv 60@7x7 valid\n        self.conv1 = nn.Conv2d(1, 60, 7)\n"),
                run.out());
        assertTrue(run.out().contains("def build_model():\n"), run.out());
        assertTrue(run.out().contains("torch.zeros(1, 1, 100, 100)"), run.out());
    }

    @Test
    void theOutputFileIsWrittenAndNothingGoesToStandardOutput() throws IOException {
        Path python = dir.resolve("seed.py");
        CliTest.Run run = CliTest.run("torch", "samples/seed.cnn", "-o", python.toString());
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertEquals("", run.out());
        assertTrue(Files.readString(python).contains("def build_model():"));
    }

    /**
     * The diagnostic is expected where {@code marker} starts in the layer's line (the last occurrence).
     * A window of 2^31 rows on an image of 2^32: the shapes are fine (Keras takes it), torch's pooling is not.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "maxpool 3x3 sideways | sideways | E0201 | unknown modifier",
        "maxpool 2147483648x1 | maxpool | E0602 | PyTorch cannot run this pooling: a window or stride of 2147483648",
        "avgpool 2x1 /2147483648x1 same | avgpool | E0602 | PyTorch cannot run this pooling: a window or stride of 2147483648",
    })
    void aModelWithErrorsOrBeyondTorchGetsDiagnosticsAtItsPlaceAndNoFile(String layer, String marker, String code,
                                                                        String message) throws IOException {
        Path description = file("model.cnn", "input 4294967296x1x1\n" + layer + "\n");
        Path python = dir.resolve("model.py");
        CliTest.Run run = CliTest.run("torch", description.toString(), "-o", python.toString());
        assertEquals(ExitCode.MODEL_ERRORS, run.exit());
        String place = description + ":2:" + (layer.lastIndexOf(marker) + 1) + ": error[" + code + "]: " + message;
        assertTrue(run.err().contains(place), run.err());
        assertEquals("", run.out());
        assertFalse(Files.exists(python));
        assertEquals(code.equals("E0602") ? ExitCode.OK : ExitCode.MODEL_ERRORS,
                CliTest.run("keras", description.toString()).exit(), "Keras takes what only torch cannot run");
    }

    /** Inside a block, the rejection is at the line in the block, with a note where the block is used. */
    @Test
    void aRejectionInABlockIsAtItsLineWithTheCallSite() throws IOException {
        Path description = file("block.cnn", "input 4294967296x1x1\nblock shrink() { maxpool 2147483648x1 }\nshrink\n");
        CliTest.Run run = CliTest.run("torch", description.toString());
        assertEquals(ExitCode.MODEL_ERRORS, run.exit());
        assertTrue(run.err().contains(description + ":2:18: error[E0602]"), run.err());
        assertTrue(run.err().contains(description + ":3:1: in block 'shrink', used here"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aFileThatCannotBeReadOrWrittenExitsWith3() {
        assertEquals(ExitCode.IO, CliTest.run("torch", dir.resolve("missing.cnn").toString()).exit());
        CliTest.Run run = CliTest.run("torch", "samples/seed.cnn", "-o", dir.resolve("no/such/folder/seed.py").toString());
        assertEquals(ExitCode.IO, run.exit(), run.err());
    }
}
