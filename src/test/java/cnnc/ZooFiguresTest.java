package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.ast.LayerKind;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The zoo's totals against the figures Keras publishes for keras.applications (the conformance
 * suite also builds those models in real Keras and compares layer by layer).
 */
class ZooFiguresTest {

    private static CheckedModel model(String file) {
        Compilation compilation = Samples.compile(Path.of("samples/zoo", file));
        assertFalse(compilation.hasErrors(), () -> file + ": " + compilation.diagnostics());
        return compilation.model();
    }

    @Test
    void publishedTotals() {
        assertEquals(138_357_544L, model("vgg16.cnn").totals().params());
        assertEquals(25_636_712L, model("resnet50.cnn").totals().params());
        assertEquals(25_583_592L, model("resnet50.cnn").totals().trainableParams());
        assertEquals(3_538_984L, model("mobilenetv2.cnn").totals().params());
        assertEquals(8_062_504L, model("densenet121.cnn").totals().params());
        assertEquals(23_851_784L, model("inceptionv3.cnn").totals().params());
        assertEquals(5_330_571L, model("efficientnetb0.cnn").totals().params());
        assertEquals(5_288_548L, model("efficientnetb0.cnn").totals().trainableParams());
        assertEquals(2_554_968L, model("mobilenetv3small.cnn").totals().params());
        assertEquals(2_542_856L, model("mobilenetv3small.cnn").totals().trainableParams());
    }

    @Test
    void efficientNetScalesEveryPositionBySqueezeAndExcitation() {
        CheckedModel model = model("efficientnetb0.cnn");
        // Keras's Normalization on 3 channels: mean 3 + variance 3 + the sample count 1, none trained
        CheckedLayer normalize = model.layers().stream().filter(l -> l.kind() == LayerKind.NORMALIZE).findFirst().orElseThrow();
        assertEquals(3 + 3 + 1, normalize.nonTrainableParams());
        assertEquals(0, normalize.trainableParams());
        // one squeeze-and-excitation multiply per MBConv block: 1 + 2 + 2 + 3 + 3 + 4 + 1
        List<CheckedLayer> multiplies = model.layers().stream().filter(l -> l.kind() == LayerKind.MULTIPLY).toList();
        assertEquals(16, multiplies.size());
        // the first block: its 112x112x32 input times the 1x1x32 excitation stays 112x112x32
        CheckedLayer first = multiplies.get(0);
        assertEquals("112x112x32", first.inputShapes().get(0).toString());
        assertEquals("1x1x32", first.inputShapes().get(1).toString());
        assertEquals("112x112x32", first.outputShape().toString());
    }

    @Test
    void resnet50IsShort() throws Exception {
        long lines = Files.readAllLines(Path.of("samples/zoo/resnet50.cnn")).stream()
                .filter(line -> !line.isBlank() && !line.strip().startsWith("#")).count();
        assertTrue(lines <= 25, lines + " lines");
    }

    @Test
    void resnet50Graph() {
        CheckedModel model = model("resnet50.cnn");
        List<CheckedLayer> adds = model.layers().stream().filter(l -> l.kind() == LayerKind.ADD).toList();
        assertEquals(3 + 4 + 6 + 3, adds.size(), "one residual addition per bottleneck block");
        adds.forEach(add -> assertEquals(2, add.inputs().size()));
        // the first stage's projection shortcut reads the max pool's output, as the main branch does
        CheckedLayer pool = model.layers().stream().filter(l -> l.kind() == LayerKind.MAXPOOL).findFirst().orElseThrow();
        assertEquals(2, model.layers().stream().filter(l -> l.inputs().equals(List.of(pool.index()))).count());
        assertFalse(model.isChain());
    }

    @Test
    void vgg16FirstDenseLayer() {
        // 7 * 7 * 512 = 25,088 inputs; 25,088 * 4,096 + 4,096 = 102,764,544
        CheckedModel model = model("vgg16.cnn");
        CheckedLayer dense = model.layers().stream().filter(l -> l.kind() == LayerKind.DENSE).findFirst().orElseThrow();
        assertEquals(25_088L * 4_096 + 4_096, dense.params());
    }

    @Test
    void unetJoinsTheEncoderBackIn() {
        CheckedModel model = model("../unet.cnn");
        List<CheckedLayer> concats = model.layers().stream().filter(l -> l.kind() == LayerKind.CONCAT).toList();
        assertEquals(3, concats.size());
        // 16x16x128 upsampled to 32x32x128, joined with e3 (32x32x128): 256 channels
        assertEquals("32x32x256", concats.get(0).outputShape().toString());
        assertEquals("128x128x1", model.layers().get(model.layers().size() - 1).outputShape().toString());
    }
}
