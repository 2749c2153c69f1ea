package cnnc.ast;

import cnnc.source.Span;

/** An activation word; {@code linear} (no activation, as in Keras) when none is written. */
public record Activation(ActivationKind kind, Span span) implements Node {
    public boolean isLinear() {
        return kind == ActivationKind.LINEAR;
    }
}
