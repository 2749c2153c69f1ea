package cnnc.lsp;

import cnnc.ast.BlockDef;
import cnnc.editor.Syntax;
import cnnc.ast.Description;
import cnnc.ast.ModelName;
import cnnc.ast.Named;
import cnnc.ast.Statement;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/** The outline: the model, with the outputs named at the top level, then each block with its own. */
final class Symbols {
    private Symbols() {
    }

    static List<DocumentSymbol> of(OpenDocument document) {
        Description description = document.compilation().syntax();
        Syntax syntax = Syntax.of(description);
        List<DocumentSymbol> symbols = new ArrayList<>();
        DocumentSymbol model = new DocumentSymbol(document.compilation().model().name(), SymbolKind.Module,
                document.lines().range(description.span()), document.lines().range(modelLine(document, description)),
                "input " + document.compilation().model().input());
        model.setChildren(named(document, syntax, null));
        symbols.add(model);
        for (BlockDef block : description.blocks()) {
            DocumentSymbol symbol = new DocumentSymbol(block.name(), SymbolKind.Function, document.lines().range(block.span()),
                    document.lines().range(block.nameSpan()), "block " + block.name() + block.signature());
            symbol.setChildren(named(document, syntax, block));
            symbols.add(symbol);
        }
        return symbols;
    }

    /** The {@code model} statement, else the input's, for the model's name. */
    private static Span modelLine(OpenDocument document, Description description) {
        for (Statement statement : description.statements()) {
            if (statement instanceof ModelName) {
                return statement.span();
            }
        }
        return document.compilation().model().inputSpan();
    }

    private static List<DocumentSymbol> named(OpenDocument document, Syntax syntax, BlockDef block) {
        List<DocumentSymbol> named = new ArrayList<>();
        for (Syntax.Found found : syntax.statements()) {
            if (found.block() == block && found.statement() instanceof Named output) {
                named.add(new DocumentSymbol(output.name(), SymbolKind.Variable, document.lines().range(output.span()),
                        document.lines().range(output.nameSpan()), "as " + output.name()));
            }
        }
        return named;
    }
}
