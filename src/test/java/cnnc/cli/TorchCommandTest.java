package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.torch.TorchEnvironment;
import cnnc.testing.PythonVenv;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        assertTrue(run.out().contains("        super().__init__()\n        self.conv1 = nn.Conv2d(1, 60, 7)\n"), run.out());
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

    /**
     * Model names are free text: whatever they hold, the generated module parses (Python's own parser),
     * is plain ASCII, and holds imports, the model's class (named with the name's ASCII letters and digits),
     * build_model and the script's if: the names close a string, end a comment with a line break, hold a
     * triple quote, a backslash, characters beyond ASCII, or name one of the module's own classes.
     */
    @Test
    void aModelNameCannotInjectCode() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("x\"); import os; (\"", "XImportOs");
        names.put("a\nimport os\nb", "AImportOsB");
        names.put("\"\"\" + __import__('os').name + \"\"\"", "ImportOsName");
        names.put("\\\" + 'x' #", "X");
        names.put("tab\there \u00e9\u4e2d\ud83d\ude00", "TabHere");
        names.put("2d net", "Model2dNet");
        names.put("add", "ModelAdd");
        List<String> modules = new ArrayList<>();
        int i = 0;
        for (String name : names.keySet()) {
            Path description = file("name" + i + ".cnn", "model " + quoted(name)
                    + "\ninput 4x4x1\nadd { conv 1@1 | }\nflatten\n");
            Path python = dir.resolve("name" + i++ + ".py");
            CliTest.Run run = CliTest.run("torch", description.toString(), "-o", python.toString());
            assertEquals(ExitCode.OK, run.exit(), run.err());
            String text = Files.readString(python, StandardCharsets.UTF_8);
            assertTrue(text.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "not plain ASCII: " + text);
            modules.add(python.toString());
        }
        List<String> command = new ArrayList<>(List.of(TorchEnvironment.VENV.python().toString(),
                Path.of("src/test/resources/torch/names.py").toAbsolutePath().toString()));
        command.addAll(modules);
        PythonVenv.Run run = TorchEnvironment.VENV.run(command, Duration.ofMinutes(2));
        assertEquals(0, run.exit(), run.output());
        JsonNode results = new ObjectMapper().readTree(run.output().lines().reduce((a, b) -> b).orElse(""));
        i = 0;
        for (Map.Entry<String, String> name : names.entrySet()) {
            assertEquals("[\"Import\",\"ImportFrom\",\"ImportFrom\",\"ClassDef:FlattenHWC\",\"ClassDef:Add\","
                    + "\"ClassDef:" + name.getValue() + "\",\"FunctionDef:build_model\",\"If\"]",
                    results.get(i++).get("statements").toString(), name.getKey());
        }
    }

    /** A cnnc string: a backslash keeps the next character. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    @Test
    void aFileThatCannotBeReadOrWrittenExitsWith3() {
        assertEquals(ExitCode.IO, CliTest.run("torch", dir.resolve("missing.cnn").toString()).exit());
        CliTest.Run run = CliTest.run("torch", "samples/seed.cnn", "-o", dir.resolve("no/such/folder/seed.py").toString());
        assertEquals(ExitCode.IO, run.exit(), run.err());
    }
}
