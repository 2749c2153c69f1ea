package cnnc.sizes;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of positive sizes that repeats with {@code period} beyond {@code threshold}: x > threshold is in
 * it exactly when x + period is. It is held as its members from 1 to threshold + period, which
 * {@link #contains} extends, and said as people say such sets ({@link #describe}).
 */
public record SizeSet(boolean[] head, long threshold, long period) {

    /** The members of 1 .. threshold + period: {@code head[x - 1]}. */
    public SizeSet {
        if (head.length != threshold + period) {
            throw new IllegalArgumentException("1 .. " + (threshold + period) + " needs " + (threshold + period) + " values");
        }
    }

    public boolean contains(long x) {
        if (x < 1) {
            return false;
        }
        long index = x <= threshold + period ? x : threshold + 1 + Math.floorMod(x - threshold - 1, period);
        return head[(int) (index - 1)];
    }

    public boolean isEmpty() {
        for (boolean member : head) {
            if (member) {
                return false;
            }
        }
        return true;
    }

    /** The smallest member, or 0 for none. */
    public long smallest() {
        for (int i = 0; i < head.length; i++) {
            if (head[i]) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The smallest period of the repeating part: a divisor of {@link #period}. */
    public long shortestPeriod() {
        for (long p = 1; p < period; p++) {
            if (period % p == 0 && repeatsWith(p)) {
                return p;
            }
        }
        return period;
    }

    private boolean repeatsWith(long p) {
        for (long x = threshold + 1; x <= threshold + period; x++) {
            if (contains(x) != contains(x + p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The set in words, for a size {@code name}: {@code a multiple of 16}, {@code at least 32},
     * {@code 1 more than a multiple of 4, at least 5}, {@code 2 mod 8 or 6 mod 8, at least 10, or 3},
     * {@code at most 7}, {@code none}. The repeating part is said from the smallest m from which it
     * holds; members below m are listed after it.
     */
    public String describe(String name) {
        long p = shortestPeriod();
        List<Long> residues = new ArrayList<>();
        for (long r = 0; r < p; r++) {
            if (contains(threshold + 1 + Math.floorMod(r - threshold - 1, p))) {
                residues.add(r);
            }
        }
        long from = threshold + 1;
        while (from > 1 && contains(from - 1) == residues.contains(Math.floorMod(from - 1, p))) {
            from--;
        }
        List<Long> before = new ArrayList<>();
        for (long x = 1; x < from; x++) {
            if (contains(x)) {
                before.add(x);
            }
        }
        String repeating = repeating(residues, p, from);
        if (repeating.isEmpty()) {
            return before.isEmpty() ? "none" : listed(before);
        }
        return before.isEmpty() ? repeating : repeating + ", or " + listed(before);
    }

    private static String repeating(List<Long> residues, long p, long from) {
        if (residues.isEmpty()) {
            return "";
        }
        long first = from;
        while (!residues.contains(Math.floorMod(first, p))) {
            first++;
        }
        String kind;
        if (residues.size() == p) {
            return from == 1 ? "any" : "at least " + from;
        } else if (residues.equals(List.of(0L))) {
            kind = "a multiple of " + p;
            return first == p ? kind : kind + ", at least " + first;
        } else if (residues.size() == p - 1 && !residues.contains(0L)) {
            kind = "not a multiple of " + p;
        } else if (residues.size() == 1) {
            kind = residues.get(0) + " more than a multiple of " + p;
        } else {
            List<String> parts = new ArrayList<>();
            for (long r : residues) {
                parts.add(Long.toString(r));
            }
            kind = String.join(", ", parts) + " more than a multiple of " + p;
        }
        return first <= p ? kind : kind + ", at least " + first;
    }

    private static String listed(List<Long> values) {
        long last = values.get(values.size() - 1);
        if (values.size() == last - values.get(0) + 1 && values.size() > 2) {
            return values.get(0) == 1 ? "at most " + last : values.get(0) + " to " + last;
        }
        List<String> parts = new ArrayList<>();
        for (long value : values) {
            parts.add(Long.toString(value));
        }
        return String.join(", ", parts);
    }
}
