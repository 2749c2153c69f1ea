package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.analysis.Memory;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Cost;
import cnnc.check.Formula;
import cnnc.check.ParamTensor;
import cnnc.check.Shape;
import cnnc.check.Working;
import cnnc.diag.DiagnosticRenderer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code report --explain}: the worked answer, layer by layer, as a student writes it: what each
 * layer reads, how each output dimension is worked out, each parameter tensor as a product, the MACs
 * and FLOPs with their rules, what the layer does not count; then the totals as sums of the rows.
 * Every formula is the one the checker computed the figure with. A block instance whose working is
 * the same as an earlier one's is not repeated: the first says where else it applies.
 */
public final class Explanation {
    private final Compilation compilation;
    private final CheckedModel model;
    private final Analysis analysis;

    /** One titled part of the explanation: a row, a run of rows that repeats an earlier one, or the totals. */
    record Section(String title, String statement, List<Line> lines) {
    }

    /** A labelled line: {@code height: (100 - 7)/1 + 1 = 94}. */
    record Line(String label, String text) {
    }

    private Explanation(Compilation compilation) {
        this.compilation = compilation;
        this.model = compilation.model();
        this.analysis = compilation.analysis().orElseThrow();
    }

    public static String text(Compilation compilation) {
        Sink sink = Sink.whole();
        new Explanation(compilation).renderText(sink);
        return sink.text.toString();
    }

    public static String markdown(Compilation compilation) {
        Sink sink = Sink.whole();
        new Explanation(compilation).renderMarkdown(sink);
        return sink.text.toString();
    }

    /**
     * Streams the working to {@code out}, a piece at a time: a 20,000-layer model's is 10 MB of text,
     * which as one string needs arrays the collector keeps in its old generation (400 MB of memory, not 200).
     */
    public static void text(Compilation compilation, PrintWriter out) {
        Sink sink = Sink.to(out);
        new Explanation(compilation).renderText(sink);
        sink.finish();
    }

    /** {@link #markdown(Compilation)}, streamed to {@code out} as {@link #text(Compilation, PrintWriter)} is. */
    public static void markdown(Compilation compilation, PrintWriter out) {
        Sink sink = Sink.to(out);
        new Explanation(compilation).renderMarkdown(sink);
        sink.finish();
    }

    private String heading() {
        return "model " + DiagnosticRenderer.printable(model.name()) + ": " + Numbers.grouped(model.layers().size()) + (model.layers().size() == 1 ? " layer" : " layers")
                + ", input " + model.input() + (model.defaults().isNone() ? "" : ", " + model.defaults().text())
                + "; the working, layer by layer (MACs and FLOPs per example)";
    }

    /**
     * One row's working as {@code --explain} prints it (an editor's hover). It needs no analysis, so it
     * serves a layer that checked in a model with errors elsewhere.
     */
    public static String row(Compilation compilation, CheckedLayer layer) {
        StringBuilder out = new StringBuilder();
        appendText(out, section(compilation, layer));
        return out.toString();
    }

    private void renderText(Sink sink) {
        sink.text.append(heading()).append('\n');
        forEachSection(section -> {
            appendText(sink.text.append('\n'), section);
            sink.spill();
        });
    }

    private static void appendText(StringBuilder out, Section section) {
        out.append(section.title());
        if (!section.statement().isEmpty()) {
            out.append(": ").append(section.statement());
        }
        out.append('\n');
        int width = 0;
        for (Line line : section.lines()) {
            width = Math.max(width, line.label().length());
        }
        for (Line line : section.lines()) {
            out.append("  ").append(line.label());
            for (int pad = line.label().length(); pad < width + 2; pad++) {
                out.append(' ');
            }
            out.append(line.text()).append('\n');
        }
    }

