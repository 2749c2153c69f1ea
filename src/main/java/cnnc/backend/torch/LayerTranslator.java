package cnnc.backend.torch;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size;
import cnnc.backend.Plane;
import cnnc.check.Axis;
import cnnc.check.CheckedLayer;
import cnnc.check.Footprint;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Translates one checked layer into PyTorch submodules, one method per layer kind, so that the module
 * computes what the Keras module computes (channels first). Shapes, paddings and counts are the
 * checker's; this class writes them as torch arguments, and reports what torch cannot run (E0602).
 */
final class LayerTranslator implements Layer.Visitor<TorchRow> {
    /** ATen's pooling kernels take the window and stride as 32-bit ints. */
    private static final long POOL_LIMIT = Integer.MAX_VALUE;
    /** Keras's BatchNormalization momentum, 0.99, as torch's (the weight of the new batch). */
    private static final String MOMENTUM = "0.01";
    private static final String KERAS_EPSILON = "0.001";

    private final Diagnostics diagnostics;
    private final Sizes sizes;
    private CheckedLayer row;

    LayerTranslator(Diagnostics diagnostics) {
        this(diagnostics, Sizes.VALUES);
    }

    /** A translator that writes numbers and channel counts as {@code sizes} says: in a block's class, its parameters. */
    LayerTranslator(Diagnostics diagnostics, Sizes sizes) {
        this.diagnostics = diagnostics;
        this.sizes = sizes;
    }

    /** The row's submodules, or null if torch cannot run it (with a diagnostic). */
    TorchRow translate(CheckedLayer row) {
        this.row = row;
        return row.implicit() ? flatten() : row.layer().accept(this);
    }

    @Override
    public TorchRow visitConv(Layer.Conv conv) {
        List<String> args = new ArrayList<>(List.of(channelsIn(), num(conv.filters()), size(conv.kernel())));
        TorchModule zeros = sliding(conv.stride(), conv.dilation(), conv.padding(), args);
        if (!num(conv.groups()).equals("1")) {
            args.add("groups=" + num(conv.groups()));
        }
        noBias(conv.bias(), args);
        return finish(zeros, "nn.Conv2d", args, conv.activation());
    }

    /** A convolution with one group per input channel: Keras's kernel (kh, kw, C, M) is torch's (C*M, 1, kh, kw). */
    @Override
    public TorchRow visitDepthwiseConv(Layer.DepthwiseConv conv) {
        String channels = channelsIn();
        List<String> args = new ArrayList<>(List.of(channels, times(channels, num(conv.multiplier())),
                size(conv.kernel())));
        TorchModule zeros = sliding(conv.stride(), conv.dilation(), conv.padding(), args);
        args.add("groups=" + channels);
        noBias(conv.bias(), args);
        return finish(zeros, "nn.Conv2d", args, conv.activation());
    }

    @Override
    public TorchRow visitSeparableConv(Layer.SeparableConv conv) {
        List<String> args = new ArrayList<>(List.of(channelsIn(), num(conv.filters()), size(conv.kernel())));
        TorchModule zeros = sliding(conv.stride(), conv.dilation(), conv.padding(), args);
        if (!num(conv.multiplier()).equals("1")) {
            args.add("depth_multiplier=" + num(conv.multiplier()));
        }
        noBias(conv.bias(), args);
        return finish(zeros, "SeparableConv2d", args, conv.activation());
    }

