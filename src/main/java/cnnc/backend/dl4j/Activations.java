package cnnc.backend.dl4j;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;

/**
 * The DL4J {@code Activation} constant for each activation word (the names differ only for linear), or, for
 * hardswish, which DL4J lacks, the file's own {@link Helper#HARD_SWISH} activation function.
 */
final class Activations {
    private Activations() {
    }

    static JavaCode constant(ActivationKind kind) {
        return switch (kind) {
            case LINEAR -> JavaCode.of("Activation.IDENTITY", Dl4jClass.ACTIVATION);
            case HARDSWISH -> JavaCode.of("new " + Helper.HARD_SWISH.simpleName() + "()", Helper.HARD_SWISH);
            case RELU, RELU6, SIGMOID, TANH, SOFTMAX, ELU, SELU, GELU, SWISH, LEAKYRELU, SOFTPLUS, SOFTSIGN, HARDSIGMOID,
                    MISH -> JavaCode.of("Activation." + kind.name(), Dl4jClass.ACTIVATION);
        };
    }

    /** The builder's setting for an activation: {@code activation(Activation.RELU)}. */
    static JavaCode setting(ActivationKind kind) {
        return JavaCode.of("activation(").then(constant(kind)).then(JavaCode.of(")"));
    }

    /** The setting for a layer that ends with an activation; null for linear, the configuration's default. */
    static JavaCode settingOrNull(Activation activation) {
        return activation.isLinear() ? null : setting(activation.kind());
    }
}
