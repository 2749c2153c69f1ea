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

    /**
     * The source line with carets under the span. The line is shown as printed (control characters
     * escaped), and the carets line up under it by the cells each character takes on a terminal: a tab
     * is kept, a wide character (CJK, emoji) takes two, a combining mark none, an escape its length.
     */
    private static void excerpt(SourceFile source, Span span, StringBuilder out) {
        String line = source.line(span.line());
        if (line.isEmpty() || span.column() > MAX_SHOWN_LINE) {
            return;
        }
        String spanned = source.slice(span);
        int newline = lineBreak(spanned);
        int first = span.column() - 1;
        int last = first + Math.max(1, (newline < 0 ? spanned : spanned.substring(0, newline)).codePointCount(0,
                newline < 0 ? spanned.length() : newline));
        StringBuilder shown = new StringBuilder();
        StringBuilder carets = new StringBuilder();
        int index = 0;
        for (int offset = 0; offset < line.length() && index < MAX_SHOWN_LINE; index++) {
            int cp = line.codePointAt(offset);
            offset += Character.charCount(cp);
            String piece = printable(new String(Character.toChars(cp)));
            shown.append(piece);
            int cells = piece.length() > Character.charCount(cp) ? piece.length() : cells(cp);
            if (index < first) {
                carets.append(cp == '\t' ? "\t" : " ".repeat(cells));
            } else if (index < last) {
                carets.append("^".repeat(Math.max(1, cells)));
            }
        }
        if (index < line.codePointCount(0, line.length())) {
            shown.append("...");
        }
        if (first >= index) {
            carets.append('^'); // the end of the line, or the end of the file
        }
        String gutter = String.valueOf(span.line());
        out.append(' ').append(gutter).append(" | ").append(shown).append('\n');
        out.append(' ').append(" ".repeat(gutter.length())).append(" | ").append(carets).append('\n');
    }

    /** Where the first line of a text ends (at a CR, an LF or both, as the source's lines do), or -1. */
    private static int lineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                return i;
            }
        }
        return -1;
    }

    /** The cells a printable character takes on a terminal: an approximation of wcwidth. */
    private static int cells(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
            return 0;
        }
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F)
                || (cp >= 0x1F900 && cp <= 0x1F9FF) || (cp >= 0x20000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }

    /**
     * Text as a terminal may show it: control characters, format characters and junk escaped as
     * {@code \\u{202e}}, so that nothing a description holds garbles a terminal or hides what follows it.
     * Format characters (Unicode's Cf) include the bidirectional overrides and isolates (U+202A to
     * U+202E, U+2066 to U+2069), which reorder what is shown after them ("Trojan Source"), and the
     * invisible ones (zero-width spaces and joiners, U+FEFF); line and paragraph separators (U+2028,
     * U+2029) break a line as a newline would.
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t' || (cp >= 0x20 && cp != 0x7f && !Character.isISOControl(cp) && shown(Character.getType(cp)))) {
                out.appendCodePoint(cp);
            } else {
                out.append("\\u{").append(Integer.toHexString(cp)).append('}');
            }
        }
        return out.toString();
    }

    private static boolean shown(int type) {
        return type != Character.UNASSIGNED && type != Character.SURROGATE && type != Character.FORMAT
                && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }
}