    /**
     * torch's transposed convolution cuts {@code padding} rows at both ends of its full output, and
     * adds {@code output_padding} at the end; Keras cuts the odd row of "same" at the end (cut here by a
     * crop behind) and adds its rows beyond the full output where the window is narrower than the stride.
     */
    @Override
    public TorchRow visitTransposedConv(Layer.TransposedConv conv) {
        Footprint.Transposed window = (Footprint.Transposed) row.footprint();
        Axis height = Plane.height(window);
        Axis width = Plane.width(window);
        List<String> args = new ArrayList<>(List.of(channelsIn(), num(conv.filters()), size(conv.kernel())));
        if (!isOne(conv.stride())) {
            args.add("stride=" + size(conv.stride()));
        }
        long padHeight = Math.min(height.padBefore(), height.padAfter());
        long padWidth = Math.min(width.padBefore(), width.padAfter());
        if (padHeight != 0 || padWidth != 0) {
            args.add("padding=" + pair(padHeight, padWidth));
        }
        if (height.tail() != 0 || width.tail() != 0) {
            args.add("output_padding=" + pair(height.tail(), width.tail()));
        }
        if (!num(conv.dilation()).equals("1")) {
            args.add("dilation=" + num(conv.dilation()));
        }
        noBias(conv.bias(), args);
        List<TorchModule> modules = new ArrayList<>(List.of(new TorchModule(row.name(), call("nn.ConvTranspose2d", args))));
        long top = height.padBefore() - padHeight;
        long bottom = height.padAfter() - padHeight;
        long left = width.padBefore() - padWidth;
        long right = width.padAfter() - padWidth;
        if (top + bottom + left + right != 0) {
            modules.add(new TorchModule(row.name() + "_crop", "nn.ZeroPad2d(" + sides(-left, -right, -top, -bottom) + ")",
                    List.of("Keras cuts the odd row or column of \"same\" at the end: negative padding crops it")));
        }
        return new TorchRow(row, modules, activation(conv.activation()));
    }

    /**
     * Keras's "same" pooling: max pads with -inf, average divides by the input values a window
     * covers. torch pads both sides alike, at most half the window; other paddings are written out.
     */
    @Override
    public TorchRow visitPool(Layer.Pool pool) {
        if (!poolFitsTorch(pool)) {
            return null;
        }
        Footprint.Sliding window = (Footprint.Sliding) row.footprint();
        Axis height = Plane.height(window);
        Axis width = Plane.width(window);
        boolean max = pool.pooling() == PoolKind.MAX;
        // written padding ('pad P') is PyTorch's: an average counts its zeros; Keras's "same" counts real inputs only
        boolean written = pool.padding() instanceof Padding.Explicit;
        List<String> args = new ArrayList<>(List.of(size(pool.window())));
        if (!sameSize(pool.stride(), pool.window())) {
            args.add("stride=" + size(pool.stride()));
        }
        List<TorchModule> modules = new ArrayList<>();
        boolean own = even(height) && even(width) && 2 * height.padBefore() <= height.kernel()
                && 2 * width.padBefore() <= width.kernel();
        if (own && (height.isPadded() || width.isPadded())) {
            args.add("padding=" + pair(height.padBefore(), width.padBefore()));
            if (!max && !written) {
                args.add("count_include_pad=False");
            }
        }
        if (own || !max) {
            modules.add(new TorchModule(row.name(), own ? call(max ? "nn.MaxPool2d" : "nn.AvgPool2d", args)
                    : "AvgPoolSame(" + size(pool.window()) + ", " + size(pool.stride()) + ", " + zeros(height, width) + ")"));
        } else {
            modules.add(new TorchModule(row.name() + "_pad", "nn.ConstantPad2d(" + zeros(height, width) + ", float(\"-inf\"))",
                    List.of((written || pool.ceil() ? "PyTorch's padding and the rows 'ceil' reads past the input" : "Keras's \"same\"")
                            + ": -inf around the input of " + row.name() + ", which no window takes as its maximum")));
            modules.add(new TorchModule(row.name(), call("nn.MaxPool2d", args)));
        }
        if (pool.scaled()) {
            modules.add(new TorchModule(row.name() + "_scale", "PerChannel(" + channelsOut() + ")",
                    List.of("'scaled': LeNet-5's trained coefficient and bias per channel")));
        }
        return TorchRow.of(row, modules.toArray(TorchModule[]::new));
    }

    private boolean poolFitsTorch(Layer.Pool pool) {
        long largest = Arrays.stream(new Expr[] {Plane.height(pool.window()), Plane.width(pool.window()), Plane.height(pool.stride()),
                Plane.width(pool.stride())}).mapToLong(Expr::value).max().orElseThrow();
        if (largest <= POOL_LIMIT) {
            return true;
        }
        diagnostics.add(Code.E0602, row.layer().span(), "PyTorch cannot run this pooling: a window or stride of " + largest
                        + " is beyond 2^31 - 1, and torch's pooling takes them as 32-bit ints",
                "pool in several steps, or use 'gap'/'gmp' for a window over the whole image");
        return false;
    }

