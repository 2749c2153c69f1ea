package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.Layer;
import cnnc.check.CheckedLayer;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import cnnc.testing.RandomModels;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What DL4J cannot express is reported at its place with E0601, every instance in one run, and nothing is written. */
class Dl4jRejectionTest {

    private static Dl4jBackend.Result generate(String text) {
        Compilation compilation = Compiler.compile(new SourceFile("model.cnn", text));
        assertFalse(compilation.hasErrors(), compilation.diagnostics().toString());
        return Dl4jBackend.generate(compilation, new JavaClassName("", "Model"));
    }

    private static List<Diagnostic> rejections(Dl4jBackend.Result result) {
        return result.diagnostics().stream().filter(d -> d.code() == Code.E0601).toList();
    }

    /** 1-based column where {@code marker} starts in {@code line}: no hand-counted columns. */
    private static int column(String line, String marker) {
        return line.indexOf(marker) + 1;
    }

    @Test
    void aDepthwiseConvolutionDl4jCannotRunIsRejectedAtItsLineWithWhatToDoInstead() {
        Dl4jBackend.Result result = generate("input 1x1x1\ndwconv 3 same\n");
        assertTrue(result.javaSource().isEmpty());
        Diagnostic rejection = rejections(result).get(0);
        assertEquals(2, rejection.span().line());
        assertEquals(1, rejection.span().column());
        assertTrue(rejection.message().startsWith("DL4J cannot run this convolution on a 1x1x1 output: Deeplearning4j "
                + "1.0.0-M2.1's depthwise convolution op, here with one input channel with 1 filter per channel, "
                + "fails on a batch of one example or two"), rejection.message());
        assertEquals(List.of("keep the output of this layer at least 2x2 (e.g. 'same' padding or a smaller stride)"),
                rejection.hints());
    }

    @Test
    void everyRejectionIsReportedInOneRun() {
        Dl4jBackend.Result result = generate("input 8x8x4\ngap keep\ndwconv 1\nconv 4@1 groups 4\nsepconv 2@1\n"
                + "dense 3\n");
        assertEquals(List.of(3, 4, 5), rejections(result).stream().map(d -> d.span().line()).toList());
    }

    /** A rejection inside a block points at where the block was used, as the checker's errors do. */
    @Test
    void aRejectionInsideABlockNamesItsUse() {
        Dl4jBackend.Result result = generate("block squeeze(k) { gap keep; dwconv k }\ninput 8x8x4\nsqueeze(1)\n");
        Diagnostic rejection = rejections(result).get(0);
        assertEquals(1, rejection.span().line());
        assertEquals(1, rejection.notes().size());
        assertEquals(3, rejection.notes().get(0).span().line());
        assertTrue(rejection.notes().get(0).message().contains("in block 'squeeze' (k=1), used here"),
                rejection.notes().get(0).message());
    }

    /** Groups other than 1 and the channel count: slices of the channels, a convolution each, and a merge. */
    @Test
    void aGroupedConvolutionMakesEvenAChainAGraph() {
        String java = generate("input 8x8x4\nconv 8@3x3 groups 2 relu\n").javaSource().orElseThrow();
        assertTrue(java.contains("ComputationGraphConfiguration configuration()"), java);
        assertTrue(java.contains("graph.addVertex(\"conv1_group2_slice\", new ChannelSlice(2, 4), \"input\");"), java);
        assertTrue(java.contains("graph.addVertex(\"conv1\", new MergeVertex(), \"conv1_group1\", \"conv1_group2\");"), java);
    }

    @Test
    void scaledPoolingDownToOnePixelIsRejected() {
        Dl4jBackend.Result result = generate("input 2x2x3\nmaxpool 2x2 scaled\n");
        assertTrue(result.javaSource().isEmpty());
        Diagnostic rejection = rejections(result).get(0);
        assertEquals(2, rejection.span().line());
        assertTrue(rejection.message().contains("fails on a batch of one example"), rejection.message());
    }

    @Test
    void aOneByOneDepthwiseConvolutionDownToOnePixelIsRejected() {
        assertEquals(1, rejections(generate("input 1x1x4\nconv 4@1x1 groups 4\n")).size());
    }

