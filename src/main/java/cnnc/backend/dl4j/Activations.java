package cnnc.backend.dl4j;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;

/**
 * The DL4J {@code Activation} constant for each activation word (the names differ only for linear), or, for
 * hardswish, which DL4J lacks, the nested {@link HelperClasses#HARD_SWISH} activation function.
 */
final class Activations {
    private Activations() {
    }

    static String constant(ActivationKind kind) {
        return switch (kind) {
            case LINEAR -> "Activation.IDENTITY";
            case HARDSWISH -> "new " + HelperClasses.HARD_SWISH + "()";
            case RELU, RELU6, SIGMOID, TANH, SOFTMAX, ELU, SELU, GELU, SWISH, LEAKYRELU, SOFTPLUS, SOFTSIGN, HARDSIGMOID,
                    MISH -> "Activation." + kind.name();
        };
    }

    /** The setting for a layer that ends with an activation; none for linear, the configuration's default. */
    static java.util.Optional<String> setting(Activation activation) {
        return activation.isLinear() ? java.util.Optional.empty()
                : java.util.Optional.of("activation(" + constant(activation.kind()) + ")");
    }
}
