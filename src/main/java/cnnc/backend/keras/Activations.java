package cnnc.backend.keras;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import java.util.Optional;

/** Keras 3's name for each activation word (keras.activations); a few are spelled differently. */
final class Activations {
    private Activations() {
    }

    static String name(ActivationKind kind) {
        return switch (kind) {
            case SWISH -> "silu";
            case LEAKYRELU -> "leaky_relu";
            case HARDSIGMOID -> "hard_sigmoid";
            case HARDSWISH -> "hard_swish";
            default -> kind.word();
        };
    }

    /** The {@code activation=} argument of a layer that ends with one; none for linear, Keras's default. */
    static Optional<String> argument(Activation activation) {
        return activation.isLinear() ? Optional.empty()
                : Optional.of("activation=" + PythonText.stringLiteral(name(activation.kind())));
    }
}
