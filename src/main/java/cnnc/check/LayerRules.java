package cnnc.check;

import static cnnc.check.Tally.elementwise;
import static cnnc.check.Tally.elements;
import static cnnc.check.Tally.times;
import static cnnc.check.Tally.weighted;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size2;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of every layer kind, one method each: what is wrong with the layer on its input, its
 * output shape (unknown after an error), its parameter tensors, where its outputs read its inputs,
 * and its arithmetic (MACs and FLOPs, by the conventions of the README). Shape arithmetic is exact:
 * an overflow throws ArithmeticException, which the checker reports.
 */
final class LayerRules implements Layer.Visitor<Outcome> {
    private final Diagnostics diagnostics;
    private final JoinRule joinRule;
    /** The shapes entering the layer being checked: one, or a merge's branches. */
    private List<Shape> inputs;
    private List<Span> branchStarts;

    LayerRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.joinRule = new JoinRule(diagnostics);
    }

    Outcome apply(Layer layer, Shape in) {
        this.inputs = List.of(in);
        return layer.accept(this);
    }

    /** @param starts where each branch starts in the source, in the order of {@code branches} */
    Outcome join(Layer.Join join, List<Shape> branches, List<Span> starts) {
        this.inputs = List.copyOf(branches);
        this.branchStarts = List.copyOf(starts);
        return join.accept(this);
    }

    private Shape in() {
        return inputs.get(0);
    }

    /** kernel kh x kw x (Cin/groups) x F, bias F; MACs per output value kh x kw x Cin/groups. */
    @Override
    public Outcome visitConv(Layer.Conv conv) {
        boolean sizesOk = positive(conv.filters(), "the filter count")
                & kernelOk(conv.kernel(), conv.stride(), conv.dilation()) & positive(conv.groups(), "the group count");
        Shape.Image image = requireImage(conv.span(), "conv", in());
        if (!sizesOk || image == null || !groupsDivide(conv, image.channels())) {
            return Outcome.UNKNOWN;
        }
        long filters = conv.filters().value();
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), image,
                filters);
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        long kh = conv.kernel().height().value();
        long kw = conv.kernel().width().value();
        long perGroup = image.channels() / conv.groups().value();
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, kh, kw, perGroup, filters));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        long outputs = elements(slide.out());
        return new Outcome(slide.out(), tensors, slide.footprint(),
                weighted(times(outputs, kh, kw, perGroup), outputs, conv.bias(), conv.activation()));
    }

    /** depthwise kernel kh x kw x Cin x M, bias Cin*M; output Cin*M channels; MACs kh x kw per output value. */
    @Override
    public Outcome visitDepthwiseConv(Layer.DepthwiseConv conv) {
        boolean sizesOk = kernelOk(conv.kernel(), conv.stride(), conv.dilation())
                & positive(conv.multiplier(), "the depth multiplier");
        Shape.Image image = requireImage(conv.span(), "dwconv", in());
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), image,
                Math.multiplyExact(image.channels(), conv.multiplier().value()));
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        long kh = conv.kernel().height().value();
        long kw = conv.kernel().width().value();
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.DEPTHWISE_KERNEL, true, kh, kw, image.channels(),
                conv.multiplier().value()));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, slide.out().channels()));
        }
        long outputs = elements(slide.out());
        return new Outcome(slide.out(), tensors, slide.footprint(),
                weighted(times(outputs, kh, kw), outputs, conv.bias(), conv.activation()));
    }

    /**
     * depthwise kernel kh x kw x Cin x M (no bias), pointwise 1 x 1 x Cin*M x F, bias F; MACs those of
     * the depthwise step (kh x kw per intermediate value) plus the pointwise one (Cin*M per output value).
     */
    @Override
    public Outcome visitSeparableConv(Layer.SeparableConv conv) {
        boolean sizesOk = positive(conv.filters(), "the filter count")
                & kernelOk(conv.kernel(), conv.stride(), conv.dilation()) & positive(conv.multiplier(), "the depth multiplier");
        Shape.Image image = requireImage(conv.span(), "sepconv", in());
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        long filters = conv.filters().value();
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), image,
                filters);
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        long kh = conv.kernel().height().value();
        long kw = conv.kernel().width().value();
        long depth = Math.multiplyExact(image.channels(), conv.multiplier().value());
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.DEPTHWISE_KERNEL, true, kh, kw, image.channels(),
                conv.multiplier().value()));
        tensors.add(ParamTensor.of(TensorName.POINTWISE_KERNEL, true, 1, 1, depth, filters));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        long positions = times(slide.out().height(), slide.out().width());
        long macs = Tally.plus(times(positions, depth, kh, kw), times(positions, depth, filters));
        return new Outcome(slide.out(), tensors, slide.footprint(),
                weighted(macs, elements(slide.out()), conv.bias(), conv.activation()));
    }

    /**
     * kernel kh x kw x F x Cin, bias F. Sizes as Keras's Conv2DTranspose: same gives n*s, valid gives
     * n*s + max(k' - s, 0) with the dilated kernel k' = d(k-1)+1. MACs: every input value times the
     * F filters' kh x kw taps (as torch's counter counts a transposed convolution).
     */
    @Override
    public Outcome visitTransposedConv(Layer.TransposedConv conv) {
        boolean sizesOk = positive(conv.filters(), "the filter count")
                & kernelOk(conv.kernel(), conv.stride(), conv.dilation());
        Shape.Image image = requireImage(conv.span(), "deconv", in());
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        boolean same = conv.padding() instanceof Padding.Same;
        long dilation = conv.dilation().value();
        long kh = conv.kernel().height().value();
        long kw = conv.kernel().width().value();
        long filters = conv.filters().value();
        Axis height = enlarge(image.height(), kh, conv.stride().height().value(), dilation, same);
        Axis width = enlarge(image.width(), kw, conv.stride().width().value(), dilation, same);
        Shape.Image out = new Shape.Image(enlarged(image.height(), height), enlarged(image.width(), width), filters);
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, kh, kw, filters, image.channels()));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        return new Outcome(out, tensors, new Footprint.Transposed(height, width),
                weighted(times(elements(image), kh, kw, filters), elements(out), conv.bias(), conv.activation()));
    }

    /**
     * The full output of a transposed convolution along one dimension is (n-1)s + k'; Keras's "same"
     * cuts it to n*s (k' - s rows, the odd one at the end), and where k' is narrower than the stride
     * both "same" and "valid" add s - k' rows that get no input.
     */
    private static Axis enlarge(long n, long kernel, long stride, long dilation, boolean same) {
        long reach = Window.reach(kernel, dilation);
        long tail = Math.max(0, stride - reach);
        long cut = same ? Math.max(0, reach - stride) : 0;
        return new Axis(kernel, stride, dilation, cut / 2, cut - cut / 2, 0, tail);
    }

    private static long enlarged(long n, Axis axis) {
        long full = Math.addExact(Math.multiplyExact(n - 1, axis.stride()), axis.reach());
        return Math.addExact(full - axis.padBefore() - axis.padAfter(), axis.tail());
    }

    /**
     * No parameters, unless scaled: then a trainable coefficient and bias per channel (LeNet-5).
     * FLOPs per output value: kh x kw - 1 comparisons (max) or kh x kw - 1 additions and a division
     * (average), over the whole window; scaled adds a multiplication and an addition.
     */
    @Override
    public Outcome visitPool(Layer.Pool pool) {
        boolean sizesOk = positive(pool.window(), "the pool window") & positive(pool.stride(), "the stride");
        Shape.Image image = requireImage(pool.span(), pool.kind().op(), in());
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        long kh = pool.window().height().value();
        long kw = pool.window().width().value();
        Window height = window(pool.padding(), image.height(), kh, pool.stride().height().value(), 1);
        Window width = window(pool.padding(), image.width(), kw, pool.stride().width().value(), 1);
        if (!fits(pool.span(), "a " + kh + "x" + kw + " window", image, height, width)) {
            return Outcome.UNKNOWN;
        }
        Shape.Image out = new Shape.Image(height.size(), width.size(), image.channels());
        Footprint footprint = new Footprint.Sliding(height.axis(kh, pool.stride().height().value(), 1),
                width.axis(kw, pool.stride().width().value(), 1));
        long perOutput = pool.pooling() == PoolKind.MAX ? times(kh, kw) - 1 : times(kh, kw);
        if (!pool.scaled()) {
            return new Outcome(out, List.of(), footprint, elementwise(perOutput, elements(out)));
        }
        return new Outcome(out, List.of(ParamTensor.of(TensorName.COEFFICIENT, true, image.channels()),
                ParamTensor.of(TensorName.BIAS, true, image.channels())), footprint,
                elementwise(Tally.plus(perOutput, 2), elements(out)));
    }

    /** One value per channel: H x W - 1 comparisons (max) or additions and a division (average) each. */
    @Override
    public Outcome visitGlobalPool(Layer.GlobalPool pool) {
        Shape.Image image = requireImage(pool.span(), pool.kind().op(), in());
        if (image == null) {
            return Outcome.UNKNOWN;
        }
        Shape out = pool.keepDims() ? new Shape.Image(1, 1, image.channels()) : new Shape.Vector(image.channels());
        long perChannel = times(image.height(), image.width()) - (pool.pooling() == PoolKind.MAX ? 1 : 0);
        return new Outcome(out, List.of(), Footprint.GLOBAL, elementwise(perChannel, image.channels()));
    }

    /** kernel Nin x N, bias N; MACs Nin x N. The checker flattens an image before a dense layer. */
    @Override
    public Outcome visitDense(Layer.Dense dense) {
        if (!positive(dense.units(), "the unit count")) {
            return Outcome.UNKNOWN;
        }
        long units = dense.units().value();
        if (!(in() instanceof Shape.Vector vector)) {
            return new Outcome(new Shape.Vector(units), List.of(), Footprint.GLOBAL, Cost.NONE);
        }
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, vector.length(), units));
        if (dense.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, units));
        }
        return new Outcome(new Shape.Vector(units), tensors, Footprint.GLOBAL,
                weighted(times(vector.length(), units), units, dense.bias(), dense.activation()));
    }

    /** Moves values, computes nothing: each value keeps the receptive field it had. */
    @Override
    public Outcome visitFlatten(Layer.Flatten flatten) {
        Shape in = in();
        Shape out = in instanceof Shape.Image image
                ? new Shape.Vector(Math.multiplyExact(Math.multiplyExact(image.height(), image.width()), image.channels()))
                : in;
        return pointwise(out, List.of(), Cost.NONE);
    }

    /**
     * gamma (unless {@code noscale}) and beta are trained; the moving mean and variance are not. Over
     * the last axis, as Keras. At inference 2 FLOPs a value: the normalisation folds into a scale and
     * a shift.
     */
    @Override
    public Outcome visitBatchNorm(Layer.BatchNorm bn) {
        Shape in = in();
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        long channels = lastAxis(in);
        List<ParamTensor> tensors = new ArrayList<>();
        if (bn.scale()) {
            tensors.add(ParamTensor.of(TensorName.GAMMA, true, channels));
        }
        tensors.add(ParamTensor.of(TensorName.BETA, true, channels));
        tensors.add(ParamTensor.of(TensorName.MOVING_MEAN, false, channels));
        tensors.add(ParamTensor.of(TensorName.MOVING_VARIANCE, false, channels));
        return pointwise(in, tensors, elementwise(2, elements(in)));
    }

    /**
     * gamma and beta over the last axis, as Keras's LayerNormalization. 7 FLOPs a value: the mean (1),
     * the variance (subtract, square, add: 3), the normalisation (1), scale and shift (2).
     */
    @Override
    public Outcome visitLayerNorm(Layer.LayerNorm ln) {
        Shape in = in();
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        long channels = lastAxis(in);
        return pointwise(in, List.of(ParamTensor.of(TensorName.GAMMA, true, channels),
                ParamTensor.of(TensorName.BETA, true, channels)), elementwise(7, elements(in)));
    }

    /**
     * Keras's Normalization over the last axis: a mean and a variance per channel and the count of
     * samples they were computed from, all set by adapt(), never trained: 2C + 1. 2 FLOPs a value
     * (subtract the mean, divide by the deviation).
     */
    @Override
    public Outcome visitNormalize(Layer.Normalize normalize) {
        Shape in = in();
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        long channels = lastAxis(in);
        return pointwise(in, List.of(ParamTensor.of(TensorName.MEAN, false, channels),
                ParamTensor.of(TensorName.VARIANCE, false, channels), ParamTensor.of(TensorName.COUNT, false)),
                elementwise(2, elements(in)));
    }

    /** A multiplication a value, and an addition when an offset is written. */
    @Override
    public Outcome visitRescale(Layer.Rescale rescale) {
        Shape in = in();
        return in.isKnown() ? pointwise(in, List.of(), elementwise(rescale.offsetText().isEmpty() ? 1 : 2, elements(in)))
                : Outcome.UNKNOWN;
    }

    /** Nothing at inference. */
    @Override
    public Outcome visitDropout(Layer.Dropout dropout) {
        if (!(dropout.rate() >= 0 && dropout.rate() < 1)) {
            diagnostics.add(Code.E0404, dropout.span(), "a dropout rate is at least 0 and below 1, not "
                    + dropout.rateText(), "dropout 0.5 drops half of the values during training");
            return Outcome.UNKNOWN;
        }
        return pointwise(in(), List.of(), Cost.NONE);
    }

    /** 1 FLOP a value, whatever the function. */
    @Override
    public Outcome visitActivate(Layer.Activate activate) {
        Shape in = in();
        return in.isKnown() ? pointwise(in, List.of(), elementwise(1, elements(in))) : Outcome.UNKNOWN;
    }

    @Override
    public Outcome visitUpsample(Layer.Upsample upsample) {
        boolean sizesOk = positive(upsample.factor(), "the factor");
        Shape.Image image = requireImage(upsample.span(), "upsample", in());
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        long fh = upsample.factor().height().value();
        long fw = upsample.factor().width().value();
        Shape out = new Shape.Image(Math.multiplyExact(image.height(), fh), Math.multiplyExact(image.width(), fw),
                image.channels());
        return new Outcome(out, List.of(), new Footprint.Repeated(fh, fw), Cost.NONE);
    }

    @Override
    public Outcome visitZeroPad(Layer.ZeroPad pad) {
        return border(pad.span(), "zeropad", pad.sides(), 1);
    }

    @Override
    public Outcome visitCrop(Layer.Crop crop) {
        return border(crop.span(), "crop", crop.sides(), -1);
    }

    /** {@code sign} 1 adds rows and columns (zeropad), -1 removes them (crop). */
    private Outcome border(Span span, String word, Layer.Sides sides, int sign) {
        Shape.Image image = requireImage(span, word, in());
        if (image == null) {
            return Outcome.UNKNOWN;
        }
        long rows = Math.addExact(sides.top().value(), sides.bottom().value());
        long columns = Math.addExact(sides.left().value(), sides.right().value());
        long height = Math.addExact(image.height(), sign * rows);
        long width = Math.addExact(image.width(), sign * columns);
        if (height <= 0 || width <= 0) {
            diagnostics.add(Code.E0400, span, "cropping " + rows + " rows and " + columns + " columns from a "
                    + image + " input leaves " + height + "x" + width, "crop less than the input's size");
            return Outcome.UNKNOWN;
        }
        return pointwise(new Shape.Image(height, width, image.channels()), List.of(), Cost.NONE);
    }

    /** To a vector, each value keeps its receptive field; an image's positions are not the input's. */
    @Override
    public Outcome visitReshape(Layer.Reshape reshape) {
        Shape in = in();
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        List<Long> dims = reshape.dims().stream().map(Expr::value).toList();
        long values = 1;
        for (long dim : dims) {
            if (dim <= 0) {
                diagnostics.add(Code.E0403, reshape.span(), "a reshape's sizes must be at least 1, not " + dim);
                return Outcome.UNKNOWN;
            }
            values = Math.multiplyExact(values, dim);
        }
        long inputValues = in.dims().stream().reduce(1L, Math::multiplyExact);
        if (values != inputValues) {
            diagnostics.add(Code.E0711, reshape.span(), "reshape to " + String.join("x", dims.stream().map(String::valueOf).toList())
                    + " needs " + values + " values, but its " + in + " input has " + inputValues);
            return Outcome.UNKNOWN;
        }
        if (dims.size() == 1) {
            return pointwise(new Shape.Vector(dims.get(0)), List.of(), Cost.NONE);
        }
        return new Outcome(new Shape.Image(dims.get(0), dims.get(1), dims.get(2)), List.of(), Footprint.GLOBAL,
                Cost.NONE);
    }

    /** add and multiply: an operation a value for each branch after the first; concat moves values. */
    @Override
    public Outcome visitJoin(Layer.Join join) {
        Shape out = joinRule.apply(join, inputs, branchStarts);
        if (!out.isKnown()) {
            return Outcome.UNKNOWN;
        }
        long perValue = join.kind() == cnnc.ast.LayerKind.CONCAT ? 0 : inputs.size() - 1;
        return pointwise(out, List.of(), elementwise(perValue, elements(out)));
    }

    private static Outcome pointwise(Shape out, List<ParamTensor> tensors, Cost cost) {
        return new Outcome(out, tensors, Footprint.POINTWISE, cost);
    }

    private static long lastAxis(Shape in) {
        return in instanceof Shape.Image image ? image.channels() : ((Shape.Vector) in).length();
    }

    /** A window's output and where it reads, or null when it does not fit (reported). */
    private record Sliding(Shape.Image out, Footprint footprint) {
    }

    private Sliding slide(Span span, Padding padding, Size2 kernel, Size2 stride, long dilation, Shape.Image image,
                          long channels) {
        long kh = kernel.height().value();
        long kw = kernel.width().value();
        long sh = stride.height().value();
        long sw = stride.width().value();
        Window height = window(padding, image.height(), kh, sh, dilation);
        Window width = window(padding, image.width(), kw, sw, dilation);
        String what = "a " + kh + "x" + kw + " kernel" + dilated(dilation);
        if (!fits(span, what, image, height, width)) {
            return null;
        }
        return new Sliding(new Shape.Image(height.size(), width.size(), channels),
                new Footprint.Sliding(height.axis(kh, sh, dilation), width.axis(kw, sw, dilation)));
    }

    private static Window window(Padding padding, long n, long kernel, long stride, long dilation) {
        if (padding instanceof Padding.Explicit explicit) {
            return Window.padded(n, explicit.amount().value(), kernel, stride, dilation);
        }
        return padding instanceof Padding.Same ? Window.same(n, kernel, stride, dilation)
                : Window.valid(n, kernel, stride, dilation);
    }

    /**
     * Reports an output that is empty, and warns when input rows or columns (not padding) are never
     * read; not when the window is narrower than the stride, which skips inputs by design.
     */
    private boolean fits(Span span, String what, Shape.Image in, Window height, Window width) {
        if (height.size() <= 0 || width.size() <= 0) {
            String sizes = height.formula().equals(width.formula())
                    ? height.formula() + " = " + height.size() + " in height and width"
                    : "height " + height.formula() + " = " + height.size() + ", width " + width.formula()
                            + " = " + width.size();
            diagnostics.add(Code.E0400, span, what + " on a " + in + " input gives an output of "
                    + height.size() + "x" + width.size() + ": " + sizes,
                    "the window must fit inside the input: use 'same' padding, a smaller window, "
                            + "or fewer downsampling layers before this one");
            return false;
        }
        long rows = height.dropped();
        long columns = width.dropped();
        if (rows > 0 || columns > 0) {
            List<String> parts = new ArrayList<>();
            if (rows > 0) {
                parts.add(plural(rows, "row") + " (" + height.formula() + " rounds down to " + height.size() + ")");
            }
            if (columns > 0) {
                parts.add(plural(columns, "column") + " (" + width.formula() + " rounds down to " + width.size() + ")");
            }
            diagnostics.add(Code.W0500, span, what + " on a " + in + " input leaves the last "
                    + String.join(" and the last ", parts) + " unused",
                    "use 'same' padding, or an input size that the stride divides evenly");
        }
        return true;
    }

    private Shape.Image requireImage(Span span, String word, Shape in) {
        if (in instanceof Shape.Vector vector) {
            diagnostics.add(Code.E0401, span, "'" + word + "' needs an image (HxWxC), but its input is a vector of "
                    + vector.length(), "put convolutions and pooling before the first dense layer or flatten");
        }
        return in instanceof Shape.Image image ? image : null;
    }

    private boolean groupsDivide(Layer.Conv conv, long channels) {
        long groups = conv.groups().value();
        boolean ok = true;
        if (channels % groups != 0) {
            diagnostics.add(Code.E0402, conv.groups().span(), "groups " + groups + " does not divide the "
                    + channels + " input channels (" + channels + " / " + groups + " is not whole)",
                    "choose a group count that divides both the input channels and the filters");
            ok = false;
        }
        if (conv.filters().value() % groups != 0) {
            diagnostics.add(Code.E0402, conv.groups().span(), "groups " + groups + " does not divide the "
                    + conv.filters().value() + " filters (" + conv.filters().value() + " / " + groups
                    + " is not whole)", "choose a group count that divides both the input channels and the filters");
            ok = false;
        }
        return ok;
    }

    /** Reports each of a kernel, stride and dilation that is not positive (every one, not just the first). */
    private boolean kernelOk(Size2 kernel, Size2 stride, Expr dilation) {
        return positive(kernel, "the kernel") & positive(stride, "the stride") & positive(dilation, "the dilation");
    }

    private boolean positive(Expr num, String what) {
        if (num.value() > 0) {
            return true;
        }
        diagnostics.add(Code.E0403, num.span(), what + " must be at least 1, not " + num.value());
        return false;
    }

    private boolean positive(Size2 size, String what) {
        if (size.height().value() > 0 && size.width().value() > 0) {
            return true;
        }
        diagnostics.add(Code.E0403, size.span(), what + " must be at least 1x1, not "
                + size.height().value() + "x" + size.width().value());
        return false;
    }

    private static String dilated(long dilation) {
        return dilation == 1 ? "" : " dilated by " + dilation;
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : n + " " + word + "s";
    }
}
