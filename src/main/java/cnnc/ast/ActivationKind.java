package cnnc.ast;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The activation functions a layer can end with, by the word that names them. */
public enum ActivationKind {
    LINEAR, RELU, RELU6, SIGMOID, TANH, SOFTMAX, ELU, SELU, GELU, SWISH, LEAKYRELU, SOFTPLUS, SOFTSIGN,
    HARDSIGMOID, HARDSWISH, MISH;

    public static final List<String> WORDS = Arrays.stream(values()).map(ActivationKind::word).toList();

    public String word() {
        return name().toLowerCase();
    }

    /** The kind a word names; {@code silu}, Keras's and PyTorch's name for swish, is swish. */
    public static Optional<ActivationKind> fromWord(String word) {
        if (word.equals("silu")) {
            return Optional.of(SWISH);
        }
        return Arrays.stream(values()).filter(kind -> kind.word().equals(word)).findFirst();
    }
}
