package cnnc.backend.keras;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.backend.PythonText;
import java.util.List;
import java.util.Optional;

/** Keras 3's name for each activation word (keras.activations), each written out: a few are spelled differently. */
final class Activations {
    private Activations() {
    }

    static String name(ActivationKind kind) {
        return switch (kind) {
            case LINEAR -> "linear";
            case RELU -> "relu";
            case RELU6 -> "relu6";
            case SIGMOID -> "sigmoid";
            case TANH -> "tanh";
            case SOFTMAX -> "softmax";
            case ELU -> "elu";
            case SELU -> "selu";
            case GELU -> "gelu";
            case SWISH -> "silu";
            case LEAKYRELU -> "leaky_relu";
            case SOFTPLUS -> "softplus";
            case SOFTSIGN -> "softsign";
            case HARDSIGMOID -> "hard_sigmoid";
            case HARDSWISH -> "hard_swish";
            case MISH -> "mish";
        };
    }

    /**
     * The {@code activation=} argument of a layer that ends with one; none for linear, Keras's default, and none
     * for a leaky ReLU with a slope written, which Keras's activation names cannot carry: {@link #slopeLayer}.
     */
    static Optional<String> argument(Activation activation) {
        return activation.isLinear() || !activation.writtenSlope().isEmpty() ? Optional.empty()
                : Optional.of("activation=" + PythonText.stringLiteral(name(activation.kind())));
    }

    /** A leaky ReLU with its slope written, as a layer of its own ({@code conv1_leakyrelu} behind a row); else empty. */
    static Optional<KerasLayer> slopeLayer(String name, Activation activation) {
        return activation.writtenSlope().isEmpty() ? Optional.empty() : Optional.of(new KerasLayer(name, "LeakyReLU",
                List.of("negative_slope=" + new java.math.BigDecimal(activation.slope()).toPlainString())));
    }
}
