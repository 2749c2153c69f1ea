package cnnc.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnnc.grammar.CnnLexer;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/** {@link TokenScanner}'s tokens beside the generated lexer's, for its test and for the fuzzing target. */
public final class LexerComparison {
    private LexerComparison() {
    }

    /** Fails at the first token where the two lexers differ (type, channel, offsets, line, column or text). */
    public static void assertSameTokens(String text) {
        List<Token> expected = generated(text);
        List<Token> actual = scanned(text);
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String want = i < expected.size() ? describe(expected.get(i)) : "(none)";
            String got = i < actual.size() ? describe(actual.get(i)) : "(none)";
            assertEquals(want, got, () -> "token " + want + " of " + escaped(text));
        }
    }

    private static String describe(Token token) {
        return CnnLexer.VOCABULARY.getSymbolicName(token.getType()) + " channel " + token.getChannel() + " at "
                + token.getStartIndex() + ".." + token.getStopIndex() + " line " + token.getLine() + ":"
                + token.getCharPositionInLine() + " '" + escaped(token.getText()) + "'";
    }

    private static List<Token> generated(String text) {
        CnnLexer lexer = new CnnLexer(CharStreams.fromString(text, "test"));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        return tokens.getTokens();
    }

    static List<Token> scanned(String text) {
        return TokenScanner.scan(text, "test").tokens();
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '\\' ? Character.toString(c)
                : String.format("\\u{%x}", c)));
        return out.toString();
    }
}
