package cnnc.format;

/**
 * A line of the formatted text before its columns are set: its paragraph (lines between blank
 * lines), its indentation, its statements, the {@code => SHAPE} that ends it (or null), its comment
 * (or null), and the columns where the author wrote the {@code =>} and the comment (for alignment).
 */
record Line(int paragraph, int indent, String code, String assertion, int arrowColumn, String comment,
            int commentColumn) {

    static final Line BLANK = new Line(-1, 0, "", null, -1, null, -1);

    boolean isBlank() {
        return this == BLANK;
    }

    boolean hasCode() {
        return !code.isBlank();
    }

    /** The width of the statements, indentation included, in characters (code points). */
    int codeWidth() {
        return code.codePointCount(0, code.length());
    }
}