    @Override
    public TorchRow visitGlobalPool(Layer.GlobalPool pool) {
        String pooling = pool.pooling() == PoolKind.MAX ? "nn.AdaptiveMaxPool2d(1)" : "nn.AdaptiveAvgPool2d(1)";
        return one(pool.keepDims() ? pooling : "nn.Sequential(" + pooling + ", nn.Flatten())");
    }

    /** On an image, {@code dense N keep} is the same N units at every position: a 1x1 convolution. */
    @Override
    public TorchRow visitDense(Layer.Dense dense) {
        List<String> args = new ArrayList<>();
        noBias(dense.bias(), args);
        String bias = args.isEmpty() ? "" : ", " + args.get(0);
        if (row.inputShape() instanceof Shape.Grid) {
            TorchModule conv = new TorchModule(row.name(), "nn.Conv2d(" + channelsIn() + ", " + num(dense.units()) + ", 1"
                    + bias + ")", List.of("'dense " + num(dense.units()) + " keep': the same units at every position"));
            return new TorchRow(row, List.of(conv), activation(dense.activation()));
        }
        return new TorchRow(row, List.of(new TorchModule(row.name(), "nn.Linear(" + channelsIn() + ", " + num(dense.units()) + bias + ")")),
                activation(dense.activation()));
    }

    @Override
    public TorchRow visitFlatten(Layer.Flatten flatten) {
        return flatten();
    }

    /** Keras flattens channels last: on an image, the values are put in H, W, C order first. */
    private TorchRow flatten() {
        return one(row.inputShape() instanceof Shape.Grid ? "FlattenHWC()" : "nn.Flatten()");
    }

    /** Keras's momentum 0.99 is torch's 0.01; the moving mean and variance are buffers. */
    @Override
    public TorchRow visitBatchNorm(Layer.BatchNorm bn) {
        boolean image = row.inputShape() instanceof Shape.Grid;
        String eps = epsilon(bn.epsilon());
        String momentum = bn.momentum().isEmpty() ? MOMENTUM : decimal(bn.momentum());
        if (!bn.scale()) {
            return one("BatchNormNoScale(" + channelsOut() + ", " + eps + ", " + momentum + (image ? "" : ", image=False") + ")");
        }
        return one((image ? "nn.BatchNorm2d(" : "nn.BatchNorm1d(") + channelsOut() + ", eps=" + eps + ", momentum="
                + momentum + ")");
    }

    @Override
    public TorchRow visitLayerNorm(Layer.LayerNorm ln) {
        String type = row.inputShape() instanceof Shape.Grid ? "ChannelLayerNorm(" : "nn.LayerNorm(";
        return one(type + channelsOut() + ", eps=" + epsilon(ln.epsilon()) + ")");
    }

    @Override
    public TorchRow visitNormalize(Layer.Normalize normalize) {
        if (!normalize.isConstant()) {
            return one("Normalization(" + channelsOut() + ")");
        }
        return one("ConstantNormalization(" + constants(normalize.mean()) + ", " + constants(normalize.variance()) + ")");
    }

    @Override
    public TorchRow visitLayerScale(Layer.LayerScale scale) {
        return one("LayerScale(1e-6, " + channelsOut() + ")");
    }

    /** torch's PReLU with a slope per channel, starting at 0.25 (its default). */
    @Override
    public TorchRow visitPReLU(Layer.PReLU prelu) {
        return one("nn.PReLU(" + channelsOut() + ")");
    }

    /** The scale as written (1/255), which Python divides as floats. */
    @Override
    public TorchRow visitRescale(Layer.Rescale rescale) {
        String scale = num(rescale.factor()) + (rescale.divisor() == null ? "" : " / " + num(rescale.divisor()));
        return one("Rescaling(" + scale + (rescale.offsetValue() == null ? "" : ", " + num(rescale.offsetValue())) + ")");
    }

