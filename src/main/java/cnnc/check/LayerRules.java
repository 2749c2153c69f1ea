package cnnc.check;

import static cnnc.check.Tally.elements;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.Collections;
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

    /** kernel kh x kw x (Cin/groups) x F, bias F; MACs per output value kh x kw x Cin/groups (a kernel axis per spatial axis). */
    @Override
    public Outcome visitConv(Layer.Conv conv) {
        boolean sizesOk = positive(conv.filters(), "the filter count")
                & kernelOk(conv.kernel(), conv.stride(), conv.dilation()) & positive(conv.groups(), "the group count")
                & paddingOk(conv.padding());
        Shape.Grid grid = requireGrid(conv.span(), "conv", in());
        // the filters must divide into the groups whatever the input: said even after a mistake above
        boolean channelsOk = !sizesOk || grid == null || channelsDivide(conv, grid.channels());
        boolean filtersOk = !sizesOk || filtersDivide(conv);
        if (!sizesOk || grid == null || !channelsOk || !filtersOk) {
            return Outcome.UNKNOWN;
        }
        long filters = conv.filters().value();
        long groups = conv.groups().value();
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), grid,
                new Working.Dimension("channels", Formula.of(filters), "the filter count"));
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        List<Long> kernel = slide.kernel();
        long perGroup = grid.channels() / groups;
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, with(kernel, perGroup, filters)));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        Shape.Grid out = slide.out();
        int rank = grid.rank();
        Cost cost = Tally.weighted(Tally.macs(with(out.sizes(), filters, kernel, perGroup)),
                () -> outs(rank) + " x F x " + taps(rank) + " x " + (groups == 1 ? "Cin" : "Cin/G"), elements(out), conv.bias(),
                conv.activation());
        return new Outcome(out, tensors, slide.footprint(), cost, slide.working(bias(conv.bias())))
                .withZeros(slide.zeros(grid, inZeros));
    }

    /** depthwise kernel kh x kw x Cin x M, bias Cin*M; output Cin*M channels; MACs kh x kw per output value. */
    @Override
    public Outcome visitDepthwiseConv(Layer.DepthwiseConv conv) {
        boolean sizesOk = kernelOk(conv.kernel(), conv.stride(), conv.dilation())
                & positive(conv.multiplier(), "the depth multiplier") & paddingOk(conv.padding());
        Shape.Grid grid = requireGrid(conv.span(), "dwconv", in());
        if (!sizesOk || grid == null) {
            return Outcome.UNKNOWN;
        }
        long multiplier = conv.multiplier().value();
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), grid,
                new Working.Dimension("channels", Formula.product(grid.channels(), multiplier),
                        "the input's channels x the depth multiplier"));
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        List<Long> kernel = slide.kernel();
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.DEPTHWISE_KERNEL, true, with(kernel, grid.channels(), multiplier)));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, slide.out().channels()));
        }
        Shape.Grid out = slide.out();
        int rank = grid.rank();
        Cost cost = Tally.weighted(Tally.macs(with(out.sizes(), out.channels(), kernel)),
                () -> outs(rank) + " x Cin x M x " + taps(rank), elements(out), conv.bias(), conv.activation());
        return new Outcome(out, tensors, slide.footprint(), cost,
                slide.working(bias(conv.bias()), "each filter reads one channel: " + taps(rank) + " weights, not "
                        + taps(rank) + " x Cin"))
                .withZeros(slide.zeros(grid, inZeros));
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
        Shape.Grid grid = requireGrid(conv.span(), "sepconv", in());
        if (!sizesOk || grid == null) {
            return Outcome.UNKNOWN;
        }
        long filters = conv.filters().value();
        long multiplier = conv.multiplier().value();
        Sliding slide = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(), grid,
                new Working.Dimension("channels", Formula.of(filters), "the filter count of the pointwise step"));
        if (slide == null) {
            return Outcome.UNKNOWN;
        }
        List<Long> kernel = slide.kernel();
        int rank = grid.rank();
        long depth = Math.multiplyExact(grid.channels(), multiplier);
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.DEPTHWISE_KERNEL, true, with(kernel, grid.channels(), multiplier)));
        tensors.add(ParamTensor.of(TensorName.POINTWISE_KERNEL, true,
                with(Collections.nCopies(rank, 1L), depth, filters)));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        Shape.Grid out = slide.out();
        Cost cost = Tally.weighted(Tally.macs(Tally.macs(with(out.sizes(), grid.channels(), multiplier, kernel)),
                        Tally.macs(with(out.sizes(), grid.channels(), multiplier, filters))),
                () -> outs(rank) + " x Cin x M x " + taps(rank) + " (depthwise) + " + outs(rank) + " x Cin x M x F (pointwise)",
                elements(out), conv.bias(), conv.activation());
        return new Outcome(out, tensors, slide.footprint(), cost,
                slide.working(bias(conv.bias()), "the depthwise step has no bias; the bias is the pointwise step's"))
                .withZeros(slide.zeros(grid, inZeros));
    }

    /**
     * kernel kh x kw x F x Cin, bias F. Size as Keras's Conv2DTranspose: same gives n*s, valid gives
     * n*s + max(k' - s, 0) with the dilated kernel k' = d(k-1)+1. MACs: every input value times the
     * F filters' kh x kw taps (as torch's counter counts a transposed convolution).
     */
    @Override
    public Outcome visitTransposedConv(Layer.TransposedConv conv) {
        boolean sizesOk = positive(conv.filters(), "the filter count")
                & kernelOk(conv.kernel(), conv.stride(), conv.dilation());
        Shape.Grid grid = requireGrid(conv.span(), "deconv", in());
        if (!sizesOk || grid == null) {
            return Outcome.UNKNOWN;
        }
        List<Long> kernel = axes(conv.kernel(), grid, "kernel");
        List<Long> stride = kernel == null ? null : axes(conv.stride(), grid, "stride");
        if (stride == null) {
            return Outcome.UNKNOWN;
        }
        boolean same = conv.padding() instanceof Padding.Same;
        long dilation = conv.dilation().value();
        long filters = conv.filters().value();
        int rank = grid.rank();
        List<Axis> axes = new ArrayList<>(rank);
        List<Formula> sizes = new ArrayList<>(rank);
        for (int axis = 0; axis < rank; axis++) {
            axes.add(enlarge(kernel.get(axis), stride.get(axis), dilation, same));
            sizes.add(enlarged(grid.size(axis), axes.get(axis), same));
        }
        List<Working.Dimension> dims = Working.grid(sizes, "",
                new Working.Dimension("channels", Formula.of(filters), "the filter count"));
        Shape.Grid out = (Shape.Grid) Working.shape(dims);
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, with(kernel, filters, grid.channels())));
        if (conv.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, filters));
        }
        Cost cost = Tally.weighted(Tally.macs(with(grid.sizes(), grid.channels(), filters, kernel)),
                () -> ins(rank) + " x Cin x F x " + taps(rank) + ": every input value times every tap", elements(out), conv.bias(),
                conv.activation());
        return new Outcome(out, tensors, new Footprint.Transposed(axes), cost,
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
        Shape.Grid grid = requireGrid(pool.span(), pool.kind().op(), in());
        if (!sizesOk || grid == null) {
            return Outcome.UNKNOWN;
        }
        // the stride defaults to the window: a window of the wrong rank is reported once
        List<Long> kernel = axes(pool.window(), grid, "pool window");
        List<Long> stride = kernel == null ? null : axes(pool.stride(), grid, "stride");
        List<Long> pads = stride == null ? null : pads(pool.padding(), grid);
        if (pads == null || !poolPaddingOk(pool, kernel, pads)) {
            return Outcome.UNKNOWN;
        }
        int rank = grid.rank();
        List<Window> windows = new ArrayList<>(rank);
        List<Axis> axes = new ArrayList<>(rank);
        for (int axis = 0; axis < rank; axis++) {
            windows.add(poolWindow(pool, grid.size(axis), pads.get(axis), kernel.get(axis), stride.get(axis)));
            axes.add(windows.get(axis).axis(kernel.get(axis), stride.get(axis), 1));
        }
        if (!fits(pool.span(), () -> "a " + sized(kernel, "window"), grid, windows)) {
            return Outcome.UNKNOWN;
        }
        Sliding slide = new Sliding(kernel, windows,
                new Working.Dimension("channels", Formula.of(grid.channels()), "as the input"), new Footprint.Sliding(axes));
        Shape.Grid out = slide.out();
        boolean max = pool.pooling() == PoolKind.MAX;
        long perOutput = product(kernel) - (max ? 1 : 0) + (pool.scaled() ? 2 : 0);
        Cost cost = Tally.elementwise(perOutput, elements(out), () -> (max ? taps(rank) + " - 1 comparisons per output value"
                : taps(rank) + " per output value (additions and a division)") + (pool.scaled() ? " + 2 for the scaling" : ""));
        List<String> notes = new ArrayList<>(poolPaddingNotes(pool, max));
        if (!pool.scaled()) {
            notes.add("no parameters: pooling takes the " + (max ? "largest" : "average") + " of each window, with no "
                    + "weights (the 'scaled' variant would add a coefficient and a bias per channel)");
            return new Outcome(out, List.of(), slide.footprint(), cost, slide.working(notes))
                .withZeros(slide.zeros(grid, inZeros));
        }
        notes.add("'scaled': after the pooling, each channel is multiplied by a trained coefficient "
                + "and shifted by a trained bias (LeNet-5's subsampling)");
        return new Outcome(out, List.of(ParamTensor.of(TensorName.COEFFICIENT, true, grid.channels()),
                ParamTensor.of(TensorName.BIAS, true, grid.channels())), slide.footprint(), cost,
                slide.working(notes))
                .withZeros(slide.zeros(grid, inZeros));
    }

    /** What PyTorch's padding and ceil_mode mean for the values, which the padding note alone does not say. */
    private static List<String> poolPaddingNotes(Layer.Pool pool, boolean max) {
        List<String> notes = new ArrayList<>();
        if (pool.padding() instanceof Padding.Explicit explicit
                && explicit.amount().written().stream().anyMatch(pad -> pad.value() > 0)) {
            notes.add(max ? "for a max the padding is -inf rather than zeros, as PyTorch's: the largest value is "
                    + "always the input's" : "the zeros of padding count in the average, as PyTorch's count_include_pad");
        }
        if (pool.ceil()) {
            notes.add("'ceil' rounds the window count up, less the last window if it would start at or beyond "
                    + "the input and its left padding (PyTorch's ceil_mode); a window past the end is cut short");
        }
        return notes;
    }

    private static Window poolWindow(Layer.Pool pool, long n, long pad, long kernel, long stride) {
        return pool.ceil() ? Window.ceiled(n, pad, kernel, stride) : window(pool.padding(), n, pad, kernel, stride, 1);
    }

    /**
     * PyTorch refuses a pooling padding above half the window: a window could then read padding only
     * (no input for a max, nothing but zeros for an average).
     */
    private boolean poolPaddingOk(Layer.Pool pool, List<Long> kernel, List<Long> pads) {
        if (!(pool.padding() instanceof Padding.Explicit explicit)) {
            return true;
        }
        if (explicit.amount().written().size() == 1) {
            long pad = pads.get(0);
            long smallest = Collections.min(kernel);
            if (pad <= smallest / 2) {
                return true;
            }
            diagnostics.add(Code.E0408, explicit.span(), "pad " + pad + " is more than half the " + sized(kernel, "window")
                    + ": a window at the border would read only padding", "PyTorch's pools take at most "
                    + smallest / 2 + " here; use 'zeropad' before the pool for more zeros");
            return false;
        }
        List<String> names = Shape.axisNames(kernel.size());
        for (int axis = 0; axis < kernel.size(); axis++) {
            if (pads.get(axis) > kernel.get(axis) / 2) {
                diagnostics.add(Code.E0408, explicit.span(), "pad " + dims(pads) + " is more than half the "
                        + sized(kernel, "window") + " along the " + names.get(axis) + " (" + pads.get(axis) + " of "
                        + kernel.get(axis) + "): a window at the border would read only padding",
                        "PyTorch's pools take at most " + kernel.get(axis) / 2 + " there; use 'zeropad' before the pool "
                                + "for more zeros");
                return false;
            }
        }
        return true;
    }

    /** An explicit padding below 0 is reported; 'pad 0' is no padding. */
    private boolean paddingOk(Padding padding) {
        if (!(padding instanceof Padding.Explicit explicit)) {
            return true;
        }
        for (Expr pad : explicit.amount().written()) {
            if (pad.value() < 0) {
                diagnostics.add(Code.E0408, explicit.span(), "the padding must be 0 or more, not " + pad.value(),
                        "to remove rows and columns, put 'crop P' before the layer");
                return false;
            }
        }
        return true;
    }

    /** The zeros on both sides of each axis that 'pad' writes (0 for valid and same), or null when not written for the rank (reported). */
    private List<Long> pads(Padding padding, Shape.Grid grid) {
        return padding instanceof Padding.Explicit explicit ? axes(explicit.amount(), grid, "padding")
                : Collections.nCopies(grid.rank(), 0L);
    }

    /** One value per channel: H x W - 1 comparisons (max) or additions and a division (average) each. */
    @Override
    public Outcome visitGlobalPool(Layer.GlobalPool pool) {
        Shape.Grid grid = requireGrid(pool.span(), pool.kind().op(), in());
        if (grid == null) {
            return Outcome.UNKNOWN;
        }
        Working.Dimension channels = new Working.Dimension(pool.keepDims() ? "channels" : "length",
                Formula.of(grid.channels()), "one value per input channel");
        List<Working.Dimension> dims = pool.keepDims()
                ? Working.grid(Collections.nCopies(grid.rank(), Formula.of(1)), "'keep'", channels)
                : List.of(channels);
        boolean max = pool.pooling() == PoolKind.MAX;
        long perChannel = grid.positions() - (max ? 1 : 0);
        return new Outcome(Working.shape(dims), List.of(), Footprint.GLOBAL,
                Tally.elementwise(perChannel, grid.channels(), () -> letters(grid.rank(), "")
                        + (max ? " - 1 comparisons per channel" : " per channel (additions and a division)")),
                new Working(dims, () -> List.of("no parameters: each channel's " + (max ? "largest" : "average")
                        + " value over the whole " + grid.noun())));
    }

    /** kernel Nin x N, bias N; MACs Nin x N. The checker flattens an image before a dense layer. */
    @Override
    public Outcome visitDense(Layer.Dense dense) {
        if (!positive(dense.units(), "the unit count")) {
            return Outcome.UNKNOWN;
        }
        long units = dense.units().value();
        if (dense.perPosition() && in() instanceof Shape.Grid image) {
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
        Cost cost = Tally.weighted(Tally.macs(vector.length(), units), () -> "Nin x N", units, dense.bias(),
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
    private Outcome densePerPosition(Layer.Dense dense, Shape.Grid grid, long units) {
        List<Working.Dimension> dims = Working.grid(grid.sizes().stream().map(Formula::of).toList(), "as the input",
                new Working.Dimension("channels", Formula.of(units), "the unit count"));
        Shape.Grid out = grid.withChannels(units);
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of(TensorName.KERNEL, true, grid.channels(), units));
        if (dense.bias()) {
            tensors.add(ParamTensor.of(TensorName.BIAS, true, units));
        }
        Cost cost = Tally.weighted(Tally.macs(with(grid.sizes(), grid.channels(), units)),
                () -> letters(grid.rank(), "") + " x Cin x N", elements(out), dense.bias(), dense.activation());
        return pointwise(out, tensors, cost, new Working(dims, () -> {
            List<String> notes = new ArrayList<>(List.of("'keep': at each of the " + Formula.grouped(grid.positions())
                    + " positions, the same " + Formula.grouped(units) + " units read that position's "
                    + Formula.grouped(grid.channels()) + " channels"));
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
        List<Working.Dimension> dims = in instanceof Shape.Grid grid
                ? List.of(new Working.Dimension("length", Formula.product(with(grid.sizes(), grid.channels())),
                        String.join(" x ", Shape.axisNames(grid.rank())) + " x channels"))
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
        return pointwise(in, tensors, Tally.elementwise(2, elements(in), () -> "2 per value (a scale and a shift)"),
                Working.kept(in, () -> List.of("one of each tensor per channel; the moving mean "
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
                Tally.elementwise(7, elements(in), () -> "7 per value (mean 1, variance 3, normalise 1, scale and shift 2)"),
                Working.kept(in, () -> List.of("a gamma and a beta per value of the last axis")));
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
                Tally.elementwise(2, elements(in), () -> "2 per value (subtract the mean, divide by the deviation)"),
                Working.kept(in, () -> List.of("none of these is trained: Keras's adapt() sets "
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
                () -> "2 per value (subtract the mean, divide by the deviation)"),
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
                Tally.elementwise(1, elements(in), () -> "1 per value (a multiplication)"),
                Working.kept(in, () -> List.of("a gamma per value of the last axis, "
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
                Tally.elementwise(1, elements(in), () -> "1 per value"),
                Working.kept(in, () -> List.of("an alpha (the slope for negative inputs) per "
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
                () -> offset ? "2 per value (a multiplication and an addition)" : "1 per value (a multiplication)"),
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
        return in.isKnown() ? pointwise(in, List.of(), Tally.elementwise(1, elements(in), () -> "1 per value"),
                none(in, () -> "no parameters: " + activate.activation().text() + " is a fixed function"))
                : Outcome.UNKNOWN;
    }

    @Override
    public Outcome visitUpsample(Layer.Upsample upsample) {
        boolean sizesOk = positive(upsample.factor(), "the factor");
        Shape.Grid grid = requireGrid(upsample.span(), "upsample", in());
        List<Long> factors = !sizesOk || grid == null ? null : axes(upsample.factor(), grid, "factor");
        if (factors == null) {
            return Outcome.UNKNOWN;
        }
        int rank = grid.rank();
        List<Formula> sizes = new ArrayList<>(rank);
        List<Long> repeated = new ArrayList<>(rank);
        List<Long> interpolated = new ArrayList<>(rank);
        for (int axis = 0; axis < rank; axis++) {
            long factor = factors.get(axis);
            sizes.add(Formula.product(grid.size(axis), factor));
            repeated.add(Math.multiplyExact(inZeros.along(axis), factor));
            interpolated.add(interpolatedZeros(grid.size(axis), inZeros.along(axis), factor));
        }
        List<Working.Dimension> dims = Working.grid(sizes, "",
                new Working.Dimension("channels", Formula.of(grid.channels()), "as the input"));
        Shape out = Working.shape(dims);
        if (!upsample.bilinear()) {
            return new Outcome(out, List.of(), new Footprint.Repeated(factors, false), Cost.NONE,
                    new Working(dims, () -> List.of("no parameters and no arithmetic: " + (rank == 2 ? "rows and columns"
                            : "positions") + " are repeated")))
                    .withZeros(Zeros.of(repeated));
        }
        // 2^r neighbours along r axes: 2^r products and 2^r - 1 sums
        long neighbours = 1L << rank;
        Cost cost = Tally.elementwise(2 * neighbours - 1, elements(out), () -> (2 * neighbours - 1) + " per output value: "
                + neighbours + " neighbours weighted and added");
        return new Outcome(out, List.of(), new Footprint.Repeated(factors, true), cost,
                new Working(dims, () -> List.of("no parameters: each new value is a fixed weighting of its "
                        + String.join("x", Collections.nCopies(rank, "2")) + " nearest input values ("
                        + (rank == 1 ? "linear" : rank == 2 ? "bilinear" : "trilinear") + ")")))
                .withZeros(Zeros.of(interpolated));
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

    /** {@code adds} positions at the borders of each axis (zeropad), or removes them (crop). */
    private Outcome border(Span span, String word, Layer.Sides sides, boolean adds) {
        Shape.Grid grid = requireGrid(span, word, in());
        if (grid == null) {
            return Outcome.UNKNOWN;
        }
        int rank = grid.rank();
        if (!sides.fits(rank)) {
            diagnostics.add(Code.E0103, span, "'" + word + "' has " + sides.written().size() + " numbers, but its input "
                    + grid + " is " + article(grid.noun()) + " of " + rank + (rank == 1 ? " axis" : " axes"),
                    "write one number for every side, " + (rank == 1 ? "" : "one per axis ("
                    + String.join("x", Collections.nCopies(rank, "1")) + "), ") + "or " + 2 * rank
                    + " numbers, one before and one after along each axis");
            return Outcome.UNKNOWN;
        }
        List<Expr> before = sides.before(rank);
        List<Expr> after = sides.after(rank);
        List<Formula> sizes = new ArrayList<>(rank);
        boolean empty = false;
        for (int axis = 0; axis < rank; axis++) {
            sizes.add(along(grid.size(axis), before.get(axis).value(), after.get(axis).value(), adds));
            empty |= sizes.get(axis).value() <= 0;
        }
        if (empty) {
            List<String> removed = new ArrayList<>();
            List<String> left = new ArrayList<>();
            for (int axis = 0; axis < rank; axis++) {
                removed.add(Math.addExact(before.get(axis).value(), after.get(axis).value()) + " "
                        + UNITS.get(rank).get(axis) + "s");
                left.add(Long.toString(sizes.get(axis).value()));
            }
            diagnostics.add(Code.E0400, span, "cropping " + and(removed) + " from a " + grid + " input leaves "
                    + String.join("x", left), "crop less than the input's size");
            return Outcome.UNKNOWN;
        }
        List<Working.Dimension> dims = Working.grid(sizes, "",
                new Working.Dimension("channels", Formula.of(grid.channels()), "as the input"));
        long sign = adds ? 1 : -1;
        List<Long> offsets = new ArrayList<>(rank);
        List<Long> zeros = new ArrayList<>(rank);
        for (int axis = 0; axis < rank; axis++) {
            offsets.add(sign * before.get(axis).value());
            long last = after.get(axis).value();
            zeros.add(adds ? Math.addExact(inZeros.along(axis), last) : Math.max(0, inZeros.along(axis) - last));
        }
        String what = rank == 2 ? "rows and columns" : "positions";
        return new Outcome(Working.shape(dims), List.of(), new Footprint.Shifted(offsets), Cost.NONE, new Working(dims,
                () -> List.of(adds ? "no parameters and no arithmetic: zeros are added at the borders"
                        : "no parameters and no arithmetic: " + what + " are removed at the borders")))
                .withZeros(Zeros.of(zeros));
    }

    /** What one position along each axis is called, by rank: a step; a row, a column; a slice, a row, a column. */
    private static final List<List<String>> UNITS = List.of(List.of(), List.of("step"), List.of("row", "column"),
            List.of("slice", "row", "column"));

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String and(List<String> parts) {
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String article(String noun) {
        return (noun.startsWith("i") ? "an " : "a ") + noun;
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
        Shape out = dims.size() == 1 ? new Shape.Vector(dims.get(0))
                : new Shape.Grid(dims.subList(0, dims.size() - 1), dims.get(dims.size() - 1));
        long moved = values;
        Working working = new Working(Working.as(out, "as written"), () -> List.of("no parameters and no arithmetic: the same "
                + Formula.grouped(moved) + " values in another shape"));
        return new Outcome(out, List.of(), dims.size() == 1 ? Footprint.POINTWISE : Footprint.GLOBAL, Cost.NONE, working);
    }

    /** Part P of N of the channels, or of parts of the sizes written: values move, nothing is computed. */
    @Override
    public Outcome visitSplit(Layer.Split split) {
        Shape.Grid image = split.isEven() ? dividedGrid(split.span(), "split", split.sizes().get(0), "the number of parts")
                : sizedGrid(split);
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
        List<Working.Dimension> dims = Working.grid(image.sizes().stream().map(Formula::of).toList(), "as the input",
                channels);
        return pointwise(Working.shape(dims), List.of(), Cost.NONE, new Working(dims, () -> List.of("no parameters and "
                + "no arithmetic: the channels " + start + " to " + (end - 1) + " of the input")));
    }

    /** For {@code split A,B,.. take P}: the input image, whose channels the positive sizes sum to; else null (reported). */
    private Shape.Grid sizedGrid(Layer.Split split) {
        boolean sizesOk = true;
        for (Expr size : split.sizes()) {
            sizesOk &= positive(size, "a part's size");
        }
        Shape.Grid image = requireGrid(split.span(), "split", in());
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
        Shape.Grid image = dividedGrid(shuffle.span(), "shuffle", shuffle.groups(), "the group count");
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
            return matmul((Shape.Grid) inputs.get(0), (Shape.Grid) inputs.get(1), out, dims);
        }
        if (join.merging() == cnnc.ast.MergeKind.SELECT) {
            return select(out, dims);
        }
        boolean concat = join.kind() == cnnc.ast.LayerKind.CONCAT;
        int branches = inputs.size();
        Cost cost = Tally.elementwise(concat ? 0 : branches - 1, elements(out), () -> concat
                ? "0: values are placed side by side"
                : (branches - 1) + " per value (n - 1 for n branches)");
        return pointwise(out, List.of(), cost, new Working(dims, () -> List.of("no parameters")));
    }

    /**
     * A matrix product of HW x K by K x C: every output value a sum of K products, as torch's
     * FlopCounterMode counts a bmm (2 FLOPs per MAC). Every output reads every position of B: a global footprint.
     */
    private Outcome matmul(Shape.Grid a, Shape.Grid b, Shape out, List<Working.Dimension> dims) {
        Cost cost = Tally.weighted(Tally.macs(with(a.sizes(), a.channels(), b.channels())), () -> letters(a.rank(), "") + " x K x C",
                elements(out), false, LINEAR);
        return new Outcome(out, List.of(), Footprint.GLOBAL, cost, new Working(dims, () -> List.of("no parameters: "
                + "each of the " + Formula.grouped(a.positions()) + " rows of " + Formula.grouped(a.channels())
                + " weights times the " + Formula.grouped(b.positions()) + " positions of the second branch")));
    }

    /**
     * The softmax of the logits across the branches (1 per logit value, as an activation), then each output
     * value the n branches' values weighted and added (n products and n - 1 sums).
     */
    private Outcome select(Shape out, List<Working.Dimension> dims) {
        int branches = inputs.size() - 1;
        long logits = elements(inputs.get(branches));
        Cost weighted = Tally.elementwise(2L * branches - 1, elements(out), () -> "");
        Cost cost;
        try {
            cost = new Cost(Formula.of(0), () -> "", Formula.of(logits).plus(weighted.flopsWorking()), () -> "1 per logit (the softmax) + "
                    + (2 * branches - 1) + " per value (n products and n - 1 sums for n branches)");
        } catch (ArithmeticException e) {
            throw new Tally.Overflow();
        }
        return pointwise(out, List.of(), cost, new Working(dims, () -> List.of("no parameters: channel k of branch i "
                + "weighted by the softmax across the " + branches + " branches of logit i x C + k")));
    }

    private static final cnnc.ast.Activation LINEAR = new cnnc.ast.Activation(cnnc.ast.ActivationKind.LINEAR, null);

    private static Working none(Shape in, Supplier<String> note) {
        return Working.kept(in, () -> List.of(note.get()));
    }

    private static List<String> bias(boolean bias) {
        return bias ? List.of() : List.of("no bias ('nobias')");
    }

    /** Element-wise: an output row holds input where the input row does. */
    private Outcome pointwise(Shape out, List<ParamTensor> tensors, Cost cost, Working working) {
        return new Outcome(out, tensors, Footprint.POINTWISE, cost, working,
                out instanceof Shape.Grid && in() instanceof Shape.Grid ? inZeros : Zeros.NONE);
    }

    private static long lastAxis(Shape in) {
        return in instanceof Shape.Grid image ? image.channels() : ((Shape.Vector) in).length();
    }

    /** A window's output along each axis, with its channels, and where it reads. */
    private record Sliding(List<Long> kernel, List<Window> windows, Working.Dimension channels,
                           Footprint.Sliding footprint) {
        Shape.Grid out() {
            List<Long> sizes = new ArrayList<>(windows.size());
            for (Window window : windows) {
                sizes.add(window.size());
            }
            return new Shape.Grid(sizes, channels.formula().value());
        }

        /** The output positions along each axis that read only positions without input. */
        Zeros zeros(Shape.Grid in, Zeros inZeros) {
            List<Long> zeros = new ArrayList<>(windows.size());
            for (int axis = 0; axis < windows.size(); axis++) {
                zeros.add(windows.get(axis).zeroOutputs(in.size(axis), inZeros.along(axis)));
            }
            return Zeros.of(zeros);
        }

        /**
         * The dimensions and the notes (the padding, then {@code notes}), each written when asked for. They keep
         * each window's output and the footprint's axes, which the checked layer keeps anyway, not the windows:
         * the model of a large file kept two windows and this record per layer for text most runs never show.
         */
        Working working(List<String> notes, String... more) {
            List<Formula> sizes = new ArrayList<>(windows.size());
            for (Window window : windows) {
                sizes.add(window.output());
            }
            Working.Dimension channels = this.channels;
            List<Axis> axes = footprint.axes();
            return new Working(() -> Working.grid(sizes, "", channels), () -> {
                List<String> all = new ArrayList<>();
                String zeros = padding(axes);
                if (!zeros.isEmpty()) {
                    all.add("padding: " + zeros);
                }
                all.addAll(notes);
                all.addAll(List.of(more));
                return all;
            });
        }

        /** The zeros along every axis when they are the same, else along each by name. */
        private static String padding(List<Axis> axes) {
            boolean same = true;
            for (Axis axis : axes) {
                same &= Window.zeros(axis.padBefore(), axis.padAfter())
                        .equals(Window.zeros(axes.get(0).padBefore(), axes.get(0).padAfter()));
            }
            if (same) {
                return Window.zeros(axes.get(0).padBefore(), axes.get(0).padAfter());
            }
            List<String> names = Shape.axisNames(axes.size());
            List<String> parts = new ArrayList<>();
            for (int axis = 0; axis < axes.size(); axis++) {
                String zeros = Window.zeros(axes.get(axis).padBefore(), axes.get(axis).padAfter());
                parts.add(names.get(axis) + " " + (zeros.isEmpty() ? "none" : zeros));
            }
            return String.join(", ", parts);
        }
    }

    /** A kernel sliding over a grid, or null when it does not fit or is not written for its rank (reported). */
    private Sliding slide(Span span, Padding padding, Size kernelSizes, Size strideSizes, long dilation, Shape.Grid grid,
                          Working.Dimension channels) {
        List<Long> kernel = axes(kernelSizes, grid, "kernel");
        List<Long> stride = kernel == null ? null : axes(strideSizes, grid, "stride");
        List<Long> pads = stride == null ? null : pads(padding, grid);
        if (pads == null) {
            return null;
        }
        List<Window> windows = new ArrayList<>(grid.rank());
        List<Axis> axes = new ArrayList<>(grid.rank());
        for (int axis = 0; axis < grid.rank(); axis++) {
            windows.add(window(padding, grid.size(axis), pads.get(axis), kernel.get(axis), stride.get(axis), dilation));
            axes.add(windows.get(axis).axis(kernel.get(axis), stride.get(axis), dilation));
        }
        if (!fits(span, () -> "a " + sized(kernel, "kernel") + dilated(dilation), grid, windows)) {
            return null;
        }
        return new Sliding(kernel, windows, channels, new Footprint.Sliding(axes));
    }

    private static Window window(Padding padding, long n, long pad, long kernel, long stride, long dilation) {
        if (padding instanceof Padding.Explicit) {
            return Window.padded(n, pad, kernel, stride, dilation);
        }
        return padding instanceof Padding.Same ? Window.same(n, kernel, stride, dilation)
                : Window.valid(n, kernel, stride, dilation);
    }

    /**
     * Reports an output that is empty, and warns when input positions (not padding) are never read
     * along an axis; not when the window is narrower than the stride, which skips inputs by design.
     * The window is named ({@code what}) and its formulas written only for a report: most layers fit.
     */
    private boolean fits(Span span, Supplier<String> what, Shape.Grid in, List<Window> windows) {
        boolean empty = false;
        boolean dropped = false;
        for (int axis = 0; axis < windows.size(); axis++) {
            empty |= windows.get(axis).size() <= 0;
            dropped |= windows.get(axis).dropped(inZeros.along(axis)) > 0;
        }
        if (empty) {
            reportEmpty(span, what.get(), in, windows);
            return false;
        }
        if (dropped) {
            reportDropped(span, what.get(), in, windows);
        }
        return true;
    }

    private void reportEmpty(Span span, String what, Shape.Grid in, List<Window> windows) {
        int rank = windows.size();
        List<String> names = Shape.axisNames(rank);
        boolean sameFormula = true;
        List<String> outSizes = new ArrayList<>(rank);
        for (Window window : windows) {
            sameFormula &= window.formula().equals(windows.get(0).formula());
            outSizes.add(Long.toString(window.size()));
        }
        String sizes;
        if (sameFormula) {
            sizes = windows.get(0).formula() + " = " + windows.get(0).size() + " in " + in.extent();
        } else {
            List<String> parts = new ArrayList<>(rank);
            for (int axis = 0; axis < rank; axis++) {
                parts.add(names.get(axis) + " " + windows.get(axis).formula() + " = " + windows.get(axis).size());
            }
            sizes = String.join(", ", parts);
        }
        diagnostics.add(Code.E0400, span, what + " on a " + in + " input gives an output of "
                + String.join("x", outSizes) + ": " + sizes,
                "the window must fit inside the input: use 'same' padding, a smaller window, "
                        + "or fewer downsampling layers before this one");
    }

    private void reportDropped(Span span, String what, Shape.Grid in, List<Window> windows) {
        int rank = windows.size();
        List<String> parts = new ArrayList<>();
        List<String> crops = new ArrayList<>();
        for (int axis = 0; axis < rank; axis++) {
            Window window = windows.get(axis);
            long unread = window.dropped(inZeros.along(axis));
            crops.add("0 " + unread);
            if (unread > 0) {
                parts.add(plural(unread, UNITS.get(rank).get(axis)) + " (" + window.formula() + " rounds down to "
                        + window.size() + ")");
            }
        }
        diagnostics.add(Code.W0500, span, what + " on a " + in + " input leaves the last "
                + String.join(" and the last ", parts) + " of the input unread",
                "if that is meant, crop them before this layer (crop " + String.join(" ", crops)
                        + "): the output stays the same; or run with --allow W0500");
    }

    /**
     * The sizes of a kernel, window, stride or factor along each axis of {@code grid}; null when as
     * many were not written (reported, with the input's rank and the forms that fit it).
     */
    private List<Long> axes(Size size, Shape.Grid grid, String what) {
        List<Expr> along = size.along(grid.rank());
        if (along != null) {
            List<Long> values = new ArrayList<>(along.size());
            for (int axis = 0; axis < along.size(); axis++) { // no iterator: this runs for every size of every layer
                values.add(along.get(axis).value());
            }
            return values;
        }
        int rank = grid.rank();
        List<String> written = new ArrayList<>();
        for (Expr expr : size.written()) {
            written.add(Long.toString(expr.value()));
        }
        String first = written.get(0);
        String forms = rank == 1 ? "write one number, e.g. " + first
                : "write " + String.join("x", Collections.nCopies(rank, first)) + " (a size per axis: "
                        + String.join(" x ", Shape.axisNames(rank)) + ") or " + first + " (one number for every axis)";
        String image = rank == 1 && written.size() == 2
                ? "; if the model's input is meant as an image, write its channels last (input HxWxC, e.g. input 28x28x1)"
                : "";
        diagnostics.add(Code.E0103, size.span(), "the " + what + " " + String.join("x", written) + " has "
                + written.size() + " sizes, but its input " + grid + " is " + article(grid.noun()) + " ("
                + grid.letters() + "), which takes " + (rank == 1 ? "one" : Integer.toString(rank)), forms + image);
        return null;
    }

    private Shape.Grid requireGrid(Span span, String word, Shape in) {
        if (in instanceof Shape.Vector vector) {
            diagnostics.add(Code.E0401, span, "'" + word + "' needs a sequence, an image or a volume (LxC, HxWxC or "
                    + "DxHxWxC), but its input is a vector of " + vector.length(),
                    "put convolutions and pooling before the first dense layer or flatten");
        }
        return in instanceof Shape.Grid grid ? grid : null;
    }

    /** {@code 3x3 kernel}, {@code 1x2x2 window}; along one axis {@code kernel of 3}. */
    private static String dims(List<Long> sizes) {
        return String.join("x", sizes.stream().map(String::valueOf).toList());
    }

    private static String sized(List<Long> sizes, String noun) {
        List<String> text = sizes.stream().map(String::valueOf).toList();
        return sizes.size() == 1 ? noun + " of " + text.get(0) : String.join("x", text) + " " + noun;
    }

    /** The letters of the spatial axes in a formula's text, each with {@code suffix}: Hout x Wout. */
    private static String letters(int rank, String suffix) {
        List<String> letters = switch (rank) {
            case 1 -> List.of("L");
            case 2 -> List.of("H", "W");
            default -> List.of("D", "H", "W");
        };
        return String.join(" x ", letters.stream().map(letter -> letter + suffix).toList());
    }

    private static String outs(int rank) {
        return letters(rank, "out");
    }

    private static String ins(int rank) {
        return letters(rank, "in");
    }

    /** A kernel's taps in a formula's text: k, kh x kw, kd x kh x kw. */
    private static String taps(int rank) {
        return rank == 1 ? "k" : String.join(" x ", (rank == 2 ? List.of("h", "w") : List.of("d", "h", "w")).stream()
                .map(axis -> "k" + axis).toList());
    }

    private static long product(List<Long> sizes) {
        long product = 1;
        for (long size : sizes) {
            product = Math.multiplyExact(product, size);
        }
        return product;
    }

    /** The factors of a product, in the order its text names them: sizes along each axis, and single numbers. */
    private static long[] with(List<Long> sizes, long... more) {
        long[] factors = new long[sizes.size() + more.length];
        for (int i = 0; i < sizes.size(); i++) {
            factors[i] = sizes.get(i);
        }
        System.arraycopy(more, 0, factors, sizes.size(), more.length);
        return factors;
    }

    private static long[] with(List<Long> sizes, long one, List<Long> taps, long... more) {
        long[] head = with(sizes, one);
        long[] tail = with(taps, more);
        long[] factors = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, factors, head.length, tail.length);
        return factors;
    }

    private static long[] with(List<Long> sizes, long one, long two, List<Long> taps) {
        return with(sizes, one, List.of(two), with(taps));
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
    private Shape.Grid dividedGrid(Span span, String word, Expr count, String what) {
        boolean countOk = positive(count, what);
        Shape.Grid image = requireGrid(span, word, in());
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
    private boolean kernelOk(Size kernel, Size stride, Expr dilation) {
        return positive(kernel, "the kernel") & positive(stride, "the stride") & positive(dilation, "the dilation");
    }

    private boolean positive(Expr num, String what) {
        if (num.value() > 0) {
            return true;
        }
        diagnostics.add(Code.E0403, num.span(), what + " must be at least 1, not " + num.value());
        return false;
    }

    private boolean positive(Size size, String what) {
        boolean ok = true;
        for (int axis = 0; axis < size.written().size(); axis++) { // no iterator: this runs for every size of every layer
            ok &= size.written().get(axis).value() > 0;
        }
        if (ok) {
            return true;
        }
        List<String> values = new ArrayList<>();
        for (Expr expr : size.written()) {
            values.add(Long.toString(expr.value()));
        }
        // one number written stands for every axis, and is said as the 2-D form it has always had
        String text = values.size() == 1 ? values.get(0) + "x" + values.get(0) : String.join("x", values);
        String least = values.size() == 1 ? "1x1" : String.join("x", Collections.nCopies(values.size(), "1"));
        diagnostics.add(Code.E0403, size.span(), what + " must be at least " + least + ", not " + text);
        return false;
    }

    private static String dilated(long dilation) {
        return dilation == 1 ? "" : " dilated by " + dilation;
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : n + " " + word + "s";
    }
}
