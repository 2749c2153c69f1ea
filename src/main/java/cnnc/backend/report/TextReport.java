package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.check.CheckedModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report for people: one row per layer with the chosen columns (where it was written, what it
 * produces, what it holds and costs), a subtotal after each top-level block instance, then the
 * totals; at a {@code --depth}, deeper block instances as one row each. Only for a model without errors.
 */
public final class TextReport {
    /** The widest a column grows. */
    private static final int MAX_WIDTH = 100;

    private TextReport() {
    }

    public static String render(Compilation compilation, Set<Column> columns) {
        return render(compilation, columns, Table.ALL_DEPTHS);
    }

    public static String render(Compilation compilation, Set<Column> columns, int depth) {
        StringBuilder out = new StringBuilder(Summary.heading(compilation)).append("\n\n");
        table(headed(compilation, columns, depth), order(compilation.model(), columns), out);
        out.append('\n');
        totals(compilation, out);
        return out.toString();
    }

    /** The same table and totals in markdown, for a pull request or a document. */
    public static String markdown(Compilation compilation, Set<Column> columns) {
        return markdown(compilation, columns, Table.ALL_DEPTHS);
    }

    public static String markdown(Compilation compilation, Set<Column> columns, int depth) {
        StringBuilder out = new StringBuilder("## ").append(MarkdownText.inline(Summary.heading(compilation))).append("\n\n");
        markdownTable(headed(compilation, columns, depth), order(compilation.model(), columns), out);
        out.append("\n```\n");
        totals(compilation, out);
        out.append("```\n");
        return out.toString();
    }

    /** The row number (null) first, then the chosen columns; {@code from} only for graphs. */
    static List<Column> order(CheckedModel model, Set<Column> chosen) {
        List<Column> order = new ArrayList<>();
        order.add(null);
        for (Column column : Column.values()) { // in the columns' order, as an EnumSet's iterator would give them
            if (chosen.contains(column) && (column != Column.FROM || !model.isChain())) {
                order.add(column);
            }
        }
        return order;
    }

    /** The headings ("#" and the columns' words) as the first row, then the table's rows. */
    private static List<Table.Row> headed(Compilation compilation, Set<Column> columns, int depth) {
        Map<Column, String> headings = new EnumMap<>(Column.class);
        for (Column column : Column.values()) {
            headings.put(column, column.word());
        }
        List<Table.Row> rows = new ArrayList<>();
        rows.add(new Table.Row(Table.Kind.INPUT, "#", headings, "", 0, 0, 0));
        rows.addAll(Table.rows(compilation, columns, depth, false));
        return rows;
    }

    private static String cell(Table.Row row, Column column) {
        return column == null ? row.number() : row.cell(column);
    }

    /**
     * Each column as wide as its widest cell of at most {@value #MAX_WIDTH} characters; the row number and
     * numbers right-aligned. A longer cell (the inputs of a concat of thousands of branches) sticks out of
     * its column rather than widening every row: the table stays as long as the model, not its square.
     */
    private static void table(List<Table.Row> rows, List<Column> order, StringBuilder out) {
        int[] widths = new int[order.size()];
        for (Table.Row row : rows) {
            for (int i = 0; i < order.size(); i++) {
                int width = cell(row, order.get(i)).length();
                if (width <= MAX_WIDTH) {
                    widths[i] = Math.max(widths[i], width);
                }
            }
        }
        // written straight into one line buffer: a report of many rows is mostly this loop, run once in a cold JVM
        StringBuilder line = new StringBuilder();
        for (Table.Row row : rows) {
            line.setLength(0);
            for (int i = 0; i < order.size(); i++) {
                Column column = order.get(i);
                String text = cell(row, column);
                boolean right = i == 0 || column.rightAligned();
                if (i > 0) {
                    line.append("  ");
                }
                if (right) {
                    spaces(line, widths[i] - text.length());
                }
                line.append(text);
                if (!right) {
                    spaces(line, widths[i] - text.length());
                }
            }
            int end = line.length();
            while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
            line.setLength(end);
            out.append(line).append('\n'); // a whole builder is one array copy; a range of one, a loop per character
        }
    }

    /** A markdown table: the headings, the alignment row, then a line per row with | between cells. */
    private static void markdownTable(List<Table.Row> rows, List<Column> order, StringBuilder out) {
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (Column column : order) {
                out.append(' ').append(MarkdownText.inline(cell(rows.get(r), column).strip())).append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (Column column : order) {
                    out.append(column == null || column.rightAligned() ? "---:|" : "---|");
                }
                out.append('\n');
            }
        }
    }

    private static void totals(Compilation compilation, StringBuilder out) {
        List<Summary.Line> lines = Summary.totals(compilation);
        int label = 0;
        int width = 0;
        for (Summary.Line line : lines) {
            label = Math.max(label, line.label().length() + 2);
            width = Math.max(width, line.value().length());
        }
        for (Summary.Line line : lines) {
            out.append((pad(line.label(), label, false) + pad(line.value(), width, true)
                    + (line.note().isEmpty() ? "" : "  " + line.note())).stripTrailing()).append('\n');
        }
    }

    private static final String SPACES = " ".repeat(64);

    /**
     * {@code count} spaces, as array copies (a cold JVM interprets a loop of single characters): a range of a
     * string is copied whole, as its substring was, without the substring.
     */
    private static void spaces(StringBuilder line, int count) {
        for (int left = count; left > 0; left -= SPACES.length()) {
            line.append(SPACES, 0, Math.min(left, SPACES.length()));
        }
    }

    static String pad(String text, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - text.length()));
        return right ? fill + text : text + fill;
    }
}
