package cnnc.diag;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the closest known word by edit distance, if it is close enough to be a typo. */
public final class Suggestions {
    private Suggestions() {
    }

    /** Longer words are not typos of a name: they get no suggestion. */
    static final int MAX_WORD = 40;

    /**
     * The closest known word, for a few words known in advance (the layers' words, a layer's modifiers);
     * among a description's own names, which may be many, {@link Guesses} answers.
     */
    public static Optional<String> closest(String word, Collection<String> known) {
        if (word.length() > MAX_WORD) {
            return Optional.empty();
        }
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        Alignment alignment = new Alignment(lower);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = alignment.distance(candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return accepted(word, best, bestDistance);
    }

    /** The closest candidate if it is close enough to be a typo: a third of the shorter word's letters, at least one. */
    static Optional<String> accepted(String word, String best, int bestDistance) {
        int allowed = Math.max(1, Math.min(word.length(), best == null ? 0 : best.length()) / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Names as a hint lists them: all of a few, else the first ten and how many more. */
    public static String listed(Collection<String> names) {
        int shown = 10;
        StringBuilder list = new StringBuilder();
        int count = 0;
        for (String name : names) {
            if (count == shown) {
                return list.append(", and ").append(names.size() - shown).append(" more").toString();
            }
            list.append(count++ == 0 ? "" : ", ").append(name);
        }
        return list.toString();
    }

    /**
     * Compares one word with many by optimal string alignment distance: Levenshtein plus swaps of neighbours
     * ("cnov" -> "conv"). The table is kept three rows at a time, and the letters of both words in arrays,
     * made once for all the comparisons: a table per comparison was most of what a check of 30,000 misspelt
     * names made, and a charAt per letter read (each with its bounds checks, a call in a JVM that is not
     * inlining) was most of its time.
     */
    static final class Alignment {
        private final char[] word;
        private final int[][] rows;
        /** The candidate's letters: as long as the longest a guess compares (a third longer), grown for a longer one. */
        private char[] other;

        Alignment(String word) {
            this.word = word.toCharArray();
            this.rows = new int[3][word.length() + 1];
            this.other = new char[word.length() + Math.max(1, word.length() / 3)];
        }

        int distance(String candidate) {
            if (candidate.length() > other.length) {
                other = new char[candidate.length()];
            }
            candidate.getChars(0, candidate.length(), other, 0);
            char[] a = word;
            char[] b = other;
            int[] beforePrevious = rows[0];
            int[] previous = rows[1];
            int[] current = rows[2];
            for (int i = 0; i <= a.length; i++) {
                previous[i] = i;
            }
            for (int j = 1; j <= candidate.length(); j++) {
                current[0] = j;
                for (int i = 1; i <= a.length; i++) {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[i] = Math.min(Math.min(previous[i] + 1, current[i - 1] + 1), previous[i - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                        current[i] = Math.min(current[i], beforePrevious[i - 2] + 1);
                    }
                }
                int[] free = beforePrevious;
                beforePrevious = previous;
                previous = current;
                current = free;
            }
            return previous[a.length];
        }
    }
}
