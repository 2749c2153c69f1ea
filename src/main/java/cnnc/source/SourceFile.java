package cnnc.source;

import java.util.Arrays;

/** The text of one description and the name it is reported under (a path, or {@code <stdin>}). */
public final class SourceFile {
    /** The most bytes (UTF-8) a description may have: 1 MiB, far beyond any real network. */
    public static final int MAX_BYTES = 1 << 20;

    private final String name;
    private final String text;
    private final int[] lineStarts;
    /** Whether a lone CR ends a line, which starts a line here and not in the lexer's count. */
    private final boolean loneReturns;
    /** char offset of each code point, or null when the two coincide (no surrogate pairs). */
    private final int[] codePointOffsets;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
        int firstReturn = text.indexOf('\r'); // the only pass over a text without any
        this.lineStarts = firstReturn < 0 ? lineStarts(text) : lineStartsWithReturns(text);
        this.loneReturns = firstReturn >= 0 && loneReturns(text, firstReturn);
        this.codePointOffsets = codePointOffsets(text);
    }

    /** The span of code points {@code [from, to)}, as counted by the lexer. */
    public Span spanOfCodePoints(int from, int to) {
        return span(charOffset(from), charOffset(Math.max(from, to)));
    }

    /**
     * The span of code points {@code [from, to)} whose first the lexer placed at {@code line} and {@code column}
     * (1-based): where only new lines end lines, as for the lexer, that is its place here too, and nothing needs
     * to be looked up (a 1 MiB description has a million spans).
     */
    public Span spanOfCodePoints(int from, int to, int line, int column) {
        if (loneReturns) {
            return spanOfCodePoints(from, to);
        }
        return new Span(charOffset(from), charOffset(Math.max(from, to)), line, column);
    }

    /** The text of code points {@code [from, to)}. */
    public String textOfCodePoints(int from, int to) {
        return text.substring(charOffset(from), charOffset(Math.max(from, to)));
    }

    /** How many code points the text has. */
    public int codePointCount() {
        return codePointOffsets == null ? text.length() : codePointOffsets.length;
    }

    /**
     * The span of chars {@code [start, end)}, with its line and column. A column counts characters
     * (Unicode code points, not UTF-16 units) from the start of the line: an emoji is one, as a reader
     * counts it.
     */
    public Span span(int start, int end) {
        int line = lineOf(start);
        return new Span(start, end, line + 1, codePointIndex(start) - codePointIndex(lineStarts[line]) + 1);
    }

    /** How many code points come before the char at {@code offset}. */
    private int codePointIndex(int offset) {
        if (codePointOffsets == null) {
            return offset;
        }
        int found = Arrays.binarySearch(codePointOffsets, offset);
        return found >= 0 ? found : -found - 1;
    }

    private int charOffset(int codePoint) {
        if (codePointOffsets == null) {
            return Math.min(codePoint, text.length());
        }
        return codePoint < codePointOffsets.length ? codePointOffsets[codePoint] : text.length();
    }

    private int lineOf(int offset) {
        int found = Arrays.binarySearch(lineStarts, offset);
        return found >= 0 ? found : -found - 2;
    }

    /** How many lines the text has (one more than its line breaks). */
    public int lineCount() {
        return lineStarts.length;
    }

    /** The char offset where a 0-based line starts. */
    public int lineStart(int lineIndex) {
        return lineStarts[lineIndex];
    }

    /** The 0-based line of a char offset. */
    public int lineIndex(int offset) {
        return lineOf(offset);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public String slice(Span span) {
        return text.substring(Math.min(span.start(), text.length()), Math.min(span.end(), text.length()));
    }

    /** The text of a 1-based line without its line break, or "" past the end. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The file name without folders and without its extension: the default model name. */
    public String baseName() {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    private static int[] codePointOffsets(String text) {
        int count = text.codePointCount(0, text.length());
        if (count == text.length()) {
            return null;
        }
        int[] offsets = new int[count];
        for (int cp = 0, offset = 0; cp < count; cp++) {
            offsets[cp] = offset;
            offset += Character.charCount(text.codePointAt(offset));
        }
        return offsets;
    }

    /** Where each line of a text without a CR starts: after each new line, which {@link String#indexOf(int)} finds. */
    private static int[] lineStarts(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        return Arrays.copyOf(starts, count);
    }

    private static boolean loneReturns(String text, int firstReturn) {
        for (int i = firstReturn; i >= 0; i = text.indexOf('\r', i + 1)) {
            if (i + 1 == text.length() || text.charAt(i + 1) != '\n') {
                return true;
            }
        }
        return false;
    }

    /** Where each line starts: after a new line, or after a CR not followed by one. */
    private static int[] lineStartsWithReturns(String text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return Arrays.copyOf(starts, count);
    }
}
