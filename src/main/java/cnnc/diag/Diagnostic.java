package cnnc.diag;

import cnnc.source.Span;
import java.util.List;
import java.util.function.Supplier;

/**
 * One finding at one place in a description: what is wrong, with the numbers, how to fix it, and
 * notes pointing at other places that explain it (the call site of the block it happened in).
 */
public record Diagnostic(Code code, Span span, String message, List<String> hints, List<Note> notes) {

    public Diagnostic {
        hints = List.copyOf(hints);
        notes = List.copyOf(notes);
    }

    /**
     * Another place that matters to a diagnostic. Its message may be written when read: a block's use
     * makes the note its diagnostics would carry, though most uses have none.
     */
    public static final class Note {
        private final Span span;
        private final Supplier<String> message;

        public Note(Span span, String message) {
            this(span, () -> message);
        }

        private Note(Span span, Supplier<String> message) {
            this.span = span;
            this.message = message;
        }

        /** A note whose message is written only when read. */
        public static Note written(Span span, Supplier<String> message) {
            return new Note(span, message);
        }

        public Span span() {
            return span;
        }

        public String message() {
            return message.get();
        }

        @Override
        public boolean equals(Object other) {
            return other == this || other instanceof Note note && note.span.equals(span) && note.message().equals(message());
        }

        @Override
        public int hashCode() {
            return span.hashCode() * 31 + message().hashCode();
        }

        @Override
        public String toString() {
            return "Note[span=" + span + ", message=" + message() + "]";
        }
    }

    public static Diagnostic of(Code code, Span span, String message, String... hints) {
        return new Diagnostic(code, span, message, List.of(hints), List.of());
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return severity() == Severity.ERROR;
    }
}
