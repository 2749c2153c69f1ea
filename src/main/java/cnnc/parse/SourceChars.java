package cnnc.parse;

import cnnc.source.SourceFile;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The description's text as ANTLR's tokens read theirs: by code point, from the source's own string rather than
 * a copy of it ({@code CharStreams.fromString} makes two: a 1 MiB description's in 3 MB). Nothing lexes it, so it is
 * read as a stream only by whoever asks.
 */
final class SourceChars implements CharStream {
    private final SourceFile source;
    private final int size;
    private int index;

    SourceChars(SourceFile source) {
        this.source = source;
        this.size = source.codePointCount();
    }

    @Override
    public String getText(Interval interval) {
        int from = Math.max(0, interval.a);
        int to = Math.min(size, interval.b + 1);
        return from >= to ? "" : source.textOfCodePoints(from, to);
    }

    @Override
    public void consume() {
        if (index >= size) {
            throw new IllegalStateException("cannot consume EOF");
        }
        index++;
    }

    @Override
    public int LA(int i) {
        int at = i > 0 ? index + i - 1 : index + i;
        if (i == 0 || at < 0 || at >= size) {
            return i == 0 ? 0 : IntStream.EOF;
        }
        return source.textOfCodePoints(at, at + 1).codePointAt(0);
    }

    @Override
    public int mark() {
        return -1;
    }

    @Override
    public void release(int marker) {
        // the whole text is at hand
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public void seek(int index) {
        this.index = index;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String getSourceName() {
        return source.name();
    }
}
