package cnnc.backend.dl4j;

import cnnc.ast.Activation;
import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.MergeKind;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size;
import cnnc.backend.Plane;
import cnnc.check.CheckedLayer;
import cnnc.check.Checker;
import cnnc.check.Axis;
import cnnc.check.Footprint;
import cnnc.check.TensorName;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Translates one checked layer into DL4J layers, one method per layer kind. Shapes and counts are
 * the checker's; this class only chooses DL4J's way to get them, and reports what DL4J cannot
 * express (E0601).
 */
final class LayerTranslator {
    static final String FORMAT = "CNN2DFormat.NHWC";
    private static final JavaCode NO_BIAS = JavaCode.of("hasBias(false)");
    /** The configuration's builder sets Truncate, Keras's 'valid', for every layer: a layer says only Same. */
    private static final JavaCode SAME = JavaCode.of("convolutionMode(ConvolutionMode.Same)", Dl4jClass.CONVOLUTION_MODE);
    /** Keras's BatchNormalization epsilon. */
    private static final String KERAS_EPSILON = "1e-3";

    private final Diagnostics diagnostics;
    /** For a graph: the rows whose output array more than one reader may hold (see {@link SharedOutputs}). */
    private final Set<Integer> sharedOutputs;
    private final boolean graph;
    /** How a number of the layer is written: its value, or in a block's method, the block's expression. */
    private final java.util.function.Function<Expr, String> numbers;
    /** DL4J layers the model may still have: a grouped convolution makes two per group, and counts as many. */
    private long layersLeft = Checker.MAX_ROWS;

    /** For a chain. */
    LayerTranslator(Diagnostics diagnostics) {
        this(diagnostics, Set.of(), false);
    }

    /** For a graph, where every row is a vertex of its own. */
    LayerTranslator(Diagnostics diagnostics, Set<Integer> sharedOutputs) {
        this(diagnostics, sharedOutputs, true);
    }

    private LayerTranslator(Diagnostics diagnostics, Set<Integer> sharedOutputs, boolean graph) {
        this(diagnostics, sharedOutputs, graph, cnnc.backend.ExprText::value);
    }

    /** For a block's method in a graph: numbers written as {@code numbers} says. */
    LayerTranslator(Diagnostics diagnostics, Set<Integer> sharedOutputs, java.util.function.Function<Expr, String> numbers) {
        this(diagnostics, sharedOutputs, true, numbers);
    }

    private LayerTranslator(Diagnostics diagnostics, Set<Integer> sharedOutputs, boolean graph,
                            java.util.function.Function<Expr, String> numbers) {
        this.diagnostics = diagnostics;
        this.sharedOutputs = Set.copyOf(sharedOutputs);
        this.graph = graph;
        this.numbers = numbers;
    }

    private String num(Expr expr) {
        return numbers.apply(expr);
    }

    private boolean isOne(Size size) {
        return num(Plane.height(size)).equals("1") && num(Plane.width(size)).equals("1");
    }

    /** The row's DL4J layers, or null if DL4J cannot express it (with a diagnostic). */
    Dl4jRow translate(CheckedLayer row) {
        Dl4jRow translated = row.implicit() ? (graph ? flatten(row) : implicitFlatten(row)) : kind(row);
        if (translated != null) {
            layersLeft -= translated.layers().size();
        }
        return translated;
    }

