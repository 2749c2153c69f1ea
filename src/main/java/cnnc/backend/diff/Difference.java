package cnnc.backend.diff;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.analysis.Memory;
import cnnc.check.CheckedModel;
import cnnc.check.Shape;
import cnnc.check.Totals;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed from one model ({@code before}) to another ({@code after}): their layers and block instances
 * matched ({@link ModelDiff}), and their totals side by side. Both compilations are free of errors.
 */
public record Difference(Compilation before, Compilation after, List<Entry> entries) {
    public Difference {
        entries = List.copyOf(entries);
    }

    /** A total of both models: its key in the JSON, its label in the text, and whether it counts bytes. */
    public record Total(String key, String label, long before, long after, boolean bytes) {
        public long change() {
            return after - before;
        }
    }

    /** True when no layer or instance differs and neither does a total nor the input. */
    public boolean same() {
        for (Entry entry : entries) {
            if (entry.change() != Entry.Change.SAME) {
                return false;
            }
        }
        for (Total total : totals()) {
            if (total.change() != 0) {
                return false;
            }
        }
        return before.model().input().equals(after.model().input()) && output(before).equals(output(after));
    }

    /** The totals of the report, both models' (the memory figures for the batch, number type and optimizer asked). */
    public List<Total> totals() {
        Totals a = before.model().totals();
        Totals b = after.model().totals();
        Analysis x = before.analysis().orElseThrow();
        Analysis y = after.analysis().orElseThrow();
        Memory m = x.memory();
        Memory n = y.memory();
        List<Total> totals = new ArrayList<>();
        totals.add(new Total("layers", "layers", before.model().layers().size(), after.model().layers().size(), false));
        totals.add(new Total("params", "total params", a.params(), b.params(), false));
        totals.add(new Total("trainableParams", "  trainable", a.trainableParams(), b.trainableParams(), false));
        totals.add(new Total("nonTrainableParams", "  non-trainable", a.nonTrainableParams(), b.nonTrainableParams(),
                false));
        totals.add(new Total("macs", "MACs", x.macs(), y.macs(), false));
        totals.add(new Total("flops", "FLOPs", x.flops(), y.flops(), false));
        totals.add(new Total("parameterBytes", "  parameters", m.parameterBytes(), n.parameterBytes(), true));
        totals.add(new Total("peakActivationBytes", "  peak activations", m.peakActivationBytes(),
                n.peakActivationBytes(), true));
        totals.add(new Total("trainingBytes", "  training", m.trainingBytes(), n.trainingBytes(), true));
        return totals;
    }

    /** The shape the model gives back: its last row's, or its input's when it has no layer. */
    public static Shape output(Compilation compilation) {
        CheckedModel model = compilation.model();
        return model.layers().isEmpty() ? model.input() : model.layers().get(model.layers().size() - 1).outputShape();
    }

    /** How many layers each change counts, {@link Entry.Change} by ordinal, inserted and removed instances' included. */
    public long[] layerCounts() {
        long[] counts = new long[Entry.Change.values().length];
        count(entries, counts);
        return counts;
    }

    private static void count(List<Entry> entries, long[] counts) {
        for (Entry entry : entries) {
            if (entry.isBlock()) {
                count(entry.children(), counts);
            } else {
                counts[entry.change().ordinal()]++;
            }
        }
    }
}
