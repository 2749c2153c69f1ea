package cnnc.analysis;

import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Footprint;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Works out what a checked model costs for a batch: each layer's MACs and FLOPs (the checker's
 * figures for one example, times the batch), its output's size, its receptive field, and the
 * model's memory. It reads shapes, costs and footprints from the checked model and never looks at a
 * layer's kind. A figure beyond 64 bits is an error at the layer where it passes them (E0407).
 */
public final class Analyzer {
    private final CheckedModel model;
    private final Options options;
    private final Diagnostics diagnostics;

    private Analyzer(CheckedModel model, Options options, Diagnostics diagnostics) {
        this.model = model;
        this.options = options;
        this.diagnostics = diagnostics;
    }

    /** The analysis, or empty when a figure overflows (reported in {@code diagnostics}). */
    public static Optional<Analysis> analyze(CheckedModel model, Options options, Diagnostics diagnostics) {
        return new Analyzer(model, options, diagnostics).run();
    }

    private Optional<Analysis> run() {
        List<LayerFigures> rows = new ArrayList<>();
        List<Fields> fields = new ArrayList<>();
        fields.add(model.input() instanceof Shape.Grid grid
                ? new Spatial(Collections.nCopies(grid.rank(), Coverage.input()))
                : new Kept(new ReceptiveField.Region(List.of(1L, 1L), List.of(Jump.ONE, Jump.ONE))));
        long macs = 0;
        long flops = 0;
        Span at = model.inputSpan();
        try {
            long inputElements = model.input().elements();
            rows.add(new LayerFigures(0, 0, inputElements, bytes(inputElements), fields.get(0).field(model.input())));
            for (CheckedLayer layer : model.layers()) {
                at = layer.layer().span();
                Fields kept = fields(layer, fields, layer.inputShape());
                fields.add(kept);
                ReceptiveField field = kept.field(layer.outputShape());
                long layerMacs = Math.multiplyExact(layer.cost().macs(), options.batch());
                long layerFlops = Math.multiplyExact(layer.cost().flops(), options.batch());
                long outputs = layer.outputShape().elements();
                rows.add(new LayerFigures(layerMacs, layerFlops, outputs, bytes(outputs), field));
                macs = Math.addExact(macs, layerMacs);
                flops = Math.addExact(flops, layerFlops);
            }
        } catch (ArithmeticException overflow) {
            report(at, "this layer's MACs, FLOPs, output size or receptive field for a batch of "
                    + grouped(options.batch()) + ", or the model's total of them,");
            return Optional.empty();
        }
        long totalMacs = macs;
        long totalFlops = flops;
        Optional<Memory> memory = memory(rows);
        return memory.isPresent() ? Optional.of(new Analysis(options, rows, totalMacs, totalFlops, memory.get()))
                : Optional.empty();
    }

    /**
     * What is known of each position's field, per tensor: its coverage along each spatial axis (a
     * grid), a field each value keeps (a vector made from an image), the whole input, or nothing exact.
     */
    private sealed interface Fields {
        ReceptiveField field(Shape shape);
    }

    private record Spatial(List<Coverage> axes) implements Fields {
        public ReceptiveField field(Shape shape) {
            Shape.Grid grid = (Shape.Grid) shape;
            // arrays made into lists the region keeps as they are, not lists it copies: this runs for every layer
            Long[] sizes = new Long[axes.size()];
            Jump[] jumps = new Jump[axes.size()];
            for (int axis = 0; axis < axes.size(); axis++) {
                sizes[axis] = axes.get(axis).largestField(grid.size(axis));
                jumps[axis] = axes.get(axis).jump();
            }
            return new ReceptiveField.Region(List.of(sizes), List.of(jumps));
        }

        /** Each axis's coverage through {@code step}, which is given the axis's index. */
        Spatial each(java.util.function.BiFunction<Coverage, Integer, Coverage> step) {
            List<Coverage> next = new ArrayList<>(axes.size());
            boolean same = true;
            for (int axis = 0; axis < axes.size(); axis++) {
                next.add(step.apply(axes.get(axis), axis));
                same &= next.get(axis) == axes.get(axis);
            }
            return same ? this : new Spatial(next);
        }
    }

