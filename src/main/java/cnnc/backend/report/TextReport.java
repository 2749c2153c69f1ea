package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.analysis.LayerFigures;
import cnnc.analysis.Memory;
import cnnc.analysis.ReceptiveField;
import cnnc.ast.AstPrinter;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.ParamTensor;
import cnnc.check.TensorName;
import cnnc.check.Totals;
import cnnc.diag.DiagnosticRenderer;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report for people: one row per layer with the chosen columns (where it was written, what it
 * produces, what it holds and costs), a subtotal after each top-level block instance, then the
 * totals. Only for a model without errors.
 */
public final class TextReport {
    private final Compilation compilation;
    private final CheckedModel model;
    private final Analysis analysis;
    private final List<Row> rows = new ArrayList<>();

    /** A line of the table: the row number ("#" in the headings, "" for a subtotal) and the cells by column. */
    private record Row(String number, Map<Column, String> cells) {
        String cell(Column column) {
            return column == null ? number : cells.getOrDefault(column, "");
        }
    }

    private TextReport(Compilation compilation) {
        this.compilation = compilation;
        this.model = compilation.model();
        this.analysis = compilation.analysis().orElseThrow();
    }

    public static String render(Compilation compilation, Set<Column> columns) {
        StringWriter text = new StringWriter();
        render(compilation, columns, new PrintWriter(text));
        return text.toString();
    }

    /** Streams the report to {@code out}, line by line. */
    public static void render(Compilation compilation, Set<Column> columns, PrintWriter out) {
        new TextReport(compilation).render(columns, out);
        out.flush();
    }

    private Set<Column> shown;

