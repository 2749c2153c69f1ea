package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/** A whole .cnn file: its statements in the order written. */
public record Description(List<Statement> statements, Span span) implements Node {
    public Description {
        statements = List.copyOf(statements);
    }
}
