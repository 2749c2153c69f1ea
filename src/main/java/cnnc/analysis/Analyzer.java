package cnnc.analysis;

import cnnc.check.Axis;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Footprint;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
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
        List<ReceptiveField> fields = new ArrayList<>();
        fields.add(new ReceptiveField.Region(1, 1, Jump.ONE, Jump.ONE));
        long macs = 0;
        long flops = 0;
        Span at = model.inputSpan();
        try {
            long inputElements = elements(model.input());
            rows.add(new LayerFigures(0, 0, inputElements, bytes(inputElements), fields.get(0)));
            for (CheckedLayer layer : model.layers()) {
                at = layer.layer().span();
                ReceptiveField field = field(layer, fields);
                fields.add(field);
                long layerMacs = Math.multiplyExact(layer.cost().macs(), options.batch());
                long layerFlops = Math.multiplyExact(layer.cost().flops(), options.batch());
                long outputs = elements(layer.outputShape());
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
        return memory(rows).map(memory -> new Analysis(options, rows, totalMacs, totalFlops, memory));
    }

    /** Follows the footprints from the input; a merge takes the largest field and jump of its branches. */
    private static ReceptiveField field(CheckedLayer layer, List<ReceptiveField> fields) {
        ReceptiveField in = null;
        for (int row : layer.inputs()) {
            in = in == null ? fields.get(row) : largest(in, fields.get(row));
        }
        if (!(in instanceof ReceptiveField.Region region)) {
            return ReceptiveField.WHOLE;
        }
        return layer.footprint().accept(new Footprint.Visitor<ReceptiveField>() {
            @Override
            public ReceptiveField visitPointwise(Footprint.Pointwise pointwise) {
                return region;
            }

            @Override
            public ReceptiveField visitSliding(Footprint.Sliding sliding) {
                return new ReceptiveField.Region(slide(region.height(), region.jumpHeight(), sliding.height()),
                        slide(region.width(), region.jumpWidth(), sliding.width()),
                        region.jumpHeight().times(sliding.height().stride()),
                        region.jumpWidth().times(sliding.width().stride()));
            }

            @Override
            public ReceptiveField visitTransposed(Footprint.Transposed transposed) {
                return new ReceptiveField.Region(spread(region.height(), region.jumpHeight(), transposed.height()),
                        spread(region.width(), region.jumpWidth(), transposed.width()),
                        region.jumpHeight().dividedBy(transposed.height().stride()),
                        region.jumpWidth().dividedBy(transposed.width().stride()));
            }

            @Override
            public ReceptiveField visitRepeated(Footprint.Repeated repeated) {
                return new ReceptiveField.Region(region.height(), region.width(),
                        region.jumpHeight().dividedBy(repeated.height()), region.jumpWidth().dividedBy(repeated.width()));
            }

            @Override
            public ReceptiveField visitGlobal(Footprint.Global global) {
                return ReceptiveField.WHOLE;
            }
        });
    }

    /** A window of reach k' over positions j apart: r + ceil((k' - 1) j). */
    private static long slide(long size, Jump jump, Axis axis) {
        return Math.addExact(size, jump.span(axis.reach() - 1));
    }

    /** An output of a transposed convolution reads at most ceil(k'/s) input positions: r + ceil((ceil(k'/s) - 1) j). */
    private static long spread(long size, Jump jump, Axis axis) {
        long positions = Math.floorDiv(Math.addExact(axis.reach(), axis.stride() - 1), axis.stride());
        return Math.addExact(size, jump.span(positions - 1));
    }

    private static ReceptiveField largest(ReceptiveField a, ReceptiveField b) {
        if (!(a instanceof ReceptiveField.Region x) || !(b instanceof ReceptiveField.Region y)) {
            return ReceptiveField.WHOLE;
        }
        return new ReceptiveField.Region(Math.max(x.height(), y.height()), Math.max(x.width(), y.width()),
                max(x.jumpHeight(), y.jumpHeight()), max(x.jumpWidth(), y.jumpWidth()));
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
        List<List<Integer>> freedAfter = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            freedAfter.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            freedAfter.get(lastReader[i]).add(i);
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
                for (int freed : freedAfter.get(i)) {
                    alive -= rows.get(freed).outputBytes();
                }
            }
            long parameterBytes = Math.multiplyExact(model.totals().params(), options.dtype().bytes());
            long trainableBytes = Math.multiplyExact(model.totals().trainableParams(), options.dtype().bytes());
            long state = Math.multiplyExact(trainableBytes, options.optimizer().statesPerParameter());
            long training = Math.addExact(Math.addExact(Math.addExact(parameterBytes, trainableBytes), state), all);
            return Optional.of(new Memory(options.batch(), options.dtype(), options.optimizer(), parameterBytes, peak,
                    peakRow, all, training));
        } catch (ArithmeticException overflow) {
            report(at, "the model's memory for a batch of " + grouped(options.batch()));
            return Optional.empty();
        }
    }

    private long bytes(long elements) {
        return Math.multiplyExact(Math.multiplyExact(elements, options.batch()), options.dtype().bytes());
    }

    private static long elements(Shape shape) {
        long product = 1;
        for (long dim : shape.dims()) {
            product = Math.multiplyExact(product, dim);
        }
        return product;
    }

    private void report(Span at, String what) {
        diagnostics.add(Code.E0407, at, what + " exceeds " + grouped(Long.MAX_VALUE),
                "analyse a smaller batch (--batch)");
    }

    private static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
