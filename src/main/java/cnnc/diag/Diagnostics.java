package cnnc.diag;

import cnnc.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

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

    /** In the order added. */
    private final List<Diagnostic> items = new ArrayList<>();
    /**
     * Where each item is in {@code items} (plus 1; 0 is a free slot), by a hash of what makes two diagnostics
     * the same mistake: code, place and message. A table of positions rather than a map of keys, which took
     * a key and an entry per diagnostic (200,000 lines of an unknown word: 40 MB), the table at most half full.
     */
    private int[] slots = new int[16];
    /**
     * The hash of the item in each slot: a probe compares it before reading the item, and growing the table
     * reads no item, where each read of a diagnostic, its span and its message was a cache miss (a third of
     * checking 200,000 lines of an unknown word).
     */
    private int[] hashes = new int[16];
    private List<Diagnostic.Note> context = List.of();

    public void add(Diagnostic diagnostic) {
        // the same mistake in every repetition of a block is reported once, for the first
        int hash = hash(diagnostic);
        int slot = slot(diagnostic, hash);
        if (slots[slot] != 0) {
            return;
        }
        items.add(context.isEmpty() ? diagnostic : new Diagnostic(diagnostic.code(), diagnostic.span(),
                diagnostic.message(), diagnostic.hints(), concat(diagnostic.notes(), context)));
        slots[slot] = items.size();
        hashes[slot] = hash;
        if (items.size() * 2 > slots.length) {
            grow();
        }
    }

    /** The slot of the item that is the same mistake as {@code diagnostic}, else the free slot where it goes. */
    private int slot(Diagnostic diagnostic, int hash) {
        int mask = slots.length - 1;
        int slot = hash & mask;
        while (slots[slot] != 0 && (hashes[slot] != hash || !sameMistake(items.get(slots[slot] - 1), diagnostic))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldSlots = slots;
        int[] oldHashes = hashes;
        slots = new int[oldSlots.length * 2];
        hashes = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int old = 0; old < oldSlots.length; old++) {
            if (oldSlots[old] != 0) {
                int slot = oldHashes[old] & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = oldSlots[old];
                hashes[slot] = oldHashes[old];
            }
        }
    }

    private static boolean sameMistake(Diagnostic one, Diagnostic other) {
        return one.code() == other.code() && one.span().start() == other.span().start()
                && one.span().end() == other.span().end() && one.message().equals(other.message());
    }

    private static int hash(Diagnostic diagnostic) {
        // mixed by a large odd multiplier, not 31: with 31, start * 961 + end * 31 kept the low bits alike for
        // diagnostics at evenly spaced places (200,000 lines of an unknown word filled a ninth of the buckets)
        int hash = diagnostic.message().hashCode() * 31 + diagnostic.code().ordinal();
        hash = (hash * 0x9E3779B1 + diagnostic.span().start()) * 0x9E3779B1 + diagnostic.span().end();
        hash *= 0x9E3779B1;
        return hash ^ (hash >>> 16); // the table takes the low bits
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
        for (Diagnostic diagnostic : items) {
            if (diagnostic.isError()) {
                return true;
            }
        }
        return false;
    }

    /** In source order, so a reader meets them top to bottom. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> sorted = new ArrayList<>(items);
        sorted.sort(BY_START);
        return Collections.unmodifiableList(sorted);
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
