package cnnc.ast;

import java.util.Locale;
import java.util.Optional;

/**
 * Hints for the words people bring from other tools: Keras's and PyTorch's layer names
 * ({@code BatchNorm2d}, {@code Linear}), capitalised activations ({@code ReLU}), and activations
 * cnnc does not have. Each names what to write instead, where edit distance would guess wrong
 * ({@code prelu} is not {@code relu}).
 */
public final class Habits {
    private Habits() {
    }

    /** What to write for {@code word}, when it is a habit cnnc knows; empty otherwise. */
    public static Optional<String> hint(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        Optional<LayerKind> kind = LayerKind.fromOtherName(word);
        if (kind.isPresent()) {
            return Optional.of("cnnc writes " + word + " as " + kind.get().form().replace("`", "'") + " (for example "
                    + kind.get().example().replace("`", "'") + ")");
        }
        if (!lower.equals(word) && ActivationKind.fromWord(lower).isPresent()) {
            return Optional.of("activation words are written in lowercase: " + lower);
        }
        Optional<ActivationKind> spelt = ActivationKind.fromWord(lower.replace("_", ""));
        if (spelt.isPresent()) { // Keras's hard_swish, leaky_relu, hard_sigmoid
            return Optional.of("cnnc writes " + word + " as " + spelt.get().word());
        }
        if (lower.equals("hardsilu")) {
            return Optional.of("cnnc writes hard swish as hardswish");
        }
        return Optional.empty();
    }
}
