package cnnc.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.LayerKind;
import cnnc.check.CheckedLayer;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import cnnc.testing.Samples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every cost rule worked out by hand for a layer or two of each kind: MACs, FLOPs, receptive
 * fields and memory, each expected figure written out as arithmetic in the test. The conformance
 * suite checks the same rules, written a second time in Python, over every sample and random model.
 */
class CostRulesTest {

    private static Compilation compile(String text) {
        return compile(text, Options.DEFAULT);
    }

    private static Compilation compile(String text, Options options) {
        Compilation compilation = Compiler.compile(new SourceFile("costs.cnn", text), options);
        assertFalse(compilation.hasErrors(), () -> text + compilation.diagnostics());
        return compilation;
    }

    /** The last row of a model whose last statement is the layer under test. */
    private static Figures last(String text) {
        Compilation compilation = compile(text);
        List<CheckedLayer> layers = compilation.model().layers();
        CheckedLayer layer = layers.get(layers.size() - 1);
        return new Figures(layer, compilation.analysis().orElseThrow().row(layer.index()));
    }

    private record Figures(CheckedLayer layer, LayerFigures figures) {
        long macs() {
            return figures.macs();
        }

        long flops() {
            return figures.flops();
        }

        String field() {
            return figures.field() instanceof ReceptiveField.Region r ? r.sizeText() + " jump " + r.jumpText() : "whole";
        }
    }

    @Test
    void convolution() {
        Figures conv = last("input 8x8x3\nconv 4@3\n");
        // (8 - 3)/1 + 1 = 6: 6 x 6 x 4 = 144 outputs, each 3 x 3 x 3 = 27 multiply-accumulates
        assertEquals(144L * 27, conv.macs());
        assertEquals(2L * 144 * 27 + 144, conv.flops(), "2 per MAC, plus one addition per output for the bias");
        Figures grouped = last("input 8x8x4\nconv 6@3 /2 same groups 2 nobias relu\n");
        // ceil(8/2) = 4: 4 x 4 x 6 = 96 outputs, each 3 x 3 x (4 / 2) = 18; no bias; relu on each output
        assertEquals(96L * 18, grouped.macs());
        assertEquals(2L * 96 * 18 + 96, grouped.flops());
    }

    @Test
    void depthwiseAndSeparableConvolutions() {
        Figures depthwise = last("input 8x8x3\ndwconv 3 mult 2\n");
        // 6 x 6 x (3 x 2) = 216 outputs, each 3 x 3 = 9
        assertEquals(216L * 9, depthwise.macs());
        assertEquals(2L * 216 * 9 + 216, depthwise.flops());
        Figures separable = last("input 8x8x3\nsepconv 5@3 mult 2\n");
        // depthwise 6 x 6 x 6 values x 9 = 1,944; pointwise 6 x 6 x 5 outputs x 6 = 1,080
        assertEquals(1_944L + 1_080, separable.macs());
        assertEquals(2L * (1_944 + 1_080) + 6 * 6 * 5, separable.flops());
    }

    @Test
    void transposedConvolution() {
        Figures deconv = last("input 4x4x3\ndeconv 2@3 /2\n");
        // 4 x 2 + max(3 - 2, 0) = 9: 9x9x2; every one of the 4 x 4 x 3 inputs times 3 x 3 x 2 taps
        assertEquals("9x9x2", deconv.layer().outputShape().toString());
        assertEquals(48L * 18, deconv.macs());
        assertEquals(2L * 48 * 18 + 9 * 9 * 2, deconv.flops());
        // an output reads at most ceil(3/2) = 2 input positions: 1 + (2 - 1) x 1 = 2, jump 1/2
        assertEquals("2 jump 1/2", deconv.field());
    }