    @Override
    public TorchRow visitDropout(Layer.Dropout dropout) {
        return one("nn.Dropout(" + num(dropout.rate()) + ")");
    }

    @Override
    public TorchRow visitActivate(Layer.Activate activate) {
        return one(Activations.module(activate.activation()));
    }

    @Override
    public TorchRow visitUpsample(Layer.Upsample upsample) {
        return one("nn.Upsample(scale_factor=" + pair(num(Plane.height(upsample.factor())), num(Plane.width(upsample.factor())))
                + (upsample.bilinear() ? ", mode=\"bilinear\", align_corners=False)" : ", mode=\"nearest\")"));
    }

    @Override
    public TorchRow visitZeroPad(Layer.ZeroPad pad) {
        Layer.Sides s = pad.sides();
        return one("nn.ZeroPad2d(" + sides(num(Plane.left(s)), num(Plane.right(s)), num(Plane.top(s)), num(Plane.bottom(s))) + ")");
    }

    /** Negative padding crops. */
    @Override
    public TorchRow visitCrop(Layer.Crop crop) {
        Layer.Sides s = crop.sides();
        return TorchRow.of(row, new TorchModule(row.name(), "nn.ZeroPad2d(" + sides(negative(Plane.left(s)), negative(Plane.right(s)),
                negative(Plane.top(s)), negative(Plane.bottom(s))) + ")", List.of("negative padding: the rows and columns cropped")));
    }

    @Override
    public TorchRow visitReshape(Layer.Reshape reshape) {
        return one("ReshapeHWC(" + reshape.dims().stream().map(this::num).collect(Collectors.joining(", ")) + ")");
    }

    /** Equal parts as the channels they take; parts of written sizes as torch.split's list and the index taken. */
    @Override
    public TorchRow visitSplit(Layer.Split split) {
        String in = channelsIn();
        if (split.isEven() && !in.matches("[0-9]+")) {
            // in a block's class, of the channels that enter it (MixNet's split len(ks) take i, on any width)
            String parts = num(split.sizes().get(0));
            String part = parts.equals("1") ? in : Sizes.operand(in) + " // " + Sizes.operand(parts);
            long take = split.part().value();
            return one("ChannelSplit(" + (take == 1 ? "0" : take == 2 ? part : (take - 1) + " * (" + part + ")") + ", "
                    + (take == 1 ? part : take + " * (" + part + ")") + ")");
        }
        if (split.isEven()) {
            long channels = ((Shape.Grid) row.inputShape()).channels();
            return one("ChannelSplit(" + split.start(channels) + ", " + split.end(channels) + ")");
        }
        return one("ChannelSlices([" + split.sizes().stream().map(this::num).collect(Collectors.joining(", ")) + "], "
                + (split.part().value() - 1) + ")");
    }

    /** torch's own channel shuffle, which Keras's Lambda reproduces. */
    @Override
    public TorchRow visitShuffle(Layer.Shuffle shuffle) {
        return one("nn.ChannelShuffle(" + num(shuffle.groups()) + ")");
    }

    @Override
    public TorchRow visitJoin(Layer.Join join) {
        return switch (join.merging()) {
            case ADD -> one("Add()");
            case MULTIPLY -> one("Multiply()");
            case CONCAT -> one("Concat()");
            case MATMUL -> one("MatMul()");
            case SELECT -> one("Select(" + (row.inputs().size() - 1) + ")");
        };
    }

    /**
     * Adds the stride, padding and dilation arguments of a convolution: torch's own padding where the
     * checker's zeros are alike on both sides, else a ZeroPad2d in front ({@code conv1_pad}, returned).
     */
    private TorchModule sliding(Size stride, Expr dilation, Padding padding, List<String> args) {
        Footprint.Sliding window = (Footprint.Sliding) row.footprint();
        Axis height = Plane.height(window);
        Axis width = Plane.width(window);
        if (!isOne(stride)) {
            args.add("stride=" + size(stride));
        }
        TorchModule zeros = null;
        if (even(height) && even(width)) {
            if (padding instanceof Padding.Same && isOne(stride) && (height.isPadded() || width.isPadded())) {
                // torch's own "same" (stride 1, the zeros alike on both sides): what Keras's is, for any kernel size
                args.add("padding=\"same\"");
            } else if (height.isPadded() || width.isPadded()) {
                args.add("padding=" + pair(height.padBefore(), width.padBefore()));
            }
        } else {
            zeros = new TorchModule(row.name() + "_pad", "nn.ZeroPad2d(" + zeros(height, width) + ")",
                    List.of("Keras's \"same\" puts the odd zero at the bottom and right: (left, right, top, bottom)"));
        }
        if (!num(dilation).equals("1")) {
            args.add("dilation=" + num(dilation));
        }
        return zeros;
    }

