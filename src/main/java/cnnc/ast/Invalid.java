package cnnc.ast;

import cnnc.source.Span;

/**
 * A statement that could not be understood (already reported). It is kept in the tree so that the
 * checker gives it an unknown shape, which stops one mistake from causing a cascade of errors after
 * it. {@code word} is the statement's first word ({@code input} tells the checker an input was meant).
 */
public record Invalid(String word, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitInvalid(this);
    }
}