    @Test
    void pooling() {
        Figures max = last("input 8x8x3\nmaxpool 2\n");
        // 4 x 4 x 3 = 48 outputs, each the largest of 4 values: 3 comparisons
        assertEquals(0, max.macs());
        assertEquals(48L * 3, max.flops());
        Figures average = last("input 8x8x3\navgpool 3 /2 same\n");
        // ceil(8/2) = 4: 48 outputs, each 8 additions and a division over the whole 3x3 window
        assertEquals(48L * 9, average.flops());
        Figures scaled = last("input 8x8x3\navgpool 2 scaled\n");
        assertEquals(48L * (4 + 2), scaled.flops(), "scaled: a multiplication and an addition more");
        assertEquals(0, scaled.macs());
        Figures gap = last("input 8x8x3\ngap\n");
        assertEquals(64L * 3, gap.flops(), "63 additions and a division per channel");
        Figures gmp = last("input 8x8x3\ngmp\n");
        assertEquals(63L * 3, gmp.flops(), "63 comparisons per channel");
        assertEquals("whole", gmp.field());
    }

    /**
     * PyTorch's padding and ceil_mode. The FLOPs count the whole window, as at a 'same' border; the
     * field of the padded rows reaches into the padding (as Araujo et al. count it).
     */
    @Test
    void poolingWithPaddingAndCeil() {
        Figures padded = last("input 8x8x3\nmaxpool 3 /2 pad 1\n");
        // (8 + 2 - 3)/2 + 1 = 4 rounded down: 4x4x3 = 48 outputs of 3 x 3 - 1 = 8 comparisons; field 3, jump 2
        assertEquals("4x4x3", padded.layer().outputShape().toString());
        assertEquals(48L * 8, padded.flops());
        assertEquals("3 jump 2", padded.field());
        Figures ceil = last("input 8x8x3\nmaxpool 3 /2 ceil\n");
        // ceil((8 - 3)/2) + 1 = 4 (the last window starts at row 6 < 8 and is cut to rows 6-7)
        assertEquals("4x4x3", ceil.layer().outputShape().toString());
        assertEquals(48L * 8, ceil.flops());
        Figures dropped = last("input 5x5x1\nmaxpool 2 /2 pad 1 ceil\n");
        // ceil((5 + 2 - 2)/2) + 1 = 4, but the 4th window would start at padded row 6 = 5 + 1: 3
        assertEquals("3x3x1", dropped.layer().outputShape().toString());
        Figures twice = last("input 16x16x1\nmaxpool 3 /2 ceil\nmaxpool 3 /1 pad 1 ceil\n");
        // first 3 jump 2; then 3 + (3 - 1) x 2 = 7, jump 2 (the padding reads no further than the window)
        assertEquals("7 jump 2", twice.field());
        Figures average = last("input 6x6x2\navgpool 3 /1 pad 1\n");
        // (6 + 2 - 3)/1 + 1 = 6: 72 outputs, 9 FLOPs each (8 additions and a division by 9, zeros counted)
        assertEquals("6x6x2", average.layer().outputShape().toString());
        assertEquals(72L * 9, average.flops());
        assertEquals("3 jump 1", average.field());
    }

    /**
     * Bilinear by f: output q samples x = (2q + 1 - f)/(2f) and reads floor(x) and floor(x) + 1 (one
     * where x is whole): by 2, x = -1/4, 1/4, 3/4, ...: always two, so a field of 2 at jump 1/2, where
     * repeating reads one (field 1). A 3-wide window after it: q = 0 reads x(0) .. x(2) = -1/4 .. 3/4,
     * positions -1 to 1 (3); q = 1: 1/4 .. 5/4, 0 to 2 (3); nearest would read 2. By 3: x = -1/3, 0, 1/3:
     * two, one, two.
     */
    @Test
    void bilinearUpsampling() {
        Figures twice = last("input 8x8x1\nupsample 2 bilinear\n");
        assertEquals("16x16x1", twice.layer().outputShape().toString());
        assertEquals(0, twice.macs());
        assertEquals(7L * 256, twice.flops(), "4 weights and 3 additions per output value");
        assertEquals("2 jump 1/2", twice.field());
        assertEquals("3 jump 1/2", last("input 8x8x1\nupsample 2 bilinear\nconv 1@3\n").field());
        assertEquals("2 jump 1/2", last("input 8x8x1\nupsample 2\nconv 1@3\n").field());
        assertEquals("2 jump 1/3", last("input 8x8x1\nupsample 3 bilinear\n").field());
        assertEquals("1 jump 1", last("input 8x8x1\nupsample 1 bilinear\n").field(), "x = q: the value itself");
    }

