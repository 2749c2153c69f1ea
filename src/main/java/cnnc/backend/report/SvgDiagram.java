package cnnc.backend.report;

import cnnc.Compilation;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code report --format svg}: the diagram as a standalone SVG image (white background, its own
 * style, nothing loaded from elsewhere), the same for the same model. The HTML page embeds it.
 */
public final class SvgDiagram {
    static final double MARGIN = 8;
    static final String FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace";

    private SvgDiagram() {
    }

    public static String render(Compilation compilation) {
        return svg(compilation, DiagramLayout.layOut(compilation));
    }

    /** The diagram written to {@code out} as it is made (a long model's is 10 MB or so), not built whole first. */
    public static void write(Compilation compilation, java.io.Writer out) {
        Sink sink = Sink.to(out);
        svg(compilation, DiagramLayout.layOut(compilation), sink);
        sink.finish();
    }

    /** The diagram written onto the HTML page's sink. */
    static void render(Compilation compilation, Sink out) {
        svg(compilation, DiagramLayout.layOut(compilation), out);
    }

    static String svg(Compilation compilation, Diagram diagram) {
        Sink sink = Sink.whole();
        svg(compilation, diagram, sink);
        return sink.text.toString();
    }

    private static void svg(Compilation compilation, Diagram diagram, Sink sink) {
        StringBuilder out = sink.text;
        double width = Math.ceil(diagram.width() + 2 * MARGIN);
        double height = Math.ceil(diagram.height() + 2 * MARGIN);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cnnc-diagram\" width=\"").append(number(width))
                .append("\" height=\"").append(number(height)).append("\" viewBox=\"0 0 ").append(number(width)).append(' ')
                .append(number(height)).append("\" font-family=\"").append(FONT).append("\" font-size=\"11\">\n");
        out.append("<title>").append(escape(Summary.heading(compilation))).append("</title>\n");
        out.append("<style>\n")
                .append(".cnnc-diagram .block>rect{fill:#f4f6fb;fill-opacity:.55;stroke:#7d8aa5;stroke-width:1}\n")
                .append(".cnnc-diagram .block>text{fill:#3b4660;font-size:10px;font-weight:bold}\n")
                .append(".cnnc-diagram .arrow{fill:none;stroke:#59606b;stroke-width:1.2}\n")
                .append(".cnnc-diagram .layer>rect{stroke:#59606b;stroke-width:1}\n")
                .append(".cnnc-diagram .layer>text{fill:#111}\n")
                .append(".cnnc-diagram .layer>text.detail{fill:#4a4f57;font-size:10px}\n")
                .append(".cnnc-diagram .INPUT>rect{fill:#e4e4e4}\n")
                .append(".cnnc-diagram .COMPUTE>rect{fill:#d7e6fb}\n")
                .append(".cnnc-diagram .PARAMETERS>rect{fill:#fbf0c4}\n")
                .append(".cnnc-diagram .POOLING>rect{fill:#d9f0d9}\n")
                .append(".cnnc-diagram .MERGE>rect{fill:#f3dcef}\n")
                .append(".cnnc-diagram .PLAIN>rect{fill:#ffffff}\n")
                .append(".cnnc-diagram .ELIDED>rect{fill:#ffffff;stroke-dasharray:4 3}\n")
                .append("</style>\n");
        out.append("<defs><marker id=\"cnnc-head\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" ")
                .append("markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L8,4 L0,8 z\" fill=\"#59606b\"/></marker></defs>\n");
        out.append("<rect x=\"0\" y=\"0\" width=\"").append(number(width)).append("\" height=\"").append(number(height))
                .append("\" fill=\"#ffffff\"/>\n");
        out.append("<g transform=\"translate(").append(number(MARGIN)).append(' ').append(number(MARGIN)).append(")\">\n");
        // each number appended where it goes, not made a string first: a long model's diagram has a few hundred
        // thousand of them
        for (Diagram.Outline outline : diagram.outlines()) {
            out.append("<g class=\"block\" data-block=\"").append(escape(outline.path())).append("\">");
            rect(out, outline.x(), outline.y(), outline.width(), outline.height(), 6);
            number(out.append("<text x=\""), outline.labelX());
            number(out.append("\" y=\""), outline.labelY() + 10);
            out.append("\">").append(escape(outline.label())).append("</text></g>\n");
            sink.spill();
        }
        for (Diagram.Arrow arrow : diagram.arrows()) {
            out.append("<path class=\"arrow\" d=\"");
            for (int i = 0; i < arrow.points().size(); i++) {
                Diagram.Point point = arrow.points().get(i);
                number(out.append(i == 0 ? "M" : " L"), point.x());
                number(out.append(','), point.y());
            }
            out.append('"').append(arrow.head() ? " marker-end=\"url(#cnnc-head)\"" : "").append("/>\n");
            sink.spill();
        }
        for (Diagram.Box box : diagram.boxes()) {
            double middle = box.x() + box.width() / 2;
            out.append("<g class=\"layer ").append(box.role()).append("\" data-row=\"").append(box.row()).append("\">")
                    .append("<title>").append(escape(box.title())).append("</title>");
            rect(out, box.x(), box.y(), box.width(), box.height(), 3);
            number(out.append("<text x=\""), middle);
            number(out.append("\" y=\""), box.y() + 11);
            out.append("\" text-anchor=\"middle\">").append(escape(box.words())).append("</text>");
            number(out.append("<text class=\"detail\" x=\""), middle);
            number(out.append("\" y=\""), box.y() + 10 + DiagramLayout.LINE_HEIGHT);
            out.append("\" text-anchor=\"middle\">").append(escape(box.detail())).append("</text></g>\n");
            sink.spill();
        }
        out.append("</g>\n</svg>\n");
    }

