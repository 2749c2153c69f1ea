package cnnc.backend.report;

import cnnc.Compilation;
import java.util.List;
import java.util.Set;

/**
 * The table as CSV (RFC 4180) for spreadsheets: a header row ({@code row} and the columns' words),
 * then the table's rows with numbers as plain integers and bytes as a count; lines end with CRLF. The
 * cells hold no free text (a model's name is not among them), only the description's words and numbers.
 */
public final class CsvReport {
    private CsvReport() {
    }

    public static String render(Compilation compilation, Set<Column> columns, int depth) {
        List<Column> order = TextReport.order(compilation.model(), columns);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < order.size(); i++) {
            out.append(i == 0 ? "row" : ",").append(i == 0 ? "" : field(order.get(i).word()));
        }
        out.append("\r\n");
        for (Table.Row row : Table.rows(compilation, columns, depth, true)) {
            for (int i = 0; i < order.size(); i++) {
                Column column = order.get(i);
                out.append(i == 0 ? "" : ",").append(field(column == null ? row.number() : row.cell(column).strip()));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /**
     * One field: quoted when it holds a comma, a quote or a line break (its quotes doubled), and, when it
     * starts with what a spreadsheet takes for a formula ({@code = + - @}, a tab or a carriage return:
     * a subtotal's {@code = stage1 subtotal}), led by an apostrophe, OWASP's advice against CSV injection,
     * so that the cell shows text rather than an error or the result of a formula.
     */
    static String field(String text) {
        String cell = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        boolean quoted = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0;
        return quoted ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
