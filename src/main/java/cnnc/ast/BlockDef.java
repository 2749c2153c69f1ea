package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/**
 * {@code block NAME(p, q=1) { ... }}: a parameterised group of statements, used like a layer.
 * {@code readable} is false when the definition itself could not be parsed (already reported):
 * its uses are then checked no further.
 */
public record BlockDef(String name, Span nameSpan, List<Param> params, List<Statement> body, Span span,
                       boolean readable) implements Node {
    public BlockDef {
        params = List.copyOf(params);
        body = List.copyOf(body);
    }

    /** {@code (f, n, s=2)}: the parameters as written, with their defaults. */
    public String signature() {
        return "(" + String.join(", ", params.stream()
                .map(p -> p.defaultValue() == null ? p.name() : p.name() + "=" + AstPrinter.expr(p.defaultValue()))
                .toList()) + ")";
    }

    /** A parameter; {@code defaultValue} is null when the caller must give it. */
    public record Param(String name, Expr defaultValue, Span span) implements Node {
    }
}
