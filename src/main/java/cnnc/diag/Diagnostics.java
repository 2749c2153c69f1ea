package cnnc.diag;

import cnnc.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the diagnostics of a phase; phases never throw for a bad description. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    public void add(Code code, Span span, String message, String... hints) {
        add(Diagnostic.of(code, span, message, hints));
    }

    public void addAll(List<Diagnostic> diagnostics) {
        items.addAll(diagnostics);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    /** In source order, so a reader meets them top to bottom. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingInt((Diagnostic d) -> d.span().start()));
        return List.copyOf(sorted);
    }
}
