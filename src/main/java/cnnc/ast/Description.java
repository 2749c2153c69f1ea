package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/** A whole .cnn file: its block definitions and its statements in the order written. */
public record Description(List<BlockDef> blocks, List<Statement> statements, Span span) implements Node {
    public Description {
        blocks = List.copyOf(blocks);
        statements = List.copyOf(statements);
    }
}