    private record Kept(ReceptiveField field) implements Fields {
        public ReceptiveField field(Shape shape) {
            return field;
        }
    }

    /** Follows every position's coverage from the input, through each row's footprint. */
    private static Fields fields(CheckedLayer layer, List<Fields> fields, Shape in) {
        if (layer.footprint() instanceof Footprint.Global) {
            return new Kept(ReceptiveField.WHOLE);
        }
        // loops rather than streams: this runs once a layer, in a JVM that is mostly interpreting
        List<Fields> inputs = new ArrayList<>(layer.inputs().size());
        boolean whole = false;
        boolean unknown = false;
        for (int row : layer.inputs()) {
            Fields input = fields.get(row);
            inputs.add(input);
            if (input instanceof Kept kept && !(kept.field() instanceof ReceptiveField.Region)) {
                whole |= kept.field() == ReceptiveField.WHOLE;
                unknown = true;
            }
        }
        if (unknown) {
            return new Kept(whole ? ReceptiveField.WHOLE : ReceptiveField.UNKNOWN);
        }
        try {
            if (inputs.size() > 1) {
                return merged(layer, inputs);
            }
            Fields input = inputs.get(0);
            if (!(input instanceof Spatial spatial)) {
                return layer.footprint() instanceof Footprint.Global ? new Kept(ReceptiveField.WHOLE) : input;
            }
            return layer.footprint().accept(new Footprint.Visitor<Fields>() {
                @Override
                public Fields visitPointwise(Footprint.Pointwise pointwise) {
                    return layer.outputShape() instanceof Shape.Grid ? spatial : new Kept(spatial.field(in));
                }

                @Override
                public Fields visitShifted(Footprint.Shifted shifted) {
                    return spatial.each((coverage, axis) -> coverage.shifted(shifted.offsets().get(axis)));
                }

                @Override
                public Fields visitSliding(Footprint.Sliding sliding) {
                    return spatial.each((coverage, axis) -> coverage.slide(sliding.axes().get(axis)));
                }

                @Override
                public Fields visitTransposed(Footprint.Transposed transposed) {
                    return spatial.each((coverage, axis) -> coverage.transposed(transposed.axes().get(axis)));
                }

                @Override
                public Fields visitRepeated(Footprint.Repeated repeated) {
                    return spatial.each((coverage, axis) -> repeated.interpolated()
                            ? coverage.interpolated(repeated.factors().get(axis))
                            : coverage.repeated(repeated.factors().get(axis)));
                }

                @Override
                public Fields visitGlobal(Footprint.Global global) {
                    return new Kept(ReceptiveField.WHOLE);
                }
            });
        } catch (Coverage.Irregular irregular) {
            return new Kept(ReceptiveField.UNKNOWN);
        }
    }

    /**
     * A merge reads the same position of every branch (a branch of size 1 at its one position); vectors
     * keep the largest field and jump of their branches.
     */
    private static Fields merged(CheckedLayer layer, List<Fields> inputs) {
        boolean spatial = true;
        for (Fields input : inputs) {
            spatial &= input instanceof Spatial;
        }
        if (spatial) {
            Shape.Grid out = (Shape.Grid) layer.outputShape();
            List<Coverage> merged = new ArrayList<>(out.rank());
            for (int axis = 0; axis < out.rank(); axis++) {
                List<Coverage> branches = new ArrayList<>(inputs.size());
                for (int i = 0; i < inputs.size(); i++) {
                    Coverage branch = ((Spatial) inputs.get(i)).axes().get(axis);
                    Shape.Grid shape = (Shape.Grid) layer.inputShapes().get(i);
                    branches.add(shape.size(axis) == 1 && out.size(axis) > 1 ? branch.stretched() : branch);
                }
                merged.add(Coverage.merged(branches));
            }
            return new Spatial(merged);
        }
        ReceptiveField largest = null;
        for (int i = 0; i < inputs.size(); i++) {
            ReceptiveField field = inputs.get(i).field(layer.inputShapes().get(i));
            largest = largest == null ? field : largest(largest, field);
        }
        return new Kept(largest);
    }

