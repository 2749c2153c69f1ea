package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/**
 * {@code add { ... | ... }}: branches from the same input (or a named tensor), merged into one. A
 * {@code select} has its {@code by { ... }}: the statements that make the branches' weights from
 * their sum (empty for every other merge, which cannot have one).
 */
public record Merge(MergeKind kind, List<Branch> branches, List<Statement> by, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitMerge(this);
    }

    public Merge {
        branches = List.copyOf(branches);
        by = List.copyOf(by);
    }

    public Merge(MergeKind kind, List<Branch> branches, Span span) {
        this(kind, branches, List.of(), span);
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
