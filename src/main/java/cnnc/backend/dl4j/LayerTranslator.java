package cnnc.backend.dl4j;

import cnnc.ast.Layer;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size2;
import cnnc.check.CheckedLayer;
import cnnc.check.SamePadding;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates one checked layer into DL4J layers, one method per layer kind. Shapes and counts are
 * the checker's; this class only chooses DL4J's way to get them, and reports what DL4J cannot
 * express (E0601).
 */
final class LayerTranslator {
    static final String FORMAT = "CNN2DFormat.NHWC";

    private final Diagnostics diagnostics;

    LayerTranslator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The row's DL4J layers, or null if DL4J cannot express it (with a diagnostic). */
    Dl4jRow translate(CheckedLayer row) {
        Layer layer = row.layer();
        if (row.implicit()) {
            return implicitFlatten(row);
        } else if (layer instanceof Layer.Conv conv) {
            return conv(row, conv);
        } else if (layer instanceof Layer.Pool pool) {
            return pool(row, pool);
        } else if (layer instanceof Layer.GlobalPool pool && !pool.keepDims()) {
            return Dl4jRow.of(row, new LayerCode(row.name(), "GlobalPoolingLayer", poolingType(pool.kind()),
                    List.of(), List.of()));
        } else if (layer instanceof Layer.Dense dense) {
            return dense(row, dense);
        } else if (layer instanceof Layer.Flatten) {
            return flatten(row);
        } else if (layer instanceof Layer.BatchNorm bn && bn.scale()) {
            return Dl4jRow.of(row, new LayerCode(row.name(), "BatchNormalization", "",
                    List.of("eps(1e-3)", "decay(0.99)"),
                    List.of("Keras's epsilon and momentum. DL4J counts the moving mean and variance among the",
                            "parameters (4 per channel, as the report) but its summary() calls them trainable")));
        } else if (layer instanceof Layer.Dropout dropout) {
            return Dl4jRow.of(row, new LayerCode(row.name(), "DropoutLayer", keepProbability(dropout.rateText()),
                    List.of(), List.of("DL4J takes the probability of keeping a value: 1 - " + dropout.rateText())));
        } else if (layer instanceof Layer.Activate activate) {
            return Dl4jRow.of(row, new LayerCode(row.name(), "ActivationLayer", "",
                    List.of("activation(" + Activations.constant(activate.activation().kind()) + ")"), List.of()));
        }
        diagnostics.add(Code.E0601, layer.span(), "cnnc dl4j has no DL4J translation for '" + row.op() + "' yet",
                "cnnc report shows this model's shapes and parameters");
        return null;
    }

    /** Groups of 1 are a plain convolution and groups equal to the channels a depthwise one; DL4J has no other. */
    private Dl4jRow conv(CheckedLayer row, Layer.Conv conv) {
        Shape.Image in = (Shape.Image) row.inputShape();
        long groups = conv.groups().value();
        if (groups != 1 && groups != in.channels()) {
            diagnostics.add(Code.E0601, conv.groups().span(), "DL4J cannot express a grouped convolution with "
                    + groups + " groups on " + in.channels() + " channels: Deeplearning4j 1.0.0-M2.1 has no grouped "
                    + "convolution layer, and its SubsetVertex cannot split channels-last activations",
                    "use groups 1, or groups " + in.channels() + " (one per input channel), which DL4J has as "
                            + "DepthwiseConvolution2D");
            return null;
        }
        boolean depthwise = groups > 1;
        if (depthwise && conv.filters().value() == groups && conv.kernel().height().value() == 1
                && conv.kernel().width().value() == 1 && failsOnOneExample(row, conv.span(), "this convolution")) {
            return null;
        }
        List<LayerCode> layers = new ArrayList<>();
        List<String> settings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        settings.add(depthwise ? "depthMultiplier(" + conv.filters().value() / groups + ")"
                : "nOut(" + conv.filters().value() + ")");
        if (depthwise) {
            notes.add("groups " + groups + " = one group per input channel: a depthwise convolution");
        }
        if (conv.stride().height().value() != 1 || conv.stride().width().value() != 1) {
            settings.add("stride(" + pair(conv.stride()) + ")");
        }
        if (conv.dilation().value() != 1) {
            settings.add("dilation(" + conv.dilation().value() + ", " + conv.dilation().value() + ")");
        }
        LayerCode padding = padding(row, conv, settings, notes);
        if (padding != null) {
            layers.add(padding);
        }
        if (!conv.bias()) {
            settings.add("hasBias(false)");
        }
        Activations.setting(conv.activation()).ifPresent(settings::add);
        layers.add(new LayerCode(row.name(), depthwise ? "DepthwiseConvolution2D" : "ConvolutionLayer",
                pair(conv.kernel()), settings, notes));
        return new Dl4jRow(row, layers, List.of());
    }

