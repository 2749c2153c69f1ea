package cnnc.parse;

import cnnc.ast.ActivationKind;
import java.util.ArrayList;
import java.util.List;

/** The words of the language, for "did you mean" suggestions. */
final class Words {
    static final List<String> STATEMENT_WORDS = List.of(
            "model", "input", "conv", "maxpool", "avgpool", "dense", "dropout", "flatten", "bn", "gap", "gmp");

    static final List<String> LAYER_WORDS = concat(STATEMENT_WORDS, ActivationKind.WORDS);

    private Words() {
    }

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
