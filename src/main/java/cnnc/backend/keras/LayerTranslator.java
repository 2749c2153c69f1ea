package cnnc.backend.keras;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size;
import cnnc.backend.PythonText;
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
 * Translates one checked layer into Keras layers, one method per layer kind. Shapes and counts are
 * the checker's; this class only writes the literals of the layer as Keras arguments, and reports
 * what Keras cannot express (E0600).
 */
final class LayerTranslator implements Layer.Visitor<KerasRow> {
    private final Diagnostics diagnostics;
    private final java.util.function.Function<Expr, String> numbers;
    private CheckedLayer row;

    /** The numbers as their values, as the model's top level writes them. */
    private static final java.util.function.Function<Expr, String> VALUES = cnnc.backend.ExprText::value;

    LayerTranslator(Diagnostics diagnostics) {
        this(diagnostics, VALUES);
    }

    /** A translator that writes a layer's numbers as {@code numbers} says: in a block's function, its parameters. */
    LayerTranslator(Diagnostics diagnostics, java.util.function.Function<Expr, String> numbers) {
        this.diagnostics = diagnostics;
        this.numbers = numbers;
    }

    /** The row's Keras layers, or null if Keras cannot express it (with a diagnostic). */
    KerasRow translate(CheckedLayer row) {
        this.row = row;
        return row.implicit() ? one("Flatten", List.of()) : row.layer().accept(this);
    }

    @Override
    public KerasRow visitGlobalPool(Layer.GlobalPool pool) {
        return one(ranked(pool.pooling() == PoolKind.MAX ? "GlobalMaxPooling" : "GlobalAveragePooling"),
                pool.keepDims() ? List.of("keepdims=True") : List.of());
    }

    @Override
    public KerasRow visitDense(Layer.Dense dense) {
        List<String> args = new ArrayList<>(List.of(num(dense.units())));
        noBias(dense.bias(), args);
        Activations.argument(dense.activation()).ifPresent(args::add);
        return withSlope(KerasRow.of(row, new KerasLayer(row.name(), "Dense", args)), dense.activation());
    }

    @Override
    public KerasRow visitFlatten(Layer.Flatten flatten) {
        return one("Flatten", List.of());
    }

    @Override
    public KerasRow visitBatchNorm(Layer.BatchNorm bn) {
        List<String> args = new ArrayList<>();
        if (!bn.scale()) {
            args.add("scale=False");
        }
        epsilon(bn.epsilon(), args);
        if (!bn.momentum().isEmpty()) {
            args.add("momentum=" + decimal(bn.keepRate())); // Keras's is the old average's weight: 1 - PyTorch's
        }
        return one("BatchNormalization", args);
    }

    @Override
    public KerasRow visitLayerNorm(Layer.LayerNorm ln) {
        List<String> args = new ArrayList<>();
        epsilon(ln.epsilon(), args);
        return one("LayerNormalization", args);
    }

    @Override
    public KerasRow visitDropout(Layer.Dropout dropout) {
        return one("Dropout", List.of(num(dropout.rate())));
    }

    @Override
    public KerasRow visitActivate(Layer.Activate activate) {
        return Activations.slopeLayer(row.name(), activate.activation()).map(layer -> KerasRow.of(row, layer))
                .orElseGet(() -> one("Activation", List.of(PythonText.stringLiteral(Activations.name(
                        activate.activation().kind())))));
    }

    /** UpSampling1D and UpSampling3D only repeat: interpolation is UpSampling2D's alone. */
    @Override
    public KerasRow visitUpsample(Layer.Upsample upsample) {
        if (upsample.bilinear() && rank() != 2) {
            diagnostics.add(Code.E0600, upsample.span(), "Keras cannot interpolate when it upsamples a " + grid().noun()
                    + " (" + grid() + "): UpSampling" + rank() + "D only repeats each value (UpSampling2D alone takes "
                    + "interpolation=\"bilinear\")", "drop 'bilinear' to repeat the values (nearest), or write the model "
                    + "for PyTorch (cnnc torch writes nn.Upsample(mode=\"" + (rank() == 1 ? "linear" : "trilinear") + "\"))");
            return null;
        }
        List<String> args = new ArrayList<>(List.of(rank() == 1 ? num(upsample.factor().along(1).get(0)) : size(upsample.factor())));
        if (upsample.bilinear()) {
            args.add("interpolation=\"bilinear\"");
        }
        return one(ranked("UpSampling"), args);
    }