    @Test
    void theNeighboursOfEachRejectedFormAreAccepted() {
        assertTrue(generate("input 8x8x4\nconv 8@3x3 groups 1\n").javaSource().isPresent());
        assertTrue(generate("input 8x8x4\nconv 8@3x3 groups 2\n").javaSource().isPresent());
        assertTrue(generate("input 8x8x4\nconv 8@3x3 groups 4\n").javaSource().isPresent());
        assertTrue(generate("input 4x4x3\nmaxpool 2x2 scaled\n").javaSource().isPresent());
        assertTrue(generate("input 1x1x4\nconv 8@1x1 groups 4\n").javaSource().isPresent());
    }

    /** Each newer form DL4J cannot express, at its line, with the reason in its message. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "input 1x1x4 | dwconv 1 | fails on a batch of one example",
        "input 1x1x4 | sepconv 3@1 | fails on a batch of one example",
        "input 1x1x1 | dwconv 3 same | one input channel with 1 filter per channel",
        "input 2x2x1 | sepconv 2@2 | one input channel with 1 filter per channel",
        "input 1x1x1 | dwconv 1 mult 2 | a 1x1 kernel with 2 filters per channel",
    })
    void aNewerFormDl4jCannotExpressIsRejectedAtItsLine(String input, String layer, String reason) {
        assertRejectedOnTheThirdLine(input + "\ndropout 0.5\n" + layer + "\ndense 2\n", "DL4J cannot", reason);
    }

    /** The one rejection of {@code text} is at the start of its third line, and says why. */
    private static void assertRejectedOnTheThirdLine(String text, String start, String reason) {
        Dl4jBackend.Result result = generate(text);
        assertTrue(result.javaSource().isEmpty());
        List<Diagnostic> rejections = rejections(result);
        assertEquals(1, rejections.size(), rejections.toString());
        assertEquals(3, rejections.get(0).span().line());
        assertEquals(1, rejections.get(0).span().column());
        assertTrue(rejections.get(0).message().startsWith(start), rejections.get(0).message());
        assertTrue(rejections.get(0).message().contains(reason), rejections.get(0).message());
    }

    /** The neighbours of each: the same layers where DL4J's layer computes what the report says. */
    @ParameterizedTest
    @ValueSource(strings = {
        "input 8x8x4\nbn\n", "input 8x8x4\nbn noscale\n", "input 8x8x4\nln\n", "input 16\nreshape 16\n", "input 16\nreshape 2x2x4\n", "input 2x2x4\nreshape 4x2x2\n", "input 2x2x4\nreshape 16\n", "input 4x4x2\ndeconv 3@1 /2 same\n", "input 4x4x2\ndeconv 3@1 /2 valid\n",
        "input 4x4x2\ndeconv 3@2 /2 valid\n", "input 4x4x2\ndeconv 3@2 /3 dil 2\n", "input 1x1x4\ndwconv 1 mult 2\n", "input 1x1x4\nsepconv 3@1 mult 2\n",
        "input 1x1x2\ndwconv 3 same\n", "input 1x1x1\ndwconv 3 same mult 2\n", "input 2x2x1\nsepconv 2@2 same\n",
        "input 2x2x4\ndwconv 1\n", "input 4x4x2\ngap keep\n", "input 4x4x2\nsepconv 3@3 same mult 2\n",
        "input 4x4x2\nupsample 2x3\nzeropad 1 2 3 4\ncrop 2 1 0 3\n",
    })
    void theNeighboursOfTheNewerRejectedFormsAreAccepted(String text) {
        Dl4jBackend.Result result = generate(text);
        assertTrue(result.javaSource().isPresent(), result.diagnostics().toString());
    }