    private void render(Set<Column> chosen, PrintWriter out) {
        this.shown = chosen;
        Map<Column, String> headings = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            headings.put(column, column.word());
        }
        rows.add(new Row("#", headings));
        rows.add(inputRow());
        layerRows();
        List<Column> shown = chosen.stream().filter(c -> c != Column.FROM || !model.isChain()).sorted().toList();
        out.append("model ").append(DiagnosticRenderer.printable(model.name())).append(": ").append(String.valueOf(model.layers().size()))
                .append(model.layers().size() == 1 ? " layer" : " layers").append(", input ")
                .append(model.input().toString()).append(analysis.options().batch() == 1 ? ""
                        : ", batch " + grouped(analysis.options().batch())).append("\n\n");
        table(shown, out);
        out.append('\n');
        totals(out);
    }

    private Row inputRow() {
        LayerFigures figures = analysis.row(0);
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.put(Column.LAYER, "input");
        row.put(Column.OUTPUT, model.input().toString());
        row.put(Column.PARAMS, "0");
        row.put(Column.MACS, "0");
        row.put(Column.FLOPS, "0");
        row.put(Column.MEMORY, bytes(figures.outputBytes()));
        row.put(Column.RF, field(figures.field()));
        row.put(Column.JUMP, jump(figures.field()));
        return new Row("0", row);
    }

    /** Every layer's row, and a subtotal where a top-level block instance ends (one pass over the rows). */
    private void layerRows() {
        List<CheckedLayer> layers = model.layers();
        long params = 0;
        long macs = 0;
        for (int i = 0; i < layers.size(); i++) {
            CheckedLayer layer = layers.get(i);
            LayerFigures figures = analysis.row(layer.index());
            rows.add(layerRow(layer, figures));
            String group = group(layer);
            params += layer.params();
            macs += figures.macs();
            if (i + 1 == layers.size() || !group(layers.get(i + 1)).equals(group)) {
                if (!group.isEmpty()) {
                    Map<Column, String> subtotal = new EnumMap<>(Column.class);
                    subtotal.put(Column.LAYER, "= " + group + " subtotal");
                    subtotal.put(Column.PARAMS, grouped(params));
                    subtotal.put(Column.MACS, grouped(macs));
                    rows.add(new Row("", subtotal));
                }
                params = 0;
                macs = 0;
            }
        }
    }

    /** The cells of the shown columns (a report over many rows formats nothing it does not print). */
    private Row layerRow(CheckedLayer layer, LayerFigures figures) {
        Map<Column, String> row = new EnumMap<>(Column.class);
        for (Column column : shown) {
            row.put(column, switch (column) {
                case LINE -> String.valueOf(layer.layer().span().line());
                case FROM -> layer.inputs().equals(List.of(layer.index() - 1)) ? ""
                        : layer.inputs().stream().map(String::valueOf).collect(Collectors.joining(","));
                case LAYER -> indent(layer) + describe(layer);
                case OUTPUT -> layer.outputShape().toString();
                case PARAMS -> grouped(layer.params());
                case TENSORS -> tensors(layer.tensors());
                case MACS -> grouped(figures.macs());
                case FLOPS -> grouped(figures.flops());
                case MEMORY -> bytes(figures.outputBytes());
                case RF -> field(figures.field());
                case JUMP -> jump(figures.field());
            });
        }
        return new Row(String.valueOf(layer.index()), row);
    }

    /**
     * A top-level layer as written; a layer made inside a block as its values made it (the text in the
     * block has the parameters' names); a merge by its kind.
     */
    private String describe(CheckedLayer layer) {
        if (layer.implicit()) {
            return "(flatten, implicit)";
        } else if (layer.kind().isMerge() || !layer.block().isEmpty()) {
            return AstPrinter.print(layer.layer());
        }
        return compilation.source().slice(layer.layer().span()).replaceAll("\\s+", " ");
    }

    /** The top-level block instance a layer was made in, "" for a layer written at the top. */
    private static String group(CheckedLayer layer) {
        int slash = layer.block().indexOf('/');
        return slash < 0 ? layer.block() : layer.block().substring(0, slash);
    }

    private static String indent(CheckedLayer layer) {
        return layer.block().isEmpty() ? "" : "  ".repeat((int) layer.block().chars().filter(c -> c == '/').count() + 1);
    }

    /** kernel and bias by shape alone ({@code 7x7x1x60 + 60}); other tensors named, fixed ones marked. */
    private static String tensors(List<ParamTensor> tensors) {
        return tensors.stream()
                .map(t -> (t.name() == TensorName.KERNEL || t.name() == TensorName.BIAS ? "" : t.name().word() + " ")
                        + t.shapeText() + (t.trainable() ? "" : " (fixed)"))
                .collect(Collectors.joining(" + "));
    }

    private static String field(ReceptiveField field) {
        return field instanceof ReceptiveField.Region region ? region.sizeText() : "all";
    }

    private static String jump(ReceptiveField field) {
        return field instanceof ReceptiveField.Region region ? region.jumpText() : "";
    }

    /** The row number first, then the chosen columns, each as wide as its widest cell. */
    private void table(List<Column> shown, PrintWriter out) {
        List<Column> order = new ArrayList<>();
        order.add(null);
        order.addAll(shown);
        int[] widths = new int[order.size()];
        for (Row row : rows) {
            for (int i = 0; i < order.size(); i++) {
                widths[i] = Math.max(widths[i], row.cell(order.get(i)).length());
            }
        }
        for (Row row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < order.size(); i++) {
                Column column = order.get(i);
                line.append(i == 0 ? "" : "  ").append(pad(row.cell(column), widths[i], i == 0 || column.rightAligned()));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private void totals(PrintWriter out) {
        Totals totals = model.totals();
        Memory memory = analysis.memory();
        String dtype = memory.dtype().word();
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"total params", grouped(totals.params()),
            "(" + bytes(memory.parameterBytes()) + " as " + dtype + ")"});
        lines.add(new String[] {"  trainable", grouped(totals.trainableParams()), ""});
        lines.add(new String[] {"  non-trainable", grouped(totals.nonTrainableParams()), ""});
        lines.add(new String[] {"  weights", grouped(totals.weights()), ""});
        lines.add(new String[] {"  biases", grouped(totals.biases()), ""});
        String batch = "batch of " + grouped(memory.batch());
        lines.add(new String[] {"MACs", grouped(analysis.macs()), "multiply-accumulates, " + batch});
        lines.add(new String[] {"FLOPs", grouped(analysis.flops()), "floating-point operations, " + batch});
        lines.add(new String[] {"memory", "", batch + ", " + dtype});
        lines.add(new String[] {"  parameters", bytes(memory.parameterBytes()), ""});
        lines.add(new String[] {"  peak activations", bytes(memory.peakActivationBytes()), peak(memory)});
        lines.add(new String[] {"  training", bytes(memory.trainingBytes()), "estimate with " + memory.optimizer().word()
                + " (see README)"});
        int label = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0) + 2;
        int width = lines.stream().mapToInt(l -> l[1].length()).max().orElse(0);
        for (String[] line : lines) {
            out.append((pad(line[0], label, false) + pad(line[1], width, true)
                    + (line[2].isEmpty() ? "" : "  " + line[2])).stripTrailing()).append('\n');
        }
    }

    private String peak(Memory memory) {
        if (memory.peakRow() == 0) {
            return "the input alone";
        }
        CheckedLayer layer = model.layers().get(memory.peakRow() - 1);
        return "while row " + layer.index() + " (" + layer.name() + ") runs";
    }

    static String bytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        // as String.format's "%.2f" (half up, from the shortest decimal of the double), without a Formatter
        return new BigDecimal(Double.toString(value)).setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + units[unit];
    }

    /** {@code 1,291,653,040}: as String.format's "%,d" in the root locale, without its cost per call. */
    static String grouped(long n) {
        String digits = Long.toString(n);
        int start = n < 0 ? 1 : 0;
        StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3);
        for (int i = 0; i < digits.length(); i++) {
            if (i > start && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return out.toString();
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return right ? fill + text : text + fill;
    }
}
