package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.source.SourceFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What shapes and counts cannot show: the values DL4J computes with the generated configurations,
 * on small inputs whose results are worked out by hand in each test. Each one pins a place where
 * DL4J's defaults differ from Keras's (cnnc's reference) and the backend has to say so.
 */
class Dl4jSemanticsTest {
    private static final Map<String, String> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("AvgSame", "input 3x3x1\navgpool 2x2 same\n");
        MODELS.put("MaxSame", "input 3x3x1\nmaxpool 2x2 same\n");
        MODELS.put("FlattenExplicit", "input 1x2x2\nflatten\n");
        MODELS.put("FlattenImplicit", "input 1x2x2\ndense 4 nobias\n");
        MODELS.put("SoftmaxImage", "input 1x2x2\nsoftmax\n");
        MODELS.put("GapImage", "input 2x2x2\ngap\n");
        MODELS.put("ScaledPool", "input 4x2x2\nmaxpool 2x2 scaled\n");
        MODELS.put("SameStrideBeyondKernel", "input 9x10x1\nconv 1@1x2 /3 same nobias\n");
        MODELS.put("Depthwise", "input 5x5x3\nconv 6@3x3 groups 3\n");
        MODELS.put("Dropout", "input 4\ndropout 0.1\n");
        MODELS.put("Shortcut", "input 2\nadd { relu | identity }\n");
        MODELS.put("ShortcutBehindDropout", "input 2\ndense 2 nobias\ndropout 0.5\nadd { relu | identity }\n");
        MODELS.put("ConcatImages", "input 1x2x2\nconcat { identity | add { identity | identity } | multiply { identity | identity } }\n");
        MODELS.put("GapKeep", "input 2x2x2\ngap keep\n");
        MODELS.put("PadThenCrop", "input 2x2x1\nzeropad 1 0 0 1\ncrop 0 1 1 0\n");
        MODELS.put("Upsample", "input 1x2x1\nupsample 1x2\n");
        MODELS.put("Bilinear", "input 1x2x1\nupsample 1x2 bilinear\n");
        MODELS.put("LayerNormImage", "input 1x2x2\nln\n");
        MODELS.put("BatchNormNoScale", "input 1x1x2\nbn noscale\n");
        MODELS.put("Epsilons", "input 1x2x2\nln eps 0.25\nbn eps 0.75\n");
        MODELS.put("RescaleNormalize", "input 1x1x2\nrescale 1/4 offset -1\nnormalize\n");
        MODELS.put("Excitation", "input 1x2x2\nmultiply { identity | gap keep }\n");
        MODELS.put("Grouped", "input 1x2x4\nconv 2@1 groups 2 nobias\n");
        MODELS.put("ReshapeToImages", "input 6\nreshape 1x2x3\nreshape 3x1x2\n");
        MODELS.put("DeconvTail", "input 1x1x1\ndeconv 1@1 /2 valid relu\n");
        MODELS.put("Shuffle", "input 1x1x6\nshuffle 2\n");
        MODELS.put("ShuffleImage", "input 2x1x4\nshuffle 2\n");
        MODELS.put("Split", "input 1x1x6\nconcat { split 3 take 3 | split 3 take 1 }\n");
        MODELS.put("Slices", "input 1x1x6\nconcat { split 1, 3, 2 take 3 | split 1, 3, 2 take 1 | split 1, 3, 2 take 2 }\n");
        MODELS.put("Slopes", "input 1x1x3\nleakyrelu 0.01\nprelu\n");
        MODELS.put("KerasSlope", "input 1x1x3\nleakyrelu\n");
        MODELS.put("ConvSlope", "input 1x1x1\nconv 1@1 nobias leakyrelu 0.5\n");
        MODELS.put("ScaleAndConstants", "input 1x1x2\nnormalize mean 1 -2 variance 4 4\nlayerscale\n");
        MODELS.put("DenseKeep", "input 1x2x2\ndense 1 keep\n");
        MODELS.put("MatMulRows", "input 1x2x2\nmatmul { identity | identity }\n");
        MODELS.put("SelectBranches", "input 1x1x2\nselect { identity | relu } by { concat { identity | rescale 0 } }\n");
        MODELS.put("MaxPadCeil", "input 3x3x1\nmaxpool 2 /2 pad 1 ceil\n");
        MODELS.put("MaxCeil", "input 4x4x1\nmaxpool 3 /2 ceil\n");
        MODELS.put("AvgPad", "input 2x2x1\navgpool 2 /2 pad 1\n");
        MODELS.put("HardSwishes", "input 4\ndense 4 nobias hardswish\nhardswish\n");
        // sequences (NWC) and volumes (NDHWC)
        MODELS.put("AvgSequenceSame", "input 4x1\navgpool 3 /1 same\n");
        MODELS.put("AvgSequence", "input 7x1\navgpool 3 /2\n");
        MODELS.put("ConvSequenceSame", "input 5x1\nconv 1@2 /3 same nobias\n");
        MODELS.put("GapSequence", "input 3x2\ngap\n");
        MODELS.put("GmpSequenceKeep", "input 3x2\ngmp keep\n");
        MODELS.put("BatchNormSequence", "input 2x2\nbn eps 0.75\n");
        MODELS.put("ConcatVolumes", "input 1x1x2x1\nconcat { identity | relu }\n");
        MODELS.put("MaxVolumePad", "input 3x3x3x1\nmaxpool 3 /1 pad 1\n");
        MODELS.put("AvgVolumeSame", "input 1x1x3x1\navgpool 1x1x2 same\n");
        MODELS.put("GapVolume", "input 1x2x1x2\ngap\n");
        MODELS.put("FlattenVolume", "input 1x1x2x2\nflatten\n");
        MODELS.put("FlattenVolumeImplicit", "input 1x1x2x2\ndense 4 nobias\n");
        MODELS.put("UpsampleVolume", "input 1x2x1x2\nupsample 1x2x1\n");
        MODELS.put("BatchNormVolume", "input 2x2x1x2\nbn eps 0.75\n");
        MODELS.put("BatchNormNoScaleVolume", "input 2x1x1x2\nbn noscale eps 0.75\n");
        MODELS.put("CropVolume", "input 2x3x4x1\ncrop 1 0 0 1 1 2\n");
        MODELS.put("MaxCeilSequence", "input 5x1\nmaxpool 2 /2 ceil\n");
        MODELS.put("MaxPadSequence", "input 3x1\nmaxpool 3 /1 pad 1\n");
    }

    @TempDir
    static Path work;
    /** The classes of the models that compile; a model that is not written or does not compile fails its own tests. */
    private static GeneratedJava.Compiled compiled;
    private static final Map<String, String> NOT_WRITTEN = new LinkedHashMap<>();
    private static final Map<String, Compilation> COMPILATIONS = new LinkedHashMap<>();
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    @BeforeAll
    static void compileModels() {
        Map<String, String> sources = new LinkedHashMap<>();
        MODELS.forEach((name, text) -> {
            Compilation compilation = Compiler.compile(new SourceFile(name + ".cnn", text));
            COMPILATIONS.put(name, compilation);
            Dl4jBackend.Result result = Dl4jBackend.generate(compilation, new JavaClassName("semantics", name));
            result.javaSource().ifPresentOrElse(java -> sources.put("semantics." + name, java),
                    () -> NOT_WRITTEN.put(name, result.diagnostics().toString()));
        });
        SOURCES.putAll(sources);
        compiled = GeneratedJava.compileEach(sources, work);
    }

    private static Class<?> load(String name) {
        if (NOT_WRITTEN.containsKey(name)) {
            fail("the DL4J backend writes no class for " + name + ": " + NOT_WRITTEN.get(name));
        }
        return compiled.load("semantics." + name);
    }

    private static MultiLayerConfiguration configuration(String name) {
        return Dl4jConformanceTest.configuration(load(name));
    }

    private static MultiLayerNetwork network(String name) {
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(name));
        network.init();
        return network;
    }

    /** An NHWC batch of one holding {@code values} in order: height, then width, then channels. */
    private static INDArray image(long height, long width, long channels, double... values) {
        return Nd4j.create(values, new long[] {1, height, width, channels}, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    private static double[] outputOf(MultiLayerNetwork network, INDArray input) {
        return network.output(input, false).castTo(DataType.DOUBLE).data().asDouble();
    }

    private static ComputationGraph graph(String name) {
        ComputationGraph graph = new ComputationGraph(
                Dl4jConformanceTest.graphConfiguration(load(name)));
        graph.init();
        return graph;
    }

    private static double[] values(INDArray array) {
        return array.castTo(DataType.DOUBLE).data().asDouble();
    }

    /**
     * DL4J saves a configuration as JSON and builds it again from that, the file's own layers and activation
     * among them (their fields are their properties): each model here, saved and loaded, with the parameters of
     * the one it was saved from, gives the same output on the same input. Between them the models use every
     * class the backend writes into generated code. But one: DL4J 1.0.0-M2.1 itself loads the chain of
     * SoftmaxImage (an ActivationLayer's softmax on a channels-last image, no class of cnnc's) to a network whose
     * softmax gives 0.3775 and 0.6225 where the saved one gives Keras's 0.25 and 0.75, from the same JSON.
     */
    @Test
    void everyModelSavedAsJsonAndLoadedAgainComputesTheSame() {
        java.util.Set<String> written = new java.util.TreeSet<>();
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(compiled.loader()); // where DL4J's Jackson finds the generated classes by name
        try {
            for (String name : MODELS.keySet()) {
                if (!name.equals("SoftmaxImage")) {
                    assertSavedAndLoadedComputeTheSame(name);
                }
                for (Helper helper : Helper.values()) {
                    if (SOURCES.get("semantics." + name).contains("public static final class " + helper.simpleName() + " ")) {
                        written.add(helper.simpleName());
                    }
                }
            }
        } finally {
            thread.setContextClassLoader(context);
        }
        java.util.Set<String> all = new java.util.TreeSet<>();
        for (Helper helper : Helper.values()) {
            all.add(helper.simpleName());
        }
        assertEquals(all, written, "the helper classes these models use");
    }

    private static void assertSavedAndLoadedComputeTheSame(String name) {
        Object configuration = Dl4jConformanceTest.graphOrChain(load(name));
        long[] shape = NetworkComparison.batchOfOne(COMPILATIONS.get(name).model().input());
        INDArray input = Nd4j.linspace(-2, 2, java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact),
                DataType.FLOAT).reshape(shape);
        if (configuration instanceof MultiLayerConfiguration chain) {
            MultiLayerNetwork saved = new MultiLayerNetwork(chain);
            saved.init();
            MultiLayerNetwork loaded = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(chain.toJson()));
            loaded.init(saved.params().dup(), false);
            // each its own copy: DL4J's ActivationLayer works in place, on the network's input too when it is the first layer
            assertArrayEquals(values(saved.output(input.dup(), false)), values(loaded.output(input.dup(), false)), 1e-6, name);
        } else {
            ComputationGraphConfiguration graph = (ComputationGraphConfiguration) configuration;
            ComputationGraph saved = new ComputationGraph(graph);
            saved.init();
            ComputationGraph loaded = new ComputationGraph(ComputationGraphConfiguration.fromJson(graph.toJson()));
            loaded.init(saved.params().dup(), false);
            assertArrayEquals(values(saved.outputSingle(input.dup())), values(loaded.outputSingle(input.dup())), 1e-6, name);
        }
    }

    /**
     * DL4J's ActivationLayer applies relu in place during feedForward; without the copy cnnc puts in
     * front of it, the shortcut would read relu(x) too and give relu(x) + relu(x) = [0, 4].
     */
    @Test
    void aShortcutKeepsTheValuesAnActivationOnTheOtherBranchReads() {
        INDArray x = Nd4j.create(new float[] {-1, 2}, new long[] {1, 2});
        double[] expected = {-1 + 0, 2 + 2}; // x + relu(x)
        assertArrayEquals(expected, values(graph("Shortcut").outputSingle(x)), 1e-6);
        assertArrayEquals(expected, values(graph("Shortcut").feedForward(x, false).get("add1")), 1e-6);
    }

    @Test
    void aShortcutBehindADropoutLayerKeepsItsValuesToo() {
        ComputationGraph graph = graph("ShortcutBehindDropout");
        graph.getLayer("dense1").setParam("W", Nd4j.eye(2).castTo(DataType.FLOAT));
        INDArray x = Nd4j.create(new float[] {-1, 2}, new long[] {1, 2});
        assertArrayEquals(new double[] {-1, 4}, values(graph.feedForward(x, false).get("add1")), 1e-6);
    }

    @Test
    void concatJoinsChannelsLastImagesAlongTheChannels() {
        // pixel (0,0) holds 1 2, pixel (0,1) holds 3 4; each pixel gets x, then x + x, then x * x
        double[] out = values(graph("ConcatImages").outputSingle(image(1, 2, 2, 1, 2, 3, 4)));
        assertArrayEquals(new double[] {1, 2, 2, 4, 1, 4, 3, 4, 6, 8, 9, 16}, out, 1e-6);
    }

    @Test
    void globalPoolingThatKeepsItsDimensionsAveragesEachChannel() {
        MultiLayerNetwork network = network("GapKeep");
        INDArray out = network.output(image(2, 2, 2, 1, 10, 2, 20, 3, 30, 4, 40), false);
        assertArrayEquals(new long[] {1, 1, 1, 2}, out.shape());
        assertArrayEquals(new double[] {(1 + 2 + 3 + 4) / 4.0, (10 + 20 + 30 + 40) / 4.0}, values(out), 1e-6);
    }

    @Test
    void paddingAndCroppingTakeTheirSidesInTheOrderTopBottomLeftRight() {
        // 1 2 / 3 4, one row of zeros on top and one column on the right: 0 0 0 / 1 2 0 / 3 4 0;
        // then the bottom row and the left column go: 0 0 / 2 0
        assertArrayEquals(new double[] {0, 0, 2, 0}, outputOf(network("PadThenCrop"), image(2, 2, 1, 1, 2, 3, 4)), 1e-6);
    }

    /**
     * PyTorch's MaxPool2d(2, 2, padding=1, ceil_mode=True) on 3x3: ceil((3 + 2 - 2)/2) + 1 = 3 windows along
     * each axis, less the last, which would start at padded row 4 = n + p, in the padding; so 2, reading
     * padded rows 0-1 (input row 0) and 2-3 (input rows 1-2). On negatives -1 -2 -3 / -4 -5 -6 / -7 -8 -9
     * a zero of padding would win; -inf never does: -1, max(-2, -3), max(-4, -7), max(-5, -6, -8, -9).
     */
    @Test
    void maxPoolingPadsWithMinusInfinity() {
        INDArray out = network("MaxPadCeil").output(image(3, 3, 1, -1, -2, -3, -4, -5, -6, -7, -8, -9), false);
        assertArrayEquals(new long[] {1, 2, 2, 1}, out.shape());
        assertArrayEquals(new double[] {-1, -2, -4, -5}, values(out), 1e-6);
    }

    /**
     * MaxPool2d(3, 2, ceil_mode=True) on 4x4: ceil((4 - 3)/2) + 1 = 2 windows, the second starting at row 2
     * (inside the input) and cut short after row 3: its max is that of rows 2-3 and columns 2-3.
     */
    @Test
    void ceilAddsAWindowCutShortAtTheEnd() {
        double[] in = new double[16];
        for (int i = 0; i < 16; i++) {
            in[i] = -i; // row r, column c holds -(4r + c): a window's max is its top left value
        }
        INDArray out = network("MaxCeil").output(image(4, 4, 1, in), false);
        assertArrayEquals(new long[] {1, 2, 2, 1}, out.shape());
        assertArrayEquals(new double[] {0, -2, -8, -10}, values(out), 1e-6);
    }

    /** PyTorch's AvgPool2d(2, 2, padding=1) counts the zeros of padding: each corner value over 4. */
    @Test
    void averagePoolingCountsItsPaddingInTheDivisor() {
        assertArrayEquals(new double[] {1 / 4.0, 2 / 4.0, 3 / 4.0, 4 / 4.0},
                outputOf(network("AvgPad"), image(2, 2, 1, 1, 2, 3, 4)), 1e-6);
    }

    /**
     * hardswish is x * relu6(x + 3) / 6 (Keras's hard_swish, PyTorch's Hardswish), on a dense layer and as
     * a layer: -4 -> 0; -1 -> -1 x 2/6 = -1/3; 1 -> 1 x 4/6 = 2/3; 4 -> 4 x 6/6 = 4; then again: 0; -1/3 x
     * (8/3)/6 = -4/27; 2/3 x (11/3)/6 = 11/27; 4. Its derivative is relu6(x + 3)/6, plus x/6 inside (-3, 3).
     */
    @Test
    void hardSwishIsXTimesRelu6OfXPlus3Over6() throws Exception {
        MultiLayerNetwork network = network("HardSwishes");
        network.getLayer(0).setParam("W", Nd4j.eye(4).castTo(DataType.FLOAT));
        INDArray x = Nd4j.create(new float[] {-4, -1, 1, 4}, new long[] {1, 4});
        assertArrayEquals(new double[] {0, -4 / 27.0, 11 / 27.0, 4}, outputOf(network, x), 1e-6);
        Class<?> type = load("HardSwishes").getClassLoader().loadClass("semantics.HardSwishes$HardSwish");
        org.nd4j.linalg.activations.IActivation hardSwish =
                (org.nd4j.linalg.activations.IActivation) type.getConstructor().newInstance();
        INDArray slopes = hardSwish.backprop(x.dup(), Nd4j.ones(DataType.FLOAT, 1, 4)).getFirst();
        // -4: 0; -1: 2/6 - 1/6; 1: 4/6 + 1/6; 4: 6/6
        assertArrayEquals(new double[] {0, 1 / 6.0, 5 / 6.0, 1}, values(slopes), 1e-6);
    }

    /**
     * Bilinear by 2 with half-pixel centres: column q samples x = (q + 1/2)/2 - 1/2 = -1/4, 1/4, 3/4, 5/4 of
     * the input 1 3: the edge value 1, 3/4 x 1 + 1/4 x 3, 1/4 x 1 + 3/4 x 3, the edge value 3.
     */
    @Test
    void bilinearUpsamplingInterpolatesAtHalfPixelCentres() {
        assertArrayEquals(new double[] {1, 1.5, 2.5, 3}, outputOf(network("Bilinear"), image(1, 2, 1, 1, 3)), 1e-6);
    }

    @Test
    void upsamplingRepeatsColumnsByTheirOwnFactor() {
        assertArrayEquals(new double[] {1, 1, 2, 2}, outputOf(network("Upsample"), image(1, 2, 1, 1, 2)), 1e-6);
    }

    /**
     * Each pixel over its channels, with Keras's epsilon: pixel 1 holds 1 and 3 (mean 2, variance 1), pixel 2
     * holds 5 and 5 (variance 0); gamma starts at 1 and beta at 0.
     */
    @Test
    void layerNormalisationNormalisesEachPixelOverItsChannelsAsKeras() {
        double scale = 1 / Math.sqrt(1 + 1e-3);
        double[] out = outputOf(network("LayerNormImage"), image(1, 2, 2, 1, 3, 5, 5));
        assertArrayEquals(new double[] {-scale, scale, 0, 0}, out, 1e-5);
        assertEquals(2 + 2, network("LayerNormImage").numParams()); // gamma and beta for 2 channels
    }

    /**
     * The epsilons written: layer normalisation of 1 and 3 (mean 2, variance 1) divides by sqrt(1 + 0.25),
     * then a fresh batch normalisation (moving mean 0, variance 1) by sqrt(1 + 0.75).
     */
    @Test
    void epsilonsAreTheWrittenOnes() {
        double ln = 1 / Math.sqrt(1 + 0.25);
        double bn = 1 / Math.sqrt(1 + 0.75);
        double[] out = outputOf(network("Epsilons"), image(1, 2, 2, 1, 3, 5, 5));
        assertArrayEquals(new double[] {-ln * bn, ln * bn, 0, 0}, out, 1e-5);
    }

    /**
     * A fresh batch normalisation (moving mean 0, variance 1) divides by sqrt(1 + 1e-3); then beta, which
     * starts at 0 and here is set to 10 and 20. Parameters: mean and variance (DL4J's) and beta, 3 x 2.
     */
    @Test
    void batchNormalisationWithoutScaleHasBetaAfterTheNormalisation() {
        MultiLayerNetwork network = network("BatchNormNoScale");
        assertEquals(3 * 2, network.numParams());
        // the parameter's view: DL4J 1.0.0-M2.1's SameDiffLayer.setParam does not reach the array the layer computes with
        network.getLayer("bn1").getParam("beta").assign(Nd4j.create(new float[] {10, 20}, new long[] {2}));
        double scale = 1 / Math.sqrt(1 + 1e-3);
        assertArrayEquals(new double[] {2 * scale + 10, -4 * scale + 20},
                outputOf(network, image(1, 1, 2, 2, -4)), 1e-5);
    }

    /**
     * x / 4 - 1, then Keras's Normalization with its mean set to 1 and 2 and its variance to 4 and 0
     * (whose square root is below Keras's epsilon 1e-7, which divides instead): 2 + 2 + 1 parameters.
     */
    @Test
    void rescalingThenNormalisationAsKeras() {
        MultiLayerNetwork network = network("RescaleNormalize");
        assertEquals(2 + 2 + 1, network.numParams());
        network.getLayer("normalize1").getParam("mean").assign(Nd4j.create(new float[] {1, 2}, new long[] {2}));
        network.getLayer("normalize1").getParam("variance").assign(Nd4j.create(new float[] {4, 0}, new long[] {2}));
        // 12 / 4 - 1 = 2, (2 - 1) / 2 = 0.5; 16 / 4 - 1 = 3, (3 - 2) / 1e-7
        double[] out = outputOf(network, image(1, 1, 2, 12, 16));
        assertEquals(0.5, out[0], 1e-6);
        assertEquals(1e7, out[1], 1e7 * 1e-5); // float32 has about 7 digits

    }

    /** Squeeze-and-excitation's shape: each pixel times its channel's mean over the image. */
    @Test
    void aMultiplyStretchesAOneByOneImageOverEveryPixel() {
        // pixel (0,0) holds 1 10, pixel (0,1) holds 3 30: the channel means are 2 and 20
        double[] out = values(graph("Excitation").outputSingle(image(1, 2, 2, 1, 10, 3, 30)));
        assertArrayEquals(new double[] {1 * 2, 10 * 20, 3 * 2, 30 * 20}, out, 1e-4);
    }

    /**
     * Two positions of two channels, 1 2 and 3 4, are the matrix [[1, 2], [3, 4]] (a row per position); times
     * itself: [[1 + 6, 2 + 8], [3 + 12, 6 + 16]].
     */
    @Test
    void aMatmulMultipliesRowsByPositions() {
        double[] out = values(graph("MatMulRows").outputSingle(image(1, 2, 2, 1, 2, 3, 4)));
        assertArrayEquals(new double[] {7, 10, 15, 22}, out, 1e-4);
    }

    /**
     * Branches x = (-2, 4) and relu(x) = (0, 4); their sum (-2, 8) is branch 1's logits, 0 branch 2's: the weights
     * of x are 1 / (1 + e^2) and 1 / (1 + e^-8), of relu(x) the rest.
     */
    @Test
    void aSelectWeighsTheBranchesBySoftmaxAcrossThem() {
        double first = 1 / (1 + Math.exp(2));
        double second = 1 / (1 + Math.exp(-8));
        double[] out = values(graph("SelectBranches").outputSingle(image(1, 1, 2, -2, 4)));
        assertArrayEquals(new double[] {first * -2 + (1 - first) * 0, second * 4 + (1 - second) * 4}, out, 1e-5);
    }

    /** torch's channel_shuffle(x, 2) of channels 0..5 gives 0 3 1 4 2 5 (torch 2.13, run by hand). */
    @Test
    void aShuffleInterleavesTheGroupsAsTorch() {
        double[] out = outputOf(network("Shuffle"), image(1, 1, 6, 0, 1, 2, 3, 4, 5));
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, out, 0);
    }

    /** Each pixel's channels shuffled on their own: 0 1 2 3 gives 0 2 1 3, in every pixel of a batch of two. */
    @Test
    void aShuffleShufflesEachPixelOfEachExample() {
        INDArray batch = Nd4j.concat(0, image(2, 1, 4, 0, 1, 2, 3, 10, 11, 12, 13),
                image(2, 1, 4, 20, 21, 22, 23, 30, 31, 32, 33));
        assertArrayEquals(new double[] {0, 2, 1, 3, 10, 12, 11, 13, 20, 22, 21, 23, 30, 32, 31, 33},
                values(network("ShuffleImage").output(batch)), 0);
    }

    /** Of 6 channels in 3 parts, part 3 is channels 4 and 5, part 1 channels 0 and 1. */
    @Test
    void aSplitTakesItsPartOfTheChannels() {
        double[] out = values(graph("Split").outputSingle(image(1, 1, 6, 10, 11, 12, 13, 14, 15)));
        assertArrayEquals(new double[] {14, 15, 10, 11}, out, 0);
    }

    /** Parts of 1, 3 and 2 channels: part 3 is channels 4 and 5, part 1 channel 0, part 2 channels 1 to 3. */
    @Test
    void unevenSlicesTakeTheirChannels() {
        double[] out = values(graph("Slices").outputSingle(image(1, 1, 6, 10, 11, 12, 13, 14, 15)));
        assertArrayEquals(new double[] {14, 15, 10, 11, 12, 13}, out, 0);
    }

    /**
     * -100 times 0.01, then the 3 trained slopes, which start at 0.25 (torch's) and are set to 0.5, 2 and 3 here:
     * -100 gives -1, then -0.25 or -0.5; 5 stays 5; -3 gives -0.03, then -0.0075 or -0.09.
     */
    @Test
    void leakyReluTakesItsSlopeAndPreluTrainsOnePerChannel() {
        MultiLayerNetwork network = network("Slopes");
        assertEquals(3, network.numParams());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25}, values(network.getLayer("prelu1").params()), 1e-7);
        assertArrayEquals(new double[] {-100 * 0.01 * 0.25, 5, -3 * 0.01 * 0.25},
                outputOf(network, image(1, 1, 3, -100, 5, -3)), 1e-6);
        network.getLayer("prelu1").params().assign(Nd4j.create(new float[] {0.5f, 2, 3}, new long[] {1, 3}));
        assertArrayEquals(new double[] {-100 * 0.01 * 0.5, 5, -3 * 0.01 * 3},
                outputOf(network, image(1, 1, 3, -100, 5, -3)), 1e-6);
    }

    /** Without a slope written, Keras's 0.2 (DL4J's own LEAKYRELU has 0.01): -100 gives -20, -3 gives -0.6. */
    @Test
    void leakyReluWithoutASlopeHasKerass() {
        assertArrayEquals(new double[] {-100 * 0.2, 5, -3 * 0.2}, outputOf(network("KerasSlope"), image(1, 1, 3, -100, 5, -3)),
                1e-5);
    }

    /** A layer's leaky ReLU with its slope: weight 2 on -3 gives -6, times 0.5; on 4, 8. */
    @Test
    void aLayersLeakyReluTakesItsSlope() {
        MultiLayerNetwork network = network("ConvSlope");
        network.getLayer("conv1").params().assign(2);
        assertArrayEquals(new double[] {-3}, outputOf(network, image(1, 1, 1, -3)), 1e-6);
        assertArrayEquals(new double[] {8}, outputOf(network, image(1, 1, 1, 4)), 1e-6);
    }

    /**
     * (x - mean) / sqrt(variance) with the constants written (no parameters), then gamma per channel
     * (2 parameters, starting at 1e-6): (5 - 1) / 2 = 2 and (0 + 2) / 2 = 1, times gammas 3 and 10.
     */
    @Test
    void constantNormalisationThenLayerScale() {
        MultiLayerNetwork network = network("ScaleAndConstants");
        assertEquals(2, network.numParams());
        assertArrayEquals(new double[] {1e-6, 1e-6}, values(network.getLayer("layerscale1").getParam("gamma")), 1e-12);
        network.getLayer("layerscale1").getParam("gamma").assign(Nd4j.create(new float[] {3, 10}, new long[] {2}));
        assertArrayEquals(new double[] {2 * 3, 1 * 10}, outputOf(network, image(1, 1, 2, 5, 0)), 1e-6);
    }

    /** The same unit at each position: weights 2 and 3 and bias 1 give 2a + 3b + 1 per pixel. */
    @Test
    void aDenseLayerThatKeepsTheImageActsOnEachPosition() {
        MultiLayerNetwork network = network("DenseKeep");
        assertEquals(2 + 1, network.numParams());
        network.getLayer("dense1").getParam("W").assign(Nd4j.create(new float[] {2, 3}, new long[] {1, 2, 1, 1}));
        network.getLayer("dense1").getParam("b").assign(1);
        // pixel (0,0) holds 1 10, pixel (0,1) holds 100 1000
        assertArrayEquals(new double[] {2 + 30 + 1, 200 + 3000 + 1}, outputOf(network, image(1, 2, 2, 1, 10, 100, 1000)),
                1e-4);
    }

    /** With every weight 1, group 1 adds channels 0 and 1 of each pixel, group 2 channels 2 and 3. */
    @Test
    void eachGroupOfAGroupedConvolutionReadsItsOwnChannels() {
        ComputationGraph graph = graph("Grouped");
        graph.getLayer("conv1_group1").params().assign(1);
        graph.getLayer("conv1_group2").params().assign(1);
        double[] out = values(graph.outputSingle(image(1, 2, 4, 1, 2, 3, 4, 10, 20, 30, 40)));
        assertArrayEquals(new double[] {1 + 2, 3 + 4, 10 + 20, 30 + 40}, out, 1e-6);
    }

    /** Keras's reshape keeps the values in order; channels-last, the order of an NHWC array's elements. */
    @Test
    void aReshapeToAnImageKeepsTheValuesInOrderChannelsLast() {
        MultiLayerNetwork network = network("ReshapeToImages");
        INDArray x = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {1, 6});
        List<INDArray> activations = network.feedForward(x, false);
        assertArrayEquals(new long[] {1, 1, 2, 3}, activations.get(1).shape());
        assertArrayEquals(new long[] {1, 3, 1, 2}, activations.get(2).shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, values(activations.get(2).dup('c')), 1e-6);
    }

    /**
     * A 1x1 kernel with stride 2, 'valid': Keras gives 1*2 = 2 rows and columns, of which only the first
     * gets the input (weight 2 on 3 gives 6); every value gets the bias, -1; then relu: 5, 0, 0, 0.
     */
    @Test
    void aTransposedConvolutionNarrowerThanItsStrideHasKerasLastRowsOfBiasOnly() {
        MultiLayerNetwork network = network("DeconvTail");
        network.getLayer("deconv1_kernel").params().assign(2);
        network.getLayer("deconv1_bias").getParam("beta").assign(-1);
        assertArrayEquals(new double[] {5, 0, 0, 0}, outputOf(network, image(1, 1, 1, 3)), 1e-6);
        assertEquals(1 + 1, network.numParams());
    }

    @Test
    void averagePoolingWithSameLeavesThePaddingOutOfTheAverageAsKeras() {
        // 1 2 3 / 4 5 6 / 7 8 9, windows of 2x2 from the top left, padded at the bottom and right
        double[] out = outputOf(network("AvgSame"), image(3, 3, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertArrayEquals(new double[] {(1 + 2 + 4 + 5) / 4.0, (3 + 6) / 2.0, (7 + 8) / 2.0, 9}, out, 1e-6);
    }

    @Test
    void maxPoolingWithSameNeverPicksThePadding() {
        double[] out = outputOf(network("MaxSame"), image(3, 3, 1, -1, -2, -3, -4, -5, -6, -7, -8, -9));
        assertArrayEquals(new double[] {-1, -3, -7, -9}, out, 1e-6);
    }

    @Test
    void anExplicitFlattenIsChannelsLastAsTheReport() {
        // pixel (0,0) has channels 1 2, pixel (0,1) has 3 4: channels-last keeps 1 2 3 4, channels-first would give 1 3 2 4
        double[] out = outputOf(network("FlattenExplicit"), image(1, 2, 2, 1, 2, 3, 4));
        assertArrayEquals(new double[] {1, 2, 3, 4}, out, 1e-6);
    }

    @Test
    void theImplicitFlattenBeforeADenseLayerIsChannelsLastToo() {
        MultiLayerNetwork network = network("FlattenImplicit");
        network.getLayer("dense1").setParam("W", Nd4j.eye(4).castTo(DataType.FLOAT));
        assertArrayEquals(new double[] {1, 2, 3, 4}, outputOf(network, image(1, 2, 2, 1, 2, 3, 4)), 1e-6);
    }

    @Test
    void softmaxOnAnImageRunsOverTheChannelsAsKeras() {
        // pixel 1: channels 0 and ln 3 give 1/4, 3/4; pixel 2: 0 and 0 give 1/2, 1/2
        double[] out = outputOf(network("SoftmaxImage"), image(1, 2, 2, 0, Math.log(3), 0, 0));
        assertArrayEquals(new double[] {0.25, 0.75, 0.5, 0.5}, out, 1e-6);
    }

    @Test
    void globalAveragePoolingAveragesEachChannelOverHeightAndWidth() {
        double[] out = outputOf(network("GapImage"), image(2, 2, 2, 1, 10, 2, 20, 3, 30, 4, 40));
        assertArrayEquals(new double[] {(1 + 2 + 3 + 4) / 4.0, (10 + 20 + 30 + 40) / 4.0}, out, 1e-6);
    }

    @Test
    void scaledPoolingStartsAsPlainPoolingWithCoefficientOneAndBiasZero() {
        // two 2x2 windows, pixels as (channel 0, channel 1): the top one's maxima are 5 and -5, the bottom one's 6 and -1
        double[] out = outputOf(network("ScaledPool"), image(4, 2, 2,
                1, -8, 5, -6,
                2, -7, 3, -5,
                0, -1, 4, -2,
                -3, -4, 6, -9));
        assertArrayEquals(new double[] {5, -5, 6, -1}, out, 1e-6);
    }

    /**
     * Height: 9 rows, kernel 1, stride 3: Keras pads nothing (DL4J's Same would compute -1 and fail).
     * Width: 10 columns, kernel 2, stride 3: ceil(10/3) = 4 outputs need (4-1)*3 + 2 - 10 = 1 zero, on the right.
     */
    @Test
    void sameWithAStrideBeyondTheKernelPadsAsKeras() {
        MultiLayerConfiguration configuration = configuration("SameStrideBeyondKernel");
        ZeroPaddingLayer padding = assertInstanceOf(ZeroPaddingLayer.class, configuration.getConf(0).getLayer());
        assertArrayEquals(new int[] {0, 0, 0, 1}, padding.getPadding());
        ConvolutionLayer conv = assertInstanceOf(ConvolutionLayer.class, configuration.getConf(1).getLayer());
        assertEquals(ConvolutionMode.Truncate, conv.getConvolutionMode());

        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init();
        network.getLayer("conv1").params().assign(1);
        double[] input = new double[90];
        for (int i = 0; i < input.length; i++) {
            input[i] = i + 1; // row r, column c holds 10r + c + 1
        }
        // rows 0, 3, 6; columns 0, 3, 6, 9; each output sums a column and the next (past column 9: the zero)
        double[] expected = {
            1 + 2, 4 + 5, 7 + 8, 10 + 0,
            31 + 32, 34 + 35, 37 + 38, 40 + 0,
            61 + 62, 64 + 65, 67 + 68, 70 + 0,
        };
        assertArrayEquals(expected, outputOf(network, image(9, 10, 1, input)), 1e-6);
    }

    @Test
    void groupsEqualToTheChannelsAreADepthwiseConvolution() {
        DepthwiseConvolution2D conv = assertInstanceOf(DepthwiseConvolution2D.class,
                configuration("Depthwise").getConf(0).getLayer());
        assertEquals(2, conv.getDepthMultiplier()); // 6 filters over 3 channels
        assertEquals(3 * 3 * 1 * 6 + 6, network("Depthwise").numParams());
    }

    @Test
    void dl4jIsGivenTheProbabilityOfKeepingAValue() {
        DropoutLayer dropout = assertInstanceOf(DropoutLayer.class, configuration("Dropout").getConf(0).getLayer());
        assertEquals(0.9, assertInstanceOf(Dropout.class, dropout.getIDropout()).getP());
    }

    /** A batch of one holding {@code values} in order, channels last: a sequence (L, C) or a volume (D, H, W, C). */
    private static INDArray grid(long[] shape, double... values) {
        long[] batch = new long[shape.length + 1];
        batch[0] = 1;
        System.arraycopy(shape, 0, batch, 1, shape.length);
        return Nd4j.create(values, batch, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    /** Keras's AveragePooling1D(3, 1, 'same') on 1 2 3 4: one zero each end, left out of the average. */
    @Test
    void averagePoolingOfASequenceWithSameLeavesThePaddingOut() {
        assertArrayEquals(new double[] {(1 + 2) / 2.0, (1 + 2 + 3) / 3.0, (2 + 3 + 4) / 3.0, (3 + 4) / 2.0},
                outputOf(network("AvgSequenceSame"), grid(new long[] {4, 1}, 1, 2, 3, 4)), 1e-6);
    }

    /** Windows 1-3, 3-5, 5-7 of 1..7 average to 2, 4, 6 (DL4J's Subsampling1DLayer.Builder(PoolingType.AVG) gives their max). */
    @Test
    void averagePoolingOfASequenceAverages() {
        assertArrayEquals(new double[] {2, 4, 6}, outputOf(network("AvgSequence"), grid(new long[] {7, 1}, 1, 2, 3, 4, 5, 6, 7)), 1e-6);
    }

    /** 5 steps, kernel 2, stride 3: Keras's 'same' gives ceil(5/3) = 2 outputs and pads (2-1)*3 + 2 - 5 = 0: steps 1-2 and 4-5. */
    @Test
    void sameWithAStrideBeyondTheKernelOnASequencePadsAsKeras() {
        MultiLayerNetwork network = network("ConvSequenceSame");
        network.getLayer("conv1").params().assign(1);
        assertArrayEquals(new double[] {1 + 2, 4 + 5}, outputOf(network, grid(new long[] {5, 1}, 1, 2, 3, 4, 5)), 1e-6);
    }

    @Test
    void globalPoolingOfASequencePoolsEachChannelOverItsSteps() {
        // steps (1, 10), (2, 20), (3, 30): DL4J's default axis would pool each step over its channels
        assertArrayEquals(new double[] {2, 20}, outputOf(network("GapSequence"), grid(new long[] {3, 2}, 1, 10, 2, 20, 3, 30)), 1e-6);
        INDArray kept = network("GmpSequenceKeep").output(grid(new long[] {3, 2}, 1, 10, 2, 20, 3, 30), false);
        assertArrayEquals(new long[] {1, 1, 2}, kept.shape());
        assertArrayEquals(new double[] {3, 30}, values(kept), 1e-6);
    }

    /**
     * Inference: (x - mean) / sqrt(var + eps) per channel, the channels last: means 1 and 10, variances 0.25 and
     * 3.25 with eps 0.75 divide by 1 and 2; steps (3, 30), (5, 50) give (2, 10), (4, 20).
     */
    @Test
    void batchNormalisationOfASequenceNormalisesEachChannel() {
        MultiLayerNetwork network = network("BatchNormSequence");
        network.getLayer("bn1").setParam("mean", Nd4j.create(new float[] {1, 10}, new long[] {1, 2}));
        // DL4J keeps the variance as log10 of its square root
        network.getLayer("bn1").setParam("log10stdev", Nd4j.create(new float[] {(float) Math.log10(Math.sqrt(0.25)),
                (float) Math.log10(Math.sqrt(3.25))}, new long[] {1, 2}));
        assertArrayEquals(new double[] {2, 10, 4, 20}, outputOf(network, grid(new long[] {2, 2}, 3, 30, 5, 50)), 1e-6);
    }

    @Test
    void concatJoinsChannelsLastVolumesAlongTheChannels() {
        // positions 1 and -2; each gets x, then relu(x)
        double[] out = values(graph("ConcatVolumes").outputSingle(grid(new long[] {1, 1, 2, 1}, 1, -2)));
        assertArrayEquals(new double[] {1, 1, -2, 0}, out, 1e-6);
    }

    /**
     * PyTorch's MaxPool3d(3, 1, padding=1) on values -(9d + 3h + w + 1): each window's max is its corner nearest
     * the origin, the input's at (max(d-1, 0), max(h-1, 0), max(w-1, 0)); a zero of padding would win instead.
     */
    @Test
    void maxPoolingOfAVolumePadsWithMinusInfinity() {
        double[] in = new double[27];
        double[] expected = new double[27];
        for (int d = 0; d < 3; d++) {
            for (int h = 0; h < 3; h++) {
                for (int w = 0; w < 3; w++) {
                    in[9 * d + 3 * h + w] = -(9 * d + 3 * h + w + 1);
                    expected[9 * d + 3 * h + w] = -(9 * Math.max(d - 1, 0) + 3 * Math.max(h - 1, 0) + Math.max(w - 1, 0) + 1);
                }
            }
        }
        assertArrayEquals(expected, outputOf(network("MaxVolumePad"), grid(new long[] {3, 3, 3, 1}, in)), 1e-6);
    }

    /** Keras's AveragePooling3D((1, 1, 2), padding='same') along 1 2 3: windows 1-2 and 3 with one zero, left out. */
    @Test
    void averagePoolingOfAVolumeWithSameLeavesThePaddingOut() {
        assertArrayEquals(new double[] {(1 + 2) / 2.0, 3},
                outputOf(network("AvgVolumeSame"), grid(new long[] {1, 1, 3, 1}, 1, 2, 3)), 1e-6);
    }

    @Test
    void globalPoolingOfAVolumeAveragesEachChannel() {
        assertArrayEquals(new double[] {(1 + 3) / 2.0, (10 + 30) / 2.0},
                outputOf(network("GapVolume"), grid(new long[] {1, 2, 1, 2}, 1, 10, 3, 30)), 1e-6);
    }

    @Test
    void aVolumeIsFlattenedChannelsLastExplicitlyAndBeforeADenseLayer() {
        // positions (1, 2) and (3, 4): channels-last keeps 1 2 3 4, channels-first would give 1 3 2 4
        assertArrayEquals(new double[] {1, 2, 3, 4}, outputOf(network("FlattenVolume"), grid(new long[] {1, 1, 2, 2}, 1, 2, 3, 4)), 1e-6);
        MultiLayerNetwork network = network("FlattenVolumeImplicit");
        network.getLayer("dense1").setParam("W", Nd4j.eye(4).castTo(DataType.FLOAT));
        assertArrayEquals(new double[] {1, 2, 3, 4}, outputOf(network, grid(new long[] {1, 1, 2, 2}, 1, 2, 3, 4)), 1e-6);
    }

    @Test
    void upsamplingAVolumeRepeatsEachAxisByItsOwnFactor() {
        // rows (1, 2) and (3, 4) along the height, each repeated twice
        assertArrayEquals(new double[] {1, 2, 1, 2, 3, 4, 3, 4},
                outputOf(network("UpsampleVolume"), grid(new long[] {1, 2, 1, 2}, 1, 2, 3, 4)), 1e-6);
    }

    /**
     * Training: each channel normalised by the batch's mean and variance over depth, height and width together
     * (positions d0h0, d0h1, d1h0, d1h1). Channel 0 holds 4 -+ 2.5, 4 -+ 0.5 (mean 4, variance (6.25 + 0.25) / 2 =
     * 3.25, with eps 0.75 a divisor of 2); channel 1 holds 10 -+ 0.5 (variance 0.25, a divisor of 1). Normalised
     * per depth it would differ: d0's 1.5 and 3.5 of channel 0 have a mean of 2.5.
     * Inference: the moving mean and variance, set to 1 and 10, 0.25 and 3.25, divide by 1 and 2, as for images.
     */
    @Test
    void batchNormalisationOfAVolumeNormalisesEachChannelOverEveryPosition() {
        MultiLayerNetwork network = network("BatchNormVolume");
        assertEquals(4 * 2, network.numParams());
        INDArray batch = grid(new long[] {2, 2, 1, 2}, 1.5, 9.5, 3.5, 10.5, 4.5, 9.5, 6.5, 10.5);
        assertArrayEquals(new double[] {-1.25, -0.5, -0.25, 0.5, 0.25, -0.5, 1.25, 0.5},
                values(network.output(batch, true)), 1e-5);
        network.getLayer("bn1_image").setParam("mean", Nd4j.create(new float[] {1, 10}, new long[] {1, 2}));
        network.getLayer("bn1_image").setParam("log10stdev", Nd4j.create(new float[] {(float) Math.log10(Math.sqrt(0.25)),
                (float) Math.log10(Math.sqrt(3.25))}, new long[] {1, 2}));
        INDArray out = network.output(grid(new long[] {2, 2, 1, 2}, 3, 30, 5, 50, 1, 10, 0, 14), false);
        assertArrayEquals(new long[] {1, 2, 2, 1, 2}, out.shape());
        assertArrayEquals(new double[] {2, 10, 4, 20, 0, 0, -1, 2}, values(out), 1e-5);
    }

    /**
     * The backward pass through the view, for the loss y^2 / 2 of the batch above (its gradient y = x^): gamma's
     * gradient is the sum of x^^2, 4 x 3.25 / (3.25 + 0.75) = 3.25 and 4 x 0.25 / (0.25 + 0.75) = 1; beta's the sum of
     * x^, 0; the input's x^ (1 - mean of x^^2) / sqrt(var + eps), -1.25 x (1 - 0.8125) / 2 and -0.5 x (1 - 0.25) / 1
     * at the first position, in the volume's shape.
     */
    @Test
    void batchNormalisationOfAVolumeSendsItsGradientsBackThroughTheView() {
        MultiLayerNetwork network = network("BatchNormVolume");
        network.setInput(grid(new long[] {2, 2, 1, 2}, 1.5, 9.5, 3.5, 10.5, 4.5, 9.5, 6.5, 10.5));
        INDArray y = network.feedForward(true, false).get(network.getnLayers());
        org.nd4j.common.primitives.Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> backward =
                network.backpropGradient(y.dup(), org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new double[] {3.25, 1}, values(backward.getFirst().getGradientFor("0_gamma")), 1e-5);
        assertArrayEquals(new double[] {0, 0}, values(backward.getFirst().getGradientFor("0_beta")), 1e-5);
        assertArrayEquals(new long[] {1, 2, 2, 1, 2}, backward.getSecond().shape());
        assertArrayEquals(new double[] {-1.25 * 0.1875 / 2, -0.5 * 0.75}, java.util.Arrays.copyOf(values(backward.getSecond()), 2),
                1e-5);
    }

    /** As for images: the moving mean and variance (1 and 10, 0.25 and 3.25), then beta (set to 100, 200); 3 x 2 parameters. */
    @Test
    void batchNormalisationOfAVolumeWithoutScaleHasBetaAfterTheNormalisation() {
        MultiLayerNetwork network = network("BatchNormNoScaleVolume");
        assertEquals(3 * 2, network.numParams());
        network.getLayer("bn1_standardise").setParam("mean", Nd4j.create(new float[] {1, 10}, new long[] {1, 2}));
        network.getLayer("bn1_standardise").setParam("log10stdev", Nd4j.create(new float[] {
                (float) Math.log10(Math.sqrt(0.25)), (float) Math.log10(Math.sqrt(3.25))}, new long[] {1, 2}));
        network.getLayer("bn1_beta").getParam("beta").assign(Nd4j.create(new float[] {100, 200}, new long[] {2}));
        assertArrayEquals(new double[] {102, 210, 104, 220},
                outputOf(network, grid(new long[] {2, 1, 1, 2}, 3, 30, 5, 50)), 1e-5);
    }

    /**
     * Keras's Cropping3D(((1, 0), (0, 1), (1, 2))) of a 2x3x4 volume holding 12d + 4h + w + 1 at (d, h, w): depth 1
     * only, heights 0-1, width 1 only, so 12 + 0 + 1 + 1 and 12 + 4 + 1 + 1.
     */
    @Test
    void croppingAVolumeTakesFrontBackTopBottomLeftRight() {
        double[] in = new double[24];
        for (int i = 0; i < 24; i++) {
            in[i] = i + 1;
        }
        INDArray out = network("CropVolume").output(grid(new long[] {2, 3, 4, 1}, in), false);
        assertArrayEquals(new long[] {1, 1, 2, 1, 1}, out.shape());
        assertArrayEquals(new double[] {14, 18}, values(out), 1e-6);
    }

    /**
     * PyTorch's MaxPool1d(2, 2, ceil_mode=True) on -1 .. -5: ceil((5 - 2) / 2) + 1 = 3 windows, the last cut short
     * to -5 alone, where a zero of padding would win. MaxPool1d(3, 1, padding=1) on -1 -2 -3: -1, -1, -2.
     */
    @Test
    void maxPoolingOfASequencePadsWithMinusInfinity() {
        INDArray out = network("MaxCeilSequence").output(grid(new long[] {5, 1}, -1, -2, -3, -4, -5), false);
        assertArrayEquals(new long[] {1, 3, 1}, out.shape());
        assertArrayEquals(new double[] {-1, -3, -5}, values(out), 1e-6);
        assertArrayEquals(new double[] {-1, -1, -2}, outputOf(network("MaxPadSequence"), grid(new long[] {3, 1}, -1, -2, -3)), 1e-6);
    }
}
