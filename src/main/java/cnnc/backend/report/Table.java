package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.analysis.LayerFigures;
import cnnc.analysis.ReceptiveField;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.ParamTensor;
import cnnc.check.TensorName;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows every tabular report shows (text, markdown, CSV, HTML): the input, each layer, a
 * subtotal after each top-level block instance, and, at a {@code --depth}, a block instance deeper
 * than it as one row with its sums. Cells are text; {@code raw} writes numbers without grouping
 * and bytes as a count, for CSV.
 */
public final class Table {
    /** Every block instance expanded. */
    public static final int ALL_DEPTHS = Integer.MAX_VALUE;

    public enum Kind { INPUT, LAYER, BLOCK, SUBTOTAL }

    /**
     * A line of the table.
     *
     * @param number "0", "7", "7-38" for a block instance's rows, "" for a subtotal
     * @param path   the block instance the row stands for (a block or subtotal row) or was made in (a layer), "" at the top
     * @param first  the first layer row it covers (0 for the input)
     * @param last   the last layer row it covers
     * @param line   the source line of the layer, or of the block's use
     */
    public record Row(Kind kind, String number, Map<Column, String> cells, String path, int first, int last, int line) {
        public String cell(Column column) {
            return cells.getOrDefault(column, "");
        }
    }

    private final Compilation compilation;
    private final CheckedModel model;
    private final Analysis analysis;
    private final Set<Column> shown;
    private final boolean raw;
    private final long[] params;
    private final long[] macs;
    private final long[] flops;

    private Table(Compilation compilation, Set<Column> shown, boolean raw) {
        this.compilation = compilation;
        this.model = compilation.model();
        this.analysis = compilation.analysis().orElseThrow();
        this.shown = shown;
        this.raw = raw;
        int n = model.layers().size();
        params = new long[n + 1];
        macs = new long[n + 1];
        flops = new long[n + 1];
        for (CheckedLayer layer : model.layers()) {
            LayerFigures figures = analysis.row(layer.index());
            params[layer.index()] = params[layer.index() - 1] + layer.params();
            macs[layer.index()] = macs[layer.index() - 1] + figures.macs();
            flops[layer.index()] = flops[layer.index() - 1] + figures.flops();
        }
    }

