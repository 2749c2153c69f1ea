package cnnc.backend.torch;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size;
import cnnc.check.Axis;
import cnnc.check.CheckedLayer;
import cnnc.check.Footprint;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Translates one checked layer into PyTorch submodules, one method per layer kind, so that the module
 * computes what the Keras module computes (channels first). Shapes, paddings and counts are the
 * checker's; this class writes them as torch arguments, and reports what torch cannot run (E0602).
 */
final class LayerTranslator implements Layer.Visitor<TorchRow> {
    /** ATen's pooling kernels take the window and stride as 32-bit ints. */
    private static final long POOL_LIMIT = Integer.MAX_VALUE;
    /** Compiled once, as String.matches would at every call. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]+");
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
        return finish(zeros, nn("Conv"), args, conv.activation());
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
        return finish(zeros, nn("Conv"), args, conv.activation());
    }

    @Override
    public TorchRow visitSeparableConv(Layer.SeparableConv conv) {
        if (rank() == 3) {
            return separable3d(conv);
        }
        List<String> args = new ArrayList<>(List.of(channelsIn(), num(conv.filters()), size(conv.kernel())));
        TorchModule zeros = sliding(conv.stride(), conv.dilation(), conv.padding(), args);
        if (!num(conv.multiplier()).equals("1")) {
            args.add("depth_multiplier=" + num(conv.multiplier()));
        }
        noBias(conv.bias(), args);
        return finish(zeros, "SeparableConv" + rank() + "d", args, conv.activation());
    }

    /**
     * Keras has no SeparableConv3D, and writes its two steps as two Conv3D layers (a depthwise one with a
     * group per channel, without bias, then a 1x1x1 one): torch's two nn.Conv3d, with the same names.
     */
    private TorchRow separable3d(Layer.SeparableConv conv) {
        String channels = channelsIn();
        String depth = times(channels, num(conv.multiplier()));
        List<String> args = new ArrayList<>(List.of(channels, depth, size(conv.kernel())));
        TorchModule zeros = sliding(conv.stride(), conv.dilation(), conv.padding(), args);
        args.add("groups=" + channels);
        args.add("bias=False");
        List<String> pointwise = new ArrayList<>(List.of(depth, num(conv.filters()), "1"));
        noBias(conv.bias(), pointwise);
        List<TorchModule> modules = new ArrayList<>();
        if (zeros != null) {
            modules.add(zeros);
        }
        modules.add(new TorchModule(row.name() + "_depthwise", call("nn.Conv3d", args),
                List.of("sepconv's depthwise step: a group per input channel, no bias")));
        modules.add(new TorchModule(row.name(), call("nn.Conv3d", pointwise)));
        return new TorchRow(row, modules, activation(conv.activation()));
    }

