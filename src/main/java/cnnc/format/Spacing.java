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
            return after.getStartIndex() > before.getStopIndex() + 1;
        }
        return !tightAfter(before) && !tightBefore(after);
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
            case CnnLexer.WORD -> roles.is(token, CnnParser.InputStatementContext.class); // input 224xWx3's xWx3
            case CnnLexer.SLASH -> !roles.is(token, CnnParser.StrideModifierContext.class);
            case CnnLexer.LPAREN -> roles.is(token, CnnParser.CallStatementContext.class)
                    || roles.is(token, CnnParser.BlockDefinitionContext.class) || roles.is(token, CnnParser.FunctionContext.class);
            default -> false;
        };
    }
}
