package cnnc.ast;

import cnnc.source.Span;

/**
 * An activation word; {@code linear} (no activation, as in Keras) when none is written. {@code writtenSlope}
 * is the number written after {@code leakyrelu} ({@code leakyrelu 0.01}), as written, or "" for none.
 */
public record Activation(ActivationKind kind, String writtenSlope, Span span) implements Node {
    /** Keras's slope of leaky ReLU for negative inputs, which {@code leakyrelu} has unless another is written. */
    public static final String KERAS_SLOPE = "0.2";

    public Activation(ActivationKind kind, Span span) {
        this(kind, "", span);
    }

    public boolean isLinear() {
        return kind == ActivationKind.LINEAR;
    }

    /** Leaky ReLU's slope for negative inputs: the one written, else Keras's 0.2. */
    public String slope() {
        return writtenSlope.isEmpty() ? KERAS_SLOPE : writtenSlope;
    }

    /** As written: {@code relu}, {@code leakyrelu 0.01}. */
    public String text() {
        return writtenSlope.isEmpty() ? kind.word() : kind.word() + " " + writtenSlope;
    }
}
