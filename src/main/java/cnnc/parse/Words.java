package cnnc.parse;

import cnnc.ast.ActivationKind;
import java.util.ArrayList;
import java.util.List;

/** The words that start a statement, for "did you mean" suggestions. */
public final class Words {
    public static final List<String> STATEMENT_WORDS = List.of(
            "model", "input", "conv", "sepconv", "dwconv", "deconv", "maxpool", "avgpool", "dense", "dropout", "rescale",
            "flatten", "bn", "ln", "normalize", "gap", "gmp", "upsample", "zeropad", "crop", "reshape", "identity",
            "add", "concat", "multiply", "block");

    public static final List<String> LAYER_WORDS = concat(STATEMENT_WORDS, ActivationKind.WORDS);

    private Words() {
    }

    public static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }
}
