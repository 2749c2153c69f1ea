package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/**
 * {@code add { ... | ... }}: branches from the same input (or a named tensor), merged into one. A
 * {@code select} has its {@code by { ... }}: the statements that make the branches' weights from
 * their sum (empty for every other merge, which cannot have one). A merge written with {@code for}
 * has its {@link Each} (null otherwise).
 */
public record Merge(MergeKind kind, List<Branch> branches, List<Statement> by, Each each, Span span)
        implements Statement {
    public Merge(MergeKind kind, List<Branch> branches, List<Statement> by, Span span) {
        this(kind, branches, by, null, span);
    }

    public Merge(MergeKind kind, List<Branch> branches, Each each, Span span) {
        this(kind, branches, List.of(), each, span);
    }

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
     * {@code concat for i, k in ks { ... }}: the merge's one written branch made once per value of the list
     * {@code values}, with {@code variable} that value and {@code index} (null when not written) its place,
     * counted from 1 as {@code split}'s take is. MixNet's mixed convolution, a kernel size a branch.
     */
    public record Each(String index, Span indexSpan, String variable, Span variableSpan, Expr values, Span span)
            implements Node {
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