    /**
     * Each kind and option DL4J cannot express on a sequence or a volume, at its line, with the reason: the layer
     * DL4J lacks at that rank, or the one it has for channels-first arrays only (found by running each in DL4J).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
        "input 16x4 # conv 8@3 groups 2 # no grouped or depthwise convolution of a sequence",
        "input 4x8x8x4 # conv 8@3 groups 4 # no grouped or depthwise convolution of a volume",
        "input 16x4 # dwconv 3 # depthwise convolutions for images only",
        "input 4x8x8x4 # dwconv 3 # depthwise convolutions for images only",
        "input 16x4 # sepconv 8@3 # separable convolutions for images only",
        "input 4x8x8x4 # sepconv 8@3 # separable convolutions for images only",
        "input 16x4 # deconv 8@3 /2 # no transposed convolution of a sequence",
        "input 4x8x8x4 # deconv 8@1 /2 valid # its kernel is narrower than its stride",
        "input 4x8x8x4 # deconv 8@1x3x3 /1x2x2 same # computes its output type with the kernel's and the stride's sizes",
        "input 16x4 # avgpool 3 /1 pad 1 # 'pad' of an average, which counts PyTorch's zeros: DL4J 1.0.0-M2.1's Subsampling1DLayer fails",
        "input 4x8x8x4 # avgpool 3 /1 pad 1 # leaves the padding out of an average",
        "input 5x8x8x4 # maxpool 2 /2 ceil # pads the end more than the start",
        "input 16x4 # maxpool 2 scaled # depthwise convolution, which DL4J has for images only",
        "input 4x8x8x4 # avgpool 2 scaled # depthwise convolution, which DL4J has for images only",
        "input 16x4 # flatten # DL4J flattens a sequence step by step",
        "input 16x4 # reshape 64 # DL4J flattens a sequence step by step",
        "input 4x8x8x4 # reshape 16x16x4 # KerasReshape reads images and vectors only",
        "input 4x8x8x4 # reshape 2x16x8x4 # KerasReshape makes images only",
        "input 16x4 # bn noscale # DL4J has no beta without gamma",
        "input 16x4 # ln # no layer normalisation layer",
        "input 4x8x8x4 # normalize # no Keras's Normalization layer",
        "input 4x8x8x4 # layerscale # no LayerScale layer",
        "input 16x4 # shuffle 2 # no channel shuffle layer",
        "input 16x4 # split 2 take 1 # no channel slice layer",
        "input 4x8x8x4 # add { gap keep | identity } # its ElementWiseVertex needs equal shapes",
        "input 16x4 # upsample 2 # Upsampling1D repeats the steps of channels-first (NCW) sequences only",
        "input 4x8x8x4 # upsample 2 bilinear # Upsampling3D only repeats",
        "input 16x4 # zeropad 1 # ZeroPadding1DLayer pads channels-first (NCW) sequences only",
        "input 4x8x8x4 # zeropad 1 # ZeroPadding3DLayer pads channels-first (NCDHW) volumes only",
        "input 16x4 # crop 1 # Cropping1D crops channels-first (NCW) sequences only",
    })
    void whatDl4jCannotExpressOnASequenceOrAVolumeIsRejectedAtItsLine(String input, String layer, String reason) {
        String text = input + "\ndropout 0.5\n" + layer + "\n";
        assertRejectedOnTheThirdLine(text, "DL4J cannot express ", reason);
        assertRejectedForKnownLimits(Compiler.compile(new SourceFile("model.cnn", text)));
    }

    /** The neighbours of each: the same kinds with what DL4J takes at those ranks, written. */
    @ParameterizedTest
    @ValueSource(strings = {
        "input 16x4\nconv 8@3 groups 1\n", "input 4x8x8x4\nconv 8@3 groups 1 /2 dil 1\n", "input 4x8x8x4\ndeconv 8@2 /2 valid\n",
        "input 4x8x8x4\ndeconv 8@1 /2 same\n", "input 16x4\nmaxpool 3 /1 same\n", "input 17x4\nmaxpool 3 /2 ceil\n",
        "input 4x8x8x4\nmaxpool 3 /1 pad 1\n", "input 4x8x8x4\navgpool 3 /1 same\n", "input 4x8x8x4\nmaxpool 2 /2 ceil\n",
        "input 4x8x8x4\nflatten\n", "input 4x8x8x4\nreshape 1024\n", "input 16x4\nbn\n", "input 16x4\ngap keep\n",
        "input 4x8x8x4\nupsample 1x2x2\n", "input 4x8x8x4\nadd { identity | relu }\n", "input 16x4\nconcat { identity | relu }\n",
        "input 16x4\nmaxpool 3 /1 pad 1\n", "input 17x4\nmaxpool 2 /2 ceil\n", "input 4x8x8x4\nbn\n",
        "input 4x8x8x4\nbn noscale\n", "input 4x8x8x4\ncrop 1\n",
    })
    void theNeighboursOfWhatDl4jCannotExpressOnASequenceOrAVolumeAreWritten(String text) {
        Dl4jBackend.Result result = generate(text);
        assertTrue(result.javaSource().isPresent(), result.diagnostics().toString());
    }