    @Test
    void dense() {
        Figures dense = last("input 20\ndense 10 relu\n");
        assertEquals(20L * 10, dense.macs());
        assertEquals(2L * 200 + 10 + 10, dense.flops(), "MACs, bias and activation");
        Compilation image = compile("input 2x2x5\ndense 10 relu\n");
        CheckedLayer flatten = image.model().layers().get(0);
        assertTrue(flatten.implicit());
        assertEquals(0, image.analysis().orElseThrow().row(1).flops(), "the implicit flatten moves values");
        assertEquals(2L * 200 + 10 + 10, image.analysis().orElseThrow().row(2).flops());
    }

    @Test
    void denseOnEachPosition() {
        Figures dense = last("input 3x3x4\nconv 5@3 same\ndense 6 keep relu\n");
        // 3 x 3 positions, each 5 inputs x 6 units = 30: 270; an output value for each of 3 x 3 x 6 = 54
        assertEquals("3x3x6", dense.layer().outputShape().toString());
        assertEquals(5L * 6 + 6, dense.layer().params());
        assertEquals(9L * 30, dense.macs());
        assertEquals(2L * 270 + 54 + 54, dense.flops(), "MACs, bias and activation");
        // each output position reads its own position only: the 3x3 convolution's field, unchanged
        assertEquals("3 jump 1", dense.field());
    }

    @Test
    void channelLayers() {
        String input = "input 8x8x6\nconv 6@3 /2 same\n"; // 4 x 4 x 6 = 96 values
        Figures scale = last(input + "layerscale\n");
        assertEquals(6, scale.layer().trainableParams(), "a gamma per channel");
        assertEquals(96L, scale.flops(), "a multiplication per value");
        Figures normalize = last(input + "normalize mean 1 2 3 4 5 6 variance 4 4 4 4 4 9\n");
        assertEquals(0, normalize.layer().params(), "constants, not parameters");
        assertEquals(2L * 96, normalize.flops());
        Figures prelu = last(input + "prelu\n");
        assertEquals(6, prelu.layer().trainableParams(), "a slope per channel");
        assertEquals(0, prelu.macs(), "torch's counter counts none");
        assertEquals(96L, prelu.flops(), "one per value, as an activation");
        for (String moving : List.of("split 3 take 2", "split 1, 5 take 2", "shuffle 2")) {
            Figures figures = last(input + moving + "\n");
            assertEquals(0, figures.flops(), moving);
            assertEquals(0, figures.macs(), moving);
            // each output value is a value of the same position: the strided 3x3 convolution's field and jump
            assertEquals("3 jump 2", figures.field(), moving);
        }
        assertEquals("4x4x2", last(input + "split 3 take 2\n").layer().outputShape().toString(), "6 / 3 channels");
        assertEquals("4x4x5", last(input + "split 1, 5 take 2\n").layer().outputShape().toString(), "the second part's 5");
    }

    @Test
    void elementWiseLayers() {
        String input = "input 8x8x3\n"; // 192 values
        assertEquals(2L * 192, last(input + "bn\n").flops(), "a scale and a shift");
        assertEquals(2L * 192, last(input + "bn noscale\n").flops());
        assertEquals(7L * 192, last(input + "ln\n").flops(), "mean 1, variance 3, normalise 1, scale and shift 2");
        assertEquals(2L * 192, last(input + "normalize\n").flops());
        assertEquals(192L, last(input + "rescale 1/255\n").flops());
        assertEquals(2L * 192, last(input + "rescale 1/127.5 offset -1\n").flops());
        assertEquals(192L, last(input + "relu\n").flops());
        assertEquals(192L, last(input + "softmax\n").flops(), "one per value, whatever the function");
        assertEquals(192L, last(input + "hardswish\n").flops(), "x * relu6(x + 3) / 6 counts one too");
        // 6 x 6 x 2 = 72 outputs of 3 x 3 x 3 = 27 MACs; bias and hardswish one each
        assertEquals(2L * 72 * 27 + 72 + 72, last(input + "conv 2@3 hardswish\n").flops());
        for (String moving : List.of("dropout 0.5", "flatten", "upsample 2", "zeropad 1", "crop 1", "reshape 192",
                "reshape 4x16x3")) {
            Figures figures = last(input + moving + "\n");
            assertEquals(0, figures.flops(), moving);
            assertEquals(0, figures.macs(), moving);
        }
    }

