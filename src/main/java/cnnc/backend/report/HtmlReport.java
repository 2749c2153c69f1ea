package cnnc.backend.report;

import static cnnc.backend.report.SvgDiagram.escape;

import cnnc.Compilation;
import cnnc.check.BlockInstance;
import cnnc.diag.Diagnostic;
import cnnc.diag.DiagnosticRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report --format html}: one page that needs nothing else (its style, script and diagram are
 * inline, and its content security policy forbids loading anything): the summary, the diagram, the
 * layer table with a row per block instance that folds its rows, and the source. A model with errors
 * gets a page of its diagnostics with their source excerpts instead.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(Compilation compilation, Set<Column> columns, int depth) {
        Sink sink = Sink.whole();
        render(compilation, columns, depth, sink);
        return sink.text.toString();
    }

    /** The page written to {@code out} as it is made (a long model's is 20 MB or so), not built whole first. */
    public static void write(Compilation compilation, Set<Column> columns, int depth, java.io.Writer out) {
        Sink sink = Sink.to(out);
        render(compilation, columns, depth, sink);
        sink.finish();
    }

    private static void render(Compilation compilation, Set<Column> columns, int depth, Sink sink) {
        StringBuilder out = sink.text;
        String title = compilation.hasErrors() ? compilation.source().name() + ": errors" : Summary.heading(compilation);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(resource("page.css"))
                .append("</style>\n</head>\n");
        if (compilation.hasErrors()) {
            diagnostics(compilation, out);
        } else {
            report(compilation, columns, depth, sink);
        }
        out.append("</html>\n");
    }

    /** A line of a source excerpt: {@code  2 | conv 60@7x7}, or the carets under it, {@code    | ^^^}. */
    private static final java.util.regex.Pattern EXCERPT = java.util.regex.Pattern.compile(" *\\d* \\| ");

    private static void diagnostics(Compilation compilation, StringBuilder out) {
        List<Diagnostic> diagnostics = compilation.diagnostics();
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        out.append("<body class=\"errors\">\n<header><h1>").append(escape(compilation.source().name())).append(": ")
                .append(errors).append(errors == 1 ? " error" : " errors").append(", ")
                .append(diagnostics.size() - errors).append(diagnostics.size() - errors == 1 ? " warning" : " warnings")
                .append("</h1><p>The model has errors, so there is no report; each is shown at its place.</p></header>\n")
                .append("<main class=\"diagnostics\">\n");
        for (Diagnostic diagnostic : diagnostics) {
            out.append("<pre class=\"diagnostic ").append(diagnostic.severity().word()).append("\">");
            // the message, help and note lines wrap at the page's edge; a source line and its carets stay one
            // line each (scrolled if need be), so the carets stay under the words they point at
            for (String line : DiagnosticRenderer.render(compilation.source(), diagnostic).split("\n")) {
                boolean excerpt = EXCERPT.matcher(line).lookingAt();
                out.append("<span class=\"").append(excerpt ? "excerpt" : "text").append("\">").append(escape(line))
                        .append("</span>");
            }
            out.append("</pre>\n");
        }
        out.append("<h2>Source</h2>\n");
        source(compilation, out);
        out.append("</main>\n</body>\n");
    }

    /** The heading and the totals, as the page's header shows them (the playground shows them too). */
    public static String header(Compilation compilation) {
        StringBuilder out = new StringBuilder("<h1>").append(escape(Summary.heading(compilation)))
                .append("</h1>\n<dl class=\"totals\">");
        for (Summary.Line line : Summary.totals(compilation)) {
            out.append("<div class=\"").append(line.label().startsWith(" ") ? "sub" : "top").append("\"><dt>")
                    .append(escape(line.label().strip())).append("</dt><dd>").append(escape(line.value()))
                    .append(line.note().isEmpty() ? "" : " <span class=\"note\">" + escape(line.note()) + "</span>")
                    .append("</dd></div>");
        }
        return out.append("</dl>\n").toString();
    }

    /**
     * The layer table, as the page shows it, for the playground: its first {@code limit} rows (a browser lays a
     * table of 20,000 rows out for seconds), then a row that says how many more there are.
     */
    public static TableRows table(Compilation compilation, Set<Column> columns, int limit) {
        return new TableRows(compilation, columns, limit);
    }

    private static void report(Compilation compilation, Set<Column> columns, int depth, Sink sink) {
        StringBuilder out = sink.text;
        out.append("<body data-depth=\"").append(depth == Table.ALL_DEPTHS ? -1 : depth).append("\">\n<header>")
                .append(header(compilation));
        out.append("</header>\n<main>\n<section id=\"diagram\" aria-label=\"diagram\">\n");
        SvgDiagram.render(compilation, sink);
        out.append("</section>\n<section id=\"details\">\n")
                .append("<div class=\"tools\"><input id=\"filter\" type=\"search\" placeholder=\"filter rows\" ")
                .append("aria-label=\"filter rows\"> <button id=\"expand\" type=\"button\">expand all</button> ")
                .append("<button id=\"collapse\" type=\"button\">collapse all</button></div>\n");
        table(compilation, columns, Integer.MAX_VALUE, sink);
        out.append("<h2>Source</h2>\n");
        source(compilation, out);
        out.append("</section>\n</main>\n<script>\n").append(resource("table.js")).append(resource("page.js"))
                .append("</script>\n</body>\n");
    }

    private static void table(Compilation compilation, Set<Column> columns, int limit, Sink sink) {
        TableRows rows = new TableRows(compilation, columns, limit);
        sink.text.append(rows.head());
        for (int i = 0; i < rows.size(); i++) {
            rows.html(i, sink.text);
            sink.spill();
        }
        sink.text.append(rows.foot());
    }

    /**
     * The layer table: every row, each block instance's own row (with its sums) ahead of its rows; the cells as
     * the text report writes them, with the plain numbers for sorting in {@code data-value}. Each row's HTML is
     * written on demand, and each has a key, equal for two rows whose HTML is the same, so that the playground,
     * which writes the table at every keystroke, writes again only the rows that changed.
     */
    public static final class TableRows {
        private final List<Column> order;
        private final Set<Column> numeric;
        private final Map<String, BlockInstance> instances = new HashMap<>();
        /** The rows shown, subtotals left out, and their plain numbers. */
        private final List<Table.Row> rows = new ArrayList<>();
        private final List<Table.Row> raw = new ArrayList<>();
        /** The rows beyond the limit (the last row then says how many), or 0. */
        private final long more;

        private TableRows(Compilation compilation, Set<Column> columns, int limit) {
            order = TextReport.order(compilation.model(), columns);
            compilation.model().blocks().forEach(instance -> instances.put(instance.path(), instance));
            List<Table.Row> all = Table.tree(compilation, columns, false);
            // the sort keys differ from the cells only where a number is grouped or bytes are written as a size:
            // a second table of those columns alone (the playground writes this table at every keystroke)
            numeric = EnumSet.of(Column.PARAMS, Column.MACS, Column.FLOPS, Column.MEMORY);
            numeric.retainAll(columns);
            List<Table.Row> allRaw = Table.tree(compilation, numeric, true);
            long left = 0;
            for (int r = 0; r < all.size(); r++) {
                if (all.get(r).kind() == Table.Kind.SUBTOTAL) {
                    continue;
                }
                if (rows.size() == limit) {
                    left++;
                } else {
                    rows.add(all.get(r));
                    raw.add(allRaw.get(r));
                }
            }
            more = left;
        }

        /** The table up to its first row. */
        public String head() {
            StringBuilder out = new StringBuilder("<table id=\"layers\">\n<thead><tr>");
            for (Column column : order) {
                out.append("<th data-column=\"").append(column == null ? "row" : column.word()).append("\" class=\"")
                        .append(column == null || column.rightAligned() ? "number" : "text").append("\" title=\"")
                        .append(column == null ? "the row number" : escape(column.help())).append("\">")
                        .append(column == null ? "#" : column.word()).append("</th>");
            }
            return out.append("</tr></thead>\n<tbody>\n").toString();
        }

        /** The table after its last row. */
        public String foot() {
            return "</tbody>\n</table>\n";
        }

        /** The rows, the one that says how many more there are among them. */
        public int size() {
            return rows.size() + (more > 0 ? 1 : 0);
        }

        /** What row {@code i}'s HTML is written from: rows of equal keys have the same HTML (under the same head). */
        public Object key(int i) {
            if (i == rows.size()) {
                return List.of("more", more);
            }
            Table.Row row = rows.get(i);
            return List.of(row, raw.get(i), row.kind() == Table.Kind.BLOCK ? instances.get(row.path()).depth() : -1);
        }

        /** Row {@code i}, a line of HTML. */
        public String html(int i) {
            StringBuilder out = new StringBuilder();
            html(i, out);
            return out.toString();
        }

        /** Row {@code i} appended to {@code out} (the page's 20,000 rows, each not made a string first). */
        void html(int i, StringBuilder out) {
            if (i == rows.size()) {
                out.append("<tr class=\"more\"><td colspan=\"").append(order.size()).append("\">and ")
                        .append(Numbers.grouped(more)).append(" rows more (the whole report: copy it as text, ")
                        .append("markdown, CSV or JSON)</td></tr>\n");
                return;
            }
            Table.Row row = rows.get(i);
            out.append("<tr class=\"").append(row.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\" data-line=\"").append(row.line())
                    .append("\" data-path=\"").append(escape(row.path())).append('"');
            if (row.kind() == Table.Kind.BLOCK) {
                out.append(" data-depth=\"").append(instances.get(row.path()).depth()).append('"');
            } else {
                out.append(" data-row=\"").append(row.first()).append("\" id=\"row-").append(row.first()).append('"');
            }
            out.append('>');
            for (Column column : order) {
                String text = column == null ? row.number() : row.cell(column);
                String value = column == null ? String.valueOf(row.first())
                        : numeric.contains(column) ? raw.get(i).cell(column) : text;
                out.append("<td data-value=\"").append(escape(value.strip())).append("\"")
                        .append(column == Column.FROM ? " class=\"number from\""
                                : column == null || column.rightAligned() ? " class=\"number\"" : "").append('>');
                if (column == Column.LAYER && row.kind() == Table.Kind.BLOCK) {
                    out.append("<button type=\"button\" class=\"fold\" aria-expanded=\"true\">&#9662;</button>");
                }
                // a merge's rows, comma-separated (a concat of thousands): the cell wraps after a comma, never
                // inside a number, and stays narrow (page.css), rather than pushing the other columns off the pane
                out.append(column == Column.FROM ? escape(text).replace(",", ",<wbr>") : escape(text)).append("</td>");
            }
            out.append("</tr>\n");
        }
    }

    /** The source, a line each, numbered, so that a row's line can be marked. */
    private static void source(Compilation compilation, StringBuilder out) {
        out.append("<pre id=\"source\">");
        String[] lines = compilation.source().text().split("\r?\n", -1);
        int count = lines.length > 1 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        int width = String.valueOf(count).length();
        for (int i = 0; i < count; i++) {
            String number = String.valueOf(i + 1);
            out.append("<span class=\"line\" id=\"line-").append(i + 1).append("\"><span class=\"number\">")
                    .append(" ".repeat(width - number.length())).append(number).append("</span> ")
                    .append(escape(lines[i])).append("</span>");
        }
        out.append("</pre>\n");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("cnnc's jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
