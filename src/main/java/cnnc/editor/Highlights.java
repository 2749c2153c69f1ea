package cnnc.editor;

import cnnc.ast.ActivationKind;
import cnnc.ast.LayerKind;
import cnnc.ast.Modifier;
import cnnc.grammar.CnnLexer;
import cnnc.grammar.CnnParser;
import cnnc.parse.DescriptionParser;
import cnnc.parse.Syntax;
import cnnc.source.SourceFile;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * What each token of a description is, for colouring it: by its kind and the grammar rule it belongs to
 * (a layer's word, a modifier, a size, a block's name where it is defined and where it is used...). The
 * playground colours its editor with these roles, and the TextMate grammar of editors/vscode is tested
 * against them, so both editors colour what the parser reads.
 */
public final class Highlights {
    /** A role, with the TextMate scope that VS Code's grammar gives it. */
    public enum Role {
        COMMENT("comment.line.number-sign.cnn"),
        MODEL("keyword.other.model.cnn"),
        DEFAULTS("keyword.other.defaults.cnn"),
        INPUT("keyword.other.input.cnn"),
        BLOCK("keyword.other.block.cnn"),
        CONTROL("keyword.control.cnn"),
        ASSERTION("keyword.operator.assertion.cnn"),
        SIZE("constant.numeric.size.cnn"),
        NUMBER("constant.numeric"),
        REPEAT("keyword.operator.repeat.cnn"),
        TIMES("keyword.operator.times.cnn"),
        FILTERS("keyword.operator.filters.cnn"),
        INPUT_DIMENSION("variable.language.input-dimension.cnn"),
        MODEL_NAME("entity.name.type.model.cnn"),
        STRING("string.quoted.double.cnn"),
        STRIDE("keyword.operator.stride.cnn"),
        ARITHMETIC("keyword.operator.arithmetic.cnn"),
        MODIFIER("storage.modifier.cnn"),
        LAYER("support.function.layer.cnn"),
        ACTIVATION("support.constant.activation.cnn"),
        BLOCK_DEFINITION("entity.name.function.definition.cnn"),
        PARAMETER("variable.parameter.cnn"),
        BLOCK_USE("entity.name.function.call.cnn"),
        FUNCTION("support.function.builtin.cnn"),
        TENSOR("variable.other.tensor.cnn"),
        VARIABLE("variable.other.cnn");

        private final String scope;

        Role(String scope) {
            this.scope = scope;
        }

        public String scope() {
            return scope;
        }
    }

    /** A run of text, in chars, and its role. */
    public record Highlight(Span span, Role role) {
    }

    /** The words after a layer that modify it, and the words that name parts of rescale, split and normalize. */
    public static final Set<String> MODIFIER_WORDS = modifierWords();
    /** The activations, {@code silu} (swish's other name) among them. */
    public static final Set<String> ACTIVATION_WORDS = union(ActivationKind.WORDS, List.of("silu"));
    /** The words that start a layer's statement, and {@code identity}. */
    public static final Set<String> LAYER_WORDS = union(LayerKind.statementWords(), List.of("identity"));

    private Highlights() {
    }

    /** Every token's role, in order; punctuation has none and is left out. */
    public static List<Highlight> of(SourceFile source) {
        Syntax syntax = DescriptionParser.syntax(source);
        Map<Integer, ParserRuleContext> parents = new HashMap<>();
        syntax.tree().ifPresent(tree -> collect(tree, parents));
        List<Highlight> highlights = new ArrayList<>();
        for (Token token : syntax.tokens()) {
            if (token.getType() == Token.EOF || token.getType() == CnnLexer.UNEXPECTED_CHAR) {
                continue;
            }
            Role role = role(token, parents.get(token.getTokenIndex()));
            if (role != null) {
                highlights.add(new Highlight(source.spanOfCodePoints(token.getStartIndex(), token.getStopIndex() + 1), role));
            }
        }
        return highlights;
    }

