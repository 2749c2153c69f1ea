package cnnc.backend.diff;

import cnnc.Compilation;
import cnnc.analysis.Memory;
import cnnc.backend.report.MarkdownText;
import cnnc.backend.report.Numbers;
import cnnc.diag.DiagnosticRenderer;
import java.util.ArrayList;
import java.util.List;

/**
 * The diff for people: a line for each layer or block instance that differs ({@code -} the first model's,
 * {@code +} the second's, a changed one as both, the second with the differences and what changed), a run
 * of inserted or removed instances of one block used alike folded into one line with its sums (or, expanded,
 * each instance with every layer it makes), then the count of layers alike and the totals side by side. As
 * text for a terminal, where what changed (with the parameters' and MACs' changes) is a line of its own
 * under the pair, which keeps ResNet's stages within 100 columns, or as markdown for a pull request, where
 * they are columns.
 */
public final class DiffText {
    private static final List<String> HEADINGS = List.of("", "#", "name", "layer", "output", "params", "macs",
            "params +/-", "macs +/-", "changed");
    /** The columns of numbers, right-aligned: the rows and the four figures. */
    private static final boolean[] RIGHT = {false, true, false, false, false, true, true, true, true, false};
    private static final int CHANGED = HEADINGS.size() - 1;
    private static final int PARAMS_CHANGE = HEADINGS.indexOf("params +/-");

    private DiffText() {
    }

    public static String text(Difference difference) {
        return text(difference, false);
    }

    /** @param expand each inserted or removed instance on a line of its own, followed by every layer it makes */
    public static String text(Difference difference, boolean expand) {
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(heading(difference.before())).append('\n');
        out.append("+++ ").append(heading(difference.after())).append("\n\n");
        List<List<String>> rows = rows(difference, expand);
        if (rows.size() > 1) {
            List<List<String>> table = new ArrayList<>();
            for (List<String> row : rows) {
                table.add(row.subList(0, PARAMS_CHANGE));
            }
            String indent = " ".repeat(width(table, 0) + 2 + width(table, 1) + 2);
            aligned(table, java.util.Arrays.copyOf(RIGHT, PARAMS_CHANGE), out, row -> rows.get(row).get(CHANGED).isEmpty()
                    || row == 0 ? "" : indent + "changed: " + changes(rows.get(row)) + "\n");
            out.append('\n');
        }
        out.append(summary(difference)).append("\n\n");
        aligned(totals(difference), new boolean[] {false, true, true, true}, out, row -> "");
        out.append('\n').append(figuresFor(difference)).append('\n');
        return out.toString();
    }

    public static String markdown(Difference difference) {
        return markdown(difference, false);
    }

    public static String markdown(Difference difference, boolean expand) {
        StringBuilder out = new StringBuilder("## ").append(MarkdownText.inline("diff " + name(difference.before())
                + " -> " + name(difference.after()))).append("\n\n");
        out.append("- before: ").append(MarkdownText.inline(heading(difference.before()))).append('\n');
        out.append("- after: ").append(MarkdownText.inline(heading(difference.after()))).append("\n\n");
        List<List<String>> rows = rows(difference, expand);
        if (rows.size() > 1) {
            markdownTable(rows, RIGHT, out);
            out.append('\n');
        }
        out.append(MarkdownText.inline(summary(difference))).append("\n\n");
        markdownTable(totals(difference), new boolean[] {false, true, true, true}, out);
        out.append('\n').append(MarkdownText.inline(figuresFor(difference))).append('\n');
        return out.toString();
    }

    /** What the MACs, FLOPs and memory are for: {@code MACs, FLOPs and memory for a batch of 1, float32, ...}. */
    private static String figuresFor(Difference difference) {
        Memory memory = difference.before().analysis().orElseThrow().memory();
        return "MACs, FLOPs and memory for a batch of " + Numbers.grouped(memory.batch()) + ", in "
                + memory.dtype().word() + ", training with " + memory.optimizer().word() + " (see docs/cost.md)";
    }

    /** {@code samples/zoo/resnet50.cnn: model resnet50, 176 layers, input 224x224x3}. */
    private static String heading(Compilation compilation) {
        int layers = compilation.model().layers().size();
        return DiagnosticRenderer.printable(compilation.source().name()) + ": model " + name(compilation) + ", "
                + Numbers.grouped(layers) + (layers == 1 ? " layer" : " layers") + ", input " + compilation.model().input();
    }

    private static String name(Compilation compilation) {
        return DiagnosticRenderer.printable(compilation.model().name());
    }