    /**
     * torch's transposed convolution cuts {@code padding} rows at both ends of its full output, and
     * adds {@code output_padding} at the end; Keras cuts the odd row of "same" at the end (cut here by a
     * crop behind) and adds its rows beyond the full output where the window is narrower than the stride.
     */
    @Override
    public TorchRow visitTransposedConv(Layer.TransposedConv conv) {
        List<Axis> axes = ((Footprint.Transposed) row.footprint()).axes();
        List<String> args = new ArrayList<>(List.of(channelsIn(), num(conv.filters()), size(conv.kernel())));
        if (!isOne(conv.stride())) {
            args.add("stride=" + size(conv.stride()));
        }
        List<Long> pads = new ArrayList<>();
        List<Long> tails = new ArrayList<>();
        List<Long> before = new ArrayList<>();
        List<Long> after = new ArrayList<>();
        for (Axis axis : axes) {
            long pad = Math.min(axis.padBefore(), axis.padAfter());
            pads.add(pad);
            tails.add(axis.tail());
            before.add(pad - axis.padBefore());
            after.add(pad - axis.padAfter());
        }
        if (pads.stream().anyMatch(pad -> pad != 0)) {
            args.add("padding=" + tuple(pads));
        }
        if (tails.stream().anyMatch(tail -> tail != 0)) {
            args.add("output_padding=" + tuple(tails));
        }
        if (!num(conv.dilation()).equals("1")) {
            args.add("dilation=" + num(conv.dilation()));
        }
        noBias(conv.bias(), args);
        List<TorchModule> modules = new ArrayList<>(List.of(new TorchModule(row.name(), call(nn("ConvTranspose"), args))));
        if (before.stream().anyMatch(cut -> cut != 0) || after.stream().anyMatch(cut -> cut != 0)) {
            modules.add(new TorchModule(row.name() + "_crop", nn("ZeroPad") + "(" + sides(before, after) + ")",
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
        List<Axis> axes = ((Footprint.Sliding) row.footprint()).axes();
        boolean max = pool.pooling() == PoolKind.MAX;
        // written padding ('pad P') is PyTorch's: an average counts its zeros; Keras's "same" counts real inputs only
        boolean written = pool.padding() instanceof Padding.Explicit;
        List<String> args = new ArrayList<>(List.of(size(pool.window())));
        if (!sameSize(pool.stride(), pool.window())) {
            args.add("stride=" + size(pool.stride()));
        }
        List<TorchModule> modules = new ArrayList<>();
        boolean own = axes.stream().allMatch(axis -> even(axis) && 2 * axis.padBefore() <= axis.kernel());
        if (own && padded(axes)) {
            args.add("padding=" + tuple(axes.stream().map(Axis::padBefore).toList()));
            if (!max && !written) {
                args.add("count_include_pad=False");
            }
        }
        if (own || !max) {
            modules.add(new TorchModule(row.name(), own ? call(nn(max ? "MaxPool" : "AvgPool"), args)
                    : TorchClasses.ranked("AvgPoolSame", rank()) + "(" + size(pool.window()) + ", " + size(pool.stride())
                            + ", " + zeros(axes) + ")"));
        } else {
            modules.add(new TorchModule(row.name() + "_pad", nn("ConstantPad") + "(" + zeros(axes) + ", float(\"-inf\"))",
                    List.of((written || pool.ceil() ? "PyTorch's padding and the rows 'ceil' reads past the input" : "Keras's \"same\"")
                            + ": -inf around the input of " + row.name() + ", which no window takes as its maximum")));
            modules.add(new TorchModule(row.name(), call(nn("MaxPool"), args)));
        }
        if (pool.scaled()) {
            modules.add(new TorchModule(row.name() + "_scale", TorchClasses.ranked("PerChannel", rank()) + "(" + channelsOut() + ")",
                    List.of("'scaled': LeNet-5's trained coefficient and bias per channel")));
        }
        return TorchRow.of(row, modules.toArray(TorchModule[]::new));
    }

    private boolean poolFitsTorch(Layer.Pool pool) {
        long largest = java.util.stream.Stream.concat(pool.window().along(rank()).stream(), pool.stride().along(rank()).stream())
                .mapToLong(Expr::value).max().orElseThrow();
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
        String pooling = nn(pool.pooling() == PoolKind.MAX ? "AdaptiveMaxPool" : "AdaptiveAvgPool") + "(1)";
        return one(pool.keepDims() ? pooling : "nn.Sequential(" + pooling + ", nn.Flatten())");
    }

    /** On an image, {@code dense N keep} is the same N units at every position: a 1x1 convolution. */
    @Override
    public TorchRow visitDense(Layer.Dense dense) {
        List<String> args = new ArrayList<>();
        noBias(dense.bias(), args);
        String bias = args.isEmpty() ? "" : ", " + args.get(0);
        if (row.inputShape() instanceof Shape.Grid) {
            TorchModule conv = new TorchModule(row.name(), nn("Conv") + "(" + channelsIn() + ", " + num(dense.units()) + ", 1"
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
        return one(row.inputShape() instanceof Shape.Grid grid ? TorchClasses.ranked("FlattenHWC", grid.rank()) + "()"
                : "nn.Flatten()");
    }

    /** Keras's momentum 0.99 is torch's 0.01; the moving mean and variance are buffers. */
    @Override
    public TorchRow visitBatchNorm(Layer.BatchNorm bn) {
        // a vector's and a sequence's BatchNorm1d, an image's BatchNorm2d, a volume's BatchNorm3d
        int rank = row.inputShape() instanceof Shape.Grid grid ? grid.rank() : 1;
        String eps = epsilon(bn.epsilon());
        String momentum = bn.momentum().isEmpty() ? MOMENTUM : decimal(bn.momentum());
        if (!bn.scale()) {
            String type = rank == 3 ? TorchClasses.ranked("BatchNormNoScale", 3) : "BatchNormNoScale";
            return one(type + "(" + channelsOut() + ", " + eps + ", " + momentum + (rank == 1 ? ", image=False" : "") + ")");
        }
        return one("nn.BatchNorm" + rank + "d(" + channelsOut() + ", eps=" + eps + ", momentum=" + momentum + ")");
    }

    @Override
    public TorchRow visitLayerNorm(Layer.LayerNorm ln) {
        String type = row.inputShape() instanceof Shape.Grid grid ? TorchClasses.ranked("ChannelLayerNorm", grid.rank()) + "("
                : "nn.LayerNorm(";
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
        String mode = switch (rank()) {
            case 1 -> "linear";
            case 2 -> "bilinear";
            default -> "trilinear";
        };
        return one("nn.Upsample(scale_factor=" + size(upsample.factor())
                + (upsample.bilinear() ? ", mode=\"" + mode + "\", align_corners=False)" : ", mode=\"nearest\")"));
    }

    @Override
    public TorchRow visitZeroPad(Layer.ZeroPad pad) {
        Layer.Sides s = pad.sides();
        return one(nn("ZeroPad") + "(" + sides(s.before(rank()).stream().map(this::num).toList(),
                s.after(rank()).stream().map(this::num).toList()) + ")");
    }

    /** Negative padding crops. */
    @Override
    public TorchRow visitCrop(Layer.Crop crop) {
        Layer.Sides s = crop.sides();
        return TorchRow.of(row, new TorchModule(row.name(), nn("ZeroPad") + "(" + sides(s.before(rank()).stream()
                .map(this::negative).toList(), s.after(rank()).stream().map(this::negative).toList()) + ")",
                List.of("negative padding: the rows and columns cropped")));
    }

    @Override
    public TorchRow visitReshape(Layer.Reshape reshape) {
        boolean image = !(row.inputShape() instanceof Shape.Grid in && in.rank() != 2)
                && !(row.outputShape() instanceof Shape.Grid out && out.rank() != 2);
        return one((image ? "ReshapeHWC(" : "ReshapeChannelsLast(") + reshape.dims().stream().map(this::num).collect(Collectors.joining(", ")) + ")");
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

    /** torch's own channel shuffle, which the Keras module's ChannelShuffle reproduces. */
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
        List<Axis> axes = ((Footprint.Sliding) row.footprint()).axes();
        if (!isOne(stride)) {
            args.add("stride=" + size(stride));
        }
        TorchModule zeros = null;
        if (axes.stream().allMatch(LayerTranslator::even)) {
            if (padding instanceof Padding.Same && isOne(stride) && padded(axes)) {
                // torch's own "same" (stride 1, the zeros alike on both sides): what Keras's is, for any kernel size
                args.add("padding=\"same\"");
            } else if (padded(axes)) {
                args.add("padding=" + tuple(axes.stream().map(Axis::padBefore).toList()));
            }
        } else {
            zeros = new TorchModule(row.name() + "_pad", nn("ZeroPad") + "(" + zeros(axes) + ")",
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
        return WHOLE_NUMBER.matcher(text).matches();
    }

    private String negative(Expr expr) {
        String text = num(expr);
        return isNumber(text) ? Long.toString(-Long.parseLong(text)) : "-" + Sizes.operand(text);
    }

    private static boolean even(Axis axis) {
        return axis.padBefore() == axis.padAfter();
    }

    private static boolean padded(List<Axis> axes) {
        return axes.stream().anyMatch(Axis::isPadded);
    }

    /** F.pad's order: the last axis first, (left, right, top, bottom) on an image, then (front, back) on a volume. */
    private static String zeros(List<Axis> axes) {
        return sides(axes.stream().map(Axis::padBefore).toList(), axes.stream().map(Axis::padAfter).toList());
    }

    private static String sides(List<?> before, List<?> after) {
        List<String> sides = new ArrayList<>();
        for (int axis = before.size() - 1; axis >= 0; axis--) {
            sides.add(before.get(axis).toString());
            sides.add(after.get(axis).toString());
        }
        return "(" + String.join(", ", sides) + ")";
    }

    /** torch's class of the row's rank: {@code nn("Conv")} is nn.Conv1d, nn.Conv2d or nn.Conv3d. */
    private String nn(String stem) {
        return "nn." + stem + rank() + "d";
    }

    /** The spatial axes of the grid the row reads, or makes from a vector (reshape). */
    private int rank() {
        if (row.inputShape() instanceof Shape.Grid grid) {
            return grid.rank();
        }
        return row.outputShape() instanceof Shape.Grid grid ? grid.rank() : 2;
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

    /** One number where every axis has it, else a tuple of one per axis. */
    private String size(Size size) {
        List<Expr> axes = size.along(rank());
        List<String> texts = new ArrayList<>(axes.size());
        for (Expr axis : axes) {
            texts.add(num(axis));
        }
        return tuple(texts);
    }

    private static String tuple(List<?> values) {
        List<String> texts = new ArrayList<>(values.size());
        boolean alike = true;
        for (Object value : values) {
            String text = value.toString();
            alike = alike && (texts.isEmpty() || text.equals(texts.get(0)));
            texts.add(text);
        }
        return alike && !texts.isEmpty() ? texts.get(0) : "(" + String.join(", ", texts) + ")";
    }

    private boolean isOne(Size size) {
        for (Expr axis : size.along(rank())) {
            if (!num(axis).equals("1")) {
                return false;
            }
        }
        return true;
    }

    private boolean sameSize(Size a, Size b) {
        return a.along(rank()).stream().map(this::num).toList().equals(b.along(rank()).stream().map(this::num).toList());
    }

    /** A number as written (007.50, .5, -1) as a Python literal: 7.50, 0.5, -1. */
    private static String decimal(String text) {
        return new BigDecimal(text).toPlainString();
    }

    private String num(Expr expr) {
        return sizes.num(expr);
    }
}