    @Override
    public KerasRow visitZeroPad(Layer.ZeroPad pad) {
        return one(ranked("ZeroPadding"), List.of(sides(pad.sides())));
    }

    @Override
    public KerasRow visitCrop(Layer.Crop crop) {
        return one(ranked("Cropping"), List.of(sides(crop.sides())));
    }

    @Override
    public KerasRow visitReshape(Layer.Reshape reshape) {
        return one("Reshape", List.of(tuple(reshape.dims().stream().map(this::num).toList())));
    }

    /** The scale as written (1/255), which Python divides as floats. */
    @Override
    public KerasRow visitRescale(Layer.Rescale rescale) {
        List<String> args = new ArrayList<>(List.of("scale=" + num(rescale.factor())
                + (rescale.divisor() == null ? "" : " / " + num(rescale.divisor()))));
        if (rescale.offsetValue() != null) {
            args.add("offset=" + num(rescale.offsetValue()));
        }
        return one("Rescaling", args);
    }

    @Override
    public KerasRow visitNormalize(Layer.Normalize normalize) {
        if (!normalize.isConstant()) {
            return one("Normalization", List.of());
        }
        return one("Normalization", List.of("mean=" + constants(normalize.mean()), "variance=" + constants(normalize.variance())));
    }

    /** One number as a Python number, several as a list. */
    private static String constants(List<String> numbers) {
        List<String> values = numbers.stream().map(LayerTranslator::decimal).toList();
        return values.size() == 1 ? values.get(0) : "[" + String.join(", ", values) + "]";
    }

    /** ConvNeXt's initial value, 1e-6, for gamma. */
    @Override
    public KerasRow visitLayerScale(Layer.LayerScale scale) {
        long size = row.outputShape().dims().get(row.outputShape().dims().size() - 1);
        return KerasRow.of(row, new KerasLayer(row.name(), ModuleClasses.LAYER_SCALE, List.of("1e-6", Long.toString(size)),
                List.of("ConvNeXt's LayerScale (the class above): " + size + " gammas starting at 1e-6")));
    }

    /**
     * The module's Split: equal parts as their count ({@code Split(2, 0)}), parts of written sizes as their list, in a
     * block's function as the expressions of its parameters ({@code Split([bw, in_channels - bw], 1)}, DPN's), and the
     * part from 0. It takes parts, not channels, so a block's function serves whatever channels enter.
     */
    @Override
    public KerasRow visitSplit(Layer.Split split) {
        List<String> sizes = split.sizes().stream().map(this::num).toList();
        String parts = split.isEven() ? sizes.get(0) : "[" + String.join(", ", sizes) + "]";
        List<String> args = List.of(parts, Long.toString(split.part().value() - 1));
        if (!numbers.equals(VALUES)) {
            return KerasRow.of(row, new KerasLayer(row.name(), ModuleClasses.SPLIT, args));
        }
        long channels = ((Shape.Grid) row.inputShape()).channels();
        return KerasRow.of(row, new KerasLayer(row.name(), ModuleClasses.SPLIT, args, List.of("split "
                + split.sizesText() + " take " + split.part().value() + ": channels " + split.start(channels) + " to "
                + (split.end(channels) - 1))));
    }

    /** Keras's PReLU, one alpha per channel (the height and width shared), from torch's 0.25. */
    @Override
    public KerasRow visitPReLU(Layer.PReLU prelu) {
        List<String> args = new ArrayList<>(List.of("alpha_initializer=keras.initializers.Constant(0.25)"));
        if (row.inputShape() instanceof Shape.Grid grid) {
            List<String> axes = new ArrayList<>();
            for (int axis = 1; axis <= grid.rank(); axis++) {
                axes.add(Integer.toString(axis));
            }
            args.add("shared_axes=[" + String.join(", ", axes) + "]");
        }
        return one("PReLU", args);
    }

