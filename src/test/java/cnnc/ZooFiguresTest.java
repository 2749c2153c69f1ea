package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.ast.LayerKind;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Value;
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
        assertEquals(44_707_176L, model("resnet101.cnn").totals().params());
        assertEquals(3_538_984L, model("mobilenetv2.cnn").totals().params());
        assertEquals(8_062_504L, model("densenet121.cnn").totals().params());
        assertEquals(23_851_784L, model("inceptionv3.cnn").totals().params());
        assertEquals(5_330_571L, model("efficientnetb0.cnn").totals().params());
        assertEquals(5_288_548L, model("efficientnetb0.cnn").totals().trainableParams());
        assertEquals(5_326_716L, model("nasnetmobile.cnn").totals().params());
        assertEquals(5_289_978L, model("nasnetmobile.cnn").totals().trainableParams());
        assertEquals(28_589_128L, model("convnexttiny.cnn").totals().params());
        assertEquals(28_589_128L, model("convnexttiny.cnn").totals().trainableParams());
        assertEquals(2_554_968L, model("mobilenetv3small.cnn").totals().params());
        assertEquals(2_542_856L, model("mobilenetv3small.cnn").totals().trainableParams());
    }

    @Test
    void nasNetMobileIsWrittenWithCellsThatReadTwoTensors() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("samples/zoo/nasnetmobile.cnn")).stream()
                .filter(line -> !line.isBlank()).toList();
        assertTrue(lines.size() <= 60, lines.size() + " non-blank lines");
        // 4 reduction cells and 12 normal cells, each a block instance with a named output argument
        List<BlockInstance> cells = model("nasnetmobile.cnn").blocks().stream()
                .filter(b -> b.depth() == 0 && b.arguments().get("p") instanceof Value.Output).toList();
        assertEquals(4 + 12, cells.size());
    }

    @Test
    void convNeXtBlockByHand() {
        CheckedModel model = model("convnexttiny.cnn");
        // the constant ImageNet mean and variance are no parameters; the stem: 4 x 4 x 3 x 96 + 96
        assertEquals(0, model.layers().get(0).params());
        assertEquals(4L * 4 * 3 * 96 + 96, model.layers().get(1).params());
        List<CheckedLayer> dense = model.layers().stream().filter(l -> l.kind() == LayerKind.DENSE).toList();
        // dense 384 keep on 56x56x96: 96 x 384 + 384, the image kept; then back to 96: 384 x 96 + 96
        assertEquals("56x56x384", dense.get(0).outputShape().toString());
        assertEquals(96L * 384 + 384, dense.get(0).params());
        assertEquals(384L * 96 + 96, dense.get(1).params());
        // 56 x 56 positions x 96 x 384 multiply-accumulates
        assertEquals(56L * 56 * 96 * 384, dense.get(0).cost().macs());
        List<CheckedLayer> scales = model.layers().stream().filter(l -> l.kind() == LayerKind.LAYERSCALE).toList();
        assertEquals(3 + 3 + 9 + 3, scales.size());
        assertEquals(96, scales.get(0).trainableParams());
        assertEquals(768, scales.get(scales.size() - 1).trainableParams());
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
