package cnnc.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.check.CheckedLayer;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequences (1-D) and volumes (3-D): shapes, parameters, MACs, FLOPs, receptive fields and memory
 * at each rank, every expected figure written out as arithmetic here, as CostRulesTest does for images.
 */
class RanksTest {

    private static Compilation compile(String text) {
        Compilation compilation = Compiler.compile(new SourceFile("ranks.cnn", text), Options.DEFAULT);
        assertFalse(compilation.hasErrors(), () -> text + compilation.diagnostics());
        return compilation;
    }

    private static CheckedLayer last(Compilation compilation) {
        List<CheckedLayer> layers = compilation.model().layers();
        return layers.get(layers.size() - 1);
    }

    private static LayerFigures figures(Compilation compilation, CheckedLayer layer) {
        return compilation.analysis().orElseThrow().row(layer.index());
    }

    private static String field(Compilation compilation, CheckedLayer layer) {
        ReceptiveField field = figures(compilation, layer).field();
        return field instanceof ReceptiveField.Region r ? r.sizeText() + " jump " + r.jumpText() : "whole";
    }

    @Test
    void aVolumeConvolutionHasAKernelAxisPerSpatialAxis() {
        Compilation volume = compile("input 16x112x112x3\nconv 64@3x3x3 same\n");
        CheckedLayer conv = last(volume);
        assertEquals(new Shape.Grid(List.of(16L, 112L, 112L), 64), conv.outputShape());
        assertEquals(3 * 3 * 3 * 3 * 64 + 64, conv.params(), "3x3x3 taps x 3 channels x 64 filters, and 64 biases");
        // 16 x 112 x 112 x 64 outputs, each 3 x 3 x 3 x 3 = 81 multiply-accumulates
        long outputs = 16L * 112 * 112 * 64;
        assertEquals(outputs * 81, figures(volume, conv).macs());
        assertEquals(2 * outputs * 81 + outputs, figures(volume, conv).flops(), "2 per MAC, and the bias once per output");
        assertEquals("3 jump 1", field(volume, conv));
        assertEquals(outputs * 4, figures(volume, conv).outputBytes(), "float32");
    }

    @Test
    void aFactorisedKernelAndAStrideOfItsOwnPerAxis() {
        // R(2+1)D's spatial then temporal convolution, and a stem that strides height and width only
        Compilation volume = compile("input 16x112x112x3\nzeropad 1x3x3\nconv 64@3x7x7 /1x2x2 nobias\n"
                + "conv 144@1x3x3 same\nconv 64@3x1x1 same\n");
        List<CheckedLayer> layers = volume.model().layers();
        // depth (16 + 2 - 3)/1 + 1 = 16; height and width (112 + 6 - 7)/2 + 1 = 56
        assertEquals(new Shape.Grid(List.of(16L, 56L, 56L), 64), layers.get(1).outputShape());
        assertEquals(3 * 7 * 7 * 3 * 64, layers.get(1).params());
        assertEquals(1 * 3 * 3 * 64 * 144 + 144, layers.get(2).params());
        assertEquals(3 * 1 * 1 * 144 * 64 + 64, layers.get(3).params());
        // fields: 3x7x7 with jumps 1, 2, 2; then 3 + 0, 7 + 2 x 2 = 11; then 3 + 2 x 1 = 5 in depth
        assertEquals("3x7x7 jump 1x2x2", field(volume, layers.get(1)));
        assertEquals("3x11x11 jump 1x2x2", field(volume, layers.get(2)));
        assertEquals("5x11x11 jump 1x2x2", field(volume, layers.get(3)));
    }

    @Test
    void volumePoolingTransposedConvolutionAndUpsampling() {
        Compilation volume = compile("input 8x32x32x16\nmaxpool 1x2x2\ndeconv 8@2 /2\nupsample 2 bilinear\n");
        List<CheckedLayer> layers = volume.model().layers();
        assertEquals(new Shape.Grid(List.of(8L, 16L, 16L), 16), layers.get(0).outputShape());
        // 8 x 16 x 16 x 16 outputs, each 1 x 2 x 2 - 1 = 3 comparisons
        assertEquals(8L * 16 * 16 * 16 * 3, figures(volume, layers.get(0)).flops());
        // 2x2x2 taps x 8 filters x 16 channels, and 8 biases; every input value times every tap
        assertEquals(new Shape.Grid(List.of(16L, 32L, 32L), 8), layers.get(1).outputShape());
        assertEquals(2 * 2 * 2 * 8 * 16 + 8, layers.get(1).params());
        assertEquals(8L * 16 * 16 * 16 * 8 * 8, figures(volume, layers.get(1)).macs());
        // trilinear: 8 neighbours, 8 products and 7 sums per output value
        assertEquals(new Shape.Grid(List.of(32L, 64L, 64L), 8), layers.get(2).outputShape());
        assertEquals(32L * 64 * 64 * 8 * 15, figures(volume, layers.get(2)).flops());
    }

