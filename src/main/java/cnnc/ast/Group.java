package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/** {@code { conv 64@3 same; bn; relu }}: statements applied in order, as one (to repeat them together). */
public record Group(List<Statement> statements, Span span) implements Statement {
    public Group {
        statements = List.copyOf(statements);
    }

    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitGroup(this);
    }
}