    /** The rows with block instances deeper than {@code depth} (0: used at the top level) as one row each. */
    public static List<Row> rows(Compilation compilation, Set<Column> shown, int depth, boolean raw) {
        List<Row> rows = new ArrayList<>();
        int skipUntil = 0;
        for (Row row : new Table(compilation, shown, raw).tree()) {
            if (row.kind() != Kind.INPUT && row.last() <= skipUntil && !(row.kind() == Kind.SUBTOTAL && depth > 0)) {
                continue;
            }
            int level = row.path().isEmpty() ? -1 : BlockInstance.depthOf(row.path());
            if (row.kind() == Kind.BLOCK && level < depth) {
                continue;
            }
            if (row.kind() == Kind.BLOCK) {
                skipUntil = row.last();
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * Every row, each block instance's own row ahead of the rows made in it (an HTML page folds
     * them), and the subtotals of the top-level instances after their rows.
     */
    public static List<Row> tree(Compilation compilation, Set<Column> shown, boolean raw) {
        return new Table(compilation, shown, raw).tree();
    }

    private List<Row> tree() {
        Map<String, BlockInstance> instances = new HashMap<>();
        for (BlockInstance instance : model.blocks()) {
            instances.put(instance.path(), instance);
        }
        Map<String, Integer> lastRow = new HashMap<>();
        Map<String, List<String>> pathsOf = new HashMap<>(); // a block's rows come together: worked out once each
        for (CheckedLayer layer : model.layers()) {
            List<String> paths = pathsOf.get(layer.block());
            if (paths == null) {
                paths = paths(layer.block());
                pathsOf.put(layer.block(), paths);
            }
            for (String path : paths) {
                lastRow.put(path, layer.index());
            }
        }
        List<Row> rows = new ArrayList<>();
        rows.add(inputRow());
        List<String> open = List.of();
        for (CheckedLayer layer : model.layers()) {
            List<String> paths = pathsOf.get(layer.block());
            int kept = 0;
            while (kept < open.size() && kept < paths.size() && open.get(kept).equals(paths.get(kept))) {
                kept++;
            }
            if (kept == 0 && !open.isEmpty()) {
                rows.add(subtotal(instances.get(open.get(0)), layer.index() - 1));
            }
            for (String path : paths.subList(kept, paths.size())) {
                rows.add(blockRow(instances.get(path), layer.index(), lastRow.get(path)));
            }
            open = paths;
            rows.add(layerRow(layer));
        }
        if (!open.isEmpty()) {
            rows.add(subtotal(instances.get(open.get(0)), model.layers().size()));
        }
        return rows;
    }

    /** {@code stage1/down1} gives {@code stage1} and {@code stage1/down1}. */
    private static List<String> paths(String block) {
        List<String> paths = new ArrayList<>();
        for (int slash = block.indexOf('/'); slash >= 0; slash = block.indexOf('/', slash + 1)) {
            paths.add(block.substring(0, slash));
        }
        if (!block.isEmpty()) {
            paths.add(block);
        }
        return paths;
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
        return new Row(Kind.INPUT, "0", row, "", 0, 0, model.inputSpan().line());
    }

    /** The cells of the shown columns (a report over many rows formats nothing it does not print). */
    private Row layerRow(CheckedLayer layer) {
        LayerFigures figures = analysis.row(layer.index());
        Map<Column, String> row = new EnumMap<>(Column.class);
        for (Column column : shown) {
            row.put(column, switch (column) {
                case LINE -> String.valueOf(layer.layer().span().line());
                case FROM -> layer.inputs().size() == 1 && layer.inputs().get(0) == layer.index() - 1 ? ""
                        : joined(layer.inputs());
                case LAYER -> RowText.indent(layer) + RowText.describe(compilation, layer);
                case OUTPUT -> layer.outputShape().toString();
                case PARAMS -> number(layer.params());
                case TENSORS -> tensors(layer.tensors());
                case MACS -> number(figures.macs());
                case FLOPS -> number(figures.flops());
                case MEMORY -> bytes(figures.outputBytes());
                case RF -> field(figures.field());
                case JUMP -> jump(figures.field());
            });
        }
        return new Row(Kind.LAYER, String.valueOf(layer.index()), row, layer.block(), layer.index(), layer.index(),
                layer.layer().span().line());
    }

    /** A block instance as one row: its use, the shapes in and out, and the sums of its rows. */
    private Row blockRow(BlockInstance instance, int first, int last) {
        LayerFigures out = analysis.row(instance.outputRow());
        Map<Column, String> row = new EnumMap<>(Column.class);
        for (Column column : shown) {
            row.put(column, switch (column) {
                case LINE -> String.valueOf(instance.call().line());
                case FROM -> instance.hasInput() ? (instance.inputRow() == first - 1 ? "" : String.valueOf(instance.inputRow()))
                        : joined(instance.reads());
                case LAYER -> "  ".repeat(instance.depth()) + instance.name() + ": " + instance.usage() + ", "
                        + number(last - first + 1) + (last == first ? " layer" : " layers");
                case OUTPUT -> (instance.hasInput() ? instance.inputShape().toString() : instance.inputShapesText())
                        + " -> " + instance.outputShapesText();
                case PARAMS -> number(params[last] - params[first - 1]);
                case TENSORS -> "";
                case MACS -> number(macs[last] - macs[first - 1]);
                case FLOPS -> number(flops[last] - flops[first - 1]);
                case MEMORY -> bytes(out.outputBytes());
                case RF -> field(out.field());
                case JUMP -> jump(out.field());
            });
        }
        return new Row(Kind.BLOCK, first == last ? String.valueOf(first) : first + "-" + last, row, instance.path(),
                first, last, instance.call().line());
    }

    private Row subtotal(BlockInstance instance, int last) {
        int first = last;
        while (first > 1 && instance.contains(model.layers().get(first - 2))) {
            first--;
        }
        Map<Column, String> row = new EnumMap<>(Column.class);
        row.put(Column.LAYER, "= " + instance.path() + " subtotal");
        row.put(Column.PARAMS, number(params[last] - params[first - 1]));
        row.put(Column.MACS, number(macs[last] - macs[first - 1]));
        return new Row(Kind.SUBTOTAL, "", row, instance.path(), first, last, instance.call().line());
    }

    /** kernel and bias by shape alone ({@code 7x7x1x60 + 60}); other tensors named, fixed ones marked. */
    private static String tensors(List<ParamTensor> tensors) {
        StringBuilder text = new StringBuilder();
        for (ParamTensor t : tensors) {
            text.append(text.length() == 0 ? "" : " + ")
                    .append(t.name() == TensorName.KERNEL || t.name() == TensorName.BIAS ? "" : t.name().word() + " ")
                    .append(t.shapeText()).append(t.trainable() ? "" : " (fixed)");
        }
        return text.toString();
    }

    private static String joined(List<Integer> rows) {
        StringBuilder text = new StringBuilder();
        for (int row : rows) {
            text.append(text.length() == 0 ? "" : ",").append(row);
        }
        return text.toString();
    }

    private String number(long n) {
        return raw ? Long.toString(n) : Numbers.grouped(n);
    }

    private String bytes(long n) {
        return raw ? Long.toString(n) : Numbers.bytes(n);
    }

    private static String field(ReceptiveField field) {
        return field instanceof ReceptiveField.Region region ? region.sizeText()
                : field instanceof ReceptiveField.Whole ? "all" : "?";
    }

    private static String jump(ReceptiveField field) {
        return field instanceof ReceptiveField.Region region ? region.jumpText() : "";
    }
}
