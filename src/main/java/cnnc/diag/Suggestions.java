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
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(word.toLowerCase(java.util.Locale.ROOT), candidate);
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

    /** Optimal string alignment distance: Levenshtein plus swaps of neighbours ("cnov" -> "conv"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
