package cnnc.format;

import cnnc.grammar.CnnLexer;
import cnnc.grammar.CnnParser;
import org.antlr.v4.runtime.Token;

/**
 * Whether a space goes between two tokens of a line: one space between words, none inside a size
 * or an expression ({@code 4*f@1}, {@code in.c/2}, {@code x(n-1)}), none after a stride's
 * {@code /}, a sign or an opening parenthesis or bracket, none before {@code , ; ) ]} or a call's or
 * function's parenthesis ({@code divisible(f*0.25, 8)}, {@code [3, 5, 7]}),
 * none around the {@code =} of an argument ({@code s=2}). Tokens the parser kept unread (after a
 * word that names no layer) keep the spacing they were written with.
 */
final class Spacing {
    private final Roles roles;

    Spacing(Roles roles) {
        this.roles = roles;
    }

    boolean spaced(Token before, Token after) {
        if (roles.isUnread(before) || roles.isUnread(after)) {
            return asWritten(before, after);
        }
        if (after.getType() == CnnLexer.WORD && roles.is(after, CnnParser.InputStatementContext.class)) {
            return !isSizesTail(before, after) && asWritten(before, after);
        }
        return !tightAfter(before) && !tightBefore(after);
    }

    /**
     * {@code input 224xWx3} lexes as the number 224 and the word xWx3, which follows it tight. Any other word
     * there ({@code input Hx3 W}, {@code input 224 x3}) is a mistake the checker reports; it keeps its space,
     * without which it would run into the token before it and make another.
     */
    private static boolean isSizesTail(Token before, Token after) {
        String tail = after.getText();
        return (before.getType() == CnnLexer.INT || before.getType() == CnnLexer.DIMS) && tail.startsWith("x")
                && tail.length() > 1 && !Character.isDigit(tail.charAt(1)); // 224 x3 tight would be 224x3, one token
    }

    private static boolean asWritten(Token before, Token after) {
        return after.getStartIndex() > before.getStopIndex() + 1;
    }

    private boolean tightAfter(Token token) {
        return switch (token.getType()) {
            case CnnLexer.LPAREN, CnnLexer.XPAREN, CnnLexer.AT, CnnLexer.EQUALS, CnnLexer.STAR, CnnLexer.PERCENT,
                 CnnLexer.PLUS, CnnLexer.MINUS, CnnLexer.SLASH, CnnLexer.LBRACK -> true;
            default -> false;
        };
    }

    private boolean tightBefore(Token token) {
        return switch (token.getType()) {
            case CnnLexer.RPAREN, CnnLexer.COMMA, CnnLexer.SEMI, CnnLexer.AT, CnnLexer.EQUALS, CnnLexer.STAR,
                 CnnLexer.PERCENT, CnnLexer.PLUS, CnnLexer.RBRACK -> true;
            case CnnLexer.MINUS -> roles.is(token, CnnParser.AdditiveContext.class);
            case CnnLexer.SLASH -> !roles.is(token, CnnParser.StrideModifierContext.class);
            case CnnLexer.LPAREN -> roles.is(token, CnnParser.CallStatementContext.class)
                    || roles.is(token, CnnParser.BlockDefinitionContext.class) || roles.is(token, CnnParser.FunctionContext.class);
            default -> false;
        };
    }
}
