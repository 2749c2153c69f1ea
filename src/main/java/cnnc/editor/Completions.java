package cnnc.editor;

import cnnc.ast.ActivationKind;
import cnnc.ast.BlockDef;
import cnnc.ast.LayerKind;
import cnnc.ast.Modifier;
import cnnc.ast.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import cnnc.Compilation;
import cnnc.source.SourceFile;

/**
 * What may be typed where the cursor is: at the start of a statement, the words the parser knows
 * ({@link Words#LAYER_WORDS}, the same list its "did you mean" reads) and the file's blocks with their
 * parameters; after a layer's word, the modifiers its {@link LayerKind} takes. Nothing is listed here
 * by hand, so the completion cannot drift from the language.
 */
public final class Completions {
    /** What an item is, for the editor's icon. */
    public enum Kind { LAYER, ACTIVATION, KEYWORD, BLOCK, MODIFIER, TENSOR }

    /**
     * One thing that may be typed.
     *
     * @param documentation markdown, or null
     * @param snippet       the text to insert with {@code ${1:name}} placeholders, or null for the label itself
     */
    public record Item(String label, Kind kind, String detail, String documentation, String snippet) {
    }

    private Completions() {
    }

    /** @param snippets whether the editor takes snippets: a block's use is then offered with its required arguments */
    public static List<Item> at(Compilation compilation, int offset, boolean snippets) {
        SourceFile source = compilation.source();
        String text = source.text();
        int clamped = Math.max(0, Math.min(offset, text.length()));
        int lineStart = source.lineStart(source.lineIndex(clamped));
        String before = statementBefore(text.substring(lineStart, clamped));
        String[] words = before.strip().split("\\s+");
        boolean firstWordDone = !before.isBlank() && Character.isWhitespace(before.charAt(before.length() - 1))
                || words.length > 1;
        if (firstWordDone && words[0].equals("from") && words.length <= 2) {
            return tensors(compilation, clamped);
        }
        if (firstWordDone) {
            return LayerKind.fromWord(words[0]).map(Completions::modifiers).orElse(List.of());
        }
        List<Item> items = new ArrayList<>();
        for (String word : Words.LAYER_WORDS) {
            items.add(word(word));
        }
        for (BlockDef block : compilation.syntax().blocks()) {
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

    /**
     * After {@code from}: the tensors the statement may start from, those named before the cursor in the
     * block it is written in (and that block's parameters), or at the top level.
     */
    private static List<Item> tensors(Compilation compilation, int offset) {
        BlockDef within = compilation.syntax().blocks().stream()
                .filter(block -> block.span().start() <= offset && offset <= block.span().end()).findFirst().orElse(null);
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (within != null) {
            within.params().forEach(param -> names.add(param.name()));
        }
        for (Syntax.Found found : Syntax.of(compilation.syntax()).statements()) {
            if (found.block() != within || found.statement().span().end() > offset) {
                continue;
            }
            if (found.statement() instanceof cnnc.ast.Named named) {
                names.add(named.name());
            } else if (found.statement() instanceof cnnc.ast.NamedOutputs named) {
                names.addAll(named.names());
            }
        }
        List<Item> items = new ArrayList<>();
        names.forEach(name -> items.add(new Item(name, Kind.TENSOR, within != null && within.params().stream()
                .anyMatch(p -> p.name().equals(name)) ? "a parameter of block " + within.name() : "a named output",
                null, null)));
        return items;
    }

    private static Item word(String word) {
        Optional<LayerKind> kind = LayerKind.fromWord(word);
        if (kind.isPresent()) {
            return new Item(word, Kind.LAYER, kind.get().form().replace("`", ""),
                    kind.get().meaning() + "\n\nfor example " + kind.get().example(), null);
        } else if (ActivationKind.fromWord(word).isPresent()) {
            return new Item(word, Kind.ACTIVATION, "activation, as a layer of its own", null, null);
        }
        return new Item(word, Kind.KEYWORD, null, null, null);
    }

    private static Item block(BlockDef block, boolean snippets) {
        List<BlockDef.Param> required = block.params().stream().filter(p -> p.defaultValue() == null).toList();
        String snippet = null;
        if (snippets && !required.isEmpty()) {
            StringBuilder insert = new StringBuilder(block.name()).append('(');
            for (int i = 0; i < required.size(); i++) {
                insert.append(i == 0 ? "" : ", ").append("${").append(i + 1).append(':').append(required.get(i).name())
                        .append('}');
            }
            snippet = insert.append(")$0").toString();
        }
        return new Item(block.name(), Kind.BLOCK, "block " + block.name() + block.signature(), null, snippet);
    }

    private static List<Item> modifiers(LayerKind kind) {
        List<Item> items = new ArrayList<>();
        for (Modifier modifier : kind.modifiers()) {
            if (modifier == Modifier.ACTIVATION) {
                ActivationKind.WORDS.forEach(word -> items.add(modifier(word, "activation", modifier)));
            } else if (modifier != Modifier.STRIDE) {
                items.add(modifier(modifier.word(), modifier.form().replace("`", ""), modifier));
            }
        }
        return items;
    }

    private static Item modifier(String word, String detail, Modifier modifier) {
        return new Item(word, Kind.MODIFIER, detail, modifier.help(), null);
    }
}
