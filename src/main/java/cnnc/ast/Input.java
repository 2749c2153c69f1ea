package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/** {@code input 100x100x1} (height x width x channels) or {@code input 784} (a vector). */
public record Input(List<Expr> dims, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitInput(this);
    }

    public Input {
        dims = List.copyOf(dims);
    }
}