    @Test
    void merges() {
        Figures add = last("input 8x8x3\nadd { identity | relu | conv 3@1 }\n");
        assertEquals(LayerKind.ADD, add.layer().kind());
        assertEquals(2L * 192, add.flops(), "three branches: two additions per value");
        Figures multiply = last("input 8x8x3\nmultiply { identity | gap keep }\n");
        assertEquals(192L, multiply.flops(), "the 1x1x3 branch stretches to 8x8x3: one multiplication per value");
        assertEquals(0, last("input 8x8x3\nconcat { identity | relu }\n").flops());
    }

    @Test
    void receptiveFields() {
        assertEquals("5 jump 1", last("input 16x16x1\nconv 1@3 dil 2\n").field(), "2 x (3 - 1) + 1 = 5");
        // 3 after the first, then 3 + (3 - 1) x 2 = 7 with the jump of 2
        assertEquals("7 jump 2", last("input 16x16x1\nconv 1@3 /2\nconv 1@3\n").field());
        assertEquals("7x3 jump 1", last("input 16x16x1\nconv 1@7x3\n").field());
        // after upsample 2 positions are half a pixel apart: 1 + ceil((3 - 1) x 1/2) = 2
        assertEquals("2 jump 1/2", last("input 16x16x1\nupsample 2\nconv 1@3 same\n").field());
        assertEquals("3 jump 1", last("input 16x16x1\nconv 1@3\nflatten\n").field(), "flatten keeps each value's");
        assertEquals("whole", last("input 16x16x1\nconv 1@3\ndense 4\n").field());
        assertEquals("whole", last("input 16x16x1\nreshape 8x32x1\n").field(), "an image's positions are new");
        assertEquals("5 jump 1", last("input 16x16x1\nadd { conv 1@3 same | conv 1@5 same }\n").field(),
                "the largest over the branches");
    }

    @Test
    void receptiveFieldsOverRepeatedPositions() {
        // conv /3: fields of 3 pixels, 3 apart; upsample 2: positions 2m and 2m+1 both read m; a 2-wide
        // window at an odd position reads m and m+1, two whole fields: 3 + 3 = 6, not 3 + ceil(1 x 3/2) = 5
        assertEquals("6 jump 3/2", last("input 18x18x1\nconv 1@3 /3\nupsample 2\nconv 1@2\n").field());
        // a 2-wide window with stride 2 after an upsample by 2 reads both copies of one value: 1 pixel
        assertEquals("1 jump 1", last("input 16x16x1\nupsample 2\nconv 1@2 /2\n").field());
        // deconv 1@2 /3: positions 3m and 3m+1 read input position m, 3m+2 reads none; a 3-wide window
        // starting at 3m+1 holds 3m+1, 3m+2 and 3m+3: input positions m and m+1, a field of 2
        assertEquals("2 jump 1/3", last("input 10x10x1\ndeconv 1@2 /3\nconv 1@3\n").field());
    }