    /**
     * Sets the convolution mode; returns a ZeroPaddingLayer to put in front where DL4J's Same differs:
     * when Keras would pad nothing along a dimension (a stride larger than the window), DL4J computes a negative padding
     * and refuses the layer.
     */
    private LayerCode padding(CheckedLayer row, Layer.Conv conv, List<String> settings, List<String> notes) {
        if (conv.padding() instanceof Padding.Explicit explicit) {
            long p = explicit.amount().value();
            settings.add("convolutionMode(ConvolutionMode.Truncate)");
            settings.add("padding(" + p + ", " + p + ")");
            return null;
        }
        if (!(conv.padding() instanceof Padding.Same)) {
            settings.add("convolutionMode(ConvolutionMode.Truncate)");
            return null;
        }
        Shape.Image in = (Shape.Image) row.inputShape();
        long dilation = conv.dilation().value();
        long height = SamePadding.needed(in.height(), conv.kernel().height().value(), conv.stride().height().value(), dilation);
        long width = SamePadding.needed(in.width(), conv.kernel().width().value(), conv.stride().width().value(), dilation);
        if (height >= 0 && width >= 0) {
            settings.add("convolutionMode(ConvolutionMode.Same)");
            return null;
        }
        settings.add("convolutionMode(ConvolutionMode.Truncate)");
        notes.add("the stride is larger than the window: DL4J's Same would compute a negative padding and");
        SamePadding top = SamePadding.along(in.height(), conv.kernel().height().value(), conv.stride().height().value(), dilation);
        SamePadding left = SamePadding.along(in.width(), conv.kernel().width().value(), conv.stride().width().value(), dilation);
        if (top.isNone() && left.isNone()) {
            notes.add("fail; Keras's 'same' pads nothing here, which is Truncate");
            return null;
        }
        notes.add("fail; Truncate after the zeros Keras's 'same' adds");
        return new LayerCode(row.name() + "_pad", "ZeroPaddingLayer",
                top.before() + ", " + top.after() + ", " + left.before() + ", " + left.after(), List.of(),
                List.of("Keras's 'same' zeros for " + row.name() + ": top, bottom, left, right"));
    }

    /** Keras's pooling: the stride defaults to the window; 'same' leaves the padding out of max and average. */
    private Dl4jRow pool(CheckedLayer row, Layer.Pool pool) {
        List<String> settings = new ArrayList<>();
        settings.add("kernelSize(" + pair(pool.window()) + ")");
        settings.add("stride(" + pair(pool.stride()) + ")");
        boolean same = pool.padding() instanceof Padding.Same;
        settings.add("convolutionMode(ConvolutionMode." + (same ? "Same" : "Truncate") + ")");
        List<String> notes = new ArrayList<>();
        if (same && pool.kind() == PoolKind.AVG) {
            settings.add("avgPoolIncludePadInDivisor(false)");
            notes.add("as Keras, an average over a window at the border counts only the input it covers");
        }
        LayerCode pooling = new LayerCode(row.name(), "SubsamplingLayer", poolingType(pool.kind()), settings, notes);
        if (!pool.scaled()) {
            return Dl4jRow.of(row, pooling);
        }
        if (failsOnOneExample(row, pool.span(), "'scaled'")) {
            return null;
        }
        long channels = ((Shape.Image) row.outputShape()).channels();
        LayerCode scale = new LayerCode(row.name() + "_scale", "DepthwiseConvolution2D", "1, 1",
                List.of("depthMultiplier(1)", "weightInit(WeightInit.ONES)"),
                List.of("'scaled': LeNet-5's trainable coefficient and bias per channel (2 x " + channels + "),",
                        "a 1x1 depthwise convolution that starts as the identity"));
        return Dl4jRow.of(row, pooling, scale);
    }

    /**
     * A 1x1 depthwise convolution with one filter per channel and a 1x1 output fails in DL4J
     * 1.0.0-M2.1 on a batch of one example (its depthwise_conv2d: "MmulHelper::dot: Z array must be
     * scalar"), so a network with one could not classify a single image.
     */
    private boolean failsOnOneExample(CheckedLayer row, Span span, String what) {
        Shape.Image out = (Shape.Image) row.outputShape();
        if (out.height() != 1 || out.width() != 1) {
            return false;
        }
        diagnostics.add(Code.E0601, span, "DL4J cannot run " + what + " on a 1x1x" + out.channels()
                + " output: Deeplearning4j 1.0.0-M2.1 needs a 1x1 depthwise convolution with one filter per "
                + "channel for it, which fails on a batch of one example",
                "keep the output of this layer at least 2x2 (e.g. 'same' padding or a smaller stride)");
        return true;
    }

    private Dl4jRow dense(CheckedLayer row, Layer.Dense dense) {
        List<String> settings = new ArrayList<>();
        settings.add("nOut(" + dense.units().value() + ")");
        if (!dense.bias()) {
            settings.add("hasBias(false)");
        }
        Activations.setting(dense.activation()).ifPresent(settings::add);
        return Dl4jRow.of(row, new LayerCode(row.name(), "DenseLayer", "", settings, List.of()));
    }

    /** DL4J has no flatten layer: an identity layer of the row's name, with the flattening in front of it. */
    private Dl4jRow flatten(CheckedLayer row) {
        List<String> settings = List.of("activation(Activation.IDENTITY)");
        if (!(row.inputShape() instanceof Shape.Image image)) {
            return Dl4jRow.of(row, new LayerCode(row.name(), "ActivationLayer", "", settings,
                    List.of("the input is already a vector: nothing to flatten")));
        }
        return Dl4jRow.of(row, new LayerCode(row.name(), "ActivationLayer", "", settings,
                List.of("DL4J has no flatten layer: this identity layer takes the image flattened in front of it,",
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

    private static String pair(Size2 size) {
        return size.height().value() + ", " + size.width().value();
    }

    /** 1 - rate, exactly as decimals: 0.1 gives 0.9, not 0.9000000000000001. */
    static String keepProbability(String rateText) {
        String keep = BigDecimal.ONE.subtract(new BigDecimal(rateText)).stripTrailingZeros().toPlainString();
        return keep.contains(".") ? keep : keep + ".0";
    }
}
