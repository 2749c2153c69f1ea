package cnnc.ast;

import cnnc.source.Span;

/**
 * {@code from b2}: the statements after it read the tensor named {@code b2} (an output named before
 * it, or a block's parameter that holds one) instead of the one before; it makes no layer.
 */
public record From(String name, Span nameSpan, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitFrom(this);
    }
}
