package cnnc.backend.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Where a long report is written: a string built whole (the playground, the tests), or a writer that
 * takes it in pieces as it is made (the command line's file), so that a long model's page (20 MB or so at 20,000
 * layers) is never one string, copied as it grows, then into bytes.
 */
final class Sink {
    /** The text not yet handed on: the whole text, for a sink with no writer. */
    final StringBuilder text = new StringBuilder();
    private final Writer writer;
    private static final int PIECE = 1 << 16;

    private Sink(Writer writer) {
        this.writer = writer;
    }

    /** A sink that keeps the text (see {@link #text}). */
    static Sink whole() {
        return new Sink(null);
    }

    static Sink to(Writer writer) {
        return new Sink(writer);
    }

    /** Hands the text made so far on to the writer once there is a piece of it. */
    void spill() {
        if (writer != null && text.length() >= PIECE) {
            flush();
        }
    }

    /** Hands the rest of the text on. */
    void finish() {
        if (writer != null) {
            flush();
        }
    }

    private void flush() {
        try {
            // as a string: the command line's writer takes its bytes as they are (its Utf8Writer), where
            // characters would be widened to a char[] and encoded one by one
            writer.write(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        text.setLength(0);
    }
}
