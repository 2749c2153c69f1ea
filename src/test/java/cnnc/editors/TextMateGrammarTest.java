package cnnc.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.ast.ActivationKind;
import cnnc.ast.LayerKind;
import cnnc.ast.Modifier;
import cnnc.grammar.CnnLexer;
import cnnc.grammar.CnnParser;
import cnnc.parse.DescriptionParser;
import cnnc.parse.Syntax;
import cnnc.source.SourceFile;
import cnnc.testing.NodePackages;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The TextMate grammar of editors/vscode, run by vscode-textmate and vscode-oniguruma (VS Code's own
 * tokeniser, from npm) over every sample and over a description holding every word of the language,
 * in one node process. cnnc's lexer and parse tree are the reference: each of their tokens must have
 * the scope its role calls for (a layer word, a modifier, a number, a size, a comment, a block's name
 * where it is defined and where it is used, an assertion, model and input). The words come from the
 * program's lists (LayerKind, Modifier, ActivationKind) and the lexer's keywords, so a word the
 * language gains fails here until the TextMate grammar knows it.
 */
class TextMateGrammarTest {
    private static final Path GRAMMAR = Path.of("editors/vscode/syntaxes/cnn.tmLanguage.json");
    private static final String EVERY_WORD = "every word of the language";
    private static final Set<String> MODIFIER_WORDS = Stream.concat(Stream.of(Modifier.values())
            .filter(m -> m != Modifier.STRIDE && m != Modifier.ACTIVATION).map(m -> m.word()),
            Stream.of("take", "offset", "mean", "variance")).collect(Collectors.toSet());
    private static final Set<String> ACTIVATION_WORDS = Stream.concat(ActivationKind.WORDS.stream(), Stream.of("silu"))
            .collect(Collectors.toSet());
    private static final Set<String> LAYER_WORDS = Stream.concat(LayerKind.statementWords().stream(), Stream.of("identity"))
            .collect(Collectors.toSet());

    private static final Map<String, String> texts = new LinkedHashMap<>();
    private static final Map<String, JsonNode> tokenised = new HashMap<>();

    @BeforeAll
    static void tokeniseEverything() throws Exception {
        for (Path sample : Samples.under("")) {
            if (DescriptionParser.parse(Samples.source(sample)).diagnostics().isEmpty()) {
                texts.put(sample.toString(), Samples.source(sample).text());
            }
        }
        texts.put(EVERY_WORD, everyWord());
        Path folder = NodePackages.install();
        ObjectMapper json = new ObjectMapper();
        ArrayNode input = json.createArrayNode();
        texts.forEach((name, text) -> input.addObject().put("name", name).put("text", text));
        Path in = folder.resolve("input.json");
        Path out = folder.resolve("output.json");
        json.writeValue(in.toFile(), input);
        Files.deleteIfExists(out);
        NodePackages.run(folder, "node", "tokenize.js", GRAMMAR.toAbsolutePath().toString(), in.toAbsolutePath().toString(),
                out.toAbsolutePath().toString());
        json.readTree(out.toFile()).forEach(file -> tokenised.put(file.get("name").asText(), file.get("lines")));
    }

    /**
     * Every word in a statement that parses: each kind's examples from LayerKind (docs/language.md's), each
     * modifier and activation after a layer, every keyword of the lexer, a block defined and used.
     */
    private static String everyWord() {
        List<String> lines = new ArrayList<>(List.of("model \"every word\"", "input 8x8x3",
                "block pair(f, s=1, k=s) { conv f@k /s same; bn } # a block", "pair(4, s=2) as p => 4x4x4",
                "pair x2; add { from p | identity }", "rescale 1/s offset o; dropout r; conv 2*in.c@h x w dil 2 groups 2"));
        Matcher examples = Pattern.compile("`([^`]+)`").matcher(Stream.of(LayerKind.values()).map(LayerKind::example)
                .collect(Collectors.joining(" ")));
        while (examples.find()) {
            lines.add(examples.group(1));
        }
        MODIFIER_WORDS.stream().sorted().forEach(word -> lines.add("gap " + word + " 1"));
        ACTIVATION_WORDS.stream().sorted().forEach(word -> lines.add(word + "; dense 2 " + word));
        return String.join("\n", lines) + "\n";
    }