    /** The role of a token, by its kind and the rule it belongs to ({@code parent}, null outside the tree); null for punctuation. */
    public static Role role(Token token, ParserRuleContext parent) {
        return switch (token.getType()) {
            case CnnLexer.COMMENT -> Role.COMMENT;
            case CnnLexer.MODEL -> Role.MODEL;
            case CnnLexer.DEFAULTS -> Role.DEFAULTS;
            case CnnLexer.INPUT -> Role.INPUT;
            case CnnLexer.BLOCK -> Role.BLOCK;
            case CnnLexer.AS, CnnLexer.FROM, CnnLexer.RARROW, CnnLexer.BY, CnnLexer.FOR, CnnLexer.IN -> Role.CONTROL;
            case CnnLexer.ARROW -> Role.ASSERTION;
            case CnnLexer.DIMS -> Role.SIZE;
            case CnnLexer.INT, CnnLexer.DECIMAL -> Role.NUMBER;
            case CnnLexer.REPEAT, CnnLexer.XPAREN -> Role.REPEAT;
            case CnnLexer.X -> Role.TIMES;
            case CnnLexer.AT -> Role.FILTERS;
            case CnnLexer.INDIM -> Role.INPUT_DIMENSION;
            case CnnLexer.STRING -> parent instanceof CnnParser.NameContext ? Role.MODEL_NAME : Role.STRING;
            case CnnLexer.SLASH -> parent instanceof CnnParser.StrideModifierContext ? Role.STRIDE : Role.ARITHMETIC;
            case CnnLexer.PAD, CnnLexer.DIL, CnnLexer.GROUPS, CnnLexer.MULT -> Role.MODIFIER;
            case CnnLexer.CONV, CnnLexer.SEPCONV, CnnLexer.DECONV, CnnLexer.DWCONV, CnnLexer.MAXPOOL, CnnLexer.AVGPOOL,
                 CnnLexer.DENSE, CnnLexer.DROPOUT, CnnLexer.RESCALE, CnnLexer.UPSAMPLE, CnnLexer.ZEROPAD, CnnLexer.CROP,
                 CnnLexer.RESHAPE, CnnLexer.NORMALIZE, CnnLexer.SPLIT, CnnLexer.SHUFFLE, CnnLexer.ADD, CnnLexer.CONCAT,
                 CnnLexer.MULTIPLY, CnnLexer.MATMUL, CnnLexer.SELECT -> Role.LAYER;
            case CnnLexer.WORD -> word(token.getText(), parent);
            case CnnLexer.SEMI, CnnLexer.NEWLINE, CnnLexer.STAR, CnnLexer.PLUS, CnnLexer.MINUS, CnnLexer.PERCENT,
                 CnnLexer.LPAREN, CnnLexer.RPAREN, CnnLexer.LBRACE, CnnLexer.RBRACE, CnnLexer.LBRACK, CnnLexer.RBRACK,
                 CnnLexer.COMMA, CnnLexer.BAR,
                 CnnLexer.EQUALS, CnnLexer.UNEXPECTED_CHAR, CnnLexer.SPACE, Token.EOF -> null;
            default -> throw new IllegalStateException("no role for the lexer's token " + CnnLexer.VOCABULARY
                    .getDisplayName(token.getType()) + ": give it one in Highlights (and a scope in editors/vscode)");
        };
    }

    private static Role word(String word, ParserRuleContext parent) {
        if (parent instanceof CnnParser.BlockDefinitionContext) {
            return Role.BLOCK_DEFINITION;
        }
        if (parent instanceof CnnParser.ParameterContext) {
            return Role.PARAMETER;
        }
        if (parent instanceof CnnParser.CallStatementContext) {
            return Role.BLOCK_USE;
        }
        if (parent instanceof CnnParser.FunctionContext) {
            return Role.FUNCTION;
        }
        if (parent instanceof CnnParser.NameContext) {
            return Role.MODEL_NAME;
        }
        if (parent instanceof CnnParser.StatementContext || parent instanceof CnnParser.BranchContext
                || parent instanceof CnnParser.FromStatementContext || parent instanceof CnnParser.OutputNamesContext
                || parent instanceof CnnParser.BlockOutputsContext) {
            return Role.TENSOR; // as NAME, as (NAME, ...), from NAME, -> (NAME, ...)
        }
        if (parent instanceof CnnParser.WordModifierContext && parent.getParent() instanceof CnnParser.DefaultsStatementContext
                && cnnc.ast.Defaults.CONVENTIONS.containsKey(word)) {
            return Role.MODIFIER; // defaults torch
        }
        if (parent instanceof CnnParser.WordStatementContext || parent instanceof CnnParser.WordModifierContext) {
            if (LAYER_WORDS.contains(word)) {
                return Role.LAYER;
            }
            if (ACTIVATION_WORDS.contains(word)) {
                return Role.ACTIVATION;
            }
            if (MODIFIER_WORDS.contains(word)) {
                return Role.MODIFIER;
            }
            return parent instanceof CnnParser.WordStatementContext ? Role.BLOCK_USE : null;
        }
        if (MODIFIER_WORDS.contains(word) && (parent instanceof CnnParser.RescaleStatementContext
                || parent instanceof CnnParser.SplitStatementContext || parent instanceof CnnParser.NormalizeStatementContext)) {
            return Role.MODIFIER;
        }
        return Role.VARIABLE;
    }

    private static void collect(ParseTree node, Map<Integer, ParserRuleContext> parents) {
        for (int i = 0; i < node.getChildCount(); i++) {
            ParseTree child = node.getChild(i);
            if (child instanceof TerminalNode terminal) {
                parents.put(terminal.getSymbol().getTokenIndex(), (ParserRuleContext) node);
            } else {
                collect(child, parents);
            }
        }
    }

    private static Set<String> modifierWords() {
        Set<String> words = new HashSet<>();
        for (Modifier modifier : Modifier.values()) {
            if (modifier != Modifier.STRIDE && modifier != Modifier.ACTIVATION) {
                words.add(modifier.word());
            }
        }
        words.addAll(List.of("take", "offset", "mean", "variance"));
        return Set.copyOf(words);
    }

    private static Set<String> union(List<String> first, List<String> second) {
        Set<String> words = new HashSet<>(first);
        words.addAll(second);
        return Set.copyOf(words);
    }
}
