package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.ast.AstPrinter;
import cnnc.ast.Layer;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.ParamTensor;
import cnnc.check.Totals;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report for people: one row per layer with where it was written, what it produces and what
 * it holds, then the totals. Only for a model without errors.
 */
public final class TextReport {
    private static final String[] HEADINGS = {"#", "line", "from", "layer", "output", "params", "tensors"};
    private static final boolean[] RIGHT_ALIGNED = {true, true, true, false, false, true, false};

    private TextReport() {
    }

    public static String render(Compilation compilation) {
        CheckedModel model = compilation.model();
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        rows.add(new String[] {"0", "", "", "input", model.input().toString(), "0", ""});
        List<CheckedLayer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            CheckedLayer layer = layers.get(i);
            rows.add(new String[] {
                String.valueOf(layer.index()),
                String.valueOf(layer.layer().span().line()),
                layer.inputs().equals(List.of(layer.index() - 1)) ? ""
                        : layer.inputs().stream().map(String::valueOf).collect(Collectors.joining(",")),
                indent(layer) + describe(compilation, layer),
                layer.outputShape().toString(),
                grouped(layer.params()),
                tensors(layer.tensors()),
            });
            String group = group(layer);
            if (!group.isEmpty() && (i + 1 == layers.size() || !group(layers.get(i + 1)).equals(group))) {
                long subtotal = layers.stream().filter(l -> group(l).equals(group)).mapToLong(CheckedLayer::params).sum();
                rows.add(new String[] {"", "", "", "= " + group + " subtotal", "", grouped(subtotal), ""});
            }
        }
        boolean showFrom = !model.isChain();
        StringBuilder out = new StringBuilder();
        out.append("model ").append(model.name()).append(": ").append(model.layers().size())
                .append(model.layers().size() == 1 ? " layer" : " layers").append(", input ")
                .append(model.input()).append("\n\n");
        table(rows, showFrom, out);
        out.append('\n');
        totals(model.totals(), out);
        return out.toString();
    }

    /**
     * A top-level layer as written; a layer made inside a block as its values made it (the text in the
     * block has the parameters' names); a merge by its kind.
     */
    private static String describe(Compilation compilation, CheckedLayer layer) {
        if (layer.implicit()) {
            return "(flatten, implicit)";
        } else if (layer.layer() instanceof Layer.Join join) {
            return join.kind().word();
        } else if (!layer.block().isEmpty()) {
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
                .map(t -> (t.name().equals("kernel") || t.name().equals("bias") ? "" : t.name() + " ")
                        + t.shapeText() + (t.trainable() ? "" : " (fixed)"))
                .collect(Collectors.joining(" + "));
    }

    /** The "from" column (index 2) is only shown for a graph: in a chain every row reads the one before. */
    private static void table(List<String[]> rows, boolean showFrom, StringBuilder out) {
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i == 2 && !showFrom) {
                    continue;
                }
                line.append(i == 0 ? "" : "  ").append(pad(row[i], widths[i], RIGHT_ALIGNED[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static void totals(Totals totals, StringBuilder out) {
        String[][] lines = {
            {"total params", grouped(totals.params()), "(" + bytes(totals.bytes()) + " as float32)"},
            {"  trainable", grouped(totals.trainableParams()), ""},
            {"  non-trainable", grouped(totals.nonTrainableParams()), ""},
            {"  weights", grouped(totals.weights()), ""},
            {"  biases", grouped(totals.biases()), ""},
        };
        int width = 0;
        for (String[] line : lines) {
            width = Math.max(width, line[1].length());
        }
        for (String[] line : lines) {
            out.append(pad(line[0], 16, false)).append(pad(line[1], width, true))
                    .append(line[2].isEmpty() ? "" : "  " + line[2]).append('\n');
        }
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
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    static String grouped(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return right ? fill + text : text + fill;
    }
}
