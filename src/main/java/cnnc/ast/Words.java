package cnnc.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * The words that start a statement, from {@link LayerKind} and {@link ActivationKind}: for "did you mean"
 * suggestions, completion, and the parser's hint that a statement starts where a separator is missing.
 */
public final class Words {
    public static final List<String> STATEMENT_WORDS = statementWords();

    public static final List<String> LAYER_WORDS = concat(STATEMENT_WORDS, ActivationKind.WORDS);

    private Words() {
    }

    private static List<String> statementWords() {
        List<String> words = new ArrayList<>(List.of("model", "defaults", "input"));
        words.addAll(LayerKind.statementWords());
        words.addAll(List.of("identity", "block", "from"));
        return List.copyOf(words);
    }

    public static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