    private static Dl4jBackend.Result train(String text) {
        return Dl4jBackend.generate(Compiler.compile(new SourceFile("model.cnn", text)), new JavaClassName("", "Model"),
                java.util.Optional.of(new cnnc.backend.training.TrainingSetup(cnnc.backend.training.Loss.MCXENT,
                        cnnc.analysis.Optimizer.SGD, 0.01)));
    }

    @Test
    void aLossOnAVolumeIsRejectedAtTheLastLayerAndASequenceNetworkAtItsFirstLayer() {
        Dl4jBackend.Result volume = train("input 4x4x4x2\nconv 2@3 softmax\n");
        assertTrue(volume.javaSource().isEmpty());
        assertEquals(2, rejections(volume).get(0).span().line());
        assertTrue(rejections(volume).get(0).message().contains("cnnc writes DL4J's loss layers for vectors and images only"));
        Dl4jBackend.Result sequence = train("input 16x4\nconv 2@3\ngap\ndense 2 softmax\n");
        assertEquals(List.of(2), rejections(sequence).stream().map(d -> d.span().line()).toList());
        assertTrue(rejections(sequence).get(0).message().contains("conv1d_bp"), rejections(sequence).get(0).message());
        assertTrue(train("input 4x4x4x2\nconv 2@3\ngap\ndense 2 softmax\n").javaSource().isPresent());
    }

    @Test
    void warningsOfTheCheckerAreKeptBesideTheSource() {
        Dl4jBackend.Result result = generate("input 5x5x1\nmaxpool 2x2\n");
        assertTrue(result.javaSource().isPresent());
        assertEquals(List.of(Code.W0500), result.diagnostics().stream().map(Diagnostic::code).toList());
    }

    /** The random models the conformance suite leaves out, of every rank, are turned down for these reasons only. */
    @Test
    void randomModelsAreRejectedOnlyForTheKnownLimits() {
        List<String> rejected = new RandomModels(5).generate(20, c -> !Dl4jConformanceTest.expressible(c));
        for (String text : rejected) {
            assertRejectedForKnownLimits(Compiler.compile(new SourceFile("model.cnn", text)));
        }
    }

    @Test
    void randomGraphsAreRejectedOnlyForTheKnownLimits() {
        List<String> rejected = new RandomModels(5).generateGraphs(10, c -> !Dl4jConformanceTest.expressible(c));
        for (String text : rejected) {
            assertRejectedForKnownLimits(Compiler.compile(new SourceFile("model.cnn", text)));
        }
    }

    /** Every E0601 lies on a layer that {@link #isKnownLimit} names, and there is at least one. */
    static void assertRejectedForKnownLimits(Compilation compilation) {
        List<Diagnostic> rejections = rejections(Dl4jBackend.generate(compilation, new JavaClassName("", "Model")));
        assertFalse(rejections.isEmpty(), compilation.source().text());
        for (Diagnostic rejection : rejections) {
            // the rows at the rejection's place: a layer, or the implicit flatten in front of a dense layer, at its span
            List<CheckedLayer> rows = compilation.model().layers().stream()
                    .filter(r -> r.layer().span().start() <= rejection.span().start()
                            && rejection.span().end() <= r.layer().span().end())
                    .toList();
            assertFalse(rows.isEmpty(), rejection.toString());
            assertTrue(rows.stream().anyMatch(Dl4jRejectionTest::isKnownLimit), "unexpected rejection of "
                    + rows.get(0).name() + ": " + rejection.message() + "\n" + compilation.source().text());
        }
    }

    /**
     * What DL4J 1.0.0-M2.1 cannot do: a depthwise step on a 1x1 output where its op fails (LeNet scaling,
     * groups = channels, dwconv, sepconv; see {@link #depthwiseFails}): the only thing left.
     */
    static boolean isKnownLimit(CheckedLayer row) {
        List<Shape> shapes = new java.util.ArrayList<>(row.inputShapes());
        shapes.add(row.outputShape());
        int rank = shapes.stream().filter(Shape.Grid.class::isInstance).mapToInt(shape -> ((Shape.Grid) shape).rank())
                .findFirst().orElse(2);
        return rank == 2 ? isKnownLimitOfImages(row) : isKnownLimitOfSequencesAndVolumes(row, rank);
    }