    @Test
    void aSequenceConvolutionAsDaiEtAlsM5() {
        // M5's first layer (Dai et al. 2017): 128 filters of 80 with stride 4 on 8 kHz audio
        Compilation sequence = compile("input 32000x1\nconv 128@80 /4 same\nbn\nrelu\nmaxpool 4\nconv 128@3 same\n");
        List<CheckedLayer> layers = sequence.model().layers();
        assertEquals(new Shape.Grid(List.of(8000L), 128), layers.get(0).outputShape(), "ceil(32000 / 4)");
        assertEquals(80 * 1 * 128 + 128, layers.get(0).params());
        assertEquals(8000L * 128 * 80, figures(sequence, layers.get(0)).macs());
        assertEquals(4 * 128, layers.get(1).params(), "bn over the channels");
        assertEquals(new Shape.Grid(List.of(2000L), 128), layers.get(3).outputShape());
        assertEquals(3 * 128 * 128 + 128, layers.get(4).params());
        // fields: 80 jump 4; the pool 80 + 3 x 4 = 92 jump 16; the conv 92 + 2 x 16 = 124
        assertEquals("80 jump 4", field(sequence, layers.get(0)));
        assertEquals("92 jump 16", field(sequence, layers.get(3)));
        assertEquals("124 jump 16", field(sequence, layers.get(4)));
    }

    @Test
    void sequenceBordersGlobalPoolingAndFlatten() {
        Compilation sequence = compile("input 100x8\nzeropad 1 2\ncrop 3\ngap keep\n");
        List<CheckedLayer> layers = sequence.model().layers();
        assertEquals(new Shape.Grid(List.of(103L), 8), layers.get(0).outputShape(), "1 before and 2 after");
        assertEquals(new Shape.Grid(List.of(97L), 8), layers.get(1).outputShape(), "3 off each end");
        assertEquals(new Shape.Grid(List.of(1L), 8), layers.get(2).outputShape());
        // 97 - 1 additions and a division per channel
        assertEquals(97L * 8, figures(sequence, layers.get(2)).flops());
        Compilation flattened = compile("input 10x4x4x2\nflatten\n");
        assertEquals(new Shape.Vector(10 * 4 * 4 * 2), last(flattened).outputShape());
    }

    @Test
    void mergesNeedOneRankAndOneSize() {
        Compilation merged = compile("input 20x6\nconcat { conv 4@3 same | conv 2@5 same }\n");
        assertEquals(new Shape.Grid(List.of(20L), 6), last(merged).outputShape());
        Compilation mismatched = Compiler.compile(new SourceFile("ranks.cnn",
                "input 20x6\nconcat { conv 4@3 | conv 2@5 }\n"), Options.DEFAULT);
        assertTrue(mismatched.diagnostics().stream().anyMatch(d -> d.code() == Code.E0702
                && d.message().contains("'concat' joins sequences of one length")), mismatched.diagnostics().toString());
    }

    @Test
    void aSquareInputOfTwoSizesIsASequenceWithAWarning() {
        Compilation square = Compiler.compile(new SourceFile("ranks.cnn", "input 28x28\nconv 8@3\n"), Options.DEFAULT);
        assertFalse(square.hasErrors());
        List<Diagnostic> warnings = square.diagnostics();
        assertEquals(List.of(Code.W0504), warnings.stream().map(Diagnostic::code).toList());
        // a sequence of 28 steps of 28 channels: a 1-D kernel of 3 over them
        assertEquals(new Shape.Grid(List.of(26L), 8), last(square).outputShape());
        assertEquals(3 * 28 * 8 + 8, last(square).params());
        Compilation sequence = Compiler.compile(new SourceFile("ranks.cnn", "input 28x3\n"), Options.DEFAULT);
        assertTrue(sequence.diagnostics().isEmpty(), "steps and channels that differ are no mistake");
    }

    @Test
    void anAssertionOnAVolumeSaysWhichAxesLeftThePathSamePaddingKeeps() {
        Compilation volume = Compiler.compile(new SourceFile("ranks.cnn",
                "input 16x112x112x3\nconv 64@1x3x3 /2 => 8x56x56x64\n"), Options.DEFAULT);
        Diagnostic mismatch = volume.diagnostics().stream().filter(d -> d.code() == Code.E0700).findFirst().orElseThrow();
        // depth (16 - 1)/2 + 1 = 8 is on the path; height and width (112 - 3)/2 + 1 = 55, where ceil(112 / 2) = 56
        assertEquals(List.of("the height and width left the expected path here: (112 - 3)/2 + 1 = 55; with 'same' "
                + "padding they would be 56"), mismatch.notes().stream().map(Diagnostic.Note::message).toList());
    }

