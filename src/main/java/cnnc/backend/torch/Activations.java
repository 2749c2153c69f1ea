package cnnc.backend.torch;

import cnnc.ast.Activation;

/**
 * Each activation word as torch computes Keras's function (keras.activations in Keras 3): leaky ReLU's
 * slope is the one written, else Keras's 0.2, GELU the exact form (Keras's approximate=False), hard sigmoid x/6 + 1/2 clipped
 * to [0, 1], hard swish x relu6(x + 3) / 6 (torch's and Keras's), softmax over the channels (Keras's last axis).
 */
final class Activations {
    private Activations() {
    }

    /** As a function of torch.nn.functional applied in forward, {@code %s} for its argument. */
    static String function(Activation activation) {
        return switch (activation.kind()) {
            case LINEAR -> "%s";
            case RELU -> "F.relu(%s)";
            case RELU6 -> "F.relu6(%s)";
            case SIGMOID -> "torch.sigmoid(%s)";
            case TANH -> "torch.tanh(%s)";
            case SOFTMAX -> "F.softmax(%s, dim=1)";
            case ELU -> "F.elu(%s)";
            case SELU -> "F.selu(%s)";
            case GELU -> "F.gelu(%s)";
            case SWISH -> "F.silu(%s)";
            case LEAKYRELU -> "F.leaky_relu(%s, " + slope(activation) + ")";
            case SOFTPLUS -> "F.softplus(%s)";
            case SOFTSIGN -> "F.softsign(%s)";
            case HARDSIGMOID -> "F.hardsigmoid(%s)";
            case HARDSWISH -> "F.hardswish(%s)";
            case MISH -> "F.mish(%s)";
        };
    }

    /** {@code argument} with the activation applied, as {@link #function} writes it: {@code F.relu(x)}. */
    static String applied(Activation activation, String argument) {
        // most rows have none: their value as it is, without a search of "%s" for each
        return activation.isLinear() ? argument : function(activation).replace("%s", argument);
    }

    /** As a module of its own, for an activation written as a layer. */
    static String module(Activation activation) {
        return switch (activation.kind()) {
            case LINEAR -> "nn.Identity()";
            case RELU -> "nn.ReLU()";
            case RELU6 -> "nn.ReLU6()";
            case SIGMOID -> "nn.Sigmoid()";
            case TANH -> "nn.Tanh()";
            case SOFTMAX -> "nn.Softmax(dim=1)";
            case ELU -> "nn.ELU()";
            case SELU -> "nn.SELU()";
            case GELU -> "nn.GELU()";
            case SWISH -> "nn.SiLU()";
            case LEAKYRELU -> "nn.LeakyReLU(" + slope(activation) + ")";
            case SOFTPLUS -> "nn.Softplus()";
            case SOFTSIGN -> "nn.Softsign()";
            case HARDSIGMOID -> "nn.Hardsigmoid()";
            case HARDSWISH -> "nn.Hardswish()";
            case MISH -> "nn.Mish()";
        };
    }

    /** The slope as a Python literal: 0.01 for .01. */
    private static String slope(Activation activation) {
        return new java.math.BigDecimal(activation.slope()).toPlainString();
    }
}
