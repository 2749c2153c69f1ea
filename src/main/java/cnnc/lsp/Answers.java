package cnnc.lsp;

import cnnc.editor.Completions;
import cnnc.editor.Hovers;
import cnnc.editor.ShapeHints;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The editor services of {@code cnnc.editor} (which the playground shares) in the protocol's types:
 * positions from offsets, markdown as markup content.
 */
final class Answers {
    private Answers() {
    }

    static Hover hover(OpenDocument document, int offset) {
        return Hovers.at(document.compilation(), offset)
                .map(text -> new Hover(new MarkupContent(MarkupKind.MARKDOWN, text))).orElse(null);
    }

    /** The shapes after lines and block uses within {@code range}. */
    static List<InlayHint> shapes(OpenDocument document, Range range) {
        int from = document.lines().offset(range.getStart());
        int to = document.lines().offset(range.getEnd());
        List<InlayHint> hints = new ArrayList<>();
        for (ShapeHints.Hint found : ShapeHints.of(document.compilation())) {
            if (found.offset() >= from && found.offset() <= to) {
                InlayHint hint = new InlayHint(document.lines().position(found.offset()), Either.forLeft(found.label()));
                hint.setKind(InlayHintKind.Type);
                hint.setPaddingLeft(true);
                hints.add(hint);
            }
        }
        return hints;
    }

    static List<CompletionItem> completions(OpenDocument document, int offset, boolean snippets) {
        List<CompletionItem> items = new ArrayList<>();
        for (Completions.Item found : Completions.at(document.compilation(), offset, snippets)) {
            CompletionItem item = new CompletionItem(found.label());
            item.setKind(kind(found.kind()));
            item.setDetail(found.detail());
            if (found.documentation() != null) {
                item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, found.documentation()));
            }
            if (found.snippet() != null) {
                item.setInsertText(found.snippet());
                item.setInsertTextFormat(InsertTextFormat.Snippet);
            }
            items.add(item);
        }
        return items;
    }

    private static CompletionItemKind kind(Completions.Kind kind) {
        return switch (kind) {
            case LAYER -> CompletionItemKind.Class;
            case ACTIVATION -> CompletionItemKind.Function;
            case KEYWORD -> CompletionItemKind.Keyword;
            case BLOCK -> CompletionItemKind.Module;
            case MODIFIER -> CompletionItemKind.Property;
            case TENSOR -> CompletionItemKind.Variable;
        };
    }
}
