package cnnc.diag;

import cnnc.source.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the diagnostics of a phase; phases never throw for a bad description. While a context
 * is set (the block calls being checked), every diagnostic added gets its notes.
 */
public final class Diagnostics {
    /** By where they start: a class, not a lambda, which a short run would link at start-up. */
    private static final Comparator<Diagnostic> BY_START = new Comparator<>() {
        @Override
        public int compare(Diagnostic first, Diagnostic second) {
            return Integer.compare(first.span().start(), second.span().start());
        }
    };

    private final Map<String, Diagnostic> items = new LinkedHashMap<>();
    private List<Diagnostic.Note> context = List.of();

    public void add(Diagnostic diagnostic) {
        Diagnostic withContext = context.isEmpty() ? diagnostic : new Diagnostic(diagnostic.code(), diagnostic.span(),
                diagnostic.message(), diagnostic.hints(), concat(diagnostic.notes(), context));
        // the same mistake in every repetition of a block is reported once, for the first
        Span span = diagnostic.span();
        items.putIfAbsent(diagnostic.code() + "@" + span.start() + "-" + span.end() + ":" + diagnostic.message(), withContext);
    }

    public void add(Code code, Span span, String message, String... hints) {
        add(Diagnostic.of(code, span, message, hints));
    }

    public void addAll(List<Diagnostic> diagnostics) {
        for (Diagnostic diagnostic : diagnostics) {
            add(diagnostic);
        }
    }

    /** Notes added to every diagnostic from now on, until the context is set again. */
    public void setContext(List<Diagnostic.Note> notes) {
        context = List.copyOf(notes);
    }

    public boolean hasErrors() {
        for (Diagnostic diagnostic : items.values()) {
            if (diagnostic.isError()) {
                return true;
            }
        }
        return false;
    }

    /** In source order, so a reader meets them top to bottom. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> sorted = new ArrayList<>(items.values());
        sorted.sort(BY_START);
        return List.copyOf(sorted);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
