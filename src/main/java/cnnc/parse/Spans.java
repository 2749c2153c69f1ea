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

    Span of(Token token) {
        if (token.getType() == Token.EOF || token.getStartIndex() < 0) {
            int at = Math.max(0, token.getStartIndex());
            return source.spanOfCodePoints(at, at);
        }
        return source.spanOfCodePoints(token.getStartIndex(), token.getStopIndex() + 1);
    }

    Span of(ParserRuleContext context) {
        Span start = of(context.getStart());
        Token stop = context.getStop();
        if (stop == null || stop.getTokenIndex() < context.getStart().getTokenIndex()) {
            return start;
        }
        return start.to(of(stop));
    }

    SourceFile source() {
        return source;
    }
}