    private Dl4jRow kind(CheckedLayer row) {
        return row.layer().accept(new Layer.Visitor<>() {
            @Override
            public Dl4jRow visitConv(Layer.Conv conv) {
                return conv(row, conv);
            }

            @Override
            public Dl4jRow visitDepthwiseConv(Layer.DepthwiseConv conv) {
                return depthwise(row, conv);
            }

            @Override
            public Dl4jRow visitSeparableConv(Layer.SeparableConv conv) {
                return separable(row, conv);
            }

            @Override
            public Dl4jRow visitTransposedConv(Layer.TransposedConv conv) {
                return transposed(row, conv);
            }

            @Override
            public Dl4jRow visitPool(Layer.Pool pool) {
                return pool(row, pool);
            }

            @Override
            public Dl4jRow visitGlobalPool(Layer.GlobalPool pool) {
                return globalPool(row, pool);
            }

            @Override
            public Dl4jRow visitDense(Layer.Dense dense) {
                return dense(row, dense);
            }

            @Override
            public Dl4jRow visitFlatten(Layer.Flatten flatten) {
                return flatten(row);
            }

            @Override
            public Dl4jRow visitBatchNorm(Layer.BatchNorm bn) {
                return batchNorm(row, bn);
            }

            @Override
            public Dl4jRow visitLayerNorm(Layer.LayerNorm ln) {
                return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.LAYER_NORMALIZATION,
                        ln.epsilon().isEmpty() ? "" : javaDouble(ln.epsilon()), List.of("DL4J has no layer normalisation "
                        + "layer: " + Helper.LAYER_NORMALIZATION.simpleName() + ", below, is Keras's, as a SameDiff layer")));
            }

            @Override
            public Dl4jRow visitNormalize(Layer.Normalize normalize) {
                if (normalize.isConstant()) {
                    return constantNormalize(row, normalize);
                }
                return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.NORMALIZATION, "", List.of("DL4J has no "
                        + "such layer: " + Helper.NORMALIZATION.simpleName() + ", below, is Keras's Normalization; set its "
                        + "mean and variance from your data before use")));
            }

            @Override
            public Dl4jRow visitLayerScale(Layer.LayerScale scale) {
                return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.PER_CHANNEL, "true, 1e-6",
                        List.of("ConvNeXt's LayerScale (" + Helper.PER_CHANNEL.simpleName() + ", below): a trained gamma "
                                + "per channel, starting at 1e-6")));
            }

            @Override
            public Dl4jRow visitSplit(Layer.Split split) {
                long channels = ((Shape.Grid) row.inputShape()).channels();
                long from = split.start(channels);
                long to = split.end(channels);
                return Dl4jRow.of(row, LayerCode.vertex(row.name(), Helper.CHANNEL_SLICE, from + ", " + to,
                        List.of("split " + split.sizesText() + " take " + split.part().value() + ": channels " + from
                                + " to " + (to - 1))));
            }

            /** DL4J's PReLULayer, given the input's shape channels last, one alpha per channel (1-based axes shared). */
            @Override
            public Dl4jRow visitPReLU(Layer.PReLU prelu) {
                List<Long> dims = row.inputShape().dims();
                List<JavaCode> settings = new ArrayList<>();
                settings.add(JavaCode.of("inputShape(" + String.join(", ", dims.stream().map(String::valueOf).toList()) + ")"));
                if (dims.size() == 3) {
                    settings.add(JavaCode.of("sharedAxes(1, 2)"));
                }
                settings.add(JavaCode.of("weightInit(new ConstantDistribution(0.25))", Dl4jClass.CONSTANT_DISTRIBUTION));
                return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.PRELU_LAYER, JavaCode.of(""), settings, null,
                        List.of()));
            }

            @Override
            public Dl4jRow visitShuffle(Layer.Shuffle shuffle) {
                Shape.Grid image = (Shape.Grid) row.outputShape();
                return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.CHANNEL_SHUFFLE, image.channels() + ", "
                        + shuffle.groups().value(), List.of("torch's channel_shuffle, channels last ("
                        + Helper.CHANNEL_SHUFFLE.simpleName() + ", below)")));
            }

            @Override
            public Dl4jRow visitRescale(Layer.Rescale rescale) {
                return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.RESCALING, rescale.scale() + ", "
                        + rescale.offset(), List.of("x * " + rescale.scaleText() + (rescale.offsetText().isEmpty() ? ""
                                : " + (" + rescale.offsetText() + ")") + " (" + Helper.RESCALING.simpleName()
                                + ", below, is Keras's Rescaling)")));
            }

            @Override
            public Dl4jRow visitDropout(Layer.Dropout dropout) {
                return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.DROPOUT_LAYER, dropout.rate()
                        instanceof Expr.Dec rate && rate.written() instanceof Expr.Ref ? "1.0 - " + num(rate)
                        : keepProbability(dropout.rateText()), List.of(),
                        List.of("DL4J takes the probability of keeping a value: 1 - " + dropout.rateText())));
            }

            @Override
            public Dl4jRow visitActivate(Layer.Activate activate) {
                return activation(row, activate);
            }

            @Override
            public Dl4jRow visitUpsample(Layer.Upsample upsample) {
                if (upsample.bilinear()) {
                    Shape.Grid out = (Shape.Grid) row.outputShape();
                    return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.BILINEAR_UPSAMPLING, Plane.height(out) + ", "
                            + Plane.width(out), List.of("DL4J's Upsampling2D only repeats: "
                            + Helper.BILINEAR_UPSAMPLING.simpleName() + ", below, interpolates with half-pixel centres, "
                            + "as Keras")));
                }
                return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.UPSAMPLING_2D, "",
                        List.of(JavaCode.of("size(new int[] {" + pair(upsample.factor()) + "})")), List.of()));
            }

            @Override
            public Dl4jRow visitZeroPad(Layer.ZeroPad pad) {
                return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.ZERO_PADDING_LAYER, sides(pad.sides()),
                        List.of(), List.of()));
            }

            @Override
            public Dl4jRow visitCrop(Layer.Crop crop) {
                return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.CROPPING_2D, sides(crop.sides()),
                        List.of(), List.of()));
            }

            @Override
            public Dl4jRow visitReshape(Layer.Reshape reshape) {
                return LayerTranslator.this.reshape(row);
            }

            @Override
            public Dl4jRow visitJoin(Layer.Join join) {
                return LayerTranslator.join(row, join);
            }
        });
    }

    /** Groups of 1 are a plain convolution and groups equal to the channels a depthwise one; DL4J has no other. */
    private Dl4jRow conv(CheckedLayer row, Layer.Conv conv) {
        Shape.Grid in = (Shape.Grid) row.inputShape();
        long groups = conv.groups().value();
        if (groups != 1 && groups != in.channels()) {
            return grouped(row, conv, groups);
        }
        boolean depthwise = groups > 1;
        if (depthwise && depthwiseFails(row, conv.span(), "this convolution", isOneByOne(conv.kernel()), groups,
                conv.filters().value() / groups)) {
            return null;
        }
        List<JavaCode> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        settings.add(JavaCode.of(depthwise ? "depthMultiplier(" + conv.filters().value() / groups + ")"
                : "nOut(" + num(conv.filters()) + ")"));
        if (depthwise) {
            notes.add("groups " + groups + " = one group per input channel: a depthwise convolution");
        }
        return sliding(row, depthwise ? Dl4jClass.DEPTHWISE_CONVOLUTION_2D : Dl4jClass.CONVOLUTION_LAYER,
                new Sliding(conv.kernel(), conv.stride(), conv.padding(), conv.dilation()), conv.bias(),
                conv.activation(), settings, notes);
    }

    /**
     * True when the row needs a graph even in a chain: a grouped convolution, as slices and a merge, and a
     * split, a ChannelSlice vertex. Every kind is named, so that a new one says whether it needs one.
     */
    static boolean needsGraph(CheckedLayer row) {
        return !row.implicit() && switch (row.kind()) {
            case SPLIT -> true;
            case CONV -> {
                long groups = ((Layer.Conv) row.layer()).groups().value();
                yield groups != 1 && groups != ((Shape.Grid) row.inputShape()).channels();
            }
            case DWCONV, SEPCONV, DECONV, MAXPOOL, AVGPOOL, GAP, GMP, DENSE, FLATTEN, BN, LN, NORMALIZE, LAYERSCALE, PRELU, RESCALE,
                 DROPOUT, ACTIVATE, UPSAMPLE, ZEROPAD, CROP, RESHAPE, SHUFFLE, ADD, CONCAT, MULTIPLY, MATMUL, SELECT -> false;
        };
    }

    /** The constants written, one per channel (a single number repeated), in a nested SameDiff layer. */
    private static Dl4jRow constantNormalize(CheckedLayer row, Layer.Normalize normalize) {
        long channels = row.outputShape().dims().get(row.outputShape().dims().size() - 1);
        return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.CONSTANT_NORMALIZATION,
                doubles(normalize.mean(), channels) + ", " + doubles(normalize.variance(), channels),
                List.of("Keras's Normalization with the mean and variance written ("
                        + Helper.CONSTANT_NORMALIZATION.simpleName() + ", below): constants, no parameters")));
    }

    private static String doubles(List<String> numbers, long channels) {
        List<String> values = numbers.stream().map(LayerTranslator::javaDouble).toList();
        return "new double[] {" + String.join(", ", values.size() == 1
                ? java.util.Collections.nCopies(Math.toIntExact(channels), values.get(0)) : values) + "}";
    }

    /**
     * DL4J has no grouped convolution: each group's channels are sliced off (ChannelSlice, a nested
     * SameDiff vertex, since DL4J's SubsetVertex slices channels-first activations only), convolved on
     * their own, and merged along the channels in group order, as Keras's Conv2D(groups=G).
     */
    private Dl4jRow grouped(CheckedLayer row, Layer.Conv conv, long groups) {
        if (groups > (layersLeft - 1) / 2) {
            diagnostics.add(Code.E0710, conv.span(), String.format(Locale.ROOT, "DL4J needs %,d layers for this "
                    + "convolution of %,d groups (a slice and a convolution per group, and a merge): the model would "
                    + "have more than %,d", Math.addExact(Math.multiplyExact(2, groups), 1), groups, Checker.MAX_ROWS),
                    "Keras has grouped convolutions: cnnc keras");
            return null;
        }
        long channels = row.tensor(TensorName.KERNEL).shape().get(2);
        long filters = conv.filters().value() / groups;
        Sliding sliding = new Sliding(conv.kernel(), conv.stride(), conv.padding(), conv.dilation());
        List<LayerCode> layers = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (long g = 0; g < groups; g++) {
            String group = row.name() + "_group" + (g + 1);
            List<String> notes = g > 0 ? List.of() : List.of("groups " + groups + ": DL4J has no grouped convolution, so each group's "
                    + channels + " channels are sliced off,", "convolved to " + filters + " filters, and the groups "
                    + "merged along the channels in order");
            layers.add(LayerCode.vertex(group + "_slice", Helper.CHANNEL_SLICE, g * channels + ", " + (g + 1) * channels,
                    notes).reading(LayerCode.ROW_INPUTS));
            layers.addAll(slidingLayers(row, group, Dl4jClass.CONVOLUTION_LAYER, sliding, conv.bias(), conv.activation(),
                    new ArrayList<>(List.of(JavaCode.of("nOut(" + filters + ")"))), new ArrayList<>()));
            outputs.add(group);
        }
        layers.add(LayerCode.vertex(row.name(), Dl4jClass.MERGE_VERTEX, "", List.of()).reading(outputs));
        return new Dl4jRow(row, layers, List.of());
    }

    /** A kernel's size, stride, padding and dilation: what every convolution sets alike. */
    private record Sliding(Size kernel, Size stride, Padding padding, Expr dilation) {
    }

    /** One convolution layer, with a ZeroPaddingLayer in front where DL4J's Same would pad otherwise than Keras. */
    private Dl4jRow sliding(CheckedLayer row, Dl4jClass type, Sliding sliding, boolean bias, Activation activation,
                            List<JavaCode> settings, List<String> notes) {
        return new Dl4jRow(row, slidingLayers(row, row.name(), type, sliding, bias, activation, settings, notes),
                List.of());
    }

    private List<LayerCode> slidingLayers(CheckedLayer row, String name, Dl4jClass type, Sliding sliding, boolean bias,
                                          Activation activation, List<JavaCode> settings, List<String> notes) {
        List<LayerCode> layers = new ArrayList<>();
        if (!isOne(sliding.stride())) {
            settings.add(JavaCode.of("stride(" + pair(sliding.stride()) + ")"));
        }
        if (!num(sliding.dilation()).equals("1")) {
            settings.add(JavaCode.of("dilation(" + num(sliding.dilation()) + ", " + num(sliding.dilation()) + ")"));
        }
        LayerCode padding = padding(row, name, sliding, settings, notes);
        if (padding != null) {
            layers.add(padding);
        }
        if (!bias) {
            settings.add(NO_BIAS);
        }
        layers.add(LayerCode.builder(name, type, JavaCode.of(pair(sliding.kernel())), settings,
                Activations.settingOrNull(activation), notes));
        return layers;
    }

    /** {@code dwconv KxK mult M}: DL4J's depthwise convolution, M filters per channel. */
    private Dl4jRow depthwise(CheckedLayer row, Layer.DepthwiseConv conv) {
        long multiplier = conv.multiplier().value();
        Shape.Grid in = (Shape.Grid) row.inputShape();
        if (depthwiseFails(row, conv.span(), "this convolution", isOneByOne(conv.kernel()), in.channels(), multiplier)) {
            return null;
        }
        return sliding(row, Dl4jClass.DEPTHWISE_CONVOLUTION_2D, new Sliding(conv.kernel(), conv.stride(), conv.padding(),
                conv.dilation()), conv.bias(), conv.activation(),
                new ArrayList<>(List.of(JavaCode.of("depthMultiplier(" + num(conv.multiplier()) + ")"))), new ArrayList<>());
    }

    /**
     * {@code sepconv F@KxK mult M}: depthwise then pointwise, as Keras's SeparableConv2D, with the bias
     * after both. On one input channel DL4J 1.0.0-M2.1's SeparableConvolution2D fails (its sconv2d op
     * reshapes wrongly, unless M and F are 1), so there the two steps are two layers.
     */
    private Dl4jRow separable(CheckedLayer row, Layer.SeparableConv conv) {
        long multiplier = conv.multiplier().value();
        Shape.Grid in = (Shape.Grid) row.inputShape();
        if (depthwiseFails(row, conv.span(), "this separable convolution", isOneByOne(conv.kernel()), in.channels(),
                multiplier)) {
            return null;
        }
        Sliding sliding = new Sliding(conv.kernel(), conv.stride(), conv.padding(), conv.dilation());
        List<JavaCode> settings = new ArrayList<>(List.of(JavaCode.of("depthMultiplier(" + multiplier + ")")));
        if (in.channels() != 1) {
            settings.add(0, JavaCode.of("nOut(" + conv.filters().value() + ")"));
            return sliding(row, Dl4jClass.SEPARABLE_CONVOLUTION_2D, sliding, conv.bias(), conv.activation(), settings,
                    new ArrayList<>());
        }
        List<LayerCode> layers = new ArrayList<>(slidingLayers(row, row.name() + "_depthwise",
                Dl4jClass.DEPTHWISE_CONVOLUTION_2D,
                sliding, false, new Activation(cnnc.ast.ActivationKind.LINEAR, conv.span()), settings,
                new ArrayList<>(List.of("the depthwise step of " + row.name() + ": DL4J's SeparableConvolution2D "
                        + "fails on one input channel"))));
        List<JavaCode> pointwise = new ArrayList<>(List.of(JavaCode.of("nOut(" + conv.filters().value() + ")")));
        if (!conv.bias()) {
            pointwise.add(NO_BIAS);
        }
        layers.add(LayerCode.builder(row.name(), Dl4jClass.CONVOLUTION_LAYER, JavaCode.of("1, 1"), pointwise,
                Activations.settingOrNull(conv.activation()), List.of("the pointwise step of " + row.name()
                        + ", with its bias")));
        return new Dl4jRow(row, layers, List.of());
    }

    /**
     * DL4J's Deconvolution2D gives n*s with Same, as Keras, and (n-1)s + k' with Truncate (k' the
     * dilated kernel), which is Keras's 'valid' n*s + max(k' - s, 0) unless k' < s: there Keras's last
     * s - k' rows (or columns) get no input, only the bias.
     */
    private Dl4jRow transposed(CheckedLayer row, Layer.TransposedConv conv) {
        boolean same = conv.padding() instanceof Padding.Same;
        long dilation = conv.dilation().value();
        Footprint.Transposed spread = (Footprint.Transposed) row.footprint();
        long tailRows = same ? 0 : Plane.height(spread).tail();
        long tailColumns = same ? 0 : Plane.width(spread).tail();
        List<JavaCode> settings = new ArrayList<>();
        settings.add(JavaCode.of("nOut(" + num(conv.filters()) + ")"));
        if (!isOne(conv.stride())) {
            settings.add(JavaCode.of("stride(" + pair(conv.stride()) + ")"));
        }
        if (dilation != 1) {
            settings.add(JavaCode.of("dilation(" + dilation + ", " + dilation + ")"));
        }
        if (same) {
            settings.add(SAME);
        }
        if (tailRows == 0 && tailColumns == 0) {
            if (!conv.bias()) {
                settings.add(NO_BIAS);
            }
            return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.DECONVOLUTION_2D, JavaCode.of(pair(conv.kernel())),
                    settings, Activations.settingOrNull(conv.activation()), List.of()));
        }
        settings.add(NO_BIAS);
        List<LayerCode> layers = new ArrayList<>();
        layers.add(LayerCode.builder(row.name() + "_kernel", Dl4jClass.DECONVOLUTION_2D, pair(conv.kernel()), settings,
                List.of("the kernel is narrower than the stride: DL4J's Truncate leaves out the last rows or columns",
                        "that Keras's 'valid' keeps, which hold no input; zeros stand for them, then the bias",
                        "and the activation follow, as in Keras")));
        layers.add(LayerCode.builder(row.name() + "_tail", Dl4jClass.ZERO_PADDING_LAYER, "0, " + tailRows + ", 0, "
                + tailColumns, List.of(), List.of()));
        if (conv.bias()) {
            layers.add(LayerCode.instance(row.name() + "_bias", Helper.PER_CHANNEL, "false, 0.0",
                    List.of("the bias, per filter")));
        }
        if (!conv.activation().isLinear()) {
            layers.add(LayerCode.builder(row.name(), Dl4jClass.ACTIVATION_LAYER, JavaCode.of(""), List.of(),
                    Activations.setting(conv.activation()), List.of()));
        }
        return new Dl4jRow(row, layers, List.of());
    }

    private static boolean isOneByOne(Size kernel) {
        return Plane.height(kernel).value() == 1 && Plane.width(kernel).value() == 1;
    }

    /**
     * Sets the convolution mode; returns a ZeroPaddingLayer to put in front where DL4J's Same differs:
     * when Keras would pad nothing along a dimension (a stride larger than the window), DL4J computes a negative padding
     * and refuses the layer.
     */
    private LayerCode padding(CheckedLayer row, String name, Sliding sliding, List<JavaCode> settings, List<String> notes) {
        if (sliding.padding() instanceof Padding.Explicit explicit) {
            settings.add(JavaCode.of("padding(" + pair(explicit.amount()) + ")"));
            return null;
        }
        if (!(sliding.padding() instanceof Padding.Same)) {
            return null;
        }
        Footprint.Sliding window = (Footprint.Sliding) row.footprint();
        Axis top = Plane.height(window);
        Axis left = Plane.width(window);
        if (top.unread() == 0 && left.unread() == 0) {
            settings.add(SAME);
            return null;
        }
        notes.add("the stride is larger than the window: DL4J's Same would compute a negative padding and");
        if (!top.isPadded() && !left.isPadded()) {
            notes.add("fail; Keras's 'same' pads nothing here, which is Truncate");
            return null;
        }
        notes.add("fail; Truncate after the zeros Keras's 'same' adds");
        return LayerCode.builder(name + "_pad", Dl4jClass.ZERO_PADDING_LAYER,
                top.padBefore() + ", " + top.padAfter() + ", " + left.padBefore() + ", " + left.padAfter(), List.of(),
                List.of("Keras's 'same' zeros for " + name + ": top, bottom, left, right"));
    }

    /** Keras's pooling: the stride defaults to the window; 'same' leaves the padding out of max and average. */
    private Dl4jRow pool(CheckedLayer row, Layer.Pool pool) {
        List<JavaCode> settings = new ArrayList<>();
        settings.add(JavaCode.of("kernelSize(" + pair(pool.window()) + ")"));
        settings.add(JavaCode.of("stride(" + pair(pool.stride()) + ")"));
        boolean same = pool.padding() instanceof Padding.Same;
        if (same) {
            settings.add(SAME);
        }
        List<String> notes = new ArrayList<>();
        if (same && pool.pooling() == PoolKind.AVG) {
            settings.add(JavaCode.of("avgPoolIncludePadInDivisor(false)"));
            notes.add("as Keras, an average over a window at the border counts only the input it covers");
        }
        List<LayerCode> layers = new ArrayList<>();
        LayerCode padding = poolPadding(row, pool);
        if (padding != null) {
            layers.add(padding);
        }
        layers.add(LayerCode.builder(row.name(), Dl4jClass.SUBSAMPLING_LAYER, poolingType(pool.pooling()), settings, null,
                notes));
        if (pool.scaled()) {
            long channels = ((Shape.Grid) row.outputShape()).channels();
            if (depthwiseFails(row, pool.span(), "'scaled'", true, channels, 1)) {
                return null;
            }
            layers.add(LayerCode.builder(row.name() + "_scale", Dl4jClass.DEPTHWISE_CONVOLUTION_2D, "1, 1",
                    List.of(JavaCode.of("depthMultiplier(1)"), JavaCode.of("weightInit(WeightInit.ONES)", Dl4jClass.WEIGHT_INIT)),
                    List.of("'scaled': LeNet-5's trainable coefficient and bias per channel (2 x " + channels + "),",
                            "a 1x1 depthwise convolution that starts as the identity")));
        }
        return new Dl4jRow(row, layers, List.of());
    }

    /**
     * PyTorch's padding of a pool (and the rows 'ceil' reads past it), in front of a Truncate pool:
     * zeros for an average, which counts them (count_include_pad), -inf for a max, which never picks
     * them. Null when the pool needs none.
     */
    private static LayerCode poolPadding(CheckedLayer row, Layer.Pool pool) {
        Footprint.Sliding window = (Footprint.Sliding) row.footprint();
        Axis top = Plane.height(window);
        Axis left = Plane.width(window);
        if (pool.padding() instanceof Padding.Same || !top.isPadded() && !left.isPadded()) {
            return null;
        }
        String sides = top.padBefore() + ", " + top.padAfter() + ", " + left.padBefore() + ", " + left.padAfter();
        String why = (pool.ceil() ? "'ceil' (PyTorch's ceil_mode)" : "'pad'") + ", top, bottom, left, right: ";
        if (pool.pooling() == PoolKind.AVG) {
            return LayerCode.builder(row.name() + "_pad", Dl4jClass.ZERO_PADDING_LAYER, sides, List.of(),
                    List.of(why + "zeros, which the average counts (PyTorch's count_include_pad)"));
        }
        return LayerCode.instance(row.name() + "_pad", Helper.MAX_POOL_PADDING, sides,
                List.of(why + "-inf, which the max never picks (PyTorch's padding)"));
    }

    /**
     * DL4J 1.0.0-M2.1's depthwise_conv2d op ("MmulHelper::dot: Z array must be scalar") fails on a 1x1
     * output with a 1x1 kernel and one filter per channel, or with one input channel and one filter
     * (any kernel), on a batch of one example; and with a 1x1 kernel on one channel on a batch of two.
     * Found in DL4J for kernels 1 to 3, 1 to 3 channels, multipliers 1 and 2, batches of 1 and 2. A
     * network with such a layer could not classify a single image.
     */
    private boolean depthwiseFails(CheckedLayer row, Span span, String what, boolean oneByOne, long channels,
                                   long multiplier) {
        Shape.Grid out = (Shape.Grid) row.outputShape();
        boolean onePixel = Plane.height(out) == 1 && Plane.width(out) == 1;
        if (!onePixel || !((multiplier == 1 && (oneByOne || channels == 1)) || (oneByOne && channels == 1))) {
            return false;
        }
        diagnostics.add(Code.E0601, span, "DL4J cannot run " + what + " on a 1x1x" + out.channels()
                + " output: Deeplearning4j 1.0.0-M2.1's depthwise convolution op, here with "
                + (oneByOne ? "a 1x1 kernel" : "one input channel") + " with " + multiplier + " filter"
                + (multiplier == 1 ? "" : "s") + " per channel, fails on a batch of one example or two",
                "keep the output of this layer at least 2x2 (e.g. 'same' padding or a smaller stride)");
        return true;
    }

    /**
     * {@code gap}/{@code gmp} -> GlobalPoolingLayer. With {@code keep}, a pooling window over the whole image
     * gives the 1x1xC image: DL4J's own collapseDimensions(false) fails on channels-last input.
     */
    private Dl4jRow globalPool(CheckedLayer row, Layer.GlobalPool pool) {
        if (!pool.keepDims()) {
            return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.GLOBAL_POOLING_LAYER,
                    poolingType(pool.pooling()), List.of(), null, List.of()));
        }
        Shape.Grid in = (Shape.Grid) row.inputShape();
        String window = Plane.height(in) + ", " + Plane.width(in);
        return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.SUBSAMPLING_LAYER, poolingType(pool.pooling()),
                List.of(JavaCode.of("kernelSize(" + window + ")"), JavaCode.of("stride(" + window + ")")), null,
                List.of("'keep': one window over the whole " + in + " image leaves 1x1x" + in.channels())));
    }

    /**
     * {@code bn} -> BatchNormalization. {@code bn noscale} (beta without gamma) -> a BatchNormalization
     * with gamma and beta fixed at 1 and 0 (DL4J then holds only the moving mean and variance), then
     * Keras's trainable beta: 3C parameters, as the report.
     */
    private Dl4jRow batchNorm(CheckedLayer row, Layer.BatchNorm bn) {
        String epsilon = bn.epsilon().isEmpty() ? KERAS_EPSILON : javaDouble(bn.epsilon());
        // DL4J's decay is Keras's momentum, the old average's weight; batchNormalization(...) sets Keras's 0.99
        List<JavaCode> decay = bn.momentum().isEmpty() ? List.of() : List.of(JavaCode.of("decay(" + javaDouble(bn.keepRate()) + ")"));
        if (bn.scale()) {
            return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.BATCH_NORMALIZATION, epsilon, decay,
                    List.of()));
        }
        List<JavaCode> calls = new ArrayList<>(decay);
        calls.add(JavaCode.of("lockGammaBeta(true)"));
        return Dl4jRow.of(row, LayerCode.builder(row.name() + "_standardise", Dl4jClass.BATCH_NORMALIZATION, epsilon,
                        calls, List.of("'noscale': DL4J has no beta without gamma, so "
                                + "gamma and beta are fixed here (1 and 0)", "and Keras's trainable beta follows")),
                LayerCode.instance(row.name(), Helper.PER_CHANNEL, "false, 0.0", List.of("Keras's beta, a trainable offset "
                        + "per channel (" + Helper.PER_CHANNEL.simpleName() + ", below)")));
    }

    /** In a graph, an activation that reads an array other vertices read too works on a copy of it. */
    private Dl4jRow activation(CheckedLayer row, Layer.Activate activate) {
        LayerCode layer = LayerCode.builder(row.name(), Dl4jClass.ACTIVATION_LAYER, JavaCode.of(""), List.of(),
                Activations.setting(activate.activation()), List.of());
        if (!sharedOutputs.contains(row.inputs().get(0))) {
            return Dl4jRow.of(row, layer);
        }
        return Dl4jRow.of(row, LayerCode.vertex(row.name() + "_copy", Dl4jClass.SCALE_VERTEX, "1.0",
                List.of("a copy: DL4J's ActivationLayer works in place, and other vertices read this input too")), layer);
    }

    /**
     * To a vector: the flattening of {@code flatten}. To an image: KerasReshape, a nested SameDiff layer,
     * since DL4J's FeedForwardToCnnPreProcessor and ReshapeVertex make channels-first images, which
     * would put the values in another order.
     */
    private Dl4jRow reshape(CheckedLayer row) {
        if (!(row.outputShape() instanceof Shape.Grid image)) {
            return flatten(row);
        }
        return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.RESHAPE, Plane.height(image) + ", " + Plane.width(image)
                + ", " + image.channels(), List.of("the values in order as a channels-last " + image + " image ("
                + Helper.RESHAPE.simpleName() + ", below: DL4J's own reshapes make channels-first images)")));
    }

    private static Dl4jRow join(CheckedLayer row, Layer.Join join) {
        if (join.merging() == MergeKind.MATMUL) {
            Shape.Grid a = (Shape.Grid) row.inputShapes().get(0);
            Shape.Grid b = (Shape.Grid) row.inputShapes().get(1);
            return Dl4jRow.of(row, LayerCode.vertex(row.name(), Helper.MATMUL, Plane.height(a) + ", " + Plane.width(a) + ", "
                    + a.channels() + ", " + b.channels(), List.of("the first branch's rows times the second's positions ("
                    + Helper.MATMUL.simpleName() + ", below: DL4J has no vertex for it)")));
        }
        if (join.merging() == MergeKind.SELECT) {
            int branches = row.inputs().size() - 1;
            Shape.Grid logits = (Shape.Grid) row.inputShapes().get(branches);
            return Dl4jRow.of(row, LayerCode.vertex(row.name(), Helper.SELECT, branches + ", " + Plane.height(logits) + ", "
                    + Plane.width(logits) + ", " + logits.channels() / branches,
                    List.of("the last input is the logits 'by' made (" + Helper.SELECT.simpleName()
                            + ", below: DL4J has no vertex for it)")));
        }
        if (join.merging() != MergeKind.CONCAT && row.inputShapes().stream().distinct().count() > 1) {
            return Dl4jRow.of(row, LayerCode.vertex(row.name(), Helper.BROADCAST, (join.merging() == MergeKind.MULTIPLY)
                    + ", " + row.inputs().size(), List.of("sizes of 1 stretch, as in Keras ("
                    + Helper.BROADCAST.simpleName() + ", below: DL4J's ElementWiseVertex needs equal shapes)")));
        }
        List<String> notes = join.merging() == MergeKind.CONCAT && row.outputShape() instanceof Shape.Grid
                ? List.of("DL4J's MergeVertex joins channels-last images along the channels, as Keras")
                : List.of();
        return Dl4jRow.of(row, switch (join.merging()) {
            case ADD -> LayerCode.vertex(row.name(), Dl4jClass.ELEMENT_WISE_VERTEX, "ElementWiseVertex.Op.Add", notes);
            case MULTIPLY -> LayerCode.vertex(row.name(), Dl4jClass.ELEMENT_WISE_VERTEX, "ElementWiseVertex.Op.Product",
                    notes);
            case CONCAT -> LayerCode.vertex(row.name(), Dl4jClass.MERGE_VERTEX, "", notes);
            case MATMUL, SELECT -> throw new IllegalStateException("translated above");
        });
    }

    private String sides(Layer.Sides sides) {
        return num(Plane.top(sides)) + ", " + num(Plane.bottom(sides)) + ", " + num(Plane.left(sides)) + ", " + num(Plane.right(sides));
    }

    /** {@code dense N keep} on an image: a 1x1 convolution, the same function and parameters. */
    private Dl4jRow dense(CheckedLayer row, Layer.Dense dense) {
        List<JavaCode> settings = new ArrayList<>();
        settings.add(JavaCode.of("nOut(" + num(dense.units()) + ")"));
        boolean perPosition = row.inputShape() instanceof Shape.Grid;
        if (!dense.bias()) {
            settings.add(NO_BIAS);
        }
        JavaCode activation = Activations.settingOrNull(dense.activation());
        return Dl4jRow.of(row, perPosition ? LayerCode.builder(row.name(), Dl4jClass.CONVOLUTION_LAYER, JavaCode.of("1, 1"),
                settings, activation, List.of("'keep': a dense layer at every position is a 1x1 convolution (Cin x N "
                        + "weights and N biases)"))
                : LayerCode.builder(row.name(), Dl4jClass.DENSE_LAYER, JavaCode.of(""), settings, activation, List.of()));
    }

    /** DL4J has no flatten layer: an identity layer of the row's name, with the flattening in front of it. */
    private Dl4jRow flatten(CheckedLayer row) {
        JavaCode identity = Activations.setting(cnnc.ast.ActivationKind.LINEAR);
        if (!(row.inputShape() instanceof Shape.Grid image)) {
            return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.ACTIVATION_LAYER, JavaCode.of(""), List.of(),
                    identity, List.of("the input is already a vector: nothing to flatten")));
        }
        return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.ACTIVATION_LAYER, JavaCode.of(""), List.of(), identity,
                List.of("DL4J has no " + (row.implicit() ? "(implicit) " : "") + row.kind().op()
                                + " layer: this identity layer takes the image flattened in front of it,",
                        "channels-last as in the report (" + image + " -> " + row.outputShape() + ")"))
                .behind(flattening(image)));
    }

    /** DL4J flattens by itself in front of a dense layer; the comment says so and in which order. */
    private static Dl4jRow implicitFlatten(CheckedLayer row) {
        return new Dl4jRow(row, List.of(), List.of(row.name() + " (implicit): DL4J flattens " + row.inputShape()
                + " to " + row.outputShape() + " by itself, channels-last as the report"));
    }

    static JavaCode flattening(Shape.Grid image) {
        return JavaCode.of("new CnnToFeedForwardPreProcessor(" + Plane.height(image) + ", " + Plane.width(image) + ", "
                + image.channels() + ", " + FORMAT + ")", Dl4jClass.CNN_TO_FEED_FORWARD_PRE_PROCESSOR, Dl4jClass.CNN2D_FORMAT);
    }

    private static JavaCode poolingType(PoolKind kind) {
        return JavaCode.of(kind == PoolKind.MAX ? "PoolingType.MAX" : "PoolingType.AVG", Dl4jClass.POOLING_TYPE);
    }

    private String pair(Size size) {
        return num(Plane.height(size)) + ", " + num(Plane.width(size));
    }

    /** A number as written (.5, 0.00001) as a Java double literal. */
    private static String javaDouble(String text) {
        String plain = new BigDecimal(text).toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** 1 - rate, exactly as decimals: 0.1 gives 0.9, not 0.9000000000000001. */
    static String keepProbability(String rateText) {
        String keep = BigDecimal.ONE.subtract(new BigDecimal(rateText)).stripTrailingZeros().toPlainString();
        return keep.contains(".") ? keep : keep + ".0";
    }
}
