package cnnc.lsp;

import cnnc.ast.BlockDef;
import cnnc.ast.Call;
import cnnc.ast.Expr;
import cnnc.ast.Named;
import cnnc.source.Span;
import java.util.Optional;

/**
 * Where a name is defined: a block's use -> its {@code block} line; {@code from NAME}, or an output
 * passed to a block ({@code up(128, skip=e3)}) -> the {@code as NAME} that made it, or the parameter
 * of the block it is written in.
 */
final class Definitions {
    private Definitions() {
    }

    static Optional<Span> at(OpenDocument document, int offset) {
        Syntax syntax = Syntax.of(document.compilation().syntax());
        for (Syntax.Found found : syntax.statements()) {
            if (found.statement() instanceof Call call) {
                if (Hovers.contains(call.nameSpan(), offset)) {
                    return document.compilation().syntax().blocks().stream().filter(b -> b.name().equals(call.block()))
                            .findFirst().map(BlockDef::nameSpan);
                }
                for (Call.Argument argument : call.arguments()) {
                    if (argument.value() instanceof Expr.Ref ref && Hovers.contains(ref.span(), offset)) {
                        return output(syntax, found.block(), ref.name());
                    }
                }
            } else if (found.statement() instanceof Named named && Hovers.contains(named.nameSpan(), offset)) {
                return Optional.of(named.nameSpan());
            }
        }
        return syntax.froms().stream().filter(f -> Hovers.contains(f.branch().fromSpan(), offset)).findFirst()
                .flatMap(f -> output(syntax, f.block(), f.branch().from()));
    }

    /** A name read in a block's body (or at the top level, {@code block} null): a parameter, or an output made there. */
    private static Optional<Span> output(Syntax syntax, BlockDef block, String name) {
        if (block != null) {
            Optional<Span> parameter = block.params().stream().filter(p -> p.name().equals(name)).findFirst()
                    .map(BlockDef.Param::span);
            if (parameter.isPresent()) {
                return parameter;
            }
        }
        return syntax.statements().stream()
                .filter(f -> f.block() == block && f.statement() instanceof Named named && named.name().equals(name))
                .findFirst().map(f -> ((Named) f.statement()).nameSpan());
    }
}
