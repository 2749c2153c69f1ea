package cnnc.backend;

import cnnc.check.CheckedLayer;
import cnnc.source.SourceFile;
import java.util.Locale;
import java.util.Set;

/**
 * Puts text from a description into Python source safely. The generated module is plain ASCII, so
 * nothing from outside reaches it with a line break, a quote it could close or a character Python
 * might read differently.
 */
public final class PythonText {
    /** Python's keywords and soft keywords, which no generated name may be. */
    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
            "try", "while", "with", "yield", "match", "case", "type", "_");

    /** Merges may span lines: a row's comment shows the start. */
    private static final int MAX_STATEMENT = 80;

    private PythonText() {
    }

    /**
     * The comment over the flatten cnnc puts before a dense layer on an image, which the code writes out:
     * the dense layer's statement (cut at 80 characters), which the code does not show.
     */
    public static String implicitFlatten(SourceFile source, CheckedLayer layer) {
        String statement = source.slice(layer.layer().span()).replaceAll("\\s+", " ");
        if (statement.length() > MAX_STATEMENT) {
            statement = statement.substring(0, MAX_STATEMENT - 3) + "...";
        }
        return "the flatten cnnc puts before '" + statement + "', written out";
    }

    /**
     * A Python string literal, quotes included, that evaluates to exactly {@code text}: printable ASCII
     * as it is, other characters as {@code \x}, backslash-x, backslash-u or backslash-U escapes of their code points.
     */
    public static String stringLiteral(String text) {
        if (Ascii.isPlain(text)) {
            return '"' + text + '"';
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        int cp;
        for (int i = 0; i < text.length(); i += Character.charCount(cp)) { // no stream: this runs on every row's name
            cp = text.codePointAt(i);
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else if (cp < 0x100) {
                out.append(String.format(Locale.ROOT, "\\x%02x", cp));
            } else if (cp < 0x10000) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.append(String.format(Locale.ROOT, "\\U%08x", cp));
            }
        }
        return out.append('"').toString();
    }

    /** Text for a {@code #} comment: one line of printable ASCII; anything else is shown as {@code ?}. */
    public static String commentText(String text) {
        if (Ascii.isPlain(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp >= 0x20 && cp <= 0x7e) {
                out.appendCodePoint(cp);
            } else {
                out.append(cp == '\t' || cp == '\n' || cp == '\r' ? ' ' : '?');
            }
        });
        return out.toString();
    }

    /** An ASCII Python identifier that is not a keyword. */
    public static boolean isIdentifier(String name) {
        return Ascii.isName(name) && !KEYWORDS.contains(name);
    }
}
