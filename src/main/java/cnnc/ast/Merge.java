package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/** {@code add { ... | ... }}: branches from the same input (or a named tensor), merged into one. */
public record Merge(MergeKind kind, List<Branch> branches, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitMerge(this);
    }

    public Merge {
        branches = List.copyOf(branches);
    }

    /**
     * One branch: its statements applied to the merge's input, or to the tensor named by
     * {@code from}; an empty branch (or {@code identity}) passes the input on.
     */
    public record Branch(String from, Span fromSpan, List<Statement> statements, Span span) implements Node {
        public Branch {
            statements = List.copyOf(statements);
        }
    }
}
