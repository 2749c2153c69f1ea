package cnnc.diag;

import cnnc.source.Span;
import java.util.List;

/**
 * One finding at one place in a description: what is wrong, with the numbers, how to fix it, and
 * notes pointing at other places that explain it (the call site of the block it happened in).
 */
public record Diagnostic(Code code, Span span, String message, List<String> hints, List<Note> notes) {

    public Diagnostic {
        hints = List.copyOf(hints);
        notes = List.copyOf(notes);
    }

    /** Another place that matters to a diagnostic. */
    public record Note(Span span, String message) {
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