    private TorchRow finish(TorchModule zeros, String type, List<String> args, Activation activation) {
        TorchModule layer = new TorchModule(row.name(), call(type, args));
        return new TorchRow(row, zeros == null ? List.of(layer) : List.of(zeros, layer), activation(activation));
    }

    private static Activation activation(Activation activation) {
        return activation;
    }

    private TorchRow one(String constructor) {
        return TorchRow.of(row, new TorchModule(row.name(), constructor));
    }

    /** The channels of the (first) input image, or the length of an input vector. */
    private String channelsIn() {
        return sizes.channelsIn(row);
    }

    /** The channels of an image, or the length of a vector: what a normalisation acts on. */
    private String channelsOut() {
        return sizes.channelsOut(row);
    }

    private static String times(String a, String b) {
        if (b.equals("1")) {
            return a;
        }
        if (isNumber(a) && isNumber(b)) {
            return Long.toString(Math.multiplyExact(Long.parseLong(a), Long.parseLong(b)));
        }
        return Sizes.operand(a) + " * " + Sizes.operand(b);
    }

    private static boolean isNumber(String text) {
        return text.matches("-?[0-9]+");
    }

    private String negative(Expr expr) {
        String text = num(expr);
        return isNumber(text) ? Long.toString(-Long.parseLong(text)) : "-" + Sizes.operand(text);
    }

    private static boolean even(Axis axis) {
        return axis.padBefore() == axis.padAfter();
    }

    /** F.pad's order: (left, right, top, bottom). */
    private static String zeros(Axis height, Axis width) {
        return sides(width.padBefore(), width.padAfter(), height.padBefore(), height.padAfter());
    }

    private static String sides(long left, long right, long top, long bottom) {
        return sides(Long.toString(left), Long.toString(right), Long.toString(top), Long.toString(bottom));
    }

    private static String sides(String left, String right, String top, String bottom) {
        return "(" + left + ", " + right + ", " + top + ", " + bottom + ")";
    }

    private static String call(String type, List<String> args) {
        return type + "(" + String.join(", ", args) + ")";
    }

    private static void noBias(boolean bias, List<String> args) {
        if (!bias) {
            args.add("bias=False");
        }
    }

    private static String epsilon(String written) {
        return written.isEmpty() ? KERAS_EPSILON : decimal(written);
    }

    /** One number or one per channel, as written, as a Python list. */
    private static String constants(List<String> numbers) {
        return "[" + numbers.stream().map(LayerTranslator::decimal).collect(Collectors.joining(", ")) + "]";
    }

    private String size(Size size) {
        return pair(num(Plane.height(size)), num(Plane.width(size)));
    }

    private static String pair(long height, long width) {
        return pair(Long.toString(height), Long.toString(width));
    }

    private static String pair(String height, String width) {
        return height.equals(width) ? height : "(" + height + ", " + width + ")";
    }

    private boolean isOne(Size size) {
        return num(Plane.height(size)).equals("1") && num(Plane.width(size)).equals("1");
    }

    private boolean sameSize(Size a, Size b) {
        return num(Plane.height(a)).equals(num(Plane.height(b))) && num(Plane.width(a)).equals(num(Plane.width(b)));
    }

    /** A number as written (007.50, .5, -1) as a Python literal: 7.50, 0.5, -1. */
    private static String decimal(String text) {
        return new BigDecimal(text).toPlainString();
    }

    private String num(Expr expr) {
        return sizes.num(expr);
    }
}
