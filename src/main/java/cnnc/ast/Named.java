package cnnc.ast;

import cnnc.source.Span;

/** {@code STATEMENT as e1}: names the statement's output, for a later {@code from e1}. */
public record Named(Statement statement, String name, Span nameSpan, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitNamed(this);
    }

}
