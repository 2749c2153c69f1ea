package cnnc.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.ast.LayerKind;
import cnnc.editor.Highlights;
import cnnc.grammar.CnnLexer;
import cnnc.parse.DescriptionParser;
import cnnc.parse.Syntax;
import cnnc.source.SourceFile;
import cnnc.testing.Cases;
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
    private static final Set<String> MODIFIER_WORDS = Highlights.MODIFIER_WORDS;
    private static final Set<String> ACTIVATION_WORDS = Highlights.ACTIVATION_WORDS;

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
        List<String> lines = new ArrayList<>(List.of("model \"every word\"", "defaults torch bn eps 0.00001 momentum 0.1",
                "input 8x8x3", "block fn(f, r=0.25) { conv divisible(f * r, 8)@max(1, round(2.5)) groups min(2, 1); bn momentum 0.3 }", "fn(8)", "block mix(ks) { concat for i, k in ks { split len(ks) take i; dwconv k same } }", "mix([3, 5])",
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
        return texts.keySet().stream().map(name -> Cases.named(name, () -> checkScopes(name)));
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
            fail(name + ": " + wrong.size() + " tokens with the wrong scope in " + GRAMMAR + " (a word the language "
                    + "gains goes in its lists):\n" + String.join("\n", wrong));
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

    /** The scope a token must have: the one of the role the compiler's highlighting gives it; null for punctuation. */
    private static String expected(Token token, ParserRuleContext parent) {
        Highlights.Role role = Highlights.role(token, parent);
        return role == null ? null : role.scope();
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
