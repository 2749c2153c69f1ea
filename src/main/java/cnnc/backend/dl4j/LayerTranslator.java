package cnnc.backend.dl4j;

import cnnc.ast.Activation;
import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.MergeKind;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size2;
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

    private boolean isOne(Size2 size) {
        return num(size.height()).equals("1") && num(size.width()).equals("1");
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
                return Dl4jRow.of(row, LayerCode.instance(row.name(), "new " + HelperClasses.LAYER_NORMALIZATION + "("
                        + JavaText.stringLiteral(row.name()) + (ln.epsilon().isEmpty() ? "" : ", " + javaDouble(ln.epsilon()))
                        + ")", List.of("DL4J has no layer normalisation layer: " + HelperClasses.LAYER_NORMALIZATION
                        + ", below, is Keras's, as a SameDiff layer")));
            }

            @Override
            public Dl4jRow visitNormalize(Layer.Normalize normalize) {
                if (normalize.isConstant()) {
                    return constantNormalize(row, normalize);
                }
                return Dl4jRow.of(row, LayerCode.instance(row.name(), "new " + HelperClasses.NORMALIZATION + "("
                        + JavaText.stringLiteral(row.name()) + ")", List.of("DL4J has no such layer: "
                        + HelperClasses.NORMALIZATION + ", below, is Keras's Normalization; set its mean and variance "
                        + "from your data before use")));
            }

            @Override
            public Dl4jRow visitLayerScale(Layer.LayerScale scale) {
                return Dl4jRow.of(row, LayerCode.instance(row.name(), "new " + HelperClasses.PER_CHANNEL + "("
                        + JavaText.stringLiteral(row.name()) + ", true, 1e-6)", List.of("ConvNeXt's LayerScale ("
                        + HelperClasses.PER_CHANNEL + ", below): a trained gamma per channel, starting at 1e-6")));
            }

            @Override
            public Dl4jRow visitSplit(Layer.Split split) {
                long size = ((Shape.Image) row.outputShape()).channels();
                long from = (split.part().value() - 1) * size;
                return Dl4jRow.of(row, LayerCode.vertex(row.name(), "new " + HelperClasses.CHANNEL_SLICE + "(" + from
                        + ", " + (from + size) + ")", List.of("split " + split.parts().value() + " take "
                        + split.part().value() + ": channels " + from + " to " + (from + size - 1))));
            }

            @Override
            public Dl4jRow visitShuffle(Layer.Shuffle shuffle) {
                Shape.Image image = (Shape.Image) row.outputShape();
                return Dl4jRow.of(row, LayerCode.instance(row.name(), "new " + HelperClasses.CHANNEL_SHUFFLE + "("
                        + JavaText.stringLiteral(row.name()) + ", " + image.channels() + ", " + shuffle.groups().value() + ")", List.of("torch's channel_shuffle, "
                        + "channels last (" + HelperClasses.CHANNEL_SHUFFLE + ", below)")));
            }

            @Override
            public Dl4jRow visitRescale(Layer.Rescale rescale) {
                return Dl4jRow.of(row, LayerCode.instance(row.name(), "new " + HelperClasses.RESCALING + "("
                        + JavaText.stringLiteral(row.name()) + ", " + rescale.scale() + ", " + rescale.offset() + ")",
                        List.of("x * " + rescale.scaleText() + (rescale.offsetText().isEmpty() ? ""
                                : " + (" + rescale.offsetText() + ")") + " (" + HelperClasses.RESCALING
                                + ", below, is Keras's Rescaling)")));
            }

            @Override
            public Dl4jRow visitDropout(Layer.Dropout dropout) {
                return Dl4jRow.of(row, new LayerCode(row.name(), "DropoutLayer", dropout.rate() instanceof Expr.Dec rate
                        && rate.written() instanceof Expr.Ref ? "1.0 - " + num(rate) : keepProbability(dropout.rateText()),
                        List.of(), List.of("DL4J takes the probability of keeping a value: 1 - " + dropout.rateText())));
            }

            @Override
            public Dl4jRow visitActivate(Layer.Activate activate) {
                return activation(row, activate);
            }

            @Override
            public Dl4jRow visitUpsample(Layer.Upsample upsample) {
                if (upsample.bilinear()) {
                    Shape.Image out = (Shape.Image) row.outputShape();
                    return Dl4jRow.of(row, LayerCode.instance(row.name(), "new " + HelperClasses.BILINEAR_UPSAMPLING
                            + "(" + JavaText.stringLiteral(row.name()) + ", " + out.height() + ", " + out.width() + ")",
                            List.of("DL4J's Upsampling2D only repeats: " + HelperClasses.BILINEAR_UPSAMPLING
                                    + ", below, interpolates with half-pixel centres, as Keras")));
                }
                return Dl4jRow.of(row, new LayerCode(row.name(), "Upsampling2D", "",
                        List.of("size(new int[] {" + pair(upsample.factor()) + "})"), List.of()));
            }

            @Override
            public Dl4jRow visitZeroPad(Layer.ZeroPad pad) {
                return Dl4jRow.of(row, new LayerCode(row.name(), "ZeroPaddingLayer", sides(pad.sides()), List.of(),
                        List.of("top, bottom, left, right")));
            }

            @Override
            public Dl4jRow visitCrop(Layer.Crop crop) {
                return Dl4jRow.of(row, new LayerCode(row.name(), "Cropping2D", sides(crop.sides()), List.of(),
                        List.of("top, bottom, left, right")));
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
        Shape.Image in = (Shape.Image) row.inputShape();
        long groups = conv.groups().value();
        if (groups != 1 && groups != in.channels()) {
            return grouped(row, conv, groups);
        }
        boolean depthwise = groups > 1;
        if (depthwise && depthwiseFails(row, conv.span(), "this convolution", isOneByOne(conv.kernel()), groups,
                conv.filters().value() / groups)) {
            return null;
        }
        List<String> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        settings.add(depthwise ? "depthMultiplier(" + conv.filters().value() / groups + ")"
                : "nOut(" + num(conv.filters()) + ")");
        if (depthwise) {
            notes.add("groups " + groups + " = one group per input channel: a depthwise convolution");
        }
        return sliding(row, depthwise ? "DepthwiseConvolution2D" : "ConvolutionLayer",
                new Sliding(conv.kernel(), conv.stride(), conv.padding(), conv.dilation()), conv.bias(),
                conv.activation(), settings, notes);
    }

    /**
     * True when the row needs a graph even in a chain: a grouped convolution, as slices and a merge, and a
     * split, a ChannelSlice vertex.
     */
    static boolean needsGraph(CheckedLayer row) {
        return row.layer() instanceof Layer.Split || row.layer() instanceof Layer.Conv conv && conv.groups().value() != 1
                && conv.groups().value() != ((Shape.Image) row.inputShape()).channels();
    }

    /** The constants written, one per channel (a single number repeated), in a nested SameDiff layer. */
    private static Dl4jRow constantNormalize(CheckedLayer row, Layer.Normalize normalize) {
        long channels = row.outputShape().dims().get(row.outputShape().dims().size() - 1);
        return Dl4jRow.of(row, LayerCode.instance(row.name(), "new " + HelperClasses.CONSTANT_NORMALIZATION + "("
                + JavaText.stringLiteral(row.name()) + ", " + doubles(normalize.mean(), channels) + ", "
                + doubles(normalize.variance(), channels) + ")", List.of("Keras's Normalization with the mean and "
                + "variance written (" + HelperClasses.CONSTANT_NORMALIZATION + ", below): constants, no parameters")));
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
            layers.add(LayerCode.vertex(group + "_slice", "new " + HelperClasses.CHANNEL_SLICE + "(" + g * channels
                    + ", " + (g + 1) * channels + ")", notes).reading(LayerCode.ROW_INPUTS));
            layers.addAll(slidingLayers(row, group, "ConvolutionLayer", sliding, conv.bias(), conv.activation(),
                    new ArrayList<>(List.of("nOut(" + filters + ")")), new ArrayList<>()));
            outputs.add(group);
        }
        layers.add(LayerCode.vertex(row.name(), "new MergeVertex()", List.of()).reading(outputs));
        return new Dl4jRow(row, layers, List.of());
    }

    /** A kernel's size, stride, padding and dilation: what every convolution sets alike. */
    private record Sliding(Size2 kernel, Size2 stride, Padding padding, Expr dilation) {
    }

    /** One convolution layer, with a ZeroPaddingLayer in front where DL4J's Same would pad otherwise than Keras. */
    private Dl4jRow sliding(CheckedLayer row, String type, Sliding sliding, boolean bias, Activation activation,
                            List<String> settings, List<String> notes) {
        return new Dl4jRow(row, slidingLayers(row, row.name(), type, sliding, bias, activation, settings, notes),
                List.of());
    }

    private List<LayerCode> slidingLayers(CheckedLayer row, String name, String type, Sliding sliding, boolean bias,
                                          Activation activation, List<String> settings, List<String> notes) {
        List<LayerCode> layers = new ArrayList<>();
        if (!isOne(sliding.stride())) {
            settings.add("stride(" + pair(sliding.stride()) + ")");
        }
        if (!num(sliding.dilation()).equals("1")) {
            settings.add("dilation(" + num(sliding.dilation()) + ", " + num(sliding.dilation()) + ")");
        }
        LayerCode padding = padding(row, name, sliding, settings, notes);
        if (padding != null) {
            layers.add(padding);
        }
        if (!bias) {
            settings.add("hasBias(false)");
        }
        Activations.setting(activation).ifPresent(settings::add);
        layers.add(new LayerCode(name, type, pair(sliding.kernel()), settings, notes));
        return layers;
    }

    /** {@code dwconv KxK mult M}: DL4J's depthwise convolution, M filters per channel. */
    private Dl4jRow depthwise(CheckedLayer row, Layer.DepthwiseConv conv) {
        long multiplier = conv.multiplier().value();
        Shape.Image in = (Shape.Image) row.inputShape();
        if (depthwiseFails(row, conv.span(), "this convolution", isOneByOne(conv.kernel()), in.channels(), multiplier)) {
            return null;
        }
        return sliding(row, "DepthwiseConvolution2D", new Sliding(conv.kernel(), conv.stride(), conv.padding(),
                conv.dilation()), conv.bias(), conv.activation(),
                new ArrayList<>(List.of("depthMultiplier(" + num(conv.multiplier()) + ")")), new ArrayList<>());
    }

    /**
     * {@code sepconv F@KxK mult M}: depthwise then pointwise, as Keras's SeparableConv2D, with the bias
     * after both. On one input channel DL4J 1.0.0-M2.1's SeparableConvolution2D fails (its sconv2d op
     * reshapes wrongly, unless M and F are 1), so there the two steps are two layers.
     */
    private Dl4jRow separable(CheckedLayer row, Layer.SeparableConv conv) {
        long multiplier = conv.multiplier().value();
        Shape.Image in = (Shape.Image) row.inputShape();
        if (depthwiseFails(row, conv.span(), "this separable convolution", isOneByOne(conv.kernel()), in.channels(),
                multiplier)) {
            return null;
        }
        Sliding sliding = new Sliding(conv.kernel(), conv.stride(), conv.padding(), conv.dilation());
        List<String> settings = new ArrayList<>(List.of("depthMultiplier(" + multiplier + ")"));
        if (in.channels() != 1) {
            settings.add(0, "nOut(" + conv.filters().value() + ")");
            return sliding(row, "SeparableConvolution2D", sliding, conv.bias(), conv.activation(), settings,
                    new ArrayList<>());
        }
        List<LayerCode> layers = new ArrayList<>(slidingLayers(row, row.name() + "_depthwise", "DepthwiseConvolution2D",
                sliding, false, new Activation(cnnc.ast.ActivationKind.LINEAR, conv.span()), settings,
                new ArrayList<>(List.of("the depthwise step of " + row.name() + ": DL4J's SeparableConvolution2D "
                        + "fails on one input channel"))));
        List<String> pointwise = new ArrayList<>(List.of("nOut(" + conv.filters().value() + ")",
                "convolutionMode(ConvolutionMode.Truncate)"));
        if (!conv.bias()) {
            pointwise.add("hasBias(false)");
        }
        Activations.setting(conv.activation()).ifPresent(pointwise::add);
        layers.add(new LayerCode(row.name(), "ConvolutionLayer", "1, 1", pointwise,
                List.of("the pointwise step of " + row.name() + ", with its bias")));
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
        long tailRows = same ? 0 : spread.height().tail();
        long tailColumns = same ? 0 : spread.width().tail();
        List<String> settings = new ArrayList<>();
        settings.add("nOut(" + num(conv.filters()) + ")");
        if (!isOne(conv.stride())) {
            settings.add("stride(" + pair(conv.stride()) + ")");
        }
        if (dilation != 1) {
            settings.add("dilation(" + dilation + ", " + dilation + ")");
        }
        settings.add("convolutionMode(ConvolutionMode." + (same ? "Same" : "Truncate") + ")");
        if (tailRows == 0 && tailColumns == 0) {
            if (!conv.bias()) {
                settings.add("hasBias(false)");
            }
            Activations.setting(conv.activation()).ifPresent(settings::add);
            return Dl4jRow.of(row, new LayerCode(row.name(), "Deconvolution2D", pair(conv.kernel()), settings, List.of()));
        }
        settings.add("hasBias(false)");
        List<LayerCode> layers = new ArrayList<>();
        layers.add(new LayerCode(row.name() + "_kernel", "Deconvolution2D", pair(conv.kernel()), settings,
                List.of("the kernel is narrower than the stride: DL4J's Truncate leaves out the last rows or columns",
                        "that Keras's 'valid' keeps, which hold no input; zeros stand for them, then the bias",
                        "and the activation follow, as in Keras")));
        layers.add(new LayerCode(row.name() + "_tail", "ZeroPaddingLayer", "0, " + tailRows + ", 0, " + tailColumns,
                List.of(), List.of("top, bottom, left, right")));
        if (conv.bias()) {
            layers.add(LayerCode.instance(row.name() + "_bias", "new " + HelperClasses.PER_CHANNEL + "("
                    + JavaText.stringLiteral(row.name() + "_bias") + ", false, 0.0)", List.of("the bias, per filter")));
        }
        if (!conv.activation().isLinear()) {
            layers.add(new LayerCode(row.name(), "ActivationLayer", "",
                    List.of("activation(" + Activations.constant(conv.activation().kind()) + ")"), List.of()));
        }
        return new Dl4jRow(row, layers, List.of());
    }

    private static boolean isOneByOne(Size2 kernel) {
        return kernel.height().value() == 1 && kernel.width().value() == 1;
    }

    /**
     * Sets the convolution mode; returns a ZeroPaddingLayer to put in front where DL4J's Same differs:
     * when Keras would pad nothing along a dimension (a stride larger than the window), DL4J computes a negative padding
     * and refuses the layer.
     */
    private LayerCode padding(CheckedLayer row, String name, Sliding sliding, List<String> settings, List<String> notes) {
        if (sliding.padding() instanceof Padding.Explicit explicit) {
            String p = num(explicit.amount());
            settings.add("convolutionMode(ConvolutionMode.Truncate)");
            settings.add("padding(" + p + ", " + p + ")");
            return null;
        }
        if (!(sliding.padding() instanceof Padding.Same)) {
            settings.add("convolutionMode(ConvolutionMode.Truncate)");
            return null;
        }
        Footprint.Sliding window = (Footprint.Sliding) row.footprint();
        Axis top = window.height();
        Axis left = window.width();
        if (top.unread() == 0 && left.unread() == 0) {
            settings.add("convolutionMode(ConvolutionMode.Same)");
            return null;
        }
        settings.add("convolutionMode(ConvolutionMode.Truncate)");
        notes.add("the stride is larger than the window: DL4J's Same would compute a negative padding and");
        if (!top.isPadded() && !left.isPadded()) {
            notes.add("fail; Keras's 'same' pads nothing here, which is Truncate");
            return null;
        }
        notes.add("fail; Truncate after the zeros Keras's 'same' adds");
        return new LayerCode(name + "_pad", "ZeroPaddingLayer",
                top.padBefore() + ", " + top.padAfter() + ", " + left.padBefore() + ", " + left.padAfter(), List.of(),
                List.of("Keras's 'same' zeros for " + name + ": top, bottom, left, right"));
    }

    /** Keras's pooling: the stride defaults to the window; 'same' leaves the padding out of max and average. */
    private Dl4jRow pool(CheckedLayer row, Layer.Pool pool) {
        List<String> settings = new ArrayList<>();
        settings.add("kernelSize(" + pair(pool.window()) + ")");
        settings.add("stride(" + pair(pool.stride()) + ")");
        boolean same = pool.padding() instanceof Padding.Same;
        settings.add("convolutionMode(ConvolutionMode." + (same ? "Same" : "Truncate") + ")");
        List<String> notes = new ArrayList<>();
        if (same && pool.pooling() == PoolKind.AVG) {
            settings.add("avgPoolIncludePadInDivisor(false)");
            notes.add("as Keras, an average over a window at the border counts only the input it covers");
        }
        List<LayerCode> layers = new ArrayList<>();
        LayerCode padding = poolPadding(row, pool);
        if (padding != null) {
            layers.add(padding);
        }
        layers.add(new LayerCode(row.name(), "SubsamplingLayer", poolingType(pool.pooling()), settings, notes));
        if (pool.scaled()) {
            long channels = ((Shape.Image) row.outputShape()).channels();
            if (depthwiseFails(row, pool.span(), "'scaled'", true, channels, 1)) {
                return null;
            }
            layers.add(new LayerCode(row.name() + "_scale", "DepthwiseConvolution2D", "1, 1",
                    List.of("depthMultiplier(1)", "weightInit(WeightInit.ONES)"),
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
        Axis top = window.height();
        Axis left = window.width();
        if (pool.padding() instanceof Padding.Same || !top.isPadded() && !left.isPadded()) {
            return null;
        }
        String sides = top.padBefore() + ", " + top.padAfter() + ", " + left.padBefore() + ", " + left.padAfter();
        String why = (pool.ceil() ? "'ceil' (PyTorch's ceil_mode)" : "'pad'") + ", top, bottom, left, right: ";
        if (pool.pooling() == PoolKind.AVG) {
            return new LayerCode(row.name() + "_pad", "ZeroPaddingLayer", sides, List.of(),
                    List.of(why + "zeros, which the average counts (PyTorch's count_include_pad)"));
        }
        String name = row.name() + "_pad";
        return LayerCode.instance(name, "new " + HelperClasses.MAX_POOL_PADDING + "(" + JavaText.stringLiteral(name)
                + ", " + sides + ")", List.of(why + "-inf, which the max never picks (PyTorch's padding)"));
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
        Shape.Image out = (Shape.Image) row.outputShape();
        boolean onePixel = out.height() == 1 && out.width() == 1;
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
            return Dl4jRow.of(row, new LayerCode(row.name(), "GlobalPoolingLayer", poolingType(pool.pooling()),
                    List.of(), List.of()));
        }
        Shape.Image in = (Shape.Image) row.inputShape();
        String window = in.height() + ", " + in.width();
        return Dl4jRow.of(row, new LayerCode(row.name(), "SubsamplingLayer", poolingType(pool.pooling()),
                List.of("kernelSize(" + window + ")", "stride(" + window + ")",
                        "convolutionMode(ConvolutionMode.Truncate)"),
                List.of("'keep': one window over the whole " + in + " image leaves 1x1x" + in.channels())));
    }

    /**
     * {@code bn} -> BatchNormalization. {@code bn noscale} (beta without gamma) -> a BatchNormalization
     * with gamma and beta fixed at 1 and 0 (DL4J then holds only the moving mean and variance), then
     * Keras's trainable beta: 3C parameters, as the report.
     */
    private Dl4jRow batchNorm(CheckedLayer row, Layer.BatchNorm bn) {
        List<String> settings = new ArrayList<>(List.of("eps(" + (bn.epsilon().isEmpty() ? "1e-3" : javaDouble(bn.epsilon()))
                + ")", "decay(0.99)"));
        List<String> notes = List.of((bn.epsilon().isEmpty() ? "Keras's epsilon and momentum" : "the epsilon written, "
                + "Keras's momentum") + ". DL4J counts the moving mean and variance among the",
                "parameters (as the report) but its summary() calls them trainable");
        if (bn.scale()) {
            return Dl4jRow.of(row, new LayerCode(row.name(), "BatchNormalization", "", settings, notes));
        }
        settings.add("lockGammaBeta(true)");
        return Dl4jRow.of(row, new LayerCode(row.name() + "_standardise", "BatchNormalization", "", settings,
                        List.of("'noscale': DL4J has no beta without gamma, so gamma and beta are fixed here (1 and 0)",
                                "and Keras's trainable beta follows. " + notes.get(0), notes.get(1))),
                LayerCode.instance(row.name(), "new " + HelperClasses.PER_CHANNEL + "(" + JavaText.stringLiteral(row.name())
                        + ", false, 0.0)", List.of("Keras's beta, a trainable offset per channel (" + HelperClasses.PER_CHANNEL
                        + ", below)")));
    }

    /** In a graph, an activation that reads an array other vertices read too works on a copy of it. */
    private Dl4jRow activation(CheckedLayer row, Layer.Activate activate) {
        LayerCode layer = new LayerCode(row.name(), "ActivationLayer", "",
                List.of("activation(" + Activations.constant(activate.activation().kind()) + ")"), List.of());
        if (!sharedOutputs.contains(row.inputs().get(0))) {
            return Dl4jRow.of(row, layer);
        }
        return Dl4jRow.of(row, LayerCode.vertex(row.name() + "_copy", "new ScaleVertex(1.0)",
                List.of("a copy: DL4J's ActivationLayer works in place, and other vertices read this input too")), layer);
    }

    /**
     * To a vector: the flattening of {@code flatten}. To an image: KerasReshape, a nested SameDiff layer,
     * since DL4J's FeedForwardToCnnPreProcessor and ReshapeVertex make channels-first images, which
     * would put the values in another order.
     */
    private Dl4jRow reshape(CheckedLayer row) {
        if (!(row.outputShape() instanceof Shape.Image image)) {
            return flatten(row);
        }
        return Dl4jRow.of(row, LayerCode.instance(row.name(), "new " + HelperClasses.RESHAPE + "("
                + JavaText.stringLiteral(row.name()) + ", " + image.height() + ", " + image.width() + ", "
                + image.channels() + ")", List.of("the values in order as a channels-last " + image + " image ("
                + HelperClasses.RESHAPE + ", below: DL4J's own reshapes make channels-first images)")));
    }

    private static Dl4jRow join(CheckedLayer row, Layer.Join join) {
        if (join.merging() != MergeKind.CONCAT && row.inputShapes().stream().distinct().count() > 1) {
            return Dl4jRow.of(row, LayerCode.vertex(row.name(), "new " + HelperClasses.BROADCAST + "("
                    + (join.merging() == MergeKind.MULTIPLY) + ", " + row.inputs().size() + ")", List.of("sizes of 1 stretch, as in Keras ("
                    + HelperClasses.BROADCAST + ", below: DL4J's ElementWiseVertex needs equal shapes)")));
        }
        String vertex = switch (join.merging()) {
            case ADD -> "new ElementWiseVertex(ElementWiseVertex.Op.Add)";
            case MULTIPLY -> "new ElementWiseVertex(ElementWiseVertex.Op.Product)";
            case CONCAT -> "new MergeVertex()";
        };
        List<String> notes = join.merging() == MergeKind.CONCAT && row.outputShape() instanceof Shape.Image
                ? List.of("DL4J's MergeVertex joins channels-last images along the channels, as Keras")
                : List.of();
        return Dl4jRow.of(row, LayerCode.vertex(row.name(), vertex, notes));
    }

    private String sides(Layer.Sides sides) {
        return num(sides.top()) + ", " + num(sides.bottom()) + ", " + num(sides.left()) + ", " + num(sides.right());
    }

    /** {@code dense N keep} on an image: a 1x1 convolution, the same function and parameters. */
    private Dl4jRow dense(CheckedLayer row, Layer.Dense dense) {
        List<String> settings = new ArrayList<>();
        settings.add("nOut(" + num(dense.units()) + ")");
        boolean perPosition = row.inputShape() instanceof Shape.Image;
        if (perPosition) {
            settings.add("convolutionMode(ConvolutionMode.Truncate)");
        }
        if (!dense.bias()) {
            settings.add("hasBias(false)");
        }
        Activations.setting(dense.activation()).ifPresent(settings::add);
        return Dl4jRow.of(row, perPosition ? new LayerCode(row.name(), "ConvolutionLayer", "1, 1", settings,
                List.of("'keep': a dense layer at every position is a 1x1 convolution (Cin x N weights and N biases)"))
                : new LayerCode(row.name(), "DenseLayer", "", settings, List.of()));
    }

    /** DL4J has no flatten layer: an identity layer of the row's name, with the flattening in front of it. */
    private Dl4jRow flatten(CheckedLayer row) {
        List<String> settings = List.of("activation(Activation.IDENTITY)");
        if (!(row.inputShape() instanceof Shape.Image image)) {
            return Dl4jRow.of(row, new LayerCode(row.name(), "ActivationLayer", "", settings,
                    List.of("the input is already a vector: nothing to flatten")));
        }
        return Dl4jRow.of(row, new LayerCode(row.name(), "ActivationLayer", "", settings,
                List.of("DL4J has no " + (row.implicit() ? "(implicit) " : "") + row.kind().op()
                                + " layer: this identity layer takes the image flattened in front of it,",
                        "channels-last as in the report (" + image + " -> " + row.outputShape() + ")"),
                flattening(image)));
    }

    /** DL4J flattens by itself in front of a dense layer; the comment says so and in which order. */
    private static Dl4jRow implicitFlatten(CheckedLayer row) {
        return new Dl4jRow(row, List.of(), List.of(row.name() + " (implicit): DL4J flattens " + row.inputShape()
                + " to " + row.outputShape() + " by itself, channels-last as the report"));
    }

    static String flattening(Shape.Image image) {
        return "new CnnToFeedForwardPreProcessor(" + image.height() + ", " + image.width() + ", "
                + image.channels() + ", " + FORMAT + ")";
    }

    private static String poolingType(PoolKind kind) {
        return kind == PoolKind.MAX ? "PoolingType.MAX" : "PoolingType.AVG";
    }

    private String pair(Size2 size) {
        return num(size.height()) + ", " + num(size.width());
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