    @Test
    void theSamplesAndEveryWordAreTokenised() {
        assertTrue(texts.size() > 20, "the samples without mistakes: " + texts.keySet());
        String words = texts.get(EVERY_WORD);
        for (int type = 1; type <= CnnLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = CnnLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && literal.matches("'[a-z]+'")) {
                String word = literal.substring(1, literal.length() - 1);
                assertTrue(Pattern.compile("\\b" + word + "\\b").matcher(words).find(), "the lexer's word " + word);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTokenHasTheScopeOfItsRole() {
        return texts.keySet().stream().map(name -> DynamicTest.dynamicTest(name, () -> checkScopes(name)));
    }

    private static void checkScopes(String name) {
        SourceFile source = new SourceFile(name, texts.get(name));
        Syntax syntax = DescriptionParser.syntax(source);
        assertEquals(List.of(), syntax.errors());
        Map<Integer, ParserRuleContext> parents = new HashMap<>();
        collect(syntax.tree().orElseThrow(), parents);
        JsonNode lines = tokenised.get(name);
        List<String> wrong = new ArrayList<>();
        for (Token token : syntax.tokens()) {
            String expected = expected(token, parents.get(token.getTokenIndex()));
            if (expected == null) {
                continue;
            }
            String line = source.line(token.getLine());
            int start = line.offsetByCodePoints(0, token.getCharPositionInLine());
            int last = start + token.getText().length() - 1;
            for (int at : new int[] {start, last}) {
                List<String> scopes = scopesAt(lines.get(token.getLine() - 1), at);
                if (scopes.stream().noneMatch(s -> s.equals(expected)
                        || (expected.equals("constant.numeric") && s.startsWith("constant.numeric")))) {
                    wrong.add(token.getLine() + ":" + (token.getCharPositionInLine() + 1) + " '" + token.getText() + "' "
                            + "should be " + expected + ", is " + scopes);
                    break;
                }
            }
        }
        if (!wrong.isEmpty()) {
            fail(name + ": " + wrong.size() + " tokens with the wrong scope:\n" + String.join("\n", wrong));
        }
    }

    private static List<String> scopesAt(JsonNode line, int at) {
        for (JsonNode token : line) {
            if (token.get("start").asInt() <= at && at < token.get("end").asInt()) {
                List<String> scopes = new ArrayList<>();
                token.get("scopes").forEach(s -> scopes.add(s.asText()));
                return scopes;
            }
        }
        return List.of();
    }

    /** The scope a token must have, by its kind and the rule it belongs to; null for punctuation. */
    private static String expected(Token token, ParserRuleContext parent) {
        return switch (token.getType()) {
            case CnnLexer.COMMENT -> "comment.line.number-sign.cnn";
            case CnnLexer.MODEL -> "keyword.other.model.cnn";
            case CnnLexer.INPUT -> "keyword.other.input.cnn";
            case CnnLexer.BLOCK -> "keyword.other.block.cnn";
            case CnnLexer.AS, CnnLexer.FROM -> "keyword.control.cnn";
            case CnnLexer.ARROW -> "keyword.operator.assertion.cnn";
            case CnnLexer.DIMS -> "constant.numeric.size.cnn";
            case CnnLexer.INT, CnnLexer.DECIMAL -> "constant.numeric";
            case CnnLexer.REPEAT, CnnLexer.XPAREN -> "keyword.operator.repeat.cnn";
            case CnnLexer.X -> "keyword.operator.times.cnn";
            case CnnLexer.AT -> "keyword.operator.filters.cnn";
            case CnnLexer.INDIM -> "variable.language.input-dimension.cnn";
            case CnnLexer.STRING -> parent instanceof CnnParser.NameContext ? "entity.name.type.model.cnn"
                    : "string.quoted.double.cnn";
            case CnnLexer.SLASH -> parent instanceof CnnParser.StrideModifierContext ? "keyword.operator.stride.cnn"
                    : "keyword.operator.arithmetic.cnn";
            case CnnLexer.PAD, CnnLexer.DIL, CnnLexer.GROUPS, CnnLexer.MULT -> "storage.modifier.cnn";
            case CnnLexer.CONV, CnnLexer.SEPCONV, CnnLexer.DECONV, CnnLexer.DWCONV, CnnLexer.MAXPOOL, CnnLexer.AVGPOOL,
                 CnnLexer.DENSE, CnnLexer.DROPOUT, CnnLexer.RESCALE, CnnLexer.UPSAMPLE, CnnLexer.ZEROPAD, CnnLexer.CROP,
                 CnnLexer.RESHAPE, CnnLexer.NORMALIZE, CnnLexer.SPLIT, CnnLexer.SHUFFLE, CnnLexer.ADD, CnnLexer.CONCAT,
                 CnnLexer.MULTIPLY -> "support.function.layer.cnn";
            case CnnLexer.WORD -> word(token.getText(), parent);
            case CnnLexer.SEMI, CnnLexer.NEWLINE, CnnLexer.STAR, CnnLexer.PLUS, CnnLexer.MINUS, CnnLexer.PERCENT,
                 CnnLexer.LPAREN, CnnLexer.RPAREN, CnnLexer.LBRACE, CnnLexer.RBRACE, CnnLexer.COMMA, CnnLexer.BAR,
                 CnnLexer.EQUALS, Token.EOF -> null;
            default -> throw new AssertionError("the test does not know the lexer's token " + CnnLexer.VOCABULARY
                    .getDisplayName(token.getType()) + ": give it a scope here and in " + GRAMMAR);
        };
    }

    private static String word(String word, ParserRuleContext parent) {
        if (parent instanceof CnnParser.BlockDefinitionContext) {
            return "entity.name.function.definition.cnn";
        }
        if (parent instanceof CnnParser.ParameterContext) {
            return "variable.parameter.cnn";
        }
        if (parent instanceof CnnParser.CallStatementContext) {
            return "entity.name.function.call.cnn";
        }
        if (parent instanceof CnnParser.NameContext) {
            return "entity.name.type.model.cnn";
        }
        if (parent instanceof CnnParser.StatementContext || parent instanceof CnnParser.BranchContext) {
            return "variable.other.tensor.cnn"; // as NAME, from NAME
        }
        if (parent instanceof CnnParser.WordStatementContext || parent instanceof CnnParser.WordModifierContext) {
            if (LAYER_WORDS.contains(word)) {
                return "support.function.layer.cnn";
            }
            if (ACTIVATION_WORDS.contains(word)) {
                return "support.constant.activation.cnn";
            }
            if (MODIFIER_WORDS.contains(word)) {
                return "storage.modifier.cnn";
            }
            return parent instanceof CnnParser.WordStatementContext ? "entity.name.function.call.cnn" : null;
        }
        if (MODIFIER_WORDS.contains(word) && (parent instanceof CnnParser.RescaleStatementContext
                || parent instanceof CnnParser.SplitStatementContext || parent instanceof CnnParser.NormalizeStatementContext)) {
            return "storage.modifier.cnn";
        }
        return "variable.other.cnn";
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
}
