package cnnc.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.backend.dl4j.Dl4jBackend;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.torch.TorchBackend;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.testing.Samples;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Blocks stay blocks in the generated code: written once for all their uses, their layers named as
 * the report's rows, the {@code as} names as variables. That the code computes the report's model is
 * the conformance suites' (Keras, torch, DL4J, run for real over every sample); this test is about
 * its shape.
 */
class BlockCodeTest {
    private static final Compilation RESNET50 = Samples.compile(Path.of("samples/zoo/resnet50.cnn"));
    private static final Compilation UNET = Samples.compile(Path.of("samples/unet.cnn"));

    /** ResNet-50 has 3 + 4 + 6 + 3 = 16 bottleneck blocks (He et al. 2015, table 1). */
    @Test
    void resnet50HasSixteenUsesOfItsResidualBlock() {
        List<BlockInstance> residuals = RESNET50.model().blocks().stream()
                .filter(instance -> instance.block().equals("residual")).toList();
        assertEquals(16, residuals.size());
        // the layers of each use have the block's own names under the use's path
        for (BlockInstance residual : residuals) {
            List<String> names = RESNET50.model().layers().stream().filter(residual::contains).map(CheckedLayer::name)
                    .map(name -> name.substring(residual.path().length() + 1)).toList();
            assertEquals(List.of("conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "conv3", "bn3"), names);
        }
        assertEquals("stage2.down1.residual1.conv1", RESNET50.model().layers().stream()
                .filter(layer -> layer.block().equals("stage2/down1/residual1")).findFirst().orElseThrow().name());
    }

    @Test
    void torchWritesEachBlockOnceAsAClass() {
        String python = TorchBackend.generate(RESNET50).python().orElseThrow();
        for (String block : List.of("Residual", "Down", "Keep")) {
            assertEquals(1, count(python, "\nclass " + block + "(nn.Module):\n"), block);
        }
        assertEquals(2, count(python, "Residual(in_channels, f"), "made in Down and in Keep");
        assertEquals(4, count(python, " = Stage("), "the model's four stages");
        assertTrue(python.contains("self.conv3 = nn.Conv2d(f, 4 * f, 1)\n"), "sizes as the block writes them");
        // a stage is down1 then keep(f) x(n-1), a chain: an nn.Sequential of them, as torchvision's DenseNet blocks
        assertEquals(1, count(python, "\nclass Stage(nn.Sequential):\n"), python);
        assertTrue(python.contains("        for i in range(n - 1):\n            keep = Keep(channels, f)\n"
                + "            self.add_module(f\"keep{i + 1}\", keep)\n"), "keep(f) x(n-1) as a loop");
        assertEquals(0, count(python, "getattr("), "no submodule looked up by name in forward");
        assertEquals(0, count(python, "class Residual2"), "one class serves every use");
    }

    @Test
    void kerasWritesEachBlockOnceAsAFunction() {
        String python = KerasBackend.generate(RESNET50).python().orElseThrow();
        for (String block : List.of("residual", "down", "keep", "stage")) {
            assertEquals(1, count(python, "\ndef " + block + "("), block);
        }
        assertTrue(python.contains("def residual(x, f, s=1, *, name):\n"), python);
        assertTrue(python.contains("x = layers.Conv2D(4 * f, 1, name=f\"{name}.conv3\")(x)\n"), python);
        assertTrue(python.contains("x = stage(x, 64, 3, s=1, name=\"stage1\")\n"), python);
    }

    @Test
    void dl4jWritesEachBlockOnceAsAMethod() {
        String java = Dl4jBackend.generate(RESNET50, new JavaClassName("", "Resnet50")).javaSource().orElseThrow();
        for (String block : List.of("residual", "down", "keep", "stage")) {
            assertEquals(1, count(java, "private static String " + block + "("), block);
        }
        assertTrue(java.contains(".nOut(4 * f)."), "sizes as the block writes them");
        assertTrue(java.contains("String stage1 = stage(graph, \"stage1\", \"maxpool1\", 64, 3, 1);"), java);
    }

    /** VGG16's stages repeat a convolution 2 or 3 times (Simonyan and Zisserman 2014, configuration D): a loop. */
    @Test
    void aRepeatedLayerIsALoop() {
        Compilation vgg = Samples.compile(Path.of("samples/zoo/vgg16.cnn"));
        assertEquals(List.of(2L, 2L, 3L, 3L, 3L), vgg.model().blocks().stream()
                .map(stage -> vgg.model().layers().stream().filter(stage::contains)
                        .filter(layer -> layer.kind() == cnnc.ast.LayerKind.CONV).count()).toList());
        String keras = KerasBackend.generate(vgg).python().orElseThrow();
        assertEquals(1, count(keras, "\ndef stage"), keras);
        assertTrue(keras.contains("    for i in range(n):\n        x = layers.Conv2D(f, 3, padding=\"same\", activation=\"relu\", "
                + "name=f\"{name}.conv{i + 1}\")(x)\n"), keras);
        String torch = TorchBackend.generate(vgg).python().orElseThrow();
        assertEquals(1, count(torch, "\nclass Stage"), torch);
        assertTrue(torch.contains("class Stage(nn.Sequential):\n"), torch);
        assertTrue(torch.contains("self.add_module(f\"conv{i + 1}\", nn.Conv2d(channels, f, 3, padding=\"same\"))\n"
                + "            self.add_module(f\"conv{i + 1}_activation\", nn.ReLU())\n"), torch);
        String java = Dl4jBackend.generate(vgg, new JavaClassName("", "Vgg16")).javaSource().orElseThrow();
        assertEquals(1, count(java, "private static String stage"), java);
        assertTrue(java.contains("for (int i = 0; i < n; i++) {"), java);
    }

    /** The U-Net's named encoder outputs are the variables its decoder steps read. */
    @Test
    void asNamesAreTheVariables() {
        String keras = KerasBackend.generate(UNET).python().orElseThrow();
        assertTrue(keras.contains("e1 = twice(inputs, 32, name=\"twice1\")\n"), keras);
        assertTrue(keras.contains("x = up(x, e3, 128, name=\"up1\")\n"), keras);
        assertTrue(keras.contains("def up(x, skip, f, *, name):\n"), keras);
        String torch = TorchBackend.generate(UNET).python().orElseThrow();
        assertTrue(torch.contains("e3 = self.twice3(x)\n"), torch);
        assertTrue(torch.contains("x = self.up1(x, e3)\n"), torch);
        assertTrue(torch.contains("def forward(self, x, skip):\n"), torch);
        assertTrue(torch.contains("self.twice1 = Twice(f + skip_channels, f)\n"), "channels followed through concat");
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
