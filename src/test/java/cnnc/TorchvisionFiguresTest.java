package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnnc.testing.Samples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * torchvision's models, written in cnnc under samples/torchvision/, against torchvision's published
 * figures: the parameter count (BatchNorm's running statistics are buffers in PyTorch, so it is
 * cnnc's trainable count) and the multiply-accumulates that torch.utils.flop_counter counts on
 * torchvision 0.2x, which are its published "GFLOPS" (conv and linear, bias excluded).
 */
class TorchvisionFiguresTest {

    private static void assertFigures(String file, long parameters, long macs) {
        Samples.assertFigures(Path.of("samples/torchvision", file), parameters, macs);
    }

    @Test
    void resnet18() {
        assertFigures("resnet18.cnn", 11_689_512L, 1_814_073_344L);
    }

    @Test
    void resnet50WithTheStrideOnTheThreeByThree() {
        assertFigures("resnet50.cnn", 25_557_032L, 4_089_184_256L);
    }

    @Test
    void alexnet() {
        // conv1 55x55x64 outputs x 11x11x3 = 70,276,800; conv2 27x27x192 x 5x5x64 = 223,948,800;
        // conv3 13x13x384 x 3x3x192 = 112,140,288; conv4 13x13x256 x 3x3x384 = 149,520,384;
        // conv5 13x13x256 x 3x3x256 = 99,680,256; fc 9216x4096 + 4096x4096 + 4096x1000 = 58,621,952
        long macs = 70_276_800L + 223_948_800L + 112_140_288L + 149_520_384L + 99_680_256L + 58_621_952L;
        assertEquals(714_188_480L, macs, "torchvision's published figure, by hand");
        assertFigures("alexnet.cnn", 61_100_840L, macs);
    }

    @Test
    void vgg16() {
        assertFigures("vgg16.cnn", 138_357_544L, 15_470_264_320L);
    }

    /**
     * torchvision publishes 2,278,604 parameters and 0.14 GFLOPS. The MACs are torch 2.13's
     * FlopCounterMode total (289,815,984) halved, from torchvision's ShuffleNetV2 copied into plain torch
     * (torchvision itself cannot be installed here) and run on a 1x3x224x224 input; the same script
     * counted the parameters, 2,278,604.
     */
    @Test
    void shuffleNetV2() {
        assertFigures("shufflenetv2.cnn", 2_278_604L, 289_815_984L / 2);
    }

    /**
     * 6,624,904 is torchvision's published count. 1,498,376,192 (torchvision publishes 1.50 "GFLOPS") was
     * counted with real torch 2.13.0 (CPU): GoogLeNet rebuilt in plain torch as torchvision's googlenet.py
     * writes it (BasicConv2d, Inception, aux_logits=False), whose parameters() also summed to 6,624,904,
     * and torch.utils.flop_counter.FlopCounterMode on a 1x3x224x224 input gave 2,996,752,384 FLOPs, which
     * it counts as 2 per multiply-accumulate.
     */
    @Test
    void googlenetWithCeilPooling() {
        assertFigures("googlenet.cnn", 6_624_904L, 2_996_752_384L / 2);
    }

    @Test
    void mobilenetV2() {
        assertFigures("mobilenetv2.cnn", 3_504_872L, 300_774_272L);
    }

    /**
     * torchvision's video models, r3d_18, mc3_18 and r2plus1d_18 on 16 frames of 112x112 and s3d on 16 of
     * 224x224 (its weights' min_size; min_temporal_size 14): the parameters and GFLOPS of torchvision's
     * model table (pytorch.org/vision/stable/models.html, video classification: 33.4M, 11.7M, 31.5M, 8.3M;
     * 40.70, 43.34, 40.52, 17.98 GFLOPS), here as the weights' meta in torchvision 0.28's
     * models/video/resnet.py and s3d.py writes them ("num_params", and "_ops" to three decimals: its
     * GFLOPS are multiply-accumulates). SequenceVolumeModelsTest holds the exact MACs to the models
     * themselves, run in the suite.
     */
    @ParameterizedTest
    @CsvSource({"r3d_18, 33371472, 40.697", "mc3_18, 11695440, 43.343", "r2plus1d_18, 31505325, 40.519",
            "s3d, 8320048, 17.979"})
    void videoModels(String name, long parameters, double gflops) {
        Compilation compilation = Samples.compile(Path.of("samples/torchvision", name + ".cnn"));
        assertEquals(parameters, compilation.model().totals().trainableParams(), name + " parameters");
        assertEquals(gflops, Math.round(compilation.analysis().orElseThrow().macs() / 1e6) / 1e3, 1e-9, name + " GFLOPS");
    }
}