    /**
     * What DL4J 1.0.0-M2.1 cannot express on a sequence or a volume, as docs/dl4j.md lists it: the layers it has for
     * images only (depthwise, separable, cnnc's own SameDiff layers), those it has for channels-first arrays only
     * (1-D upsampling and cropping, zero-padding at both ranks), an average's padding (PyTorch counts its zeros) and
     * a volume's max pooling padded unevenly, a transposed convolution of a sequence or with Keras's tail, a
     * sequence's batch normalisation without scale, a sequence flattened whole, a reshape to or from a grid that is no image, and broadcasting merges.
     */
    private static boolean isKnownLimitOfSequencesAndVolumes(CheckedLayer row, int rank) {
        Layer layer = row.layer();
        return switch (row.kind()) {
            case DWCONV, SEPCONV, LN, NORMALIZE, LAYERSCALE, SPLIT, SHUFFLE, MATMUL, SELECT, ZEROPAD -> true;
            case CROP -> rank == 1;
            case CONV -> ((Layer.Conv) layer).groups().value() != 1;
            case DECONV -> rank == 1 || !(((Layer.TransposedConv) layer).padding() instanceof cnnc.ast.Padding.Same)
                    && ((cnnc.check.Footprint.Transposed) row.footprint()).axes().stream().anyMatch(axis -> axis.tail() > 0)
                    || ((cnnc.check.Footprint.Transposed) row.footprint()).axes().stream()
                            .map(axis -> List.of(axis.kernel(), axis.stride())).distinct().count() > 1;
            case MAXPOOL, AVGPOOL -> {
                Layer.Pool pool = (Layer.Pool) layer;
                List<cnnc.check.Axis> axes = ((cnnc.check.Footprint.Sliding) row.footprint()).axes();
                boolean padded = !(pool.padding() instanceof cnnc.ast.Padding.Same)
                        && axes.stream().anyMatch(cnnc.check.Axis::isPadded);
                yield pool.scaled() || padded && (row.kind() == cnnc.ast.LayerKind.AVGPOOL
                        || rank == 3 && axes.stream().anyMatch(axis -> axis.padBefore() != axis.padAfter()));
            }
            case BN -> rank == 1 && !((Layer.BatchNorm) layer).scale();
            case UPSAMPLE -> rank == 1 || ((Layer.Upsample) layer).bilinear();
            case FLATTEN -> rank == 1;
            case RESHAPE -> row.inputShape() instanceof Shape.Grid in && in.rank() == 1 || row.outputShape() instanceof Shape.Grid;
            case ADD, MULTIPLY -> row.inputShapes().stream().distinct().count() > 1;
            case GAP, GMP, DENSE, PRELU, RESCALE, DROPOUT, ACTIVATE, CONCAT -> false;
        };
    }

    private static boolean isKnownLimitOfImages(CheckedLayer row) {
        Layer layer = row.layer();
        if (!(row.outputShape() instanceof Shape.Grid out) || out.sizes().stream().anyMatch(size -> size != 1)) {
            return false;
        }
        long channels = row.inputShape() instanceof Shape.Grid in ? in.channels() : 0;
        if (layer instanceof Layer.DepthwiseConv conv) {
            return depthwiseFails(conv.kernel(), channels, conv.multiplier().value());
        } else if (layer instanceof Layer.SeparableConv conv) {
            return depthwiseFails(conv.kernel(), channels, conv.multiplier().value());
        } else if (layer instanceof Layer.Conv conv) {
            long groups = conv.groups().value();
            return groups == channels && groups > 1 && depthwiseFails(conv.kernel(), channels, conv.filters().value() / groups);
        }
        return layer instanceof Layer.Pool pool && pool.scaled();
    }

    /** On a 1x1 output: a 1x1 kernel with one filter per channel, one channel with one filter, a 1x1 kernel on one channel. */
    private static boolean depthwiseFails(cnnc.ast.Size kernel, long channels, long multiplier) {
        boolean oneByOne = kernel.written().stream().allMatch(size -> size.value() == 1);
        return (multiplier == 1 && (oneByOne || channels == 1)) || (oneByOne && channels == 1);
    }
}
