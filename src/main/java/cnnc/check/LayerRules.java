package cnnc.check;

import static cnnc.check.Tally.elements;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size2;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rules of every layer kind, one method each: what is wrong with the layer on its input, its
 * output shape (unknown after an error), its parameter tensors, where its outputs read its inputs,
 * and its arithmetic (MACs and FLOPs, by the conventions of docs/cost.md). Shape arithmetic is exact:
 * an overflow throws ArithmeticException, which the checker reports.
 */
final class LayerRules implements Layer.Visitor<Outcome> {
    private final Diagnostics diagnostics;
    private final JoinRule joinRule;
    /** The shapes entering the layer being checked: one, or a merge's branches. */
    private List<Shape> inputs;
    private List<Span> branchStarts;
    private List<Diagnostic.Note> branchDepartures = List.of();
    /** The last rows and columns of the input that hold no input (only zeros of padding, or what was made of them). */
    private Zeros inZeros = Zeros.NONE;

    LayerRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.joinRule = new JoinRule(diagnostics);
    }

    Outcome apply(Layer layer, Shape in, Zeros zeros) {
        this.inputs = List.of(in);
        this.inZeros = zeros;
        return layer.accept(this);
    }

    Outcome apply(Layer layer, Shape in) {
        return apply(layer, in, Zeros.NONE);
    }

    /**
     * @param starts     where each branch starts in the source, in the order of {@code branches}
     * @param departures where branches' sizes left the expected path, for the notes of a mismatch
     */
    Outcome join(Layer.Join join, List<Shape> branches, List<Span> starts, List<Diagnostic.Note> departures, Zeros zeros) {
        this.inputs = List.copyOf(branches);
        this.branchStarts = List.copyOf(starts);
        this.branchDepartures = departures;
        this.inZeros = zeros;
        return join.accept(this);
    }

    private Shape in() {
        return inputs.get(0);
    }

    /** kernel kh x kw x (Cin/groups) x F, bias F; MACs per output value kh x kw x Cin/groups. */
    @Override
    public Outcome visitConv(Layer.Conv conv) {
        boolean sizesOk = positive(conv.filters(), "the filter count")
                & kernelOk(conv.kernel(), conv.stride(), conv.dilation()) & positive(conv.groups(), "the group count")
                & paddingOk(conv.padding());
        Shape.Image image = requireImage(conv.span(), "conv", in());
        // the filters must divide into the groups whatever the input: said even after a mistake above
        boolean channelsOk = !sizesOk || image == null || channelsDivide(conv, image.channels());
        boolean filtersOk = !sizesOk || filtersDivide(conv);
        if (!sizesOk || image == null || !channelsOk || !filtersOk) {
            return Outcome.UNKNOWN;
        }
        long filters = conv.filters().value();
        long groups = conv.groups().value();
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), image,
                new Working.Dimension("channels", Formula.of(filters), "the filter count"));
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        long kh = conv.kernel().height().value();
        long kw = conv.kernel().width().value();
        long perGroup = image.channels() / groups;
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, kh, kw, perGroup, filters));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        Shape.Image out = slide.out();
        Cost cost = Tally.weighted(Tally.macs(out.height(), out.width(), filters, kh, kw, perGroup),
                "Hout x Wout x F x kh x kw x " + (groups == 1 ? "Cin" : "Cin/G"), elements(out), conv.bias(),
                conv.activation());
        return new Outcome(out, tensors, slide.footprint(), cost, slide.working(bias(conv.bias())))
                .withZeros(slide.zeros(image, inZeros));
    }

    /** depthwise kernel kh x kw x Cin x M, bias Cin*M; output Cin*M channels; MACs kh x kw per output value. */
    @Override
    public Outcome visitDepthwiseConv(Layer.DepthwiseConv conv) {
        boolean sizesOk = kernelOk(conv.kernel(), conv.stride(), conv.dilation())
                & positive(conv.multiplier(), "the depth multiplier") & paddingOk(conv.padding());
        Shape.Image image = requireImage(conv.span(), "dwconv", in());
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        long multiplier = conv.multiplier().value();
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), image,
                new Working.Dimension("channels", Formula.product(image.channels(), multiplier),
                        "the input's channels x the depth multiplier"));
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        long kh = conv.kernel().height().value();
        long kw = conv.kernel().width().value();
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.DEPTHWISE_KERNEL, true, kh, kw, image.channels(), multiplier));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, slide.out().channels()));
        }
        Shape.Image out = slide.out();
        Cost cost = Tally.weighted(Tally.macs(out.height(), out.width(), out.channels(), kh, kw),
                "Hout x Wout x Cin x M x kh x kw", elements(out), conv.bias(), conv.activation());
        return new Outcome(out, tensors, slide.footprint(), cost,
                slide.working(bias(conv.bias()), "each filter reads one channel: kh x kw weights, not kh x kw x Cin"))
                .withZeros(slide.zeros(image, inZeros));
    }

    /**
     * depthwise kernel kh x kw x Cin x M (no bias), pointwise 1 x 1 x Cin*M x F, bias F; MACs those of
     * the depthwise step (kh x kw per intermediate value) plus the pointwise one (Cin*M per output value).
     */
    @Override
    public Outcome visitSeparableConv(Layer.SeparableConv conv) {
        boolean sizesOk = positive(conv.filters(), "the filter count")
                & kernelOk(conv.kernel(), conv.stride(), conv.dilation()) & positive(conv.multiplier(), "the depth multiplier")
                & paddingOk(conv.padding());
        Shape.Image image = requireImage(conv.span(), "sepconv", in());
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        long filters = conv.filters().value();
        long multiplier = conv.multiplier().value();
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), image,
                new Working.Dimension("channels", Formula.of(filters), "the filter count of the pointwise step"));
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        long kh = conv.kernel().height().value();
        long kw = conv.kernel().width().value();
        long depth = Math.multiplyExact(image.channels(), multiplier);
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.DEPTHWISE_KERNEL, true, kh, kw, image.channels(), multiplier));
        tensors.add(ParamTensor.of(TensorName.POINTWISE_KERNEL, true, 1, 1, depth, filters));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        Shape.Image out = slide.out();
        Cost cost = Tally.weighted(Tally.macs(Tally.macs(out.height(), out.width(), image.channels(), multiplier, kh, kw),
                        Tally.macs(out.height(), out.width(), image.channels(), multiplier, filters)),
                "Hout x Wout x Cin x M x kh x kw (depthwise) + Hout x Wout x Cin x M x F (pointwise)", elements(out),
                conv.bias(), conv.activation());
        return new Outcome(out, tensors, slide.footprint(), cost,
                slide.working(bias(conv.bias()), "the depthwise step has no bias; the bias is the pointwise step's"))
                .withZeros(slide.zeros(image, inZeros));
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
        Axis height = enlarge(kh, conv.stride().height().value(), dilation, same);
        Axis width = enlarge(kw, conv.stride().width().value(), dilation, same);
        List<Working.Dimension> dims = List.of(
                new Working.Dimension("height", enlarged(image.height(), height, same), ""),
                new Working.Dimension("width", enlarged(image.width(), width, same), ""),
                new Working.Dimension("channels", Formula.of(filters), "the filter count"));
        Shape.Image out = (Shape.Image) Working.shape(dims);
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, kh, kw, filters, image.channels()));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        Cost cost = Tally.weighted(Tally.macs(image.height(), image.width(), image.channels(), filters, kh, kw),
                "Hin x Win x Cin x F x kh x kw: every input value times every tap", elements(out), conv.bias(),
                conv.activation());
        return new Outcome(out, tensors, new Footprint.Transposed(height, width), cost,
                new Working(dims, () -> bias(conv.bias())));
    }

    /**
     * The full output of a transposed convolution along one dimension is (n-1)s + k'; Keras's "same"
     * cuts it to n*s (k' - s rows, the odd one at the end), and where k' is narrower than the stride
     * both "same" and "valid" add s - k' rows that get no input.
     */
    private static Axis enlarge(long kernel, long stride, long dilation, boolean same) {
        long reach = Window.reach(kernel, dilation);
        long tail = Math.max(0, stride - reach);
        long cut = same ? Math.max(0, reach - stride) : 0;
        return new Axis(kernel, stride, dilation, cut / 2, cut - cut / 2, 0, tail);
    }

    /** {@code n x s} for "same", {@code n x s + max(k' - s, 0)} for "valid". */
    private static Formula enlarged(long n, Axis axis, boolean same) {
        Formula scaled = Formula.of(n).times(Formula.of(axis.stride()));
        return same ? scaled : scaled.plus(Formula.of(axis.reach()).minus(Formula.of(axis.stride())).max(Formula.of(0)));
    }

    /**
     * No parameters, unless scaled: then a trainable coefficient and bias per channel (LeNet-5).
     * FLOPs per output value: kh x kw - 1 comparisons (max) or kh x kw - 1 additions and a division
     * (average), over the whole window; scaled adds a multiplication and an addition.
     */
    @Override
    public Outcome visitPool(Layer.Pool pool) {
        boolean sizesOk = positive(pool.window(), "the pool window") & positive(pool.stride(), "the stride")
                & paddingOk(pool.padding());
        Shape.Image image = requireImage(pool.span(), pool.kind().op(), in());
        if (!sizesOk || image == null || !poolPaddingOk(pool)) {
            return Outcome.UNKNOWN;
        }
        long kh = pool.window().height().value();
        long kw = pool.window().width().value();
        long sh = pool.stride().height().value();
        long sw = pool.stride().width().value();
        Window height = poolWindow(pool, image.height(), kh, sh);
        Window width = poolWindow(pool, image.width(), kw, sw);
        if (!fits(pool.span(), "a " + kh + "x" + kw + " window", image, height, width)) {
            return Outcome.UNKNOWN;
        }
        Sliding slide = new Sliding(height, width,
                new Working.Dimension("channels", Formula.of(image.channels()), "as the input"),
                new Footprint.Sliding(height.axis(kh, sh, 1), width.axis(kw, sw, 1)));
        Shape.Image out = slide.out();
        boolean max = pool.pooling() == PoolKind.MAX;
        long perOutput = Math.multiplyExact(kh, kw) - (max ? 1 : 0) + (pool.scaled() ? 2 : 0);
        String rule = max ? "kh x kw - 1 comparisons per output value" : "kh x kw per output value (additions and a division)";
        Cost cost = Tally.elementwise(perOutput, elements(out), rule + (pool.scaled() ? " + 2 for the scaling" : ""));
        List<String> notes = new ArrayList<>(poolPaddingNotes(pool, max));
        if (!pool.scaled()) {
            notes.add("no parameters: pooling takes the " + (max ? "largest" : "average") + " of each window, with no "
                    + "weights (the 'scaled' variant would add a coefficient and a bias per channel)");
            return new Outcome(out, List.of(), slide.footprint(), cost, slide.working(notes))
                .withZeros(slide.zeros(image, inZeros));
        }
        notes.add("'scaled': after the pooling, each channel is multiplied by a trained coefficient "
                + "and shifted by a trained bias (LeNet-5's subsampling)");
        return new Outcome(out, List.of(ParamTensor.of(TensorName.COEFFICIENT, true, image.channels()),
                ParamTensor.of(TensorName.BIAS, true, image.channels())), slide.footprint(), cost,
                slide.working(notes))
                .withZeros(slide.zeros(image, inZeros));
    }

    /** What PyTorch's padding and ceil_mode mean for the values, which the padding note alone does not say. */
    private static List<String> poolPaddingNotes(Layer.Pool pool, boolean max) {
        List<String> notes = new ArrayList<>();
        if (pool.padding() instanceof Padding.Explicit explicit && explicit.amount().value() > 0) {
            notes.add(max ? "for a max the padding is -inf rather than zeros, as PyTorch's: the largest value is "
                    + "always the input's" : "the zeros of padding count in the average, as PyTorch's count_include_pad");
        }
        if (pool.ceil()) {
            notes.add("'ceil' rounds the window count up, less the last window if it would start at or beyond "
                    + "the input and its left padding (PyTorch's ceil_mode); a window past the end is cut short");
        }
        return notes;
    }

    private static Window poolWindow(Layer.Pool pool, long n, long kernel, long stride) {
        if (!pool.ceil()) {
            return window(pool.padding(), n, kernel, stride, 1);
        }
        long pad = pool.padding() instanceof Padding.Explicit explicit ? explicit.amount().value() : 0;
        return Window.ceiled(n, pad, kernel, stride);
    }

    /**
     * PyTorch refuses a pooling padding above half the window: a window could then read padding only
     * (no input for a max, nothing but zeros for an average).
     */
    private boolean poolPaddingOk(Layer.Pool pool) {
        if (!(pool.padding() instanceof Padding.Explicit explicit)) {
            return true;
        }
        long pad = explicit.amount().value();
        long kh = pool.window().height().value();
        long kw = pool.window().width().value();
        if (pad <= Math.min(kh, kw) / 2) {
            return true;
        }
        diagnostics.add(Code.E0408, explicit.span(), "pad " + pad + " is more than half the " + kh + "x" + kw
                + " window: a window at the border would read only padding", "PyTorch's pools take at most "
                + Math.min(kh, kw) / 2 + " here; use 'zeropad' before the pool for more zeros");
        return false;
    }

    /** An explicit padding below 0 is reported; 'pad 0' is no padding. */
    private boolean paddingOk(Padding padding) {
        if (!(padding instanceof Padding.Explicit explicit) || explicit.amount().value() >= 0) {
            return true;
        }
        diagnostics.add(Code.E0408, explicit.span(), "the padding must be 0 or more, not " + explicit.amount().value(),
                "to remove rows and columns, put 'crop P' before the layer");
        return false;
    }

    /** One value per channel: H x W - 1 comparisons (max) or additions and a division (average) each. */
    @Override
    public Outcome visitGlobalPool(Layer.GlobalPool pool) {
        Shape.Image image = requireImage(pool.span(), pool.kind().op(), in());
        if (image == null) {
            return Outcome.UNKNOWN;
        }
        Working.Dimension channels = new Working.Dimension(pool.keepDims() ? "channels" : "length",
                Formula.of(image.channels()), "one value per input channel");
        List<Working.Dimension> dims = pool.keepDims()
                ? List.of(new Working.Dimension("height", Formula.of(1), "'keep'"),
                        new Working.Dimension("width", Formula.of(1), "'keep'"), channels)
                : List.of(channels);
        boolean max = pool.pooling() == PoolKind.MAX;
        long perChannel = Math.multiplyExact(image.height(), image.width()) - (max ? 1 : 0);
        return new Outcome(Working.shape(dims), List.of(), Footprint.GLOBAL,
                Tally.elementwise(perChannel, image.channels(), max ? "H x W - 1 comparisons per channel"
                        : "H x W per channel (additions and a division)"),
                new Working(dims, () -> List.of("no parameters: each channel's " + (max ? "largest" : "average")
                        + " value over the whole image")));
    }

    /** kernel Nin x N, bias N; MACs Nin x N. The checker flattens an image before a dense layer. */
    @Override
    public Outcome visitDense(Layer.Dense dense) {
        if (!positive(dense.units(), "the unit count")) {
            return Outcome.UNKNOWN;
        }
        long units = dense.units().value();
        if (dense.perPosition() && in() instanceof Shape.Image image) {
            return densePerPosition(dense, image, units);
        }
        List<Working.Dimension> dims = List.of(new Working.Dimension("length", Formula.of(units),
                "the unit count"));
        if (!(in() instanceof Shape.Vector vector)) {
            return new Outcome(new Shape.Vector(units), List.of(), Footprint.GLOBAL, Cost.NONE, Working.NONE);
        }
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, vector.length(), units));
        if (dense.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, units));
        }
        Cost cost = Tally.weighted(Tally.macs(vector.length(), units), "Nin x N", units, dense.bias(),
                dense.activation());
        return new Outcome(new Shape.Vector(units), tensors, Footprint.GLOBAL, cost, new Working(dims, () -> {
            List<String> notes = new ArrayList<>(List.of((units == 1 ? "the unit has" : "each of the "
                    + Formula.grouped(units) + " units has") + " a weight for each of the " + Formula.grouped(vector.length())
                    + " inputs"));
            notes.addAll(bias(dense.bias()));
            return notes;
        }));
    }

    /**
     * {@code dense N keep}: the same kernel Cin x N and bias N at every position of the image, as Keras's
     * Dense on an image (a 1x1 convolution); MACs H x W x Cin x N.
     */
    private Outcome densePerPosition(Layer.Dense dense, Shape.Image image, long units) {
        List<Working.Dimension> dims = List.of(new Working.Dimension("height", Formula.of(image.height()), "as the input"),
                new Working.Dimension("width", Formula.of(image.width()), "as the input"),
                new Working.Dimension("channels", Formula.of(units), "the unit count"));
        Shape.Image out = new Shape.Image(image.height(), image.width(), units);
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, image.channels(), units));
        if (dense.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, units));
        }
        Cost cost = Tally.weighted(Tally.macs(image.height(), image.width(), image.channels(), units),
                "H x W x Cin x N", elements(out), dense.bias(), dense.activation());
        return pointwise(out, tensors, cost, new Working(dims, () -> {
            List<String> notes = new ArrayList<>(List.of("'keep': at each of the " + Formula.grouped(
                    Math.multiplyExact(image.height(), image.width())) + " positions, the same " + Formula.grouped(units)
                    + " units read that position's " + Formula.grouped(image.channels()) + " channels"));
            notes.addAll(bias(dense.bias()));
            return notes;
        }));
    }

    /** Moves values, computes nothing: each value keeps the receptive field it had. */
    @Override
    public Outcome visitFlatten(Layer.Flatten flatten) {
        Shape in = in();
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        List<Working.Dimension> dims = in instanceof Shape.Image image
                ? List.of(new Working.Dimension("length", Formula.product(image.height(), image.width(), image.channels()),
                        "height x width x channels"))
                : Working.as(in, "as the input");
        return pointwise(Working.shape(dims), List.of(), Cost.NONE, new Working(dims, () -> List.of("no parameters and no arithmetic: the values are laid out in a row, channels last")));
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
        return pointwise(in, tensors, Tally.elementwise(2, elements(in), "2 per value (a scale and a shift)"),
                new Working(Working.as(in, "as the input"), () -> List.of("one of each tensor per channel; the moving mean "
                        + "and variance are parameters but are not trained: training keeps them as running averages"
                        + (bn.scale() ? "" : "; 'noscale' leaves out gamma"))));
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
        if (channels == 1) {
            diagnostics.add(Code.W0503, ln.span(), "ln normalises a last axis of one value (the input is "
                    + (in instanceof Shape.Vector ? "a vector of 1" : in) + "): "
                    + (in instanceof Shape.Vector ? "the value" : "each position's one channel")
                    + " is its own mean, so the output is its beta whatever the input, and no layer before it learns",
                    "normalise where the last axis holds more values, use bn (its statistics run over the batch), "
                            + "or run with --allow W0503");
        }
        return pointwise(in, List.of(ParamTensor.of(TensorName.GAMMA, true, channels),
                ParamTensor.of(TensorName.BETA, true, channels)),
                Tally.elementwise(7, elements(in), "7 per value (mean 1, variance 3, normalise 1, scale and shift 2)"),
                new Working(Working.as(in, "as the input"), () -> List.of("a gamma and a beta per value of the last axis")));
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
        if (normalize.isConstant()) {
            return constantNormalize(normalize, in, channels);
        }
        return pointwise(in, List.of(ParamTensor.of(TensorName.MEAN, false, channels),
                ParamTensor.of(TensorName.VARIANCE, false, channels), ParamTensor.of(TensorName.COUNT, false)),
                Tally.elementwise(2, elements(in), "2 per value (subtract the mean, divide by the deviation)"),
                new Working(Working.as(in, "as the input"), () -> List.of("none of these is trained: Keras's adapt() sets "
                        + "them from the data")));
    }

    /**
     * The mean and variance written: constants, as many of each (the parser says so), one or one per
     * channel; 2 FLOPs a value, as adapted.
     */
    private Outcome constantNormalize(Layer.Normalize normalize, Shape in, long channels) {
        int count = normalize.mean().size();
        if (count != 1 && count != channels) {
            diagnostics.add(Code.E0404, normalize.span(), "'normalize' has " + count + " means for an input of "
                    + channels + (channels == 1 ? " channel" : " channels"), "write one number (for every channel) or "
                    + channels + ", one per channel, for the mean and for the variance");
            return Outcome.UNKNOWN;
        }
        return pointwise(in, List.of(), Tally.elementwise(2, elements(in),
                "2 per value (subtract the mean, divide by the deviation)"),
                none(in, () -> "no parameters: the mean and variance are constants, as written"));
    }

    /** ConvNeXt's layer scale: a trained gamma per channel (C); a multiplication a value. */
    @Override
    public Outcome visitLayerScale(Layer.LayerScale scale) {
        Shape in = in();
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        return pointwise(in, List.of(ParamTensor.of(TensorName.GAMMA, true, lastAxis(in))),
                Tally.elementwise(1, elements(in), "1 per value (a multiplication)"),
                new Working(Working.as(in, "as the input"), () -> List.of("a gamma per value of the last axis, "
                        + "starting at 0.000001 (ConvNeXt's)")));
    }

    /**
     * A trained slope per channel (per value of the last axis on a vector), as Keras's PReLU with the height and
     * width shared and torch's PReLU(C); 1 FLOP a value, as an activation.
     */
    @Override
    public Outcome visitPReLU(Layer.PReLU prelu) {
        Shape in = in();
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        return pointwise(in, List.of(ParamTensor.of(TensorName.ALPHA, true, lastAxis(in))),
                Tally.elementwise(1, elements(in), "1 per value"),
                new Working(Working.as(in, "as the input"), () -> List.of("an alpha (the slope for negative inputs) per "
                        + "value of the last axis, trained, starting at 0.25")));
    }

    /** A multiplication a value, and an addition when an offset is written. */
    @Override
    public Outcome visitRescale(Layer.Rescale rescale) {
        if (rescale.divisor() != null && Double.parseDouble(rescale.divisor().decimal()) == 0) {
            diagnostics.add(Code.E0403, rescale.divisor().span(), "a rescale cannot divide by zero",
                    "rescale 1/255 maps pixel values 0..255 to 0..1");
            return Outcome.UNKNOWN;
        }
        double scale = rescale.scale();
        if (!Double.isFinite(scale) || scale == 0 && !rescale.factor().decimal().matches("[0.]+")) {
            diagnostics.add(Code.E0102, rescale.factor().span(), "the scale " + rescale.scaleText() + " is out of range",
                    "rescale 1/255 maps pixel values 0..255 to 0..1");
            return Outcome.UNKNOWN;
        }
        if (!Double.isFinite(rescale.offset())) {
            diagnostics.add(Code.E0102, rescale.offsetValue().span(), "the offset " + rescale.offsetText() + " is out of range");
            return Outcome.UNKNOWN;
        }
        Shape in = in();
        boolean offset = !rescale.offsetText().isEmpty();
        return in.isKnown() ? pointwise(in, List.of(), Tally.elementwise(offset ? 2 : 1, elements(in),
                offset ? "2 per value (a multiplication and an addition)" : "1 per value (a multiplication)"),
                none(in, () -> "no parameters: the scale and offset are constants")) : Outcome.UNKNOWN;
    }

    /** Nothing at inference. */
    @Override
    public Outcome visitDropout(Layer.Dropout dropout) {
        double rate = Double.parseDouble(dropout.rateText());
        if (!(rate >= 0 && rate < 1)) {
            diagnostics.add(Code.E0404, dropout.rate().span(), "a dropout rate is at least 0 and below 1, not "
                    + dropout.rateText(), "dropout 0.5 drops half of the values during training");
            return Outcome.UNKNOWN;
        }
        Shape in = in();
        return in.isKnown() ? pointwise(in, List.of(), Cost.NONE,
                none(in, () -> "no parameters, and no arithmetic at inference: dropout acts in training only"))
                : Outcome.UNKNOWN;
    }

    /** 1 FLOP a value, whatever the function. */
    @Override
    public Outcome visitActivate(Layer.Activate activate) {
        Shape in = in();
        return in.isKnown() ? pointwise(in, List.of(), Tally.elementwise(1, elements(in), "1 per value"),
                none(in, () -> "no parameters: " + activate.activation().text() + " is a fixed function"))
                : Outcome.UNKNOWN;
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
        List<Working.Dimension> dims = List.of(
                new Working.Dimension("height", Formula.product(image.height(), fh), ""),
                new Working.Dimension("width", Formula.product(image.width(), fw), ""),
                new Working.Dimension("channels", Formula.of(image.channels()), "as the input"));
        Shape out = Working.shape(dims);
        if (!upsample.bilinear()) {
            return new Outcome(out, List.of(), new Footprint.Repeated(fh, fw, false), Cost.NONE,
                    new Working(dims, () -> List.of("no parameters and no arithmetic: rows and columns are repeated")))
                    .withZeros(new Zeros(Math.multiplyExact(inZeros.rows(), fh), Math.multiplyExact(inZeros.columns(), fw)));
        }
        Cost cost = Tally.elementwise(7, elements(out), "7 per output value: 4 neighbours weighted and added");
        return new Outcome(out, List.of(), new Footprint.Repeated(fh, fw, true), cost,
                new Working(dims, () -> List.of("no parameters: each new value is a fixed weighting of its 2x2 nearest "
                        + "input values (bilinear)")))
                .withZeros(new Zeros(interpolatedZeros(image.height(), inZeros.rows(), fh),
                        interpolatedZeros(image.width(), inZeros.columns(), fw)));
    }

    /**
     * The last output rows of a bilinear upsampling by f that read only the last {@code zeroRows} rows of
     * its n: row q reads from floor((2q + 1 - f)/(2f)) on, so those from ceil((2f(m + 1) + f - 1)/2) on,
     * with m the last row that holds input.
     */
    private static long interpolatedZeros(long n, long zeroRows, long factor) {
        if (zeroRows == 0) {
            return 0;
        }
        long out = Math.multiplyExact(n, factor);
        if (zeroRows >= n) {
            return out;
        }
        long firstEmpty = Math.floorDiv(Math.multiplyExact(2 * factor, n - zeroRows) + factor, 2);
        return Math.max(0, out - firstEmpty);
    }

    @Override
    public Outcome visitZeroPad(Layer.ZeroPad pad) {
        return border(pad.span(), "zeropad", pad.sides(), true);
    }

    @Override
    public Outcome visitCrop(Layer.Crop crop) {
        return border(crop.span(), "crop", crop.sides(), false);
    }

    /** {@code adds} rows and columns (zeropad), or removes them (crop). */
    private Outcome border(Span span, String word, Layer.Sides sides, boolean adds) {
        Shape.Image image = requireImage(span, word, in());
        if (image == null) {
            return Outcome.UNKNOWN;
        }
        Formula height = along(image.height(), sides.top().value(), sides.bottom().value(), adds);
        Formula width = along(image.width(), sides.left().value(), sides.right().value(), adds);
        if (height.value() <= 0 || width.value() <= 0) {
            long rows = Math.addExact(sides.top().value(), sides.bottom().value());
            long columns = Math.addExact(sides.left().value(), sides.right().value());
            diagnostics.add(Code.E0400, span, "cropping " + rows + " rows and " + columns + " columns from a "
                    + image + " input leaves " + height.value() + "x" + width.value(), "crop less than the input's size");
            return Outcome.UNKNOWN;
        }
        List<Working.Dimension> dims = List.of(new Working.Dimension("height", height, ""),
                new Working.Dimension("width", width, ""),
                new Working.Dimension("channels", Formula.of(image.channels()), "as the input"));
        long sign = adds ? 1 : -1;
        Footprint shifted = new Footprint.Shifted(sign * sides.top().value(), sign * sides.left().value());
        Zeros zeros = adds ? new Zeros(Math.addExact(inZeros.rows(), sides.bottom().value()),
                Math.addExact(inZeros.columns(), sides.right().value()))
                : new Zeros(Math.max(0, inZeros.rows() - sides.bottom().value()),
                        Math.max(0, inZeros.columns() - sides.right().value()));
        return new Outcome(Working.shape(dims), List.of(), shifted, Cost.NONE, new Working(dims, () -> List.of(adds
                ? "no parameters and no arithmetic: zeros are added at the borders"
                : "no parameters and no arithmetic: rows and columns are removed at the borders"))).withZeros(zeros);
    }

    private static Formula along(long n, long before, long after, boolean adds) {
        return adds ? Formula.of(n).plus(Formula.of(before)).plus(Formula.of(after))
                : Formula.of(n).minus(Formula.of(before)).minus(Formula.of(after));
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
        Shape out = dims.size() == 1 ? new Shape.Vector(dims.get(0)) : new Shape.Image(dims.get(0), dims.get(1), dims.get(2));
        long moved = values;
        Working working = new Working(Working.as(out, "as written"), () -> List.of("no parameters and no arithmetic: the same "
                + Formula.grouped(moved) + " values in another shape"));
        return new Outcome(out, List.of(), dims.size() == 1 ? Footprint.POINTWISE : Footprint.GLOBAL, Cost.NONE, working);
    }

    /** Part P of N of the channels, or of parts of the sizes written: values move, nothing is computed. */
    @Override
    public Outcome visitSplit(Layer.Split split) {
        Shape.Image image = split.isEven() ? dividedImage(split.span(), "split", split.sizes().get(0), "the number of parts")
                : sizedImage(split);
        if (image == null) {
            return Outcome.UNKNOWN;
        }
        long parts = split.isEven() ? split.sizes().get(0).value() : split.sizes().size();
        long part = split.part().value();
        if (part < 1 || part > parts) {
            diagnostics.add(Code.E0404, split.part().span(), "'take " + part + "' is not one of the " + parts
                    + " parts", "the parts are numbered from 1 to " + parts + ": split " + split.sizesText() + " take 1 is the first");
            return Outcome.UNKNOWN;
        }
        long start = split.start(image.channels());
        long end = split.end(image.channels());
        Working.Dimension channels = split.isEven()
                ? new Working.Dimension("channels", Formula.of(image.channels()).over(Formula.of(parts)),
                        "the input's channels / the parts")
                : new Working.Dimension("channels", Formula.of(end - start), "the size of part " + part);
        List<Working.Dimension> dims = List.of(new Working.Dimension("height", Formula.of(image.height()), "as the input"),
                new Working.Dimension("width", Formula.of(image.width()), "as the input"), channels);
        return pointwise(Working.shape(dims), List.of(), Cost.NONE, new Working(dims, () -> List.of("no parameters and "
                + "no arithmetic: the channels " + start + " to " + (end - 1) + " of the input")));
    }

    /** For {@code split A,B,.. take P}: the input image, whose channels the positive sizes sum to; else null (reported). */
    private Shape.Image sizedImage(Layer.Split split) {
        boolean sizesOk = true;
        for (Expr size : split.sizes()) {
            sizesOk &= positive(size, "a part's size");
        }
        Shape.Image image = requireImage(split.span(), "split", in());
        if (!sizesOk || image == null) {
            return null;
        }
        long sum = 0;
        for (Expr size : split.sizes()) {
            sum = Math.addExact(sum, size.value());
        }
        if (sum == image.channels()) {
            return image;
        }
        List<Expr> sizes = split.sizes();
        long others = sum - sizes.get(sizes.size() - 1).value();
        String fix = others < image.channels() ? "split " + String.join(", ", sizes.subList(0, sizes.size() - 1).stream()
                .map(size -> Long.toString(size.value())).toList()) + ", " + (image.channels() - others) + " take "
                + split.part().value() + " (the last part the rest), or other sizes that sum to " + image.channels()
                : "write sizes that sum to " + image.channels();
        diagnostics.add(Code.E0402, sizes.get(0).span().to(sizes.get(sizes.size() - 1).span()), "the parts of 'split "
                + split.sizesText() + "' hold " + String.join(" + ", sizes.stream().map(size -> Long.toString(size.value()))
                .toList()) + " = " + sum + " channels, but its input has " + image.channels(), fix);
        return null;
    }

    /** G groups of C/G channels, interleaved: values move, nothing is computed. */
    @Override
    public Outcome visitShuffle(Layer.Shuffle shuffle) {
        Shape.Image image = dividedImage(shuffle.span(), "shuffle", shuffle.groups(), "the group count");
        if (image == null) {
            return Outcome.UNKNOWN;
        }
        long groups = shuffle.groups().value();
        return pointwise(image, List.of(), Cost.NONE, none(image, () -> "no parameters and no arithmetic: the "
                + image.channels() + " channels as " + groups + " groups of " + image.channels() / groups
                + ", interleaved (channel g x " + image.channels() / groups + " + k goes to k x " + groups + " + g)"));
    }

    /** add and multiply: an operation a value for each branch after the first; concat moves values. */
    @Override
    public Outcome visitJoin(Layer.Join join) {
        List<Working.Dimension> dims = joinRule.apply(join, inputs, branchStarts, branchDepartures);
        if (dims.isEmpty()) {
            return Outcome.UNKNOWN;
        }
        Shape out = Working.shape(dims);
        if (join.merging() == cnnc.ast.MergeKind.MATMUL) {
            return matmul((Shape.Image) inputs.get(0), (Shape.Image) inputs.get(1), out, dims);
        }
        if (join.merging() == cnnc.ast.MergeKind.SELECT) {
            return select(out, dims);
        }
        boolean concat = join.kind() == cnnc.ast.LayerKind.CONCAT;
        Cost cost = Tally.elementwise(concat ? 0 : inputs.size() - 1, elements(out), concat
                ? "0: values are placed side by side"
                : (inputs.size() - 1) + " per value (n - 1 for n branches)");
        return pointwise(out, List.of(), cost, new Working(dims, () -> List.of("no parameters")));
    }

    /**
     * A matrix product of HW x K by K x C: every output value a sum of K products, as torch's
     * FlopCounterMode counts a bmm (2 FLOPs per MAC). Every output reads every position of B: a global footprint.
     */
    private Outcome matmul(Shape.Image a, Shape.Image b, Shape out, List<Working.Dimension> dims) {
        Cost cost = Tally.weighted(Tally.macs(a.height(), a.width(), a.channels(), b.channels()), "H x W x K x C",
                elements(out), false, LINEAR);
        return new Outcome(out, List.of(), Footprint.GLOBAL, cost, new Working(dims, () -> List.of("no parameters: "
                + "each of the " + Formula.grouped(a.height() * a.width()) + " rows of " + Formula.grouped(a.channels())
                + " weights times the " + Formula.grouped(b.height() * b.width()) + " positions of the second branch")));
    }

    /**
     * The softmax of the logits across the branches (1 per logit value, as an activation), then each output
     * value the n branches' values weighted and added (n products and n - 1 sums).
     */
    private Outcome select(Shape out, List<Working.Dimension> dims) {
        int branches = inputs.size() - 1;
        long logits = elements(inputs.get(branches));
        Cost weighted = Tally.elementwise(2L * branches - 1, elements(out), "");
        Cost cost;
        try {
            cost = new Cost(Formula.of(0), "", Formula.of(logits).plus(weighted.flopsWorking()), "1 per logit (the softmax) + "
                    + (2 * branches - 1) + " per value (n products and n - 1 sums for n branches)");
        } catch (ArithmeticException e) {
            throw new Tally.Overflow();
        }
        return pointwise(out, List.of(), cost, new Working(dims, () -> List.of("no parameters: channel k of branch i "
                + "weighted by the softmax across the " + branches + " branches of logit i x C + k")));
    }

    private static final cnnc.ast.Activation LINEAR = new cnnc.ast.Activation(cnnc.ast.ActivationKind.LINEAR, null);

    private static Working none(Shape in, Supplier<String> note) {
        return new Working(Working.as(in, "as the input"), () -> List.of(note.get()));
    }

    private static List<String> bias(boolean bias) {
        return bias ? List.of() : List.of("no bias ('nobias')");
    }

    /** Element-wise: an output row holds input where the input row does. */
    private Outcome pointwise(Shape out, List<ParamTensor> tensors, Cost cost, Working working) {
        return new Outcome(out, tensors, Footprint.POINTWISE, cost, working,
                out instanceof Shape.Image && in() instanceof Shape.Image ? inZeros : Zeros.NONE);
    }

    private static long lastAxis(Shape in) {
        return in instanceof Shape.Image image ? image.channels() : ((Shape.Vector) in).length();
    }

    /** A window's output along height and width, with its channels, and where it reads. */
    private record Sliding(Window height, Window width, Working.Dimension channels, Footprint footprint) {
        Shape.Image out() {
            return new Shape.Image(height.size(), width.size(), channels.formula().value());
        }

        /** The output rows and columns that read only rows and columns without input. */
        Zeros zeros(Shape.Image in, Zeros inZeros) {
            return new Zeros(height.zeroOutputs(in.height(), inZeros.rows()),
                    width.zeroOutputs(in.width(), inZeros.columns()));
        }

        /** The dimensions, and the padding with {@code notes} when they are asked for. */
        Working working(List<String> notes, String... more) {
            return new Working(List.of(new Working.Dimension("height", height.output(), ""),
                    new Working.Dimension("width", width.output(), ""), channels), () -> {
                        List<String> all = new ArrayList<>();
                        String zeros = height.zeros().equals(width.zeros()) ? height.zeros()
                                : "height " + or(height.zeros()) + ", width " + or(width.zeros());
                        if (!zeros.isEmpty()) {
                            all.add("padding: " + zeros);
                        }
                        all.addAll(notes);
                        all.addAll(List.of(more));
                        return all;
                    });
        }

        private static String or(String zeros) {
            return zeros.isEmpty() ? "none" : zeros;
        }
    }

    /** A kernel sliding over an image, or null when it does not fit (reported). */
    private Sliding slide(Span span, Padding padding, Size2 kernel, Size2 stride, long dilation, Shape.Image image,
                          Working.Dimension channels) {
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
        return new Sliding(height, width, channels,
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
        long rows = height.dropped(inZeros.rows());
        long columns = width.dropped(inZeros.columns());
        if (rows > 0 || columns > 0) {
            List<String> parts = new ArrayList<>();
            if (rows > 0) {
                parts.add(plural(rows, "row") + " (" + height.formula() + " rounds down to " + height.size() + ")");
            }
            if (columns > 0) {
                parts.add(plural(columns, "column") + " (" + width.formula() + " rounds down to " + width.size() + ")");
            }
            diagnostics.add(Code.W0500, span, what + " on a " + in + " input leaves the last "
                    + String.join(" and the last ", parts) + " of the input unread",
                    "if that is meant, crop them before this layer (crop 0 " + rows + " 0 " + columns
                            + "): the output stays the same; or run with --allow W0500");
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

    private boolean channelsDivide(Layer.Conv conv, long channels) {
        long groups = conv.groups().value();
        if (channels % groups == 0) {
            return true;
        }
        diagnostics.add(Code.E0402, conv.groups().span(), "groups " + groups + " does not divide the "
                + channels + " input channels (" + channels + " / " + groups + " is not whole)",
                "choose a group count that divides both the input channels and the filters");
        return false;
    }

    /** For split and shuffle: the input image, whose channels the positive {@code count} divides; else null (reported). */
    private Shape.Image dividedImage(Span span, String word, Expr count, String what) {
        boolean countOk = positive(count, what);
        Shape.Image image = requireImage(span, word, in());
        if (!countOk || image == null) {
            return null;
        }
        long channels = image.channels();
        if (channels % count.value() == 0) {
            return image;
        }
        diagnostics.add(Code.E0402, count.span(), "'" + word + " " + count.value() + "' does not divide the " + channels
                + " input channels (" + channels + " / " + count.value() + " is not whole)",
                "the channels must split into equal parts");
        return null;
    }

    private boolean filtersDivide(Layer.Conv conv) {
        long groups = conv.groups().value();
        if (conv.filters().value() % groups == 0) {
            return true;
        }
        diagnostics.add(Code.E0402, conv.groups().span(), "groups " + groups + " does not divide the "
                + conv.filters().value() + " filters (" + conv.filters().value() + " / " + groups
                + " is not whole)", "choose a group count that divides both the input channels and the filters");
        return false;
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
