package cnnc.parse;

import cnnc.source.SourceFile;
import cnnc.source.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** The one place where ANTLR's token positions become cnnc spans. */
final class Spans {
    private final SourceFile source;

    Spans(SourceFile source) {
        this.source = source;
    }

    /** A token's place is the one the scanner gave it, but for a token the parser made up, which has none. */
    Span of(Token token) {
        return of(token, end(token));
    }

    private Span of(Token first, int end) {
        if (first.getStartIndex() < 0) {
            return source.spanOfCodePoints(start(first), end);
        }
        return source.spanOfCodePoints(first.getStartIndex(), end, first.getLine(), first.getCharPositionInLine() + 1);
    }

    /** From its first token's start to its last token's end: the two tokens' spans joined, without making them. */
    Span of(ParserRuleContext context) {
        Token start = context.getStart();
        Token stop = context.getStop();
        if (stop == null || stop.getTokenIndex() < start.getTokenIndex()) {
            return of(start);
        }
        return of(start, Math.max(end(start), end(stop)));
    }

    /** A token's first code point, 0 for one the parser made up while recovering (which has no place). */
    private static int start(Token token) {
        return Math.max(0, token.getStartIndex());
    }

    /** Where a token ends: EOF and a made-up token are empty. */
    private static int end(Token token) {
        return token.getType() == Token.EOF || token.getStartIndex() < 0 ? start(token) : token.getStopIndex() + 1;
    }

    SourceFile source() {
        return source;
    }
}
