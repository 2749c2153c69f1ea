package cnnc.parse;

import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.grammar.CnnLexer;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.Token;

/**
 * The language's limits on its tokens, checked in one pass before anything is parsed, so that no
 * input makes the parser, the checker or a message grow beyond them: brackets nested at most
 * {@value #MAX_DEPTH} deep (ANTLR's prediction and every recursive pass after it cost more with
 * each level), words and numbers of at most {@value #MAX_TOKEN_LENGTH} characters (messages quote
 * them), and at most {@value #MAX_OPERATORS} operators in a statement (an expression is a tree as
 * deep as its operators). The first token beyond a limit is reported (E0104), and the description
 * is not read further.
 */
final class TokenLimits {
    static final int MAX_DEPTH = 64;
    static final int MAX_TOKEN_LENGTH = 256;
    static final int MAX_OPERATORS = 256;

    private TokenLimits() {
    }

    /** True if every token is within the limits; otherwise the first one beyond is reported. */
    static boolean check(List<Token> tokens, Spans spans, Diagnostics diagnostics) {
        int depth = 0;
        int operators = 0;
        for (Token token : tokens) {
            if (token.getChannel() != Token.DEFAULT_CHANNEL) {
                continue; // a comment: as long as it likes, and never quoted
            }
            int length = token.getStopIndex() - token.getStartIndex() + 1;
            if (length > MAX_TOKEN_LENGTH) {
                return beyond(token, spans, diagnostics, String.format(Locale.ROOT, "this word, number or quoted name "
                        + "is %,d characters long; each is at most %d", length, MAX_TOKEN_LENGTH));
            }
            switch (token.getType()) {
                case CnnLexer.LPAREN, CnnLexer.XPAREN, CnnLexer.LBRACE -> {
                    if (++depth > MAX_DEPTH) {
                        return beyond(token, spans, diagnostics, "brackets are nested more than " + MAX_DEPTH
                                + " levels deep here", "move the inner part into a block of its own");
                    }
                }
                case CnnLexer.RPAREN, CnnLexer.RBRACE -> depth = Math.max(0, depth - 1);
                case CnnLexer.PLUS, CnnLexer.MINUS, CnnLexer.STAR, CnnLexer.SLASH, CnnLexer.PERCENT -> {
                    if (++operators > MAX_OPERATORS) {
                        return beyond(token, spans, diagnostics, "this statement has more than " + MAX_OPERATORS
                                + " operators", "give parts of the expression a name: a block parameter");
                    }
                }
                case CnnLexer.SEMI, CnnLexer.NEWLINE, CnnLexer.BAR -> operators = 0;
                default -> {
                    // other tokens count towards no limit
                }
            }
        }
        return true;
    }

    private static boolean beyond(Token token, Spans spans, Diagnostics diagnostics, String message, String... hints) {
        diagnostics.add(Code.E0104, spans.of(token), message + "; the description is not read further", hints);
        return false;
    }
}
