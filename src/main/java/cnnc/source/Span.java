package cnnc.source;

/**
 * A stretch of source text: character offsets {@code [start, end)} and the 1-based line and column
 * of its first character.
 */
public record Span(int start, int end, int line, int column) {

    public Span {
        if (start < 0 || end < start || line < 1 || column < 1) {
            throw new IllegalArgumentException("bad span " + start + ".." + end + " at " + line + ":" + column);
        }
    }

    /** The smallest span that covers both. */
    public Span to(Span other) {
        Span first = start <= other.start ? this : other;
        return new Span(first.start, Math.max(end, other.end), first.line, first.column);
    }

    public int length() {
        return end - start;
    }
}
