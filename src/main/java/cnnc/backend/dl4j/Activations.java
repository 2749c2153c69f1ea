package cnnc.backend.dl4j;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;

/** The DL4J {@code Activation} constant for each activation word; the names differ only for linear. */
final class Activations {
    private Activations() {
    }

    static String constant(ActivationKind kind) {
        return "Activation." + switch (kind) {
            case LINEAR -> "IDENTITY";
            case RELU -> "RELU";
            case RELU6 -> "RELU6";
            case SIGMOID -> "SIGMOID";
            case TANH -> "TANH";
            case SOFTMAX -> "SOFTMAX";
            case ELU -> "ELU";
            case SELU -> "SELU";
            case GELU -> "GELU";
            case SWISH -> "SWISH";
            case LEAKYRELU -> "LEAKYRELU";
            case SOFTPLUS -> "SOFTPLUS";
            case SOFTSIGN -> "SOFTSIGN";
            case HARDSIGMOID -> "HARDSIGMOID";
            case MISH -> "MISH";
        };
    }

    /** The setting for a layer that ends with an activation; none for linear, the configuration's default. */
    static java.util.Optional<String> setting(Activation activation) {
        return activation.isLinear() ? java.util.Optional.empty()
                : java.util.Optional.of("activation(" + constant(activation.kind()) + ")");
    }
}
