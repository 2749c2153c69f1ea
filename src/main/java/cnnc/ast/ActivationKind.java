package cnnc.ast;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The activation functions a layer can end with, by the word that names them. */
public enum ActivationKind {
    LINEAR, RELU, RELU6, SIGMOID, TANH, SOFTMAX, ELU, SELU, GELU, SWISH, LEAKYRELU, SOFTPLUS, SOFTSIGN,
    HARDSIGMOID, HARDSWISH, MISH;

    public static final List<String> WORDS = words();
    /** In the order of {@link #WORDS}: made once, as every statement asks (values() copies its array at each call). */
    private static final List<ActivationKind> KINDS = List.of(values());
    /** Its word, lower case whatever the locale (Turkish lowers I to a dotless i): made once, as every statement asks. */
    private final String word = name().toLowerCase(java.util.Locale.ROOT);

    private static List<String> words() {
        List<String> words = new ArrayList<>();
        for (ActivationKind kind : values()) {
            words.add(kind.word());
        }
        return List.copyOf(words);
    }

    public String word() {
        return word;
    }

    /** The kind a word names; {@code silu}, Keras's and PyTorch's name for swish, is swish. */
    public static Optional<ActivationKind> fromWord(String word) {
        if (word.equals("silu")) {
            return Optional.of(SWISH);
        }
        int index = WORDS.indexOf(word);
        return index < 0 ? Optional.empty() : Optional.of(KINDS.get(index));
    }
}
