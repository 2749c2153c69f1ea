package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.analysis.Memory;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Totals;
import cnnc.diag.DiagnosticRenderer;
import java.util.ArrayList;
import java.util.List;

/** The report's heading and totals, as the text, markdown and HTML reports show them. */
final class Summary {
    /** A line of the totals: {@code total params}, {@code 50,828,751}, {@code (193.90 MiB as float32)}. */
    record Line(String label, String value, String note) {
    }

    private Summary() {
    }

    /**
     * {@code model seed: 7 layers, input 100x100x1} (and the batch when it is not 1, and the file's
     * {@code defaults} as written when it has them, since they change what every bn computes).
     */
    static String heading(Compilation compilation) {
        CheckedModel model = compilation.model();
        long batch = compilation.analysis().orElseThrow().options().batch();
        return "model " + DiagnosticRenderer.printable(model.name()) + ": " + Numbers.grouped(model.layers().size()) + (model.layers().size() == 1 ? " layer" : " layers")
                + ", input " + model.input() + (batch == 1 ? "" : ", batch " + Numbers.grouped(batch))
                + (model.defaults().isNone() ? "" : ", " + model.defaults().text());
    }

    /** The totals' lines; a label indented by two spaces belongs to the line above. */
    static List<Line> totals(Compilation compilation) {
        Totals totals = compilation.model().totals();
        Analysis analysis = compilation.analysis().orElseThrow();
        Memory memory = analysis.memory();
        String dtype = memory.dtype().word();
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("total params", Numbers.grouped(totals.params()),
                "(" + Numbers.bytes(memory.parameterBytes()) + " as " + dtype + ")"));
        lines.add(new Line("  trainable", Numbers.grouped(totals.trainableParams()), ""));
        lines.add(new Line("  non-trainable", Numbers.grouped(totals.nonTrainableParams()), ""));
        lines.add(new Line("  weights", Numbers.grouped(totals.weights()), ""));
        lines.add(new Line("  biases", Numbers.grouped(totals.biases()), ""));
        String batch = "batch of " + Numbers.grouped(memory.batch());
        lines.add(new Line("MACs", Numbers.grouped(analysis.macs()), "multiply-accumulates, " + batch));
        lines.add(new Line("FLOPs", Numbers.grouped(analysis.flops()), "floating-point operations, " + batch));
        lines.add(new Line("memory", "", batch + ", " + dtype));
        lines.add(new Line("  parameters", Numbers.bytes(memory.parameterBytes()), ""));
        lines.add(new Line("  peak activations", Numbers.bytes(memory.peakActivationBytes()),
                peak(compilation.model(), memory)));
        lines.add(new Line("  training", Numbers.bytes(memory.trainingBytes()), "estimate with " + memory.optimizer().word()
                + " (see docs/cost.md)"));
        return lines;
    }

    private static String peak(CheckedModel model, Memory memory) {
        if (memory.peakRow() == 0) {
            return "the input alone";
        }
        CheckedLayer layer = model.layers().get(memory.peakRow() - 1);
        return "while row " + layer.index() + " (" + layer.name() + ") runs";
    }
}
