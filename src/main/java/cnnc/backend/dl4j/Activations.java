package cnnc.backend.dl4j;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;

/**
 * The DL4J {@code Activation} constant for each activation word (the names differ only for linear); leaky ReLU
 * as an {@code ActivationLReLU} with its slope (DL4J's constant has 0.01, cnnc's default is Keras's 0.2); or, for
 * hardswish, which DL4J lacks, the file's own {@link Helper#HARD_SWISH} activation function.
 */
final class Activations {
    private Activations() {
    }

    private static JavaCode constant(ActivationKind kind, String slope) {
        return switch (kind) {
            case LINEAR -> JavaCode.of("Activation.IDENTITY", Dl4jClass.ACTIVATION);
            case HARDSWISH -> JavaCode.of("new " + Helper.HARD_SWISH.simpleName() + "()", Helper.HARD_SWISH);
            case LEAKYRELU -> JavaCode.of("new ActivationLReLU(" + new java.math.BigDecimal(slope).toPlainString() + ")",
                    Dl4jClass.ACTIVATION_LRELU);
            case RELU, RELU6, SIGMOID, TANH, SOFTMAX, ELU, SELU, GELU, SWISH, SOFTPLUS, SOFTSIGN, HARDSIGMOID,
                    MISH -> JavaCode.of("Activation." + kind.name(), Dl4jClass.ACTIVATION);
        };
    }

    /** The builder's setting for an activation: {@code activation(Activation.RELU)}. */
    static JavaCode setting(Activation activation) {
        return JavaCode.of("activation(").then(constant(activation.kind(), activation.slope())).then(JavaCode.of(")"));
    }

    /** The builder's setting for an activation without a slope written: {@code activation(Activation.IDENTITY)}. */
    static JavaCode setting(ActivationKind kind) {
        return JavaCode.of("activation(").then(constant(kind, Activation.KERAS_SLOPE)).then(JavaCode.of(")"));
    }

    /** The setting for a layer that ends with an activation; null for linear, the configuration's default. */
    static JavaCode settingOrNull(Activation activation) {
        return activation.isLinear() ? null : setting(activation);
    }
}
