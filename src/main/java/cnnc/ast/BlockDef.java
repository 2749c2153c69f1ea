package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/**
 * {@code block NAME(p, q=1) { ... }}: a parameterised group of statements, used like a layer.
 * {@code readable} is false when the definition itself could not be parsed (already reported):
 * its uses are then checked no further. {@code outputs} are the names declared after {@code ->}
 * ({@code block module(a, b) -> (x, y) { ... }}), which the block gives back in that order; none
 * for a block that gives back its last tensor.
 */
public record BlockDef(String name, Span nameSpan, List<Param> params, List<Output> outputs, List<Statement> body,
                       Span span, boolean readable) implements Node {
    public BlockDef {
        params = List.copyOf(params);
        outputs = List.copyOf(outputs);
        body = List.copyOf(body);
    }

    /** True for a block that declares its outputs: it reads only its parameters, and gives back those outputs. */
    public boolean declaresOutputs() {
        return !outputs.isEmpty();
    }

    /** {@code (x, y)}: the declared outputs as written. */
    public String outputList() {
        return "(" + String.join(", ", outputs.stream().map(Output::name).toList()) + ")";
    }

    /** A declared output: a name the block's statements make with {@code as}. */
    public record Output(String name, Span span) implements Node {
    }

    /** {@code (f, n, s=2)}: the parameters as written, with their defaults. */
    public String signature() {
        return signature(params.size());
    }

    /** The first {@code shown} parameters, then how many more: {@code (a, b, and 998 more)}. */
    public String signature(int shown) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < Math.min(shown, params.size()); i++) {
            Param p = params.get(i);
            text.append(i == 0 ? "" : ", ").append(p.name());
            if (p.defaultValue() != null) {
                text.append('=').append(AstPrinter.expr(p.defaultValue()));
            }
        }
        if (shown < params.size()) {
            text.append(", and ").append(params.size() - shown).append(" more");
        }
        return text.append(')').toString();
    }

    /** A parameter; {@code defaultValue} is null when the caller must give it. */
    public record Param(String name, Expr defaultValue, Span span) implements Node {
    }
}
