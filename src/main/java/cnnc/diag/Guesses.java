package cnnc.diag;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Did you mean" for one check of a description, which may ask it about many words, each among many
 * names: a file of 30,000 blocks and 30,000 misspelt uses asked 900 million comparisons. A word asked
 * again among the same names gets the answer it got before, at no cost; and the comparisons of all the
 * questions together stop at a budget far beyond any real description's ({@value #BUDGET} cells of the
 * edit distance's table, a tenth of a second or so), after which a new question gets no suggestion.
 * The answers are {@link Suggestions#closest}'s: names too long or too short to be within the distance
 * allowed are passed over without a table, as they could not be the answer.
 */
public final class Guesses {
    static final long BUDGET = 30_000_000;
    private final Map<Question, Optional<String>> answers = new HashMap<>();
    private long spent;

    /** The closest of {@code known}'s names to {@code word}, if close enough to be a typo. */
    public Optional<String> closest(String word, Collection<String> known) {
        return closest(word, List.of(known));
    }

    /** The same among the names of several collections, in their order (the first's first). */
    public Optional<String> closest(String word, List<? extends Collection<String>> known) {
        if (word.length() > Suggestions.MAX_WORD) {
            return Optional.empty();
        }
        Question question = new Question(word, known);
        Optional<String> answer = answers.get(question);
        if (answer == null) {
            answer = search(word, known);
            answers.put(question, answer);
        }
        return answer;
    }

    private Optional<String> search(String word, List<? extends Collection<String>> known) {
        if (spent > BUDGET) {
            return Optional.empty(); // as the first comparison would say, without walking the names to it
        }
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        int reach = Math.max(1, lower.length() / 3); // the most any candidate may be allowed
        Suggestions.Alignment alignment = new Suggestions.Alignment(lower);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Collection<String> names : known) {
            for (String candidate : names) {
                if (Math.abs(candidate.length() - lower.length()) > reach) {
                    continue;
                }
                spent += (long) (lower.length() + 1) * (candidate.length() + 1);
                if (spent > BUDGET) {
                    return Optional.empty();
                }
                int distance = alignment.distance(candidate);
                if (distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return Suggestions.accepted(word, best, bestDistance);
    }

    /**
     * A word among the same collections (the same objects, as large as they were): the same answer. Ordered by
     * its word, so that words whose hashes collide (any number can be made: {@code Aa} and {@code BB} hash
     * alike) share a bin the map searches as a tree, not one by one.
     */
    private static final class Question implements Comparable<Question> {
        private final String word;
        private final List<? extends Collection<String>> known;
        private final int[] sizes;

        Question(String word, List<? extends Collection<String>> known) {
            this.word = word;
            this.known = known;
            this.sizes = new int[known.size()];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = known.get(i).size();
            }
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Question question) || !word.equals(question.word)
                    || known.size() != question.known.size() || !java.util.Arrays.equals(sizes, question.sizes)) {
                return false;
            }
            for (int i = 0; i < known.size(); i++) {
                if (known.get(i) != question.known.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int compareTo(Question other) {
            return word.compareTo(other.word);
        }

        @Override
        public int hashCode() {
            int hash = word.hashCode();
            for (Collection<String> names : known) {
                hash = 31 * hash + System.identityHashCode(names);
            }
            return 31 * hash + java.util.Arrays.hashCode(sizes);
        }
    }
}
