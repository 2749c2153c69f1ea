package cnnc.ast;

import cnnc.source.Span;

/** {@code STATEMENT x3} or {@code STATEMENT x(n-1)}: the statement applied {@code count} times in a row. */
public record Repeat(Statement statement, Expr count, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitRepeat(this);
    }

}