    /** The module's ChannelShuffle, torch's nn.ChannelShuffle channels last. */
    @Override
    public KerasRow visitShuffle(Layer.Shuffle shuffle) {
        return one(ModuleClasses.CHANNEL_SHUFFLE, List.of(num(shuffle.groups())));
    }

    @Override
    public KerasRow visitJoin(Layer.Join join) {
        return switch (join.merging()) {
            case ADD -> one("Add", List.of());
            case MULTIPLY -> one("Multiply", List.of());
            case CONCAT -> one("Concatenate", List.of("axis=-1"));
            case MATMUL, SELECT -> imageOnly(join) ? null : joinClass(join);
        };
    }

    /** cnnc's MatMul and Select classes read an image's height and width. */
    private boolean imageOnly(Layer.Join join) {
        if (rank() == 2 || !(row.outputShape() instanceof Shape.Grid)) {
            return false;
        }
        diagnostics.add(Code.E0600, join.span(), "cnnc does not write Keras's '" + join.merging().word() + "' of "
                + article(grid().noun()) + " (" + grid() + "): its " + (join.merging() == cnnc.ast.MergeKind.MATMUL ? ModuleClasses.MATMUL
                : ModuleClasses.SELECT) + " layer is written for images (HxWxC) only", "cnnc torch writes it at every rank");
        return true;
    }

    private KerasRow joinClass(Layer.Join join) {
        return switch (join.merging()) {
            case ADD, MULTIPLY, CONCAT -> throw new IllegalStateException(join.merging() + " is a Keras layer");
            case MATMUL -> KerasRow.of(row, new KerasLayer(row.name(), ModuleClasses.MATMUL, List.of(),
                    List.of("the class above: the first branch's rows times the second's positions")));
            case SELECT -> KerasRow.of(row, new KerasLayer(row.name(), ModuleClasses.SELECT,
                    List.of(Integer.toString(row.inputs().size() - 1)), List.of("the class above: the last input is the logits 'by' made")));
        };
    }

