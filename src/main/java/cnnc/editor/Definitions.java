package cnnc.editor;

import cnnc.Compilation;
import cnnc.ast.BlockDef;
import cnnc.ast.Call;
import cnnc.ast.Expr;
import cnnc.ast.Named;
import cnnc.ast.NamedOutputs;
import cnnc.source.Span;
import java.util.Optional;

/**
 * Where a name is defined: a block's use -> its {@code block} line; {@code from NAME}, or an output
 * passed to a block ({@code up(128, skip=e3)}) -> the {@code as NAME} that made it, or the parameter
 * of the block it is written in.
 */
public final class Definitions {
    private Definitions() {
    }

    public static Optional<Span> at(Compilation compilation, int offset) {
        Syntax syntax = Syntax.of(compilation.syntax());
        for (Syntax.Found found : syntax.statements()) {
            if (found.statement() instanceof Call call) {
                if (Spans.contains(call.nameSpan(), offset)) {
                    return compilation.syntax().blocks().stream().filter(b -> b.name().equals(call.block()))
                            .findFirst().map(BlockDef::nameSpan);
                }
                for (Call.Argument argument : call.arguments()) {
                    if (argument.value() instanceof Expr.Ref ref && Spans.contains(ref.span(), offset)) {
                        return output(syntax, found.block(), ref.name());
                    }
                }
            } else if (found.statement() instanceof Named named && Spans.contains(named.nameSpan(), offset)) {
                return Optional.of(named.nameSpan());
            } else if (found.statement() instanceof NamedOutputs named) {
                for (Span name : named.nameSpans()) {
                    if (Spans.contains(name, offset)) {
                        return Optional.of(name);
                    }
                }
            }
        }
        for (BlockDef block : compilation.syntax().blocks()) {
            for (BlockDef.Output declared : block.outputs()) {
                if (Spans.contains(declared.span(), offset)) { // a declared output -> the 'as' that makes it
                    return output(syntax, block, declared.name()).filter(span -> span != declared.span())
                            .or(() -> Optional.of(declared.span()));
                }
            }
        }
        return syntax.froms().stream().filter(f -> Spans.contains(f.nameSpan(), offset)).findFirst()
                .flatMap(f -> output(syntax, f.block(), f.name()));
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
        for (Syntax.Found found : syntax.statements()) {
            if (found.block() != block) {
                continue;
            }
            if (found.statement() instanceof Named named && named.name().equals(name)) {
                return Optional.of(named.nameSpan());
            }
            if (found.statement() instanceof NamedOutputs named && named.names().contains(name)) {
                return Optional.of(named.nameSpans().get(named.names().indexOf(name)));
            }
        }
        return Optional.empty();
    }
}
