package cnnc.ast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The activation functions a layer can end with, by the word that names them. */
public enum ActivationKind {
    LINEAR, RELU, RELU6, SIGMOID, TANH, SOFTMAX, ELU, SELU, GELU, SWISH, LEAKYRELU, SOFTPLUS, SOFTSIGN,
    HARDSIGMOID, HARDSWISH, MISH;

    public static final List<String> WORDS = words();
    /**
     * Each word's kind, as the answer {@link #fromWord} gives: made once, as every statement asks (a scan of
     * the words and an Optional per call were a tenth of checking 200,000 lines of an unknown word).
     */
    private static final Map<String, Optional<ActivationKind>> BY_WORD = byWord();
    /** Its word, lower case whatever the locale (Turkish lowers I to a dotless i): made once, as every statement asks. */
    private final String word = name().toLowerCase(java.util.Locale.ROOT);

    private static List<String> words() {
        List<String> words = new ArrayList<>();
        for (ActivationKind kind : values()) {
            words.add(kind.word());
        }
        return List.copyOf(words);
    }

    private static Map<String, Optional<ActivationKind>> byWord() {
        Map<String, Optional<ActivationKind>> kinds = new HashMap<>();
        for (ActivationKind kind : values()) {
            kinds.put(kind.word(), Optional.of(kind));
        }
        kinds.put("silu", Optional.of(SWISH));
        return kinds;
    }

    public String word() {
        return word;
    }

    /** The kind a word names; {@code silu}, Keras's and PyTorch's name for swish, is swish. */
    public static Optional<ActivationKind> fromWord(String word) {
        return BY_WORD.getOrDefault(word, Optional.empty());
    }
}
