package cnnc.backend.report;

import cnnc.Compilation;
import java.util.List;
import java.util.Set;

/**
 * The table as CSV (RFC 4180) for spreadsheets: a header row ({@code row} and the columns' words),
 * then the table's rows with numbers as plain integers and bytes as a count; lines end with CRLF,
 * and a field holding a comma, a quote or a line break is quoted, its quotes doubled.
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

    static String field(String text) {
        boolean quoted = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
