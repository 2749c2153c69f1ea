package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/**
 * {@code module(b1, b2) as (b1, b2)}: names each output of a block that declares several, in the
 * order the block declares them.
 */
public record NamedOutputs(Statement statement, List<String> names, List<Span> nameSpans, Span span)
        implements Statement {
    public NamedOutputs {
        names = List.copyOf(names);
        nameSpans = List.copyOf(nameSpans);
    }

    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitNamedOutputs(this);
    }
}
