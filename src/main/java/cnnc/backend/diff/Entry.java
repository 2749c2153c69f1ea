package cnnc.backend.diff;

import java.util.List;

/**
 * One place of the diff: a layer or block instance of the first model ({@code before}), of the second
 * ({@code after}), or of both when they were matched.
 *
 * @param before   null when inserted
 * @param after    null when removed
 * @param changed  what differs of a matched pair, in {@link Aspect}'s order
 * @param children a block instance's entries: its matched, inserted and removed layers and instances
 */
public record Entry(Change change, Item before, Item after, List<Aspect> changed, List<Entry> children) {
    public enum Change {
        SAME, CHANGED, INSERTED, REMOVED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Entry {
        changed = List.copyOf(changed);
        children = List.copyOf(children);
    }

    /** The side the entry has: the second model's, or the first's for a removed one. */
    public Item item() {
        return after != null ? after : before;
    }

    public boolean isBlock() {
        return item().isBlock();
    }

    /** The difference a figure makes: the second model's less the first's, a side that is absent counting 0. */
    public long change(java.util.function.ToLongFunction<Item> figure) {
        return (after == null ? 0 : figure.applyAsLong(after)) - (before == null ? 0 : figure.applyAsLong(before));
    }
}
