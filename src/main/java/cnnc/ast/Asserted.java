package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/** {@code STATEMENT => 56x56x256}: the checker verifies the statement's output shape. */
public record Asserted(Statement statement, List<Expr> shape, Span shapeSpan, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitAsserted(this);
    }

    public Asserted {
        shape = List.copyOf(shape);
    }
}
