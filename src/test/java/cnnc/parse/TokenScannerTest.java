package cnnc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.grammar.CnnLexer;
import cnnc.testing.Samples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * {@link TokenScanner} against the lexer ANTLR generates from the grammar ({@link CnnLexer}), token for token:
 * type, channel, start and stop offsets, line, column and text, EOF included. The inputs: every sample and
 * fuzzing regression input, each with thousands of one-character edits, and random text over the characters
 * where the rules meet (digits, {@code x}, {@code .}, {@code in.}, quotes and escapes, line ends, keywords and
 * their prefixes, every literal of the grammar's vocabulary, characters outside the grammar and outside the BMP).
 */
class TokenScannerTest {
    /** The characters and pieces random text is made of: where two rules could both match, and what neither does. */
    private static final String[] PIECES = {"x", "x", "x(", "X", "0", "7", "42", ".", ".", "in.", "in", "h", "w", "c",
        "i", "n", "\"", "\"", "\\", "\\\"", "\r", "\n", "\r\n", "#", " ", "\t", "\f", "\uFEFF", ";", "@", "/", "*",
        "+", "-", "%", "(", ")", "{", "}", ",", "|", "=", "=>", ">", "_", "a", "Z", "conv", "as", "add", "dil",
        "mult", "multiply", "normalize", "input", "model", "relu", "é", "😀", "\ud800", "\udc00", "\u0000", "$", "'", "3x3", "1.5"};

    /**
     * Every literal of the grammar's vocabulary ({@code 'conv'}, {@code 'pixelshuffle'}, {@code '=>'}) is its own
     * token, whatever its length; with a character more, or one fewer, a word is another token, as the generated
     * lexer says.
     */
    @Test
    void everyLiteralOfTheGrammarsVocabularyScansToItsToken() {
        for (int type = 1; type <= CnnLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = literal(type);
            if (literal == null) {
                continue;
            }
            String name = CnnLexer.VOCABULARY.getSymbolicName(type);
            assertEquals(List.of(name), types(literal), "'" + literal + "' scans to " + name);
            for (String text : List.of(literal + "2", literal + "_", literal + "x", literal.substring(0, literal.length() - 1),
                    literal + " " + literal + ";" + literal, "x" + literal, literal + "(")) {
                LexerComparison.assertSameTokens(text);
            }
        }
    }

    /** The text of a literal token ({@code conv} for CONV), null for a token without one (WORD). */
    private static String literal(int type) {
        String quoted = CnnLexer.VOCABULARY.getLiteralName(type);
        return quoted == null ? null : quoted.substring(1, quoted.length() - 1);
    }

    @Test
    void everySampleAndFuzzInputGivesTheGeneratedLexersTokens() throws IOException {
        List<String> texts = corpus();
        for (String text : texts) {
            LexerComparison.assertSameTokens(text);
        }
        assertTrue(texts.size() > 70, "the samples and fuzz inputs were found: " + texts.size());
    }

    @Test
    void oneCharacterEditsOfTheSamplesGiveTheSameTokens() throws IOException {
        Random random = new Random(20261129);
        int edits = 0;
        for (String text : corpus()) {
            for (int i = 0; i < 60 && !text.isEmpty(); i++) {
                int at = random.nextInt(text.length());
                String piece = PIECES[random.nextInt(PIECES.length)];
                String edited = switch (random.nextInt(3)) {
                    case 0 -> text.substring(0, at) + piece + text.substring(at);
                    case 1 -> text.substring(0, at) + text.substring(at + 1);
                    default -> text.substring(0, at) + piece + text.substring(at + 1);
                };
                LexerComparison.assertSameTokens(edited);
                edits++;
            }
        }
        assertTrue(edits > 4000, "edits tried: " + edits);
    }

    @Test
    void randomTextOverTheCharactersWhereRulesMeetGivesTheSameTokens() {
        Random random = new Random(42);
        for (int i = 0; i < 30_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(12);
            for (int p = 0; p < pieces; p++) {
                int piece = random.nextInt(PIECES.length + CnnLexer.VOCABULARY.getMaxTokenType());
                String literal = piece < PIECES.length ? PIECES[piece] : literal(piece - PIECES.length + 1);
                text.append(literal == null ? "" : literal);
            }
            LexerComparison.assertSameTokens(text.toString());
        }
    }

    @Test
    void theCasesWhereTwoRulesMatchAreDecidedAsTheGrammarDoes() {
        // the longest match, and of equal ones the rule written first
        assertEquals(List.of("REPEAT"), types("x2"));
        assertEquals(List.of("WORD"), types("x2a"));
        assertEquals(List.of("X"), types("x"));
        assertEquals(List.of("XPAREN", "WORD", "RPAREN"), types("x(n)"));
        assertEquals(List.of("DIMS", "X"), types("3x3x"));
        assertEquals(List.of("DECIMAL", "X"), types("3.x"));
        assertEquals(List.of("DIMS", "DECIMAL"), types("3x3.5"));
        assertEquals(List.of("INDIM", "IN", "UNEXPECTED_CHAR", "WORD"), types("in.hin.q")); // 'in' is a keyword (for k in ks)
        assertEquals(List.of("CONV", "WORD", "AS", "WORD"), types("conv conv2 as asx"));
        assertEquals(List.of("UNEXPECTED_CHAR", "WORD"), types("\"abc"));
        assertEquals(List.of("STRING"), types("\"a\\\"b\""));
        assertEquals(List.of("NEWLINE", "NEWLINE", "NEWLINE"), types("\r\n\r\r\n"));
        assertEquals(List.of("ARROW", "EQUALS", "ARROW", "UNEXPECTED_CHAR"), types("=>==>>"));
    }

    private static List<String> types(String text) {
        List<String> types = new ArrayList<>();
        for (Token token : LexerComparison.scanned(text)) {
            if (token.getType() != Token.EOF) {
                types.add(CnnLexer.VOCABULARY.getSymbolicName(token.getType()));
            }
        }
        return types;
    }

    private static List<String> corpus() throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path sample : Samples.under("")) {
            texts.add(Files.readString(sample, StandardCharsets.UTF_8));
        }
        for (String folder : List.of("src/test/resources/training", "src/test/resources/cnnc/fuzz")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    texts.add(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
                }
            }
        }
        return texts;
    }
}