    private static ReceptiveField largest(ReceptiveField a, ReceptiveField b) {
        if (!(a instanceof ReceptiveField.Region x) || !(b instanceof ReceptiveField.Region y)) {
            return a instanceof ReceptiveField.Whole || b instanceof ReceptiveField.Whole ? ReceptiveField.WHOLE
                    : ReceptiveField.UNKNOWN;
        }
        if (x.sizes().size() != y.sizes().size()) {
            return ReceptiveField.UNKNOWN;
        }
        List<Long> sizes = new ArrayList<>(x.sizes().size());
        List<Jump> jumps = new ArrayList<>(x.sizes().size());
        for (int axis = 0; axis < x.sizes().size(); axis++) {
            sizes.add(Math.max(x.sizes().get(axis), y.sizes().get(axis)));
            jumps.add(max(x.jumps().get(axis), y.jumps().get(axis)));
        }
        return new ReceptiveField.Region(sizes, jumps);
    }

    private static Jump max(Jump a, Jump b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Walks the rows in order, keeping each tensor alive from the row that makes it until its last
     * reader has run; the peak is the largest total alive while a row runs (its inputs, its output and
     * everything kept for later).
     */
    private Optional<Memory> memory(List<LayerFigures> rows) {
        int count = rows.size();
        int[] lastReader = new int[count];
        for (int i = 0; i < count; i++) {
            lastReader[i] = i;
        }
        for (CheckedLayer layer : model.layers()) {
            for (int input : layer.inputs()) {
                lastReader[input] = Math.max(lastReader[input], layer.index());
            }
        }
        // the bytes freed after each row: a sum per row, not a list of rows per row (20,000 lists at the limits);
        // a sum past 64 bits is never read, as the total of all the rows up to it overflows first (reported)
        long[] freedAfter = new long[count];
        for (int i = 0; i < count; i++) {
            freedAfter[lastReader[i]] += rows.get(i).outputBytes();
        }
        long alive = 0;
        long peak = 0;
        int peakRow = 0;
        long all = 0;
        Span at = model.inputSpan();
        try {
            for (int i = 0; i < count; i++) {
                at = i == 0 ? at : model.layers().get(i - 1).layer().span();
                long bytes = rows.get(i).outputBytes();
                alive = Math.addExact(alive, bytes);
                all = Math.addExact(all, bytes);
                if (alive > peak) {
                    peak = alive;
                    peakRow = i;
                }
                alive -= freedAfter[i];
            }
            long parameterBytes = Math.multiplyExact(model.totals().params(), options.dtype().bytes());
            long trainableBytes = Math.multiplyExact(model.totals().trainableParams(), options.dtype().bytes());
            long state = Math.multiplyExact(trainableBytes, options.optimizer().statesPerParameter());
            long training = Math.addExact(Math.addExact(Math.addExact(parameterBytes, trainableBytes), state), all);
            List<Integer> atPeak = new ArrayList<>();
            for (int i = 0; i <= peakRow; i++) {
                if (lastReader[i] >= peakRow) {
                    atPeak.add(i);
                }
            }
            return Optional.of(new Memory(options.batch(), options.dtype(), options.optimizer(), parameterBytes, peak,
                    peakRow, atPeak, all, training));
        } catch (ArithmeticException overflow) {
            report(at, "the model's memory for a batch of " + grouped(options.batch()));
            return Optional.empty();
        }
    }

    private long bytes(long elements) {
        return Math.multiplyExact(Math.multiplyExact(elements, options.batch()), options.dtype().bytes());
    }

    private void report(Span at, String what) {
        diagnostics.add(Code.E0407, at, what + " exceeds " + grouped(Long.MAX_VALUE),
                "analyse a smaller batch (--batch)");
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
