package cnnc.ast;

import cnnc.source.Span;

/** {@code identity}: passes its input on (a merge branch that adds nothing); it makes no layer. */
public record Identity(Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitIdentity(this);
    }
}