    @Test
    void vgg16LastPoolingSeesTwoHundredAndTwelvePixels() {
        // Araujo et al., "Computing Receptive Fields of Convolutional Neural Networks" (Distill, 2019): 212
        for (String file : List.of("samples/zoo/vgg16.cnn", "samples/torchvision/vgg16.cnn")) {
            Compilation compilation = Samples.compile(Path.of(file));
            CheckedLayer pool = compilation.model().layers().stream().filter(l -> l.kind() == LayerKind.MAXPOOL)
                    .reduce((first, second) -> second).orElseThrow();
            ReceptiveField field = compilation.analysis().orElseThrow().row(pool.index()).field();
            assertEquals(new ReceptiveField.Region(List.of(212L, 212L), List.of(new Jump(32, 1), new Jump(32, 1))), field, file);
        }
    }

    @Test
    void peakActivationMemoryOfTheSeed() {
        Compilation seed = Samples.compile(Path.of("samples/seed.cnn"));
        Memory memory = seed.analysis().orElseThrow().memory();
        // while conv2 runs: its input and its output, (94x94x60 + 90x90x100) x 4 bytes
        assertEquals((94L * 94 * 60 + 90 * 90 * 100) * 4, memory.peakActivationBytes());
        assertEquals(5_360_640L, memory.peakActivationBytes(), "the figure the issue states");
        assertEquals(2, memory.peakRow());
        assertEquals(50_828_751L * 4, memory.parameterBytes());
    }

    @Test
    void peakActivationMemoryKeepsAShortcutsInputAlive() {
        Compilation graph = compile("input 4x4x1\nadd { conv 2@1 | conv 2@1 }\n");
        // row 1: input 16 + its output 32; row 2: the input, still read by row 2, + 32 + 32 = 80, then the
        // input dies; row 3 (add): 32 + 32 + 32 = 96 values
        Memory memory = graph.analysis().orElseThrow().memory();
        assertEquals(96L * 4, memory.peakActivationBytes());
        assertEquals(3, memory.peakRow());
    }

    @Test
    void batchNumberTypeAndOptimizerScaleWhatTheyShould() {
        Compilation seed = compile("input 100x100x1\nconv 60@7x7 valid\nconv 100@5x5 valid\nmaxpool 2x2\n"
                + "dense 250\ndense 200\ndense 1 sigmoid\n", new Options(8, DType.BFLOAT16, Optimizer.SGD));
        Analysis analysis = seed.analysis().orElseThrow();
        long macs = 94L * 94 * 60 * 49 + 90L * 90 * 100 * 25 * 60 + 202_500L * 250 + 250 * 200 + 200;
        assertEquals(1_291_653_040L, macs);
        assertEquals(8 * macs, analysis.macs(), "MACs for the batch");
        Memory memory = analysis.memory();
        assertEquals((94L * 94 * 60 + 90 * 90 * 100) * 8 * 2, memory.peakActivationBytes());
        assertEquals(50_828_751L * 2, memory.parameterBytes(), "parameters do not scale with the batch");
        long activations = (100L * 100 + 94 * 94 * 60 + 90 * 90 * 100 + 45 * 45 * 100 + 202_500 + 250 + 200 + 1) * 8 * 2;
        // sgd keeps no state: parameters, gradients of the trainable ones, and every layer's output
        assertEquals(50_828_751L * 2 + 50_828_751L * 2 + activations, memory.trainingBytes());
        Memory adam = compile("input 10\ndense 10\n", new Options(1, DType.FLOAT32, Optimizer.ADAM))
                .analysis().orElseThrow().memory();
        assertEquals(110L * 4 * (1 + 1 + 2) + (10 + 10) * 4, adam.trainingBytes(), "adam's two moments");
    }

    @Test
    void aCountBeyondSixtyFourBitsIsAnErrorAtItsLayer() {
        String text = "input 100x100x1\nconv 60@7x7 valid\nconv 100@5x5 valid\n";
        Compilation compilation = Compiler.compile(new SourceFile("big.cnn", text),
                new Options(1L << 43, DType.FLOAT32, Optimizer.ADAM));
        assertTrue(compilation.hasErrors());
        Diagnostic overflow = compilation.diagnostics().get(0);
        assertEquals(Code.E0407, overflow.code());
        // the input, 10,000 values x 2^43 examples x 4 bytes, fits; conv1's 25,977,840 MACs x 2^43 do not
        assertEquals(2, overflow.span().line());
        assertTrue(compilation.analysis().isEmpty());
        Compilation input = Compiler.compile(new SourceFile("big.cnn", "# a comment\n" + text),
                new Options(1L << 60, DType.FLOAT32, Optimizer.ADAM));
        assertEquals(2, input.diagnostics().get(0).span().line(), "the input's bytes, at the input");
    }

