package cnnc.diag;

import cnnc.source.Span;
import java.util.List;

/** One finding at one place in a description: what is wrong, with the numbers, and how to fix it. */
public record Diagnostic(Code code, Span span, String message, List<String> hints) {

    public Diagnostic {
        hints = List.copyOf(hints);
    }

    public static Diagnostic of(Code code, Span span, String message, String... hints) {
        return new Diagnostic(code, span, message, List.of(hints));
    }

    public Severity severity() {
        return code.severity();
    }

    public boolean isError() {
        return severity() == Severity.ERROR;
    }
}
