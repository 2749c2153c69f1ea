package cnnc.backend;

/**
 * What generated Python and Java take as it is, told without a regex or a copy of the text: every row's
 * name, literal and comment goes through these, and a matcher or an escaped copy of each was a few percent
 * of writing a large model's code.
 */
public final class Ascii {
    private Ascii() {
    }

    /** {@code [A-Za-z_][A-Za-z0-9_]*}: a name in Python and Java alike, keywords aside. */
    public static boolean isName(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return !text.isEmpty();
    }

    /**
     * Printable ASCII without a quote or a backslash: the same text in a string literal or a comment of either
     * language, with nothing to escape.
     */
    public static boolean isPlain(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
