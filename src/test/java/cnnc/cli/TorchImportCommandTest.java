package cnnc.cli;

import static cnnc.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.torch.TorchEnvironment;
import cnnc.cli.CliTest.Run;
import cnnc.imports.torch.TorchImport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnnc import SPEC --input HxWxC} on small hand-written PyTorch modules, run by the torch venv's
 * Python: what the language expresses is the description written out here by hand; each refusal is its
 * code at the line of the module's file that makes the operation, with its exit code, and no file written.
 */
class TorchImportCommandTest {
    private static final String HEAD = "import torch\nfrom torch import nn\nfrom torch.nn import functional as F\n\n\n";

    private static Run imports(Path dir, String module, String name, String input) throws Exception {
        Path file = Files.writeString(dir.resolve("net.py"), module);
        return run("import", file + ":" + name, "--input", input, "--python",
                TorchEnvironment.VENV.python().toString(), "-o", dir.resolve("out.cnn").toString());
    }

    /** The first line of the errors: the file, the line and column where the statement starts, the code, the message. */
    private static void assertRefused(Path dir, Run run, int exit, String place, String code, String message) {
        assertEquals(exit, run.exit(), run.err());
        String first = run.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith(place + ": error[" + code + "]: " + message), run.err());
        assertFalse(Files.exists(dir.resolve("out.cnn")), "a failed import writes nothing");
        assertEquals("", run.out());
    }

    @Test
    void importsWhatTheLanguageExpressesAndRefusesTheRest(@TempDir Path dir) throws Exception {
        String module = HEAD + """
                class Net(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.conv = nn.Conv2d(3, 8, 3, padding=1, bias=False)
                        self.bn = nn.BatchNorm2d(8)
                        self.pool = nn.AdaptiveAvgPool2d(1)
                        self.fc = nn.Linear(8, 10)

                    def forward(self, x):
                        y = F.relu(self.bn(self.conv(x)))
                        return self.fc(torch.flatten(self.pool(y), 1))


                class Minus(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.conv = nn.Conv2d(3, 3, 1)

                    def forward(self, x):
                        return x - self.conv(x)


                def fails():
                    return nn.Conv2d(3, 8, 3, groups=5)


                class Branches(nn.Module):
                    def forward(self, x):
                        if x.sum() > 0:
                            return x
                        return -x
                """;
        Run good = imports(dir, module, "Net", "8x8x3");
        assertEquals(0, good.exit(), good.err());
        // single layers that follow each other share a line, as the Keras import writes them
        assertEquals("model Net\ndefaults torch\ninput 8x8x3\nconv 8@3 pad 1 nobias; bn; relu; gap; dense 10\n",
                Files.readString(dir.resolve("out.cnn")));
        Files.delete(dir.resolve("out.cnn"));
        Path file = dir.resolve("net.py");
        // x - self.conv(x): line 25, column 9 (the return statement)
        assertRefused(dir, imports(dir, module, "Minus", "8x8x3"), 1, file + ":25:9", "E0834",
                "operator.sub(): the language has no layer for operator.sub()");
        assertRefused(dir, imports(dir, module, "fails", "8x8x3"), 1, file + ":29:5", "E0832", "");
        assertRefused(dir, imports(dir, module, "Branches", "8x8x3"), 1, file + ":34:9", "E0833",
                "torch.fx cannot trace");
        assertRefused(dir, imports(dir, module, "Missing", "8x8x3"), 3, file + ":Missing:1:1", "E0831", "");
    }

    /**
     * cnnc torch's helper classes are known by their name and their source together: a module of that class,
     * its text as cnnc writes it, is the statement it was written for; a class of the same name whose text
     * differs (here only its docstring) is the user's own, traced into as any other.
     */
    @Test
    void cnncsOwnHelperClassesAreKnownByNameAndSource(@TempDir Path dir) throws Exception {
        String cnncs = TorchImport.helpers().get("Rescaling");
        String use = """


                class Scaled(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.rescale = Rescaling(0.5)

                    def forward(self, x):
                        return self.rescale(x)
                """;
        Run own = imports(dir, "import torch\nfrom torch import nn\n\n\n" + cnncs + use, "Scaled", "8x8x3");
        assertEquals(0, own.exit(), own.err());
        assertEquals("model Scaled\ninput 8x8x3\nrescale 1/2\n", Files.readString(dir.resolve("out.cnn")));
        Files.delete(dir.resolve("out.cnn"));
        String lookalike = cnncs.replace("\"\"\"Keras's Rescaling: x * scale + offset.\"\"\"",
                "\"\"\"Not cnnc's: the name of its Rescaling, and its code.\"\"\"");
        assertTrue(!lookalike.equals(cnncs), "the docstring is replaced");
        String module = "import torch\nfrom torch import nn\n\n\n" + lookalike + use;
        Path file = dir.resolve("net.py");
        int line = (int) module.substring(0, module.indexOf("return x * self.scale")).lines().count();
        assertRefused(dir, imports(dir, module, "Scaled", "8x8x3"), 1, file + ":" + line + ":9", "E0834",
                "operator.mul() in module rescale: a product with a constant (0.5)");
    }

    /**
     * ConvNeXt's pattern: a layer norm and Linear layers between a permutation to channels last and one back are
     * the language's ln and dense keep, a parameter of one value per channel multiplied in is layerscale; a
     * permutation to channels last read by anything else, and a held tensor of another shape, are refused.
     */
    @Test
    void channelsLastRunsAndLayerScaleAreTheLanguagesLayers(@TempDir Path dir) throws Exception {
        String module = HEAD + """
                class Norm2d(nn.LayerNorm):
                    def forward(self, x):
                        x = x.permute(0, 2, 3, 1)
                        x = F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
                        return x.permute(0, 3, 1, 2)


                class Block(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.norm = Norm2d(8, eps=1e-6)
                        self.fc = nn.Linear(8, 16)
                        self.scale = nn.Parameter(torch.full((16, 1, 1), 1e-6))

                    def forward(self, x):
                        x = self.norm(x).permute(0, 2, 3, 1)
                        x = F.gelu(self.fc(x)).permute(0, 3, 1, 2)
                        return self.scale * x


                class TwoNorms(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.first = Norm2d(8, eps=1e-6)
                        self.conv = nn.Conv2d(8, 8, 1)
                        self.bn = nn.BatchNorm2d(8)
                        self.second = Norm2d(8, eps=1e-6)

                    def forward(self, x):
                        return self.second(self.bn(self.conv(self.first(x))))


                class Positions(nn.Module):
                    def forward(self, x):
                        return x.permute(0, 2, 3, 1).mean(-1)


                class Map(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.map = nn.Parameter(torch.ones(8, 4, 4))

                    def forward(self, x):
                        return self.map * x
                """;
        Run good = imports(dir, module, "Block", "4x4x8");
        assertEquals(0, good.exit(), good.err());
        // single layers share a line, as the Keras import writes them
        assertEquals("model Block\ninput 4x4x8\nln eps 0.000001; dense 16 keep gelu; layerscale\n",
                Files.readString(dir.resolve("out.cnn")));
        Files.delete(dir.resolve("out.cnn"));
        // the epsilon both layer norms write, once, beside torch's batch norm's
        Run twoNorms = imports(dir, module, "TwoNorms", "4x4x8");
        assertEquals(0, twoNorms.exit(), twoNorms.err());
        assertEquals("model TwoNorms\ndefaults torch ln eps 0.000001\ninput 4x4x8\nln; conv 8@1; bn; ln\n",
                Files.readString(dir.resolve("out.cnn")));
        Files.delete(dir.resolve("out.cnn"));
        Path file = dir.resolve("net.py");
        assertRefused(dir, imports(dir, module, "Positions", "4x4x8"), 1, file + ":40:9", "E0834",
                "the method .permute(): a permutation of the axes [0, 2, 3, 1] (channels first): the method .mean() "
                        + "reads the channels-last tensor");
        assertRefused(dir, imports(dir, module, "Map", "4x4x8"), 1, file + ":49:9", "E0834",
                "map(): a tensor held by the module (map) used in forward()");
    }

    /**
     * torchvision's DenseNet pattern, small: each layer concatenates every feature before it and the block all of
     * them at its end. cat(x, n1, n2) is cat(cat(x, n1), n2), so each layer is one {@code concat { identity | ... }}
     * on the concatenation before it, repeated; a concatenation whose inputs are not an earlier one's and one
     * more (here [stem, a, z] after [a, stem]: the order of the channels differs) is written as it is.
     */
    @Test
    void aConcatenationThatGrowsByOneTensorIsOneConcatPerLayer(@TempDir Path dir) throws Exception {
        String module = HEAD + """
                class DenseLayer(nn.Module):
                    def __init__(self, channels):
                        super().__init__()
                        self.norm = nn.BatchNorm2d(channels)
                        self.conv = nn.Conv2d(channels, 4, 3, padding=1, bias=False)

                    def forward(self, features):
                        return self.conv(F.relu(self.norm(torch.cat(features, 1))))


                class Dense(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.layers = nn.ModuleList([DenseLayer(8 + 4 * i) for i in range(3)])

                    def forward(self, x):
                        features = [x]
                        for layer in self.layers:
                            features.append(layer(features))
                        return torch.cat(features, 1)


                class Reordered(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.stem = nn.Conv2d(8, 8, 1)
                        self.a = nn.Conv2d(8, 4, 1)
                        self.b = nn.Conv2d(12, 4, 1)

                    def forward(self, x):
                        x = self.stem(x)
                        y = self.a(x)
                        z = self.b(torch.cat([y, x], 1))
                        return torch.cat([x, y, z], 1)
                """;
        Run dense = imports(dir, module, "Dense", "4x4x8");
        assertEquals(0, dense.exit(), dense.err());
        assertEquals("model Dense\ndefaults torch\ninput 4x4x8\n"
                + "concat { identity | bn; relu; conv 4@3 pad 1 nobias } x3\n", Files.readString(dir.resolve("out.cnn")));
        // the layers read 8, 12 and 16 channels: batch norms of 4 x 8, 4 x 12, 4 x 16 (scale, shift, mean,
        // variance), convolutions of 8, 12, 16 x 4 x 3 x 3, and 8 + 3 x 4 channels out
        Run report = run("report", dir.resolve("out.cnn").toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().matches("(?s).*\\btotal params +" + String.format("%,d", 4 * (8 + 12 + 16)
                + (8 + 12 + 16) * 4 * 3 * 3) + "\\b.*"), report.out());
        assertTrue(report.out().contains("4x4x20"), report.out());
        Files.delete(dir.resolve("out.cnn"));
        Run reordered = imports(dir, module, "Reordered", "4x4x8");
        assertEquals(0, reordered.exit(), reordered.err());
        assertEquals("model Reordered\ninput 4x4x8\nconv 8@1 as stem\nconv 4@1 as a\nconcat { identity | from stem }\n"
                + "concat { from stem | from a | conv 4@1 }\n", Files.readString(dir.resolve("out.cnn")));
    }

    /**
     * The input read again after the layers that follow it: {@code Reordered} above without its stem, both
     * concatenations reading the input. The language names no input (E0709), so an identity right after it
     * takes torch.fx's name for it, {@code x} ({@code x_}: {@code x} is a repetition's word). Issue 27: the
     * import wrote "input 4x4x8 as x_", which does not check (E0837).
     */
    @Test
    void anInputReadAgainLaterIsNamedOnAnIdentity(@TempDir Path dir) throws Exception {
        String module = HEAD + """
                class Rereads(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.a = nn.Conv2d(8, 4, 1)
                        self.b = nn.Conv2d(12, 4, 1)

                    def forward(self, x):
                        y = self.a(x)
                        z = self.b(torch.cat([y, x], 1))
                        return torch.cat([x, y, z], 1)
                """;
        Run rereads = imports(dir, module, "Rereads", "4x4x8");
        assertEquals(0, rereads.exit(), rereads.err());
        Path out = dir.resolve("out.cnn");
        assertEquals("model Rereads\ninput 4x4x8\nidentity as x_\nconv 4@1 as a\nconcat { identity | from x_ }\n"
                + "concat { from x_ | from a | conv 4@1 }\n", Files.readString(out));
        Run fmt = run("fmt", "--check", out.toString());
        assertEquals(0, fmt.exit(), fmt.out() + fmt.err());
        // a reads the 8 channels, b the 4 + 8 of the first concatenation, each with a bias of 4; 8 + 4 + 4 out
        Run report = run("report", out.toString());
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().matches("(?s).*\\btotal params +" + ((8 * 4 + 4) + ((4 + 8) * 4 + 4)) + "\\b.*"),
                report.out());
        assertTrue(report.out().contains("4x4x" + (8 + 4 + 4)), report.out());
    }

    @Test
    void withoutPythonOrItsInputTheCommandSaysWhatIsMissing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("net.py"), HEAD);
        Run run = run("import", file + ":Net", "--input", "8x8x3", "--python", dir.resolve("no-python").toString(),
                "-o", dir.resolve("out.cnn").toString());
        assertRefused(dir, run, 3, file + ":Net:1:1", "E0830", "cannot run " + dir.resolve("no-python"));
        Run noInput = run("import", file + ":Net", "-o", dir.resolve("out.cnn").toString());
        assertEquals(2, noInput.exit(), noInput.err());
        assertTrue(noInput.err().contains("a PyTorch module needs its input size: --input HxWxC"), noInput.err());
        Run badInput = run("import", file + ":Net", "--input", "8x8x0");
        assertEquals(2, badInput.exit(), badInput.err());
        Run keras = run("import", dir.resolve("m.json").toString(), "--input", "8x8x3");
        assertEquals(2, keras.exit(), keras.err());
        assertTrue(keras.err().contains("--input and --python are for a PyTorch module"), keras.err());
    }
}
