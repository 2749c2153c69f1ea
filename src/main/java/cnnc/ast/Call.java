package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/** {@code bottleneck(64, s=2)}: a block used like a layer. A bare block name is a call without arguments. */
public record Call(String block, Span nameSpan, List<Argument> arguments, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitCall(this);
    }

    public Call {
        arguments = List.copyOf(arguments);
    }

    /** A positional ({@code name} null) or named argument. */
    public record Argument(String name, Expr value, Span span) implements Node {
    }
}
