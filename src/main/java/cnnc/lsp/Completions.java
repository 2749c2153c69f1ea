package cnnc.lsp;

import cnnc.ast.ActivationKind;
import cnnc.ast.BlockDef;
import cnnc.ast.LayerKind;
import cnnc.ast.Modifier;
import cnnc.ast.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * What may be typed where the cursor is: at the start of a statement, the words the parser knows
 * ({@link Words#LAYER_WORDS}, the same list its "did you mean" reads) and the file's blocks with their
 * parameters; after a layer's word, the modifiers its {@link LayerKind} takes. Nothing is listed here
 * by hand, so the completion cannot drift from the language.
 */
final class Completions {
    private Completions() {
    }

    static List<CompletionItem> at(OpenDocument document, int offset, boolean snippets) {
        String text = document.compilation().source().text();
        int lineStart = document.lines().offset(new Position(
                document.lines().position(offset).getLine(), 0));
        String before = statementBefore(text.substring(lineStart, offset));
        String[] words = before.strip().split("\\s+");
        boolean firstWordDone = !before.isBlank() && Character.isWhitespace(before.charAt(before.length() - 1))
                || words.length > 1;
        if (firstWordDone) {
            return LayerKind.fromWord(words[0]).map(Completions::modifiers).orElse(List.of());
        }
        List<CompletionItem> items = new ArrayList<>();
        for (String word : Words.LAYER_WORDS) {
            items.add(word(word));
        }
        for (BlockDef block : document.compilation().syntax().blocks()) {
            items.add(block(block, snippets));
        }
        return items;
    }

    /** The current statement's text up to the cursor: after the last separator on the line. */
    private static String statementBefore(String line) {
        int cut = -1;
        for (char separator : new char[] {';', '{', '|', '}'}) {
            cut = Math.max(cut, line.lastIndexOf(separator));
        }
        String statement = line.substring(cut + 1);
        int comment = statement.indexOf('#');
        return comment >= 0 ? "# " : statement.stripLeading();
    }

    private static CompletionItem word(String word) {
        CompletionItem item = new CompletionItem(word);
        Optional<LayerKind> kind = LayerKind.fromWord(word);
        if (kind.isPresent()) {
            item.setKind(CompletionItemKind.Class);
            item.setDetail(kind.get().form().replace("`", ""));
            item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, kind.get().meaning() + "\n\nfor example "
                    + kind.get().example()));
        } else if (ActivationKind.fromWord(word).isPresent()) {
            item.setKind(CompletionItemKind.Function);
            item.setDetail("activation, as a layer of its own");
        } else {
            item.setKind(CompletionItemKind.Keyword);
        }
        return item;
    }

    private static CompletionItem block(BlockDef block, boolean snippets) {
        CompletionItem item = new CompletionItem(block.name());
        item.setKind(CompletionItemKind.Module);
        item.setDetail("block " + block.name() + block.signature());
        List<BlockDef.Param> required = block.params().stream().filter(p -> p.defaultValue() == null).toList();
        if (snippets && !required.isEmpty()) {
            StringBuilder insert = new StringBuilder(block.name()).append('(');
            for (int i = 0; i < required.size(); i++) {
                insert.append(i == 0 ? "" : ", ").append("${").append(i + 1).append(':').append(required.get(i).name())
                        .append('}');
            }
            item.setInsertText(insert.append(")$0").toString());
            item.setInsertTextFormat(InsertTextFormat.Snippet);
        }
        return item;
    }

    private static List<CompletionItem> modifiers(LayerKind kind) {
        List<CompletionItem> items = new ArrayList<>();
        for (Modifier modifier : kind.modifiers()) {
            if (modifier == Modifier.ACTIVATION) {
                ActivationKind.WORDS.forEach(word -> items.add(modifier(word, "activation", modifier)));
            } else if (modifier != Modifier.STRIDE) {
                items.add(modifier(modifier.word(), modifier.form().replace("`", ""), modifier));
            }
        }
        return items;
    }

    private static CompletionItem modifier(String word, String detail, Modifier modifier) {
        CompletionItem item = new CompletionItem(word);
        item.setKind(CompletionItemKind.Property);
        item.setDetail(detail);
        item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, modifier.help()));
        return item;
    }
}
