package cnnc.diag;

import cnnc.source.SourceFile;
import cnnc.source.Span;

/**
 * Prints a diagnostic as {@code FILE:LINE:COL: error[CODE]: message}, then the source line with a
 * caret under the offending words, then one {@code help:} line per hint.
 */
public final class DiagnosticRenderer {
    private static final int MAX_SHOWN_LINE = 200;

    private DiagnosticRenderer() {
    }

    public static String render(SourceFile source, Diagnostic d) {
        Span span = d.span();
        StringBuilder out = new StringBuilder();
        out.append(printable(source.name())).append(':').append(span.line()).append(':').append(span.column())
                .append(": ").append(d.severity().word()).append('[').append(d.code()).append("]: ")
                .append(printable(d.message())).append('\n');
        excerpt(source, span, out);
        for (String hint : d.hints()) {
            out.append(" = help: ").append(printable(hint)).append('\n');
        }
        for (Diagnostic.Note note : d.notes()) {
            out.append(" = note: ").append(printable(source.name())).append(':').append(note.span().line()).append(':')
                    .append(note.span().column()).append(": ").append(printable(note.message())).append('\n');
            excerpt(source, note.span(), out);
        }
        return out.toString();
    }

    /** The source line with carets under the span. */
    private static void excerpt(SourceFile source, Span span, StringBuilder out) {
        String line = source.line(span.line());
        if (!line.isEmpty() && span.column() <= MAX_SHOWN_LINE) {
            String gutter = String.valueOf(span.line());
            String shown = printable(line.length() > MAX_SHOWN_LINE ? line.substring(0, MAX_SHOWN_LINE) + "..." : line);
            out.append(' ').append(gutter).append(" | ").append(shown).append('\n');
            out.append(' ').append(" ".repeat(gutter.length())).append(" | ")
                    .append(caretIndent(line, span.column() - 1))
                    .append("^".repeat(caretWidth(line, span)))
                    .append('\n');
        }
    }

    /** Keeps tabs so the caret lines up under tab-indented source. */
    private static String caretIndent(String line, int width) {
        StringBuilder indent = new StringBuilder();
        for (int i = 0; i < width && i < line.length(); i++) {
            indent.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return indent.toString();
    }

    private static int caretWidth(String line, Span span) {
        int available = Math.max(1, Math.min(line.length(), MAX_SHOWN_LINE) - (span.column() - 1));
        return Math.max(1, Math.min(span.length(), available));
    }

    /** Control characters and other junk are shown escaped, so a diagnostic never garbles a terminal. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == '\t' || (cp >= 0x20 && cp != 0x7f && !Character.isISOControl(cp)
                    && Character.getType(cp) != Character.UNASSIGNED && Character.getType(cp) != Character.SURROGATE)) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u{%x}", cp));
            }
        });
        return out.toString();
    }
}