    /** Where a frame's label is drawn: {x, y, width, height} of its text (bold 10 px monospace, 6 px a character). */
    static double[] labelBox(Diagram.Outline outline) {
        return new double[] {outline.labelX(), outline.labelY(), outline.label().length() * DiagramLayout.LABEL_CHAR_WIDTH + 1,
            DiagramLayout.LABEL_HEIGHT};
    }

    private static void rect(StringBuilder out, double x, double y, double width, double height, int radius) {
        number(out.append("<rect x=\""), x);
        number(out.append("\" y=\""), y);
        number(out.append("\" width=\""), width);
        number(out.append("\" height=\""), height);
        out.append("\" rx=\"").append(radius).append("\"/>");
    }

    /** {@link #number(double)} appended to {@code out}. */
    private static void number(StringBuilder out, double value) {
        double twice = value * 2;
        if (Math.abs(value) < 1e15 && twice == (long) twice) {
            long halves = (long) Math.abs(twice);
            out.append(value < 0 && halves != 0 ? "-" : "").append(halves / 2).append(halves % 2 == 0 ? "" : ".5");
        } else {
            out.append(number(value));
        }
    }

    /** One decimal at most, the same on every machine: {@code 12}, {@code 12.5}. */
    static String number(double value) {
        // a whole or half pixel, most of a diagram's numbers, written without BigDecimal (which took a tenth of a
        // long model's diagram); the same text as below
        double twice = value * 2;
        if (Math.abs(value) < 1e15 && twice == (long) twice) {
            long halves = (long) Math.abs(twice);
            String whole = Long.toString(halves / 2);
            String text = halves % 2 == 0 ? whole : whole + ".5";
            return value < 0 && halves != 0 ? "-" + text : text;
        }
        // what String.format("%.1f") gives (the shortest decimal that names the double, rounded half up), worked
        // out here: the playground's class library (TeaVM's) rounds some halves down
        String text = new BigDecimal(Double.toString(value)).setScale(1, RoundingMode.HALF_UP).toPlainString();
        text = text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        return text.equals("-0") ? "0" : text;
    }

    /** Text for XML content and attribute values. */
    static String escape(String text) {
        if (plain(text)) {
            return text; // most cells and names: the playground escapes its table at every keystroke
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }

    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
                return false;
            }
        }
        return true;
    }
}