    /**
     * timm's GlobalContext(64) with its defaults (use_attn, fuse_scale, rd_ratio 1/8, LayerNorm2d in the MLP, a
     * sigmoid gate) on 14x14x64. torch 2.13's FlopCounterMode counts 52,224 FLOPs for it, 26,112 MACs: its
     * convolutions 27,136 FLOPs and its bmm 25,088 (timm 1.0.29; GlobalContext(64) called on a 1x64x14x14 input
     * inside FlopCounterMode, get_flop_counts()).
     */
    @Test
    void attentionPoolingCountsItsMatrixProductAsTorchDoes() {
        Compilation gc = compile("input 14x14x64\nmultiply { identity | matmul { conv 1@1; reshape 1x1x196; softmax "
                + "| identity }; conv 8@1; ln eps 0.000001; relu; conv 64@1; sigmoid }\n");
        List<CheckedLayer> layers = gc.model().layers();
        CheckedLayer matmul = layers.stream().filter(l -> l.kind() == LayerKind.MATMUL).findFirst().orElseThrow();
        Analysis analysis = gc.analysis().orElseThrow();
        // 1 row of 196 weights times 196 positions of 64 channels: timm's (64 x 196) @ (196 x 1)
        assertEquals(196L * 64, analysis.row(matmul.index()).macs());
        assertEquals(2L * 196 * 64, analysis.row(matmul.index()).flops());
        // conv_attn 14 x 14 x 64 x 1, the product 196 x 64, the MLP's fc1 64 x 8 and fc2 8 x 64
        assertEquals(14 * 14 * 64 + 196 * 64 + 64 * 8 + 8 * 64, analysis.macs());
        assertEquals(27_136 / 2 + 25_088 / 2, analysis.macs());
        // conv_attn 64 + 1, fc1 64 x 8 + 8, LayerNorm2d 8 + 8, fc2 8 x 64 + 64: timm's 1,177 parameters
        assertEquals(65 + 520 + 16 + 576, gc.model().totals().params());
    }

    /** A product of 2x3 rows of 6 by a 2x3 image of 5 channels: 6 x 6 x 5 MACs, each output reading every position. */
    @Test
    void matmulOfManyRows() {
        Figures matmul = last("input 2x3x5\nmatmul { conv 6@1 | identity }\n");
        assertEquals("2x3x5", matmul.layer().outputShape().toString());
        assertEquals(2L * 3 * 6 * 5, matmul.macs());
        assertEquals("whole", matmul.field());
    }

    /**
     * Three branches of 4x4x2 and logits at 1x1 (6 of them): the softmax 1 per logit, then per output value 3 products
     * and 2 sums; the sum by reads is an add row of 2 FLOPs per value.
     */
    @Test
    void selectWeighsItsBranches() {
        Compilation sk = compile("input 4x4x2\nselect { conv 2@3 same | identity | conv 2@1 } by { gap keep; conv 6@1 }\n");
        List<CheckedLayer> layers = sk.model().layers();
        CheckedLayer select = layers.get(layers.size() - 1);
        CheckedLayer sum = layers.stream().filter(l -> l.kind() == LayerKind.ADD).findFirst().orElseThrow();
        Analysis analysis = sk.analysis().orElseThrow();
        assertEquals(LayerKind.SELECT, select.kind());
        assertEquals(0, analysis.row(select.index()).macs());
        assertEquals(6 + (3 + 2) * 4 * 4 * 2, analysis.row(select.index()).flops());
        assertEquals(2L * 4 * 4 * 2, analysis.row(sum.index()).flops());
        assertEquals(4, select.inputs().size());
    }
}
