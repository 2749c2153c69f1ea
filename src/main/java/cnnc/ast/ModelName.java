package cnnc.ast;

import cnnc.source.Span;

/** {@code model NAME}: names the model; without it the model is named after its file. */
public record ModelName(String name, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitModelName(this);
    }
}
