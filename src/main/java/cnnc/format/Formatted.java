package cnnc.format;

import cnnc.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/** What {@link Formatter} gives: the formatted text, or the syntax errors that stopped it. */
public record Formatted(Optional<String> text, List<Diagnostic> errors) {
    public Formatted {
        errors = List.copyOf(errors);
    }

    static Formatted of(String text) {
        return new Formatted(Optional.of(text), List.of());
    }

    static Formatted refused(List<Diagnostic> errors) {
        return new Formatted(Optional.empty(), errors);
    }
}
