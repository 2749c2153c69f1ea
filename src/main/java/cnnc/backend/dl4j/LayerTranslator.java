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
    /** For Subsampling3DLayer, which keeps its own default mode (Same) rather than the configuration's. */
    private static final JavaCode TRUNCATE = JavaCode.of("convolutionMode(ConvolutionMode.Truncate)", Dl4jClass.CONVOLUTION_MODE);
    /** Sequences and volumes are channels last, as the report's, and each layer of them is told so. */
    private static final JavaCode SEQUENCE_FORMAT = JavaCode.of("rnnDataFormat(RNNFormat.NWC)", Dl4jClass.RNN_FORMAT);
    private static final JavaCode VOLUME_FORMAT = JavaCode.of("dataFormat(Convolution3D.DataFormat.NDHWC)",
            Dl4jClass.CONVOLUTION_3D);
    /** What a BatchNormalization of a sequence or a volume is given, whose input type is no image. */
    private static final JavaCode CHANNELS_LAST_IMAGE = JavaCode.of("dataFormat(CNN2DFormat.NHWC)", Dl4jClass.CNN2D_FORMAT);
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

    private boolean isOne(Size size, int rank) {
        return size.along(rank).stream().allMatch(n -> num(n).equals("1"));
    }

    /** The row's DL4J layers, or null if DL4J cannot express it (with a diagnostic). */
    Dl4jRow translate(CheckedLayer row) {
        int rank = OtherRanks.rank(row);
        String refusal = rank == 2 ? null : OtherRanks.refusal(row, rank);
        if (refusal != null) {
            Shape.Grid grid = (Shape.Grid) java.util.stream.Stream.concat(row.inputShapes().stream(), java.util.stream.Stream.of(
                    row.outputShape())).filter(Shape.Grid.class::isInstance).findFirst().orElseThrow();
            diagnostics.add(Code.E0601, row.layer().span(), "DL4J cannot express " + (row.implicit() ? "the implicit " : "")
                    + row.kind().op() + " on a " + grid.noun() + " (" + grid + ", " + grid.rank() + "-D): " + refusal,
                    "cnnc report covers this model; docs/dl4j.md lists what DL4J writes for sequences and volumes");
            return null;
        }
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
                if (row.inputShape() instanceof Shape.Grid grid) {
                    settings.add(JavaCode.of("sharedAxes(" + spatialAxes(grid.rank()) + ")"));
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
                if (OtherRanks.rank(row) == 3) {
                    return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.UPSAMPLING_3D, "",
                            List.of(JavaCode.of("size(new int[] {" + sizes(upsample.factor(), 3) + "})"), VOLUME_FORMAT),
                            List.of()));
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
                if (OtherRanks.rank(row) == 3) {
                    return Dl4jRow.of(row, LayerCode.instance(row.name(), Helper.CROPPING_3D, volumeSides(crop.sides()),
                            List.of("front, back, top, bottom, left, right (" + Helper.CROPPING_3D.simpleName() + ", below: "
                                    + "DL4J's Cropping3D crops channels-first volumes only)")));
                }
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
        return sliding(row, depthwise ? Dl4jClass.DEPTHWISE_CONVOLUTION_2D : convolution(in.rank()),
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

    /** DL4J's convolution of a sequence, an image or a volume. */
    private static Dl4jClass convolution(int rank) {
        return switch (rank) {
            case 1 -> Dl4jClass.CONVOLUTION_1D_LAYER;
            case 2 -> Dl4jClass.CONVOLUTION_LAYER;
            default -> Dl4jClass.CONVOLUTION_3D;
        };
    }

    /** The channels-last format a layer of a sequence or a volume is told (an image's is the input type's), or null. */
    private static JavaCode format(int rank) {
        return switch (rank) {
            case 1 -> SEQUENCE_FORMAT;
            case 2 -> null;
            default -> VOLUME_FORMAT;
        };
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
        int rank = OtherRanks.rank(row);
        if (!isOne(sliding.stride(), rank)) {
            settings.add(JavaCode.of("stride(" + sizes(sliding.stride(), rank) + ")"));
        }
        if (!num(sliding.dilation()).equals("1")) {
            settings.add(JavaCode.of("dilation(" + sizes(Size.of(sliding.dilation()), rank) + ")"));
        }
        LayerCode padding = padding(row, name, sliding, settings, notes);
        if (padding != null) {
            layers.add(padding);
        }
        if (!bias) {
            settings.add(NO_BIAS);
        }
        if (format(rank) != null) {
            settings.add(format(rank));
        }
        layers.add(LayerCode.builder(name, type, JavaCode.of(sizes(sliding.kernel(), rank)), settings,
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
        if (OtherRanks.rank(row) == 3) {
            return transposedVolume(row, conv);
        }
        boolean same = conv.padding() instanceof Padding.Same;
        long dilation = conv.dilation().value();
        Footprint.Transposed spread = (Footprint.Transposed) row.footprint();
        long tailRows = same ? 0 : Plane.height(spread).tail();
        long tailColumns = same ? 0 : Plane.width(spread).tail();
        List<JavaCode> settings = new ArrayList<>();
        settings.add(JavaCode.of("nOut(" + num(conv.filters()) + ")"));
        if (!isOne(conv.stride(), 2)) {
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

    /** Deconvolution3D, whose builder takes the kernel as a setting; OtherRanks refused the kernels narrower than the stride. */
    private Dl4jRow transposedVolume(CheckedLayer row, Layer.TransposedConv conv) {
        List<JavaCode> settings = new ArrayList<>();
        settings.add(JavaCode.of("kernelSize(" + sizes(conv.kernel(), 3) + ")"));
        settings.add(JavaCode.of("nOut(" + num(conv.filters()) + ")"));
        if (!isOne(conv.stride(), 3)) {
            settings.add(JavaCode.of("stride(" + sizes(conv.stride(), 3) + ")"));
        }
        if (conv.dilation().value() != 1) {
            settings.add(JavaCode.of("dilation(" + sizes(Size.of(conv.dilation()), 3) + ")"));
        }
        if (conv.padding() instanceof Padding.Same) {
            settings.add(SAME);
        }
        if (!conv.bias()) {
            settings.add(NO_BIAS);
        }
        settings.add(VOLUME_FORMAT);
        return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.DECONVOLUTION_3D, JavaCode.of(""), settings,
                Activations.settingOrNull(conv.activation()), List.of()));
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
        int rank = OtherRanks.rank(row);
        if (sliding.padding() instanceof Padding.Explicit explicit) {
            settings.add(JavaCode.of("padding(" + sizes(explicit.amount(), rank) + ")"));
            return null;
        }
        if (!(sliding.padding() instanceof Padding.Same)) {
            return null;
        }
        if (rank != 2) { // DL4J's Same pads sequences and volumes as Keras, even where the stride is larger than the window
            settings.add(SAME);
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
        int rank = OtherRanks.rank(row);
        if (rank == 1) {
            LayerCode sequencePool = sequencePool(row.name(), pool.pooling(), sizes(pool.window(), 1), sizes(pool.stride(), 1),
                    pool.padding() instanceof Padding.Same, List.of());
            Axis steps = ((Footprint.Sliding) row.footprint()).axes().get(0);
            if (pool.padding() instanceof Padding.Same || !steps.isPadded()) {
                return Dl4jRow.of(row, sequencePool);
            }
            // a max's -inf (OtherRanks refused an average's zeros) in front of a Subsampling1DLayer without padding
            return Dl4jRow.of(row, LayerCode.instance(row.name() + "_pad", Helper.MAX_POOL_PADDING, steps.padBefore() + ", "
                    + steps.padAfter(), List.of(padWhy(pool) + "start, end: -inf, which the max never picks (PyTorch's "
                    + "padding: DL4J's Subsampling1DLayer fails with one)")), sequencePool);
        }
        if (rank == 3) {
            return Dl4jRow.of(row, volumePool(row, pool));
        }
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
     * Subsampling1DLayer, its type set by poolingType(...): DL4J 1.0.0-M2.1's Subsampling1DLayer.Builder(PoolingType)
     * loses the type (an average pools the max).
     */
    private static LayerCode sequencePool(String name, PoolKind kind, String window, String stride, boolean same,
                                          List<String> notes) {
        List<JavaCode> settings = new ArrayList<>();
        JavaCode type = poolingType(kind);
        settings.add(JavaCode.of("poolingType(" + type.text() + ")", Dl4jClass.POOLING_TYPE));
        settings.add(JavaCode.of("kernelSize(" + window + ")"));
        settings.add(JavaCode.of("stride(" + stride + ")"));
        List<String> allNotes = new ArrayList<>(notes);
        if (same) {
            settings.add(SAME);
        }
        if (kind == PoolKind.AVG) {
            if (same) {
                settings.add(JavaCode.of("avgPoolIncludePadInDivisor(false)"));
            }
            allNotes.add("the type set by poolingType: DL4J 1.0.0-M2.1's Subsampling1DLayer.Builder(PoolingType.AVG) "
                    + "pools the max");
        }
        return LayerCode.builder(name, Dl4jClass.SUBSAMPLING_1D_LAYER, JavaCode.of(""), settings, null, allNotes);
    }

    /**
     * Subsampling3DLayer: its own mode (it does not take the configuration's), PyTorch's padding of a max, which
     * never picks it (OtherRanks refused the rest); 'same' leaves the padding out of an average, as Keras.
     */
    private LayerCode volumePool(CheckedLayer row, Layer.Pool pool) {
        List<JavaCode> settings = new ArrayList<>();
        settings.add(JavaCode.of("kernelSize(" + sizes(pool.window(), 3) + ")"));
        settings.add(JavaCode.of("stride(" + sizes(pool.stride(), 3) + ")"));
        List<Axis> axes = ((Footprint.Sliding) row.footprint()).axes();
        boolean same = pool.padding() instanceof Padding.Same;
        if (!same && axes.stream().anyMatch(Axis::isPadded)) {
            settings.add(JavaCode.of("padding(" + String.join(", ", axes.stream().map(axis -> Long.toString(axis.padBefore()))
                    .toList()) + ")"));
        }
        settings.add(same ? SAME : TRUNCATE);
        settings.add(VOLUME_FORMAT);
        return LayerCode.builder(row.name(), Dl4jClass.SUBSAMPLING_3D_LAYER, poolingType(pool.pooling()), settings, null,
                List.of());
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
        String why = padWhy(pool) + "top, bottom, left, right: ";
        if (pool.pooling() == PoolKind.AVG) {
            return LayerCode.builder(row.name() + "_pad", Dl4jClass.ZERO_PADDING_LAYER, sides, List.of(),
                    List.of(why + "zeros, which the average counts (PyTorch's count_include_pad)"));
        }
        return LayerCode.instance(row.name() + "_pad", Helper.MAX_POOL_PADDING, sides,
                List.of(why + "-inf, which the max never picks (PyTorch's padding)"));
    }

    private static String padWhy(Layer.Pool pool) {
        return (pool.ceil() ? "'ceil' (PyTorch's ceil_mode)" : "'pad'") + ", ";
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
        Shape.Grid in = (Shape.Grid) row.inputShape();
        if (!pool.keepDims()) {
            LayerCode global = LayerCode.builder(row.name(), Dl4jClass.GLOBAL_POOLING_LAYER, poolingType(pool.pooling()),
                    in.rank() == 2 ? List.of() : List.of(JavaCode.of("poolingDimensions(" + spatialAxes(in.rank()) + ")")),
                    null, in.rank() == 2 ? List.of() : List.of("the " + in.extent() + " of a channels-last " + in.noun()
                            + ": DL4J's default axes are a channels-first one's"));
            if (in.rank() != 1) {
                return Dl4jRow.of(row, global);
            }
            return Dl4jRow.of(row, global.renamed(row.name() + "_steps"), LayerCode.builder(row.name(), Dl4jClass.ACTIVATION_LAYER,
                    JavaCode.of(""), List.of(), Activations.setting(cnnc.ast.ActivationKind.LINEAR),
                    List.of("DL4J's GlobalPoolingLayer still calls the vector it makes of a sequence a sequence: the layers",
                            "after it would read C x L values; behind RnnToFeedForwardPreProcessor, which leaves the",
                            "vector as it is, this identity layer gives them the vector of C"))
                    .behind(JavaCode.of("new RnnToFeedForwardPreProcessor(RNNFormat.NWC)",
                            Dl4jClass.RNN_TO_FEED_FORWARD_PRE_PROCESSOR, Dl4jClass.RNN_FORMAT)));
        }
        String whole = String.join(", ", in.sizes().stream().map(String::valueOf).toList());
        List<String> keep = List.of("'keep': one window over the whole " + in + " " + in.noun() + " leaves "
                + String.join("x", java.util.Collections.nCopies(in.rank(), "1")) + "x" + in.channels());
        if (in.rank() == 1) {
            return Dl4jRow.of(row, sequencePool(row.name(), pool.pooling(), whole, whole, false, keep));
        }
        if (in.rank() == 3) {
            return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.SUBSAMPLING_3D_LAYER, poolingType(pool.pooling()),
                    List.of(JavaCode.of("kernelSize(" + whole + ")"), JavaCode.of("stride(" + whole + ")"), TRUNCATE,
                            VOLUME_FORMAT), null, keep));
        }
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
        if (OtherRanks.rank(row) == 3) {
            List<JavaCode> settings = new ArrayList<>(decay);
            settings.add(CHANNELS_LAST_IMAGE);
            return volumeBatchNorm(row, imageBatchNorm(row, bn, epsilon, settings));
        }
        if (OtherRanks.rank(row) == 1) { // OtherRanks refused a sequence's noscale
            List<JavaCode> settings = new ArrayList<>(decay);
            settings.add(CHANNELS_LAST_IMAGE);
            return Dl4jRow.of(row, LayerCode.builder(row.name(), Dl4jClass.BATCH_NORMALIZATION, epsilon, settings,
                    List.of("DL4J's BatchNormalization takes a sequence as an image of height 1: channels last, NHWC")));
        }
        return imageBatchNorm(row, bn, epsilon, decay);
    }

    private static Dl4jRow imageBatchNorm(CheckedLayer row, Layer.BatchNorm bn, String epsilon, List<JavaCode> decay) {
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

    /**
     * Batch normalisation normalises each channel over every other axis, so DL4J's layers for an image compute it
     * on the volume given to them as the image of its depth x height rows (VolumeAsImage): the same statistics and
     * parameters; DL4J 1.0.0-M2.1's BatchNormalization takes arrays of rank 2 and 4 only. An identity layer of the
     * row's name gives the layers after it the volume back (ImageAsVolume). Both take their sizes from the input
     * type DL4J gives them, the volume's, which is each layer's input and output type.
     */
    private static Dl4jRow volumeBatchNorm(CheckedLayer row, Dl4jRow image) {
        List<LayerCode> layers = new ArrayList<>();
        for (LayerCode layer : image.layers()) {
            layers.add(!layer.name().equals(row.name()) ? layer
                    : layer.renamed(row.name() + (layer.type() == Helper.PER_CHANNEL ? "_beta" : "_image")));
        }
        layers.set(0, layers.get(0).behind(JavaCode.of("new " + Helper.VOLUME_AS_IMAGE.simpleName() + "()",
                Helper.VOLUME_AS_IMAGE)));
        layers.add(LayerCode.builder(row.name(), Dl4jClass.ACTIVATION_LAYER, JavaCode.of(""), List.of(),
                Activations.setting(cnnc.ast.ActivationKind.LINEAR), List.of())
                .behind(JavaCode.of("new " + Helper.IMAGE_AS_VOLUME.simpleName() + "()", Helper.IMAGE_AS_VOLUME)));
        return new Dl4jRow(row, layers, List.of());
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
        if (join.merging() == MergeKind.CONCAT && row.outputShape() instanceof Shape.Grid volume && volume.rank() == 3) {
            return Dl4jRow.of(row, LayerCode.vertex(row.name(), Dl4jClass.MERGE_VERTEX, "4",
                    List.of("along the channels, axis 4: DL4J's MergeVertex joins volumes along axis 1 unless told")));
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

    /** Before and after each axis of a volume in turn: front, back, top, bottom, left, right. */
    private String volumeSides(Layer.Sides sides) {
        List<String> each = new ArrayList<>();
        for (int axis = 0; axis < 3; axis++) {
            each.add(num(sides.before(3).get(axis)));
            each.add(num(sides.after(3).get(axis)));
        }
        return String.join(", ", each);
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
        int rank = OtherRanks.rank(row);
        if (perPosition && format(rank) != null) {
            settings.add(format(rank));
        }
        return Dl4jRow.of(row, perPosition ? LayerCode.builder(row.name(), convolution(rank),
                JavaCode.of(String.join(", ", java.util.Collections.nCopies(rank, "1"))), settings, activation, List.of("'keep': a dense layer at every position is a 1x1 convolution (Cin x N "
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
                                + " layer: this identity layer takes the " + image.noun() + " flattened in front of it,",
                        "channels-last as in the report (" + image + " -> " + row.outputShape() + ")"))
                .behind(flattening(image)));
    }

    /** DL4J flattens by itself in front of a dense layer; the comment says so and in which order. */
    private static Dl4jRow implicitFlatten(CheckedLayer row) {
        return new Dl4jRow(row, List.of(), List.of(row.name() + " (implicit): DL4J flattens " + row.inputShape()
                + " to " + row.outputShape() + " by itself, channels-last as the report"));
    }

    static JavaCode flattening(Shape.Grid image) {
        if (image.rank() == 3) {
            return JavaCode.of("new Cnn3DToFeedForwardPreProcessor(" + String.join(", ", image.sizes().stream()
                    .map(String::valueOf).toList()) + ", " + image.channels() + ", Convolution3D.DataFormat.NDHWC)",
                    Dl4jClass.CNN3D_TO_FEED_FORWARD_PRE_PROCESSOR, Dl4jClass.CONVOLUTION_3D);
        }
        return JavaCode.of("new CnnToFeedForwardPreProcessor(" + Plane.height(image) + ", " + Plane.width(image) + ", "
                + image.channels() + ", " + FORMAT + ")", Dl4jClass.CNN_TO_FEED_FORWARD_PRE_PROCESSOR, Dl4jClass.CNN2D_FORMAT);
    }

    private static JavaCode poolingType(PoolKind kind) {
        return JavaCode.of(kind == PoolKind.MAX ? "PoolingType.MAX" : "PoolingType.AVG", Dl4jClass.POOLING_TYPE);
    }

    /** The axes after the examples' of a channels-last grid's spatial axes: 1, or 1, 2, or 1, 2, 3. */
    private static String spatialAxes(int rank) {
        return String.join(", ", java.util.stream.IntStream.rangeClosed(1, rank).mapToObj(String::valueOf).toList());
    }

    private String sizes(Size size, int rank) {
        StringBuilder text = new StringBuilder();
        for (Expr axis : size.along(rank)) {
            text.append(text.length() == 0 ? "" : ", ").append(num(axis));
        }
        return text.toString();
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
