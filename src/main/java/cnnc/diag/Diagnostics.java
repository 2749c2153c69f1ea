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

    private final Map<Key, Diagnostic> items = new LinkedHashMap<>();
    private List<Diagnostic.Note> context = List.of();

    public void add(Diagnostic diagnostic) {
        Diagnostic withContext = context.isEmpty() ? diagnostic : new Diagnostic(diagnostic.code(), diagnostic.span(),
                diagnostic.message(), diagnostic.hints(), concat(diagnostic.notes(), context));
        // the same mistake in every repetition of a block is reported once, for the first
        Span span = diagnostic.span();
        items.putIfAbsent(new Key(diagnostic.code(), span.start(), span.end(), diagnostic.message()), withContext);
    }

    /**
     * What makes two diagnostics the same mistake: code, place and message. Not a string of them (200,000
     * lines of an unknown word built 250 MB of such strings), nor a record, whose methods a short run would
     * link at start-up.
     */
    private static final class Key {
        private final Code code;
        private final int start;
        private final int end;
        private final String message;

        Key(Code code, int start, int end, String message) {
            this.code = code;
            this.start = start;
            this.end = end;
            this.message = message;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.code == code && key.start == start && key.end == end
                    && key.message.equals(message);
        }

        @Override
        public int hashCode() {
            // mixed by a large odd multiplier, not 31: with 31, start * 961 + end * 31 kept the low bits alike for
            // diagnostics at evenly spaced places (200,000 lines of an unknown word filled a ninth of the buckets)
            int hash = message.hashCode() * 31 + code.ordinal();
            hash = (hash * 0x9E3779B1 + start) * 0x9E3779B1 + end;
            return hash * 0x9E3779B1;
        }
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