    /** {@code 2 layers changed, 170 inserted, 0 removed, 174 the same}, or that the models are the same. */
    private static String summary(Difference difference) {
        long[] counts = difference.layerCounts();
        long same = counts[Entry.Change.SAME.ordinal()];
        if (difference.same()) {
            return "the models are the same: " + Numbers.grouped(same) + (same == 1 ? " layer" : " layers")
                    + " alike, and every total";
        }
        long changed = counts[Entry.Change.CHANGED.ordinal()];
        return Numbers.grouped(changed) + (changed == 1 ? " layer" : " layers") + " changed, "
                + Numbers.grouped(counts[Entry.Change.INSERTED.ordinal()]) + " inserted, "
                + Numbers.grouped(counts[Entry.Change.REMOVED.ordinal()]) + " removed, " + Numbers.grouped(same)
                + " the same";
    }

    /** The headings, then the lines of every entry that differs, in the order of the models. */
    private static List<List<String>> rows(Difference difference, boolean expand) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        lines(difference.entries(), rows, expand);
        return rows;
    }

    private static void lines(List<Entry> entries, List<List<String>> rows, boolean expand) {
        for (int k = 0; k < entries.size(); k++) {
            Entry entry = entries.get(k);
            switch (entry.change()) {
                case SAME -> {
                }
                case CHANGED -> {
                    boolean itself = !entry.isBlock() || entry.changed().stream().anyMatch(Aspect::ofItsOwn);
                    if (itself) {
                        rows.add(line("-", entry.before(), 1, null, List.of()));
                        rows.add(line("+", entry.after(), 1, entry, entry.changed()));
                    }
                    lines(entry.children(), rows, expand);
                }
                case INSERTED, REMOVED -> {
                    if (expand) {
                        expanded(entry.change() == Entry.Change.INSERTED ? "+" : "-", entry.item(), rows);
                        continue;
                    }
                    int run = run(entries, k);
                    rows.add(folded(entries.subList(k, k + run)));
                    k += run - 1;
                }
            }
        }
    }

    /** An inserted or removed layer or instance, and an instance's layers and instances after it, each its own line. */
    private static void expanded(String mark, Item item, List<List<String>> rows) {
        Entry.Change change = mark.equals("+") ? Entry.Change.INSERTED : Entry.Change.REMOVED;
        Entry entry = change == Entry.Change.INSERTED ? new Entry(change, null, item, List.of(), List.of())
                : new Entry(change, item, null, List.of(), List.of());
        rows.add(line(mark, item, 1, entry, List.of()));
        for (Item child : item.children()) {
            expanded(mark, child, rows);
        }
    }

    /** How many entries from {@code k} on are instances inserted (or removed) alike: the same block, used alike. */
    private static int run(List<Entry> entries, int k) {
        Entry first = entries.get(k);
        int run = 1;
        while (first.isBlock() && k + run < entries.size()) {
            Entry next = entries.get(k + run);
            if (next.change() != first.change() || !next.isBlock() || !next.item().text().equals(first.item().text())) {
                break;
            }
            run++;
        }
        return run;
    }

    /** One line for a run of inserted or removed entries (most often one): their sums, and the last one's output. */
    private static List<String> folded(List<Entry> run) {
        Entry first = run.get(0);
        Item item = first.item();
        if (run.size() == 1 && !item.isBlock()) {
            return line(first.change() == Entry.Change.INSERTED ? "+" : "-", item, 1, first, List.of());
        }
        Item last = run.get(run.size() - 1).item();
        int layers = 0;
        long params = 0;
        long macs = 0;
        long flops = 0;
        for (Entry entry : run) {
            layers += entry.item().layers();
            params += entry.item().params();
            macs += entry.item().macs();
            flops += entry.item().flops();
        }
        String name = run.size() == 1 ? item.path() : item.path() + ".." + last.name();
        // the rows column says how many layers: 143-312
        String text = (run.size() == 1 ? "" : run.size() + " x ") + item.text();
        Item sum = new Item(Item.Kind.BLOCK, name, item.path(), text, item.word(), null, item.first(), last.last(),
                layers, last.output(), params, macs, flops, item.line(), List.of());
        Entry whole = first.change() == Entry.Change.INSERTED ? new Entry(first.change(), null, sum, List.of(), List.of())
                : new Entry(first.change(), sum, null, List.of(), List.of());
        return line(first.change() == Entry.Change.INSERTED ? "+" : "-", sum, run.size(), whole, List.of());
    }

    /** A line of the table; {@code change}, when given, fills the difference columns. */
    private static List<String> line(String mark, Item item, int count, Entry change, List<Aspect> changed) {
        String rows = item.layers() == 0 ? "" : item.first() == item.last() ? Integer.toString(item.first())
                : item.first() + "-" + item.last();
        String name = item.isBlock() ? (count == 1 ? item.path() : item.name()) : item.name();
        String text = item.text() + (item.as() == null ? "" : " as " + item.as());
        return List.of(mark, rows, DiagnosticRenderer.printable(name), DiagnosticRenderer.printable(text),
                item.output().toString(), Numbers.grouped(item.params()), Numbers.grouped(item.macs()),
                change == null ? "" : signed(change.change(Item::params)),
                change == null ? "" : signed(change.change(Item::macs)),
                String.join(", ", changed.stream().map(Aspect::word).toList()));
    }

    /** Both models' totals and their difference, then the shapes the models take and give. */
    private static List<List<String>> totals(Difference difference) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("", "before", "after", "change"));
        for (Difference.Total total : difference.totals()) {
            if (total.key().equals("parameterBytes")) {
                rows.add(List.of("memory", "", "", ""));
            }
            rows.add(total.bytes()
                    ? List.of(total.label(), Numbers.bytes(total.before()), Numbers.bytes(total.after()),
                            signedBytes(total.change()))
                    : List.of(total.label(), Numbers.grouped(total.before()), Numbers.grouped(total.after()),
                            signed(total.change())));
        }
        rows.add(shapes("input", difference.before().model().input().toString(),
                difference.after().model().input().toString()));
        rows.add(shapes("output", Difference.output(difference.before()).toString(),
                Difference.output(difference.after()).toString()));
        return rows;
    }

    private static List<String> shapes(String label, String before, String after) {
        return List.of(label, before, after, before.equals(after) ? "" : "changed");
    }

    /** {@code +16,576}, {@code -1,024}, {@code 0}. */
    static String signed(long n) {
        return (n > 0 ? "+" : "") + Numbers.grouped(n);
    }

    private static String signedBytes(long n) {
        return n == 0 ? "0" : (n > 0 ? "+" : "-") + Numbers.bytes(Math.abs(n));
    }

    /**
     * A changed pair's aspects, the parameters' and MACs' changes with theirs ({@code arguments, layers, params
     * +19,070,464, macs +3,712,221,184, flops}): in the text they are a line of their own under the pair, not
     * columns, so that ResNet's stages fit in 100 columns. Inserted and removed lines need no change columns:
     * their figures are the change.
     */
    private static String changes(List<String> row) {
        List<String> said = new ArrayList<>();
        for (String aspect : row.get(CHANGED).split(", ")) {
            said.add(aspect.equals(Aspect.PARAMS.word()) ? aspect + " " + row.get(PARAMS_CHANGE)
                    : aspect.equals(Aspect.MACS.word()) ? aspect + " " + row.get(PARAMS_CHANGE + 1) : aspect);
        }
        return String.join(", ", said);
    }

    /** What follows a row's line, by the row's number. */
    private interface After {
        String after(int row);
    }

    private static int width(List<List<String>> rows, int column) {
        return rows.stream().mapToInt(row -> row.get(column).length()).max().orElse(0);
    }

    /** Each column as wide as its widest cell, numbers right-aligned, two spaces between, no trailing space. */
    private static void aligned(List<List<String>> rows, boolean[] right, StringBuilder out, After after) {
        int[] widths = new int[right.length];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (widths[i] == 0) {
                    continue;
                }
                String fill = " ".repeat(widths[i] - row.get(i).length());
                line.append(i == 0 ? "" : "  ")
                        .append(right[i] ? fill + row.get(i) : row.get(i) + fill);
            }
            String text = line.toString().stripTrailing();
            out.append(text).append('\n').append(after.after(r));
        }
    }

    private static void markdownTable(List<List<String>> rows, boolean[] right, StringBuilder out) {
        for (int r = 0; r < rows.size(); r++) {
            out.append('|');
            for (String cell : rows.get(r)) {
                // a total's part (trainable, under total params) keeps its indent, which a table cell would strip
                out.append(' ').append(cell.startsWith("  ") ? "&emsp;" : "").append(MarkdownText.inline(cell.strip()))
                        .append(" |");
            }
            out.append('\n');
            if (r == 0) {
                out.append('|');
                for (boolean alignedRight : right) {
                    out.append(alignedRight ? "---:|" : "---|");
                }
                out.append('\n');
            }
        }
    }
}
