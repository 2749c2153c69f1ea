package cnnc;

import cnnc.testing.Samples;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * timm's models under samples/timm/ against timm's own figures, recorded here until the suite's timm
 * harness checks them in timm itself: parameters (cnnc's trainable count; the running statistics are
 * buffers in torch) and MACs, printed by timm 1.0.29 on torch 2.13 (CPU) with
 * {@code m = timm.create_model(name, pretrained=False).eval()}, {@code sum(p.numel() for p in
 * m.parameters())} and {@code FlopCounterMode}'s total on {@code torch.zeros(1, 3, 224, 224)}, halved.
 */
class TimmFiguresTest {

    private static void assertFigures(String file, long parameters, long macs) {
        Samples.assertFigures(Path.of("samples/timm", file), parameters, macs);
    }

    /** Its squeeze-and-excitation widths are make_divisible(C / 4, 8): divisible(in.c * 0.25, 8). */
    @Test
    void mobileNetV3Large() {
        assertFigures("mobilenetv3_large_100.cnn", 5_483_032L, 216_589_760L);
    }

    /** Its mixed convolutions are a branch per kernel size: concat for i, k in ks { ... }. */
    @Test
    void mixNetSmall() {
        assertFigures("mixnet_s.cnn", 4_134_606L, 239_173_360L);
    }

    /** Its squeeze-and-excitation widths are make_divisible(C / 4, 4): 72 channels give 20, not 18. */
    @Test
    void ghostNet() {
        assertFigures("ghostnet_100.cnn", 5_182_508L, 141_150_512L);
    }
}