    private void renderMarkdown(Sink sink) {
        StringBuilder out = sink.text;
        out.append("## ").append(MarkdownText.inline(heading())).append('\n');
        forEachSection(section -> {
            out.append("\n### ").append(MarkdownText.inline(capitalised(section.title())));
            if (!section.statement().isEmpty()) {
                out.append(": `").append(section.statement()).append('`');
            }
            out.append("\n\n");
            for (Line line : section.lines()) {
                out.append("- ").append(MarkdownText.inline(line.label())).append(": ").append(MarkdownText.inline(line.text()))
                        .append('\n');
            }
            sink.spill();
        });
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * Each row's section, runs of rows that repeat an earlier block instance folded into one, then the totals,
     * each given to {@code each} as soon as it is made, so that none is kept.
     */
    private void forEachSection(Consumer<Section> each) {
        List<List<CheckedLayer>> runs = runs();
        // a top-level row is its own working: only block instances are compared
        Map<List<WorkingKey>, List<List<CheckedLayer>>> byWorking = new HashMap<>();
        List<List<WorkingKey>> keys = new ArrayList<>();
        for (List<CheckedLayer> run : runs) {
            List<WorkingKey> key = run.get(0).block().isEmpty() ? null : workingKey(run);
            keys.add(key);
            if (key != null) {
                byWorking.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            List<CheckedLayer> run = runs.get(i);
            List<List<CheckedLayer>> same = keys.get(i) == null ? List.of(run) : byWorking.get(keys.get(i));
            if (same.get(0) != run) {
                each.accept(new Section(rows(run) + " (" + run.get(0).block() + ")", "",
                        List.of(new Line("same", "the working of " + rows(same.get(0)) + " (" + same.get(0).get(0).block()
                                + "), with the same numbers"))));
                continue;
            }
            for (int j = 0; j < run.size(); j++) {
                Section section = section(compilation, run.get(j));
                if (j == run.size() - 1 && same.size() > 1) {
                    List<Line> lines = new ArrayList<>(section.lines());
                    lines.add(new Line("also", "the same working, with the same numbers, applies to " + same.subList(1, same.size())
                            .stream().map(r -> r.get(0).block() + " (" + rows(r) + ")").collect(Collectors.joining(", "))));
                    section = new Section(section.title(), section.statement(), lines);
                }
                each.accept(section);
            }
        }
        each.accept(totals());
    }

    /** Consecutive rows made in one block instance (the innermost), or a single top-level row. */
    private List<List<CheckedLayer>> runs() {
        List<List<CheckedLayer>> runs = new ArrayList<>();
        for (CheckedLayer layer : model.layers()) {
            List<CheckedLayer> last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
            if (last != null && !layer.block().isEmpty() && last.get(0).block().equals(layer.block())) {
                last.add(layer);
            } else {
                runs.add(new ArrayList<>(List.of(layer)));
            }
        }
        return runs;
    }

    private static String rows(List<CheckedLayer> run) {
        int first = run.get(0).index();
        int last = run.get(run.size() - 1).index();
        return first == last ? "row " + first : "rows " + first + "-" + last;
    }

    /**
     * What a row's working says, without its row number and name (its title) or the rows it reads from: equal for
     * a repeated block instance. Its lines, compared as they are, not joined into one more copy of the text.
     */
    private record WorkingKey(String statement, List<Line> lines) {
    }

    private List<WorkingKey> workingKey(List<CheckedLayer> run) {
        List<WorkingKey> key = new ArrayList<>(run.size());
        for (CheckedLayer layer : run) {
            Section section = section(compilation, layer);
            List<Line> lines = new ArrayList<>(section.lines());
            lines.removeIf(line -> line.label().equals("reads from"));
            key.add(new WorkingKey(section.statement(), lines));
        }
        return key;
    }

    private static Section section(Compilation compilation, CheckedLayer layer) {
        List<Line> lines = new ArrayList<>(12);
        lines.add(new Line("reads", reads(layer)));
        List<Integer> inputs = layer.inputs();
        if (inputs.size() != 1 || inputs.get(0) != layer.index() - 1) {
            lines.add(new Line("reads from", inputs.stream().map(i -> i == 0 ? "the input" : "row " + i)
                    .collect(Collectors.joining(", "))));
        }
        Working working = layer.working();
        StringBuilder text = new StringBuilder(128); // each line's text made here in turn, then taken whole
        for (Working.Dimension dimension : working.output()) {
            worked(text, dimension.formula());
            if (!dimension.reason().isEmpty()) {
                text.append(" (").append(dimension.reason()).append(')');
            }
            lines.add(new Line(dimension.name(), taken(text)));
        }
        lines.add(new Line("output", layer.outputShape().toString()));
        for (ParamTensor tensor : layer.tensors()) {
            lines.add(new Line(tensor.name().word(), taken(worked(text, tensor.formula()).append(' ').append(noun(tensor)))));
        }
        lines.add(new Line("parameters", parameters(layer.tensors(), text)));
        if (layer.implicit()) {
            lines.add(new Line("note", "cnnc puts this flatten before a dense layer that reads an image"));
        }
        for (String note : working.notes()) {
            lines.add(new Line("note", note));
        }
        Cost cost = layer.cost();
        lines.add(new Line("MACs", cost.macs() == 0 ? "0" : taken(worked(text.append(cost.rule()).append(" = "),
                cost.macsWorking()))));
        String flopsRule = cost.flopsRule();
        lines.add(new Line("FLOPs", cost.flops() == 0 ? flopsRule.isEmpty() ? "0" : "0 (" + flopsRule + ")"
                : taken(worked(text.append(flopsRule).append(" = "), cost.flopsWorking()))));
        String where = layer.block().isEmpty() ? "" : ", in " + layer.block();
        return new Section("row " + layer.index() + " (" + layer.name() + "), line " + layer.layer().span().line() + where,
                RowText.describe(compilation, layer), lines);
    }

    /**
     * Appends {@link Formula#worked()}'s text to {@code text}: a line's text is made in one builder, not a string per
     * formula copied into another. The result follows the arithmetic unless the formula is that number itself.
     */
    private static StringBuilder worked(StringBuilder text, Formula formula) {
        formula.write(text);
        long value = formula.value();
        if (!(formula instanceof Formula.Number && value >= 0)) {
            text.append(" = ");
            if (value < 0) {
                text.append(Formula.grouped(value));
            } else {
                Formula.of(value).write(text);
            }
        }
        return text;
    }

    /** The text made in {@code text}, which is emptied for the next line's. */
    private static String taken(StringBuilder text) {
        String made = text.toString();
        text.setLength(0);
        return made;
    }

    private static String reads(CheckedLayer layer) {
        if (layer.inputShapes().size() == 1) {
            return layer.inputShapes().get(0).toString();
        }
        StringBuilder reads = new StringBuilder();
        for (Shape shape : layer.inputShapes()) {
            reads.append(reads.length() == 0 ? "" : " and ").append(shape);
        }
        return reads.toString();
    }

    /** {@code 2,940 + 60 = 3,000}, or the one tensor's count, or 0. */
    private static String parameters(List<ParamTensor> tensors, StringBuilder text) {
        if (tensors.isEmpty()) {
            return "0";
        }
        List<Formula> counts = new ArrayList<>(tensors.size());
        for (ParamTensor tensor : tensors) {
            counts.add(Formula.of(tensor.count()));
        }
        return taken(worked(text, Formula.sum(counts)));
    }

    /** What a tensor's values are, in words: {@code weights}, {@code biases}, {@code moving means, not trained}. */
    private static String noun(ParamTensor tensor) {
        String noun = switch (tensor.name()) {
            case KERNEL -> "weights";
            case DEPTHWISE_KERNEL -> "depthwise weights";
            case POINTWISE_KERNEL -> "pointwise weights";
            case BIAS -> tensor.count() == 1 ? "bias" : "biases";
            case GAMMA -> "scales (gamma)";
            case BETA -> "offsets (beta)";
            case MOVING_MEAN -> "moving means";
            case MOVING_VARIANCE -> "moving variances";
            case COEFFICIENT -> "coefficients";
            case MEAN -> "means";
            case VARIANCE -> "variances";
            case COUNT -> "sample count";
            case ALPHA -> "slopes (alpha)";
        };
        return tensor.trainable() ? noun : noun + ", not trained";
    }

    /** The figures {@link #totals()} sums, in the order of a unit's sums. */
    private static final int PARAMETERS = 0, NOT_TRAINED = 1, BIASES = 2, MACS = 3, FLOPS = 4;

    /** The totals as sums over the top-level statements (a block instance by its subtotal). */
    private Section totals() {
        // each unit's figures summed in one pass over the rows, not a pass (and a stream) per unit and figure
        Map<String, long[]> units = new LinkedHashMap<>();
        for (CheckedLayer layer : model.layers()) {
            String group = RowText.group(layer);
            long[] sums = units.computeIfAbsent(group.isEmpty() ? layer.name() : group, k -> new long[5]);
            sums[PARAMETERS] += layer.params();
            sums[NOT_TRAINED] += layer.nonTrainableParams();
            for (ParamTensor tensor : layer.tensors()) {
                sums[BIASES] += tensor.isBias() ? tensor.count() : 0;
            }
            sums[MACS] += layer.cost().macs();
            sums[FLOPS] += layer.cost().flops();
        }
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("parameters", sum(units, PARAMETERS)));
        lines.add(new Line("not trained", sum(units, NOT_TRAINED)
                + (model.totals().nonTrainableParams() == 0 ? "" : " (moving statistics, normalisation constants)")));
        lines.add(new Line("trained", model.totals().nonTrainableParams() == 0 ? "all " + Formula.grouped(model.totals().params())
                : Formula.of(model.totals().params()).minus(Formula.of(model.totals().nonTrainableParams())).worked()));
        lines.add(new Line("biases", sum(units, BIASES) + " (bias and beta tensors)"));
        lines.add(new Line("weights", Formula.of(model.totals().params()).minus(Formula.of(model.totals().biases())).worked()
                + " (every other tensor)"));
        lines.add(new Line("MACs", sum(units, MACS)));
        lines.add(new Line("FLOPs", sum(units, FLOPS)));
        long batch = analysis.options().batch();
        if (batch > 1) {
            lines.add(new Line("batch", "MACs " + Formula.of(analysis.macs() / batch).times(Formula.of(batch)).worked()
                    + ", FLOPs " + Formula.of(analysis.flops() / batch).times(Formula.of(batch)).worked()));
        }
        lines.add(new Line("peak memory", peak(analysis.memory())));
        return new Section("totals", "", lines);
    }

    /** The sum over the units that have any of the figure, or 0. */
    private static String sum(Map<String, long[]> units, int figure) {
        List<Formula> terms = new ArrayList<>();
        for (long[] sums : units.values()) {
            if (sums[figure] != 0) {
                terms.add(Formula.of(sums[figure]));
            }
        }
        return worked(new StringBuilder(), Formula.sum(terms)).toString();
    }

    /** The values alive while the peak row runs, times the batch and the bytes of the number type. */
    private String peak(Memory memory) {
        List<Formula> values = memory.peakTensors().stream().map(row -> Formula.of(analysis.row(row).outputElements()))
                .toList();
        List<String> names = memory.peakTensors().stream().map(row -> row == 0 ? "the input" : "row " + row).toList();
        String alive = names.size() == 1 ? names.get(0) + " is" : String.join(", ", names.subList(0, names.size() - 1))
                + " and " + names.get(names.size() - 1) + " are";
        Formula bytes = Formula.sum(values).times(Formula.of(memory.batch())).times(Formula.of(memory.dtype().bytes()));
        return "while row " + memory.peakRow() + " runs, " + alive + " alive: " + bytes.worked() + " bytes ("
                + memory.dtype().word() + ", batch of " + memory.batch() + ")";
    }
}