    @Override
    public KerasRow visitConv(Layer.Conv conv) {
        if (!strideWithDilationAllowed(ranked("Conv"), conv.stride(), conv.dilation())) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of(num(conv.filters()), size(conv.kernel())));
        KerasLayer zeros = sliding(conv.stride(), conv.padding(), conv.dilation(), args);
        if (!num(conv.groups()).equals("1")) {
            args.add("groups=" + num(conv.groups()));
        }
        return finish(zeros, ranked("Conv"), args, conv.bias(), conv.activation());
    }

    /** Keras has no DepthwiseConv3D: a Conv3D with a group per input channel is the same layer. */
    @Override
    public KerasRow visitDepthwiseConv(Layer.DepthwiseConv conv) {
        if (rank() == 3) {
            List<String> args = new ArrayList<>();
            KerasLayer zeros = depthwise3d(conv.kernel(), conv.stride(), conv.padding(), conv.dilation(), conv.multiplier(),
                    args);
            noBias(conv.bias(), args);
            Activations.argument(conv.activation()).ifPresent(args::add);
            KerasLayer layer = new KerasLayer(row.name(), "Conv3D", args,
                    List.of("Keras has no DepthwiseConv3D: a Conv3D with a group per input channel is the same layer"));
            return withSlope(zeros == null ? KerasRow.of(row, layer) : KerasRow.of(row, zeros, layer), conv.activation());
        }
        List<String> args = new ArrayList<>(List.of(size(conv.kernel())));
        KerasLayer zeros = sliding(conv.stride(), conv.padding(), conv.dilation(), args);
        multiplier(conv.multiplier(), args);
        return finish(zeros, ranked("DepthwiseConv"), args, conv.bias(), conv.activation());
    }

    /** Keras has no SeparableConv3D: its two steps, a depthwise Conv3D (a group per channel, no bias) then a 1x1x1 Conv3D. */
    @Override
    public KerasRow visitSeparableConv(Layer.SeparableConv conv) {
        if (rank() == 3) {
            List<String> args = new ArrayList<>();
            KerasLayer zeros = depthwise3d(conv.kernel(), conv.stride(), conv.padding(), conv.dilation(), conv.multiplier(),
                    args);
            args.add("use_bias=False");
            List<KerasLayer> layers = new ArrayList<>();
            if (zeros != null) {
                layers.add(zeros);
            }
            layers.add(new KerasLayer(row.name() + "_depthwise", "Conv3D", args,
                    List.of("sepconv's depthwise step: a group per input channel, no bias")));
            List<String> pointwise = new ArrayList<>(List.of(num(conv.filters()), "1"));
            noBias(conv.bias(), pointwise);
            Activations.argument(conv.activation()).ifPresent(pointwise::add);
            layers.add(new KerasLayer(row.name(), "Conv3D", pointwise));
            return withSlope(new KerasRow(row, layers, List.of()), conv.activation());
        }
        List<String> args = new ArrayList<>(List.of(num(conv.filters()), size(conv.kernel())));
        KerasLayer zeros = sliding(conv.stride(), conv.padding(), conv.dilation(), args);
        multiplier(conv.multiplier(), args);
        return finish(zeros, ranked("SeparableConv"), args, conv.bias(), conv.activation());
    }

    @Override
    public KerasRow visitTransposedConv(Layer.TransposedConv conv) {
        if (!strideWithDilationAllowed(ranked("Conv") + "Transpose", conv.stride(), conv.dilation())) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of(num(conv.filters()), size(conv.kernel())));
        // a deconv is valid or same, never 'pad P' (the parser says so), so it needs no zeros in front
        KerasLayer zeros = sliding(conv.stride(), conv.padding(), conv.dilation(), args);
        return finish(zeros, ranked("Conv") + "Transpose", args, conv.bias(), conv.activation());
    }

    /** A volume's depthwise step as Conv3D's arguments (C x M filters, a group per channel); its zeros in front, or null. */
    private KerasLayer depthwise3d(Size kernel, Size stride, Padding padding, Expr dilation, Expr multiplier,
                                   List<String> args) {
        long channels = grid().channels();
        args.add(Long.toString(channels * multiplier.value()));
        args.add(size(kernel));
        KerasLayer zeros = sliding(stride, padding, dilation, args);
        args.add("groups=" + channels);
        return zeros;
    }

    /** The row's layer after its optional helper, with the bias and activation arguments. */
    private KerasRow finish(KerasLayer zeros, String type, List<String> args, boolean bias,
                            cnnc.ast.Activation activation) {
        noBias(bias, args);
        Activations.argument(activation).ifPresent(args::add);
        KerasLayer layer = new KerasLayer(row.name(), type, args);
        return withSlope(zeros == null ? KerasRow.of(row, layer) : KerasRow.of(row, zeros, layer), activation);
    }

    /** The row with a leaky ReLU behind it where its slope is written ({@code conv1_leakyrelu}). */
    private KerasRow withSlope(KerasRow translated, cnnc.ast.Activation activation) {
        return Activations.slopeLayer(row.name() + "_leakyrelu", activation).map(slope -> {
            List<KerasLayer> layers = new ArrayList<>(translated.layers());
            layers.add(slope);
            return new KerasRow(row, layers, translated.notes());
        }).orElse(translated);
    }

    /**
     * Adds the stride, padding and dilation arguments; returns the ZeroPadding2D that {@code pad P}
     * needs in front (Keras's own padding is only "valid" or "same"), or null.
     */
    private KerasLayer sliding(Size stride, Padding padding, Expr dilation, List<String> args) {
        if (!isOne(stride)) {
            args.add("strides=" + size(stride));
        }
        KerasLayer zeros = null;
        if (padding instanceof Padding.Same) {
            args.add("padding=\"same\"");
        } else if (padding instanceof Padding.Explicit explicit
                && explicit.amount().written().stream().anyMatch(pad -> pad.value() > 0)) {
            zeros = new KerasLayer(row.name() + "_pad", ranked("ZeroPadding"), List.of(size(explicit.amount())),
                    List.of("'pad " + written(explicit.amount()) + "': the zeros in front of " + row.name()
                            + ", whose own padding is then \"valid\""));
        }
        if (!num(dilation).equals("1")) {
            args.add("dilation_rate=" + num(dilation));
        }
        return zeros;
    }

    /** Keras's pooling, like cnnc's, has the window as its default stride; 'scaled' adds a 1x1 depthwise layer. */
    @Override
    public KerasRow visitPool(Layer.Pool pool) {
        List<String> args = new ArrayList<>(List.of(size(pool.window())));
        if (!sameSize(pool.stride(), pool.window())) {
            args.add("strides=" + size(pool.stride()));
        }
        if (pool.padding() instanceof Padding.Same) {
            args.add("padding=\"same\"");
        }
        KerasLayer pooling = new KerasLayer(row.name(), ranked(pool.pooling() == PoolKind.MAX ? "MaxPooling" : "AveragePooling"),
                args);
        List<KerasLayer> layers = new ArrayList<>();
        KerasLayer padding = poolPadding(pool);
        if (padding != null) {
            layers.add(padding);
        }
        layers.add(pooling);
        if (pool.scaled()) {
            long channels = ((Shape.Grid) row.outputShape()).channels();
            layers.add(new KerasLayer(row.name() + "_scale", rank() == 3 ? "Conv3D" : ranked("DepthwiseConv"),
                    rank() == 3 ? List.of(Long.toString(channels), "1", "groups=" + channels, "kernel_initializer=\"ones\"")
                            : List.of("1", "depthwise_initializer=\"ones\""),
                    List.of("'scaled': LeNet-5's trainable coefficient and bias per channel (2 x " + channels + "),",
                            "a 1x1 depthwise convolution that starts as the identity")));
        }
        return new KerasRow(row, layers, List.of());
    }

    /**
     * Keras pools only "valid" or "same": PyTorch's padding (and the rows 'ceil' reads past it) are
     * added in front, as zeros for an average (which counts them, as PyTorch's count_include_pad) and
     * as -inf for a max (which never picks them, as PyTorch's: the module's MaxPoolPadding, one (before,
     * after) pair per axis); the pool itself is then "valid". Null when the pool needs none.
     */
    private KerasLayer poolPadding(Layer.Pool pool) {
        List<Axis> axes = ((Footprint.Sliding) row.footprint()).axes();
        if (pool.padding() instanceof Padding.Same || axes.stream().noneMatch(Axis::isPadded)) {
            return null;
        }
        String sides = tuple(axes.stream().map(axis -> "(" + axis.padBefore() + ", " + axis.padAfter() + ")").toList());
        String why = pool.ceil() ? "'ceil' (PyTorch's ceil_mode)" : "'pad'";
        String then = "; " + row.name() + " is then \"valid\"";
        if (pool.pooling() == PoolKind.AVG) {
            return new KerasLayer(row.name() + "_pad", ranked("ZeroPadding"), List.of(rank() == 1 ? sides.substring(1,
                    sides.length() - 2) : sides), List.of(
                    why + ": zeros, which the average counts (PyTorch's count_include_pad)" + then));
        }
        return new KerasLayer(row.name() + "_pad", ModuleClasses.MAX_POOL_PADDING, List.of(sides),
                List.of(why + ": -inf, which the max never picks (PyTorch's padding)" + then));
    }

    /** Keras 3 refuses strides > 1 together with dilation_rate > 1 in Conv2D and Conv2DTranspose. */
    private boolean strideWithDilationAllowed(String type, Size stride, Expr dilation) {
        if (isOne(stride) || dilation.value() == 1) {
            return true;
        }
        diagnostics.add(Code.E0600, row.layer().span(), "Keras cannot combine stride " + stride.along(rank()).stream()
                .map(axis -> Long.toString(axis.value())).collect(Collectors.joining("x")) + " with dilation " + dilation.value() + ": Keras 3's " + type
                + " refuses strides > 1 together with dilation_rate > 1",
                "use stride 1 with the dilation and downsample afterwards (e.g. a pool), or drop the dilation");
        return false;
    }

    private KerasRow one(String type, List<String> args) {
        return KerasRow.of(row, new KerasLayer(row.name(), type, args));
    }

    private static void noBias(boolean bias, List<String> args) {
        if (!bias) {
            args.add("use_bias=False");
        }
    }

    /** Keras's default epsilon is 0.001, cnnc's too: written only when the description writes one. */
    private static void epsilon(String epsilon, List<String> args) {
        if (!epsilon.isEmpty()) {
            args.add("epsilon=" + decimal(epsilon));
        }
    }

    private void multiplier(Expr multiplier, List<String> args) {
        if (!num(multiplier).equals("1")) {
            args.add("depth_multiplier=" + num(multiplier));
        }
    }

    /** A size's values as cnnc writes them: 1, or 1x2 per axis. */
    private static String written(Size size) {
        return size.written().stream().map(axis -> Long.toString(axis.value())).collect(Collectors.joining("x"));
    }

    /** {@code 3} for a square, {@code (1, 7)} otherwise. */
    private String size(Size size) {
        List<String> axes = nums(size);
        return alike(axes) ? axes.get(0) : tuple(axes);
    }

    /** Each axis's number, as written; a loop, not a stream: this runs on every size of every row. */
    private List<String> nums(Size size) {
        List<Expr> axes = size.along(rank());
        List<String> nums = new ArrayList<>(axes.size());
        for (Expr axis : axes) {
            nums.add(num(axis));
        }
        return nums;
    }

    /**
     * Keras's padding and cropping forms: P, one per axis ((rows, columns) on an image), or a pair per axis
     * (((top, bottom), (left, right))); a sequence's (before, after).
     */
    private String sides(Layer.Sides sides) {
        List<String> before = sides.before(rank()).stream().map(this::num).toList();
        List<String> after = sides.after(rank()).stream().map(this::num).toList();
        if (before.equals(after)) {
            return alike(before) ? before.get(0) : tuple(before);
        }
        if (rank() == 1) {
            return tuple(List.of(before.get(0), after.get(0)));
        }
        List<String> pairs = new ArrayList<>();
        for (int axis = 0; axis < before.size(); axis++) {
            pairs.add(tuple(List.of(before.get(axis), after.get(axis))));
        }
        return tuple(pairs);
    }

    /** Keras's class of the row's rank: {@code ranked("Conv")} is Conv1D, Conv2D or Conv3D. */
    private String ranked(String stem) {
        return stem + rank() + "D";
    }

    /** The spatial axes of the grid the row reads, or makes from a vector (reshape). */
    private int rank() {
        return grid() == null ? 2 : grid().rank();
    }

    private Shape.Grid grid() {
        if (row.inputShape() instanceof Shape.Grid grid) {
            return grid;
        }
        return row.outputShape() instanceof Shape.Grid grid ? grid : null;
    }

    private static String article(String noun) {
        return (noun.matches("[aeiou].*") ? "an " : "a ") + noun;
    }

    /** True when the list has one text throughout (one number for every axis); a loop, not a stream's distinct(). */
    private static boolean alike(List<String> items) {
        for (String item : items) {
            if (!item.equals(items.get(0))) {
                return false;
            }
        }
        return !items.isEmpty();
    }

    private static String tuple(List<String> items) {
        return items.size() == 1 ? "(" + items.get(0) + ",)" : "(" + String.join(", ", items) + ")";
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
        return nums(a).equals(nums(b));
    }

    /** A number as written (007.50, .5, -1) as a Python literal: 7.50, 0.5, -1. */
    private static String decimal(String text) {
        return new BigDecimal(text).toPlainString();
    }

    private String num(Expr expr) {
        return numbers.apply(expr);
    }
}
