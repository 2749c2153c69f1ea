package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.testing.Samples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Samples written from papers, against the figures the papers print (and a reference implementation's),
 * each with its source. The exact figures of the same models built in torch are SequenceVolumeModelsTest's.
 */
class PaperFiguresTest {

    private static CheckedModel model(String file) {
        Compilation compilation = Samples.compile(Path.of("samples", file));
        assertFalse(compilation.hasErrors(), () -> file + ": " + compilation.diagnostics());
        return compilation.model();
    }

    /**
     * Dai et al., "Very deep convolutional neural networks for raw waveforms" (ICASSP 2017,
     * arXiv:1610.00087), Table 1's heading: M3 (0.2M), M5 (0.5M), M11 (1.8M), M18 (3.7M), M34-res (4M)
     * parameters, to a tenth of a million (M34-res's to a million). They are rounded, but for M5's, which
     * is cut: the weights of its four convs alone are 80 x 128 + 3 x 128 x 128 + 3 x 128 x 256 + 3 x 256 x 512
     * = 550,912, more than 0.55M. Also the trainable counts that Keras printed for the reference
     * implementation github.com/philipperemy/very-deep-convnets-raw-waveforms (its README: M3 221,194,
     * M5 559,114, M11 1,786,442, M18 3,683,786), which keeps the convs' biases as the samples do; its M34
     * has 1x1 convs of its own between stages (3,984,154), so it is left out.
     */
    @ParameterizedTest
    @CsvSource({"m3, 0.2, 0.1, round, 221194", "m5, 0.5, 0.1, cut, 559114", "m11, 1.8, 0.1, round, 1786442",
            "m18, 3.7, 0.1, round, 3683786", "m34_res, 4, 1, round, -1"})
    void daiEtAlsTableOne(String name, double millions, double precision, String rounding, long keras) {
        long trainable = model("audio/" + name + ".cnn").totals().trainableParams();
        double units = trainable / 1e6 / precision;
        assertEquals(millions, (rounding.equals("cut") ? Math.floor(units) : Math.round(units)) * precision, 1e-9,
                name + ": " + trainable + " parameters, as Table 1 gives them");
        if (keras > 0) {
            assertEquals(keras, trainable, name + ": the Keras reference implementation's trainable count");
        }
    }

    /**
     * M5 by hand: the first conv 80 x 1 x 128 + 128; then 3 x 128 x 128 + 128, 3 x 128 x 256 + 256,
     * 3 x 256 x 512 + 512; batch norm's gamma and beta, 2 per channel, after each; 512 x 10 + 10 at the
     * end. The lengths: 32000 / 4 = 8000 (same padding), pooled 2000, 500, 125, then ceil(125 / 4) = 32.
     */
    @Test
    void m5ByHand() {
        CheckedModel model = model("audio/m5.cnn");
        long convs = (80 * 1 * 128 + 128) + (3 * 128 * 128 + 128) + (3 * 128 * 256 + 256) + (3 * 256 * 512 + 512);
        long norms = 2 * (128 + 128 + 256 + 512);
        assertEquals(550_912, convs - (128 + 128 + 256 + 512), "the convs' weights: Table 1's 0.5M is cut, not rounded");
        assertEquals(convs + norms + 512 * 10 + 10, model.totals().trainableParams());
        assertEquals(2 * (128 + 128 + 256 + 512), model.totals().nonTrainableParams(), "the moving means and variances");
        assertEquals(List.of("8000x128", "2000x128", "500x128", "125x256", "32x512"), model.layers().stream()
                .filter(l -> l.name().equals("cbr1.conv1") || l.name().startsWith("maxpool"))
                .map(l -> l.outputShape().toString()).toList());
    }

    /**
     * Cicek et al., "3D U-Net: learning dense volumetric segmentation from sparse annotation" (MICCAI
     * 2016, arXiv:1606.06650), section 2: "The architecture has 19069955 parameters in total", for a
     * 132x132x116 tile of 3 channels and 3 classes at 44x44x28. The paper puts batch norm before each
     * ReLU, which that count leaves out: the sample's 14 bn add gamma and beta for their channels (32,
     * 64; 64, 128; 128, 256; 256, 512 down; 256, 256; 128, 128; 64, 64 up), and as many statistics.
     */
    @Test
    void cicekEtAlsThreeDimensionalUNet() {
        CheckedModel model = model("unet3d.cnn");
        long bnChannels = 32 + 64 + 64 + 128 + 128 + 256 + 256 + 512 + 256 + 256 + 128 + 128 + 64 + 64;
        assertEquals(2_336, bnChannels);
        assertEquals(19_069_955L + 2 * bnChannels, model.totals().trainableParams(), "the paper's count and bn's gamma and beta");
        assertEquals(2 * bnChannels, model.totals().nonTrainableParams(), "bn's moving means and variances");
        // valid 3x3x3 convs take 2 from each axis twice; 2x2x2 pooling halves; 2x2x2 up-convolutions double:
        // depth 116 -> 112 -> 56 -> 52 -> 26 -> 22 -> 11 -> 7 -> 14 -> 10 -> 20 -> 16 -> 32 -> 28,
        // height and width 132 -> 128 -> 64 -> 60 -> 30 -> 26 -> 13 -> 9 -> 18 -> 14 -> 28 -> 24 -> 48 -> 44
        CheckedLayer last = model.layers().get(model.layers().size() - 1);
        assertEquals("28x44x44x3", last.outputShape().toString(), "the paper's 44x44x28 output of 3 classes");
    }
}
