package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.report.Column;
import cnnc.backend.report.HtmlReport;
import cnnc.backend.report.SvgDiagram;
import java.util.Set;

/**
 * The formats with a diagram. They alone load the graph layout library (ELK and its dependencies),
 * so this class is the only one the report command reaches them through: a text report's run never
 * loads them.
 */
final class Pictures {
    private Pictures() {
    }

    static String svg(Compilation compilation) {
        return SvgDiagram.render(compilation);
    }

    static String html(Compilation compilation, Set<Column> columns, int depth) {
        return HtmlReport.render(compilation, columns, depth);
    }

    /** The svg, or else the html page, written to {@code out} as it is made. */
    static void write(boolean svg, Compilation compilation, Set<Column> columns, int depth, java.io.Writer out) {
        if (svg) {
            SvgDiagram.write(compilation, out);
        } else {
            HtmlReport.write(compilation, columns, depth, out);
        }
    }
}
