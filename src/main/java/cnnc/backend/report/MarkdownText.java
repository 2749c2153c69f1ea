package cnnc.backend.report;

import cnnc.diag.DiagnosticRenderer;

/**
 * Text from the description (a model's name is any string) as markdown shows it, character for
 * character, wherever it is rendered: HTML's {@code <} and {@code &} as entities, so that a name is never
 * a live tag, whether the renderer passes inline HTML or not; markdown's own marks (emphasis, code, links,
 * strikethrough, math, table cells) escaped with a backslash, which CommonMark allows before any ASCII
 * punctuation; control and bidirectional characters escaped as the terminal shows them
 * ({@link DiagnosticRenderer#printable}), as markdown is read as text too.
 */
public final class MarkdownText {
    private static final String BACKSLASHED = "\\`*_[]~$|";

    private MarkdownText() {
    }

    public static String inline(String text) {
        if (plain(text)) {
            return text; // most of a table's cells: no copy of each
        }
        String printable = DiagnosticRenderer.printable(text);
        StringBuilder out = new StringBuilder(printable.length());
        for (int i = 0; i < printable.length(); i++) {
            char c = printable.charAt(i);
            if (c == '<') {
                out.append("&lt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else {
                if (BACKSLASHED.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Printable ASCII with nothing for markdown or HTML to read: shown as it is. */
    private static boolean plain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '<' || c == '&' || BACKSLASHED.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