    @Test
    void aVideoOrAudioWrittenChannelsFirstIsWarnedAsAnImageIs() {
        Compilation video = Compiler.compile(new SourceFile("ranks.cnn", "input 3x16x112x112\n"), Options.DEFAULT);
        Diagnostic warning = video.diagnostics().get(0);
        assertEquals(Code.W0501, warning.code());
        assertTrue(warning.message().contains("depth x height x width x channels"), warning.message());
        assertEquals(List.of("write input 16x112x112x3; if 3 is the depth, run with --allow W0501"), warning.hints());
        Compilation audio = Compiler.compile(new SourceFile("ranks.cnn", "input 1x16000\n"), Options.DEFAULT);
        assertEquals(List.of("write input 16000x1; if 1 is the length, run with --allow W0501"),
                audio.diagnostics().get(0).hints());
    }

    @Test
    void aPaddingPerAxisAsTorchvisionsVideoModels() {
        // r3d_18's stem: Conv3d(3, 64, kernel_size=(3, 7, 7), stride=(1, 2, 2), padding=(1, 3, 3), bias=False);
        // R(2+1)D's factorised pair: padding (0, 1, 1), then (1, 0, 0)
        Compilation volume = compile("input 16x112x112x3\nconv 64@3x7x7 /1x2x2 pad 1x3x3 nobias\n"
                + "conv 144@1x3x3 pad 0x1x1 nobias\nconv 64@3x1x1 pad 1x0x0 nobias\n");
        List<CheckedLayer> layers = volume.model().layers();
        // depth (16 + 2 x 1 - 3)/1 + 1 = 16; height and width (112 + 2 x 3 - 7)/2 + 1 = 56
        assertEquals(new Shape.Grid(List.of(16L, 56L, 56L), 64), layers.get(0).outputShape());
        assertEquals(3 * 7 * 7 * 3 * 64, layers.get(0).params());
        // depth (16 + 0 - 1) + 1 = 16, height (56 + 2 - 3) + 1 = 56; then depth (16 + 2 - 3) + 1 = 16
        assertEquals(new Shape.Grid(List.of(16L, 56L, 56L), 144), layers.get(1).outputShape());
        assertEquals(new Shape.Grid(List.of(16L, 56L, 56L), 64), layers.get(2).outputShape());
        assertEquals("3x7x7 jump 1x2x2", field(volume, layers.get(0)));
        assertEquals("5x11x11 jump 1x2x2", field(volume, layers.get(2)));

        Compilation image = compile("input 32x40x3\nconv 8@3x5 pad 1x2\nmaxpool 3x5 /2 pad 1x2\n");
        // (32 + 2 - 3) + 1 = 32, (40 + 4 - 5) + 1 = 40; then (32 + 2 - 3)/2 + 1 = 16, (40 + 4 - 5)/2 + 1 = 20
        assertEquals(new Shape.Grid(List.of(32L, 40L), 8), image.model().layers().get(0).outputShape());
        assertEquals(3 * 5 * 3 * 8 + 8, image.model().layers().get(0).params());
        assertEquals(new Shape.Grid(List.of(16L, 20L), 8), last(image).outputShape());
    }

    @Test
    void aPaddingOfAnotherRankIsE0103AtItsSizes() {
        String text = "input 16x32x40x3\nconv 8@3 pad 1x2\n";
        Compilation volume = Compiler.compile(new SourceFile("ranks.cnn", text), Options.DEFAULT);
        Diagnostic wrong = volume.diagnostics().get(0);
        assertEquals(Code.E0103, wrong.code());
        assertEquals("the padding 1x2 has 2 sizes, but its input 16x32x40x3 is a volume (DxHxWxC), which takes 3",
                wrong.message());
        assertEquals(text.indexOf("1x2"), wrong.span().start(), "at the sizes, as for a kernel");
        Compilation pool = Compiler.compile(new SourceFile("ranks.cnn", "input 32x40x3\nmaxpool 2x4 pad 1x3\n"),
                Options.DEFAULT);
        // PyTorch's pools take at most half the window along each axis: 4 / 2 = 2 along the width, not 3
        Diagnostic half = pool.diagnostics().get(0);
        assertEquals(Code.E0408, half.code());
        assertTrue(half.message().contains("along the width (3 of 4)"), half.message());
    }
}
