package cnnc.parse;

import java.util.Arrays;
import java.util.List;
import org.antlr.v4.runtime.RuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * The scanned tokens as the parser reads them: ANTLR's {@code CommonTokenStream} over the default channel, for
 * tokens that are all there from the start, in an array. The parser asks for the next token and its type several
 * times per token; there it is at hand, where ANTLR's stream first checks whether it has it, fetches, and looks
 * along the channel (15 % of checking a 1 MiB description). Comments, on the hidden channel, are stepped over.
 */
final class ScannedTokens implements TokenStream {
    private final TokenSource source;
    private Token[] tokens;
    /** The next token the parser reads: always one on the default channel (the last token, EOF, is). */
    private int p;
    /** The one on the default channel before it, or -1: the parser asks for it as each rule ends. */
    private int previous;

    /** @param tokens every token, comments among them, ending with EOF; each token's index its place here */
    ScannedTokens(TokenSource source, Token[] tokens) {
        this.source = source;
        this.tokens = tokens;
        this.p = onChannelFrom(0);
        this.previous = -1;
    }

    /** Every token, comments among them, ending with EOF. */
    List<Token> tokens() {
        return Arrays.asList(tokens);
    }

    /** Lets go of the tokens once parsed: the parse tree's terminals keep their own, and go with its parts. */
    void letGo() {
        tokens = new Token[] {tokens[tokens.length - 1]};
        p = 0;
        previous = -1;
    }

    /** The first token on the default channel from {@code i} on (EOF at the latest). */
    private int onChannelFrom(int i) {
        int last = tokens.length - 1;
        while (i < last && tokens[i].getChannel() != Token.DEFAULT_CHANNEL) {
            i++;
        }
        return Math.min(i, last);
    }

    /** The last token on the default channel at or before {@code i}, or -1. */
    private int onChannelUpTo(int i) {
        while (i >= 0 && tokens[i].getChannel() != Token.DEFAULT_CHANNEL) {
            i--;
        }
        return i;
    }

    @Override
    public Token LT(int k) {
        if (k == 1) {
            return tokens[p];
        } else if (k == -1) {
            return previous < 0 ? null : tokens[previous];
        } else if (k == 0 || p + k < 0) {
            return null;
        } else if (k < 0) {
            int i = p;
            for (int n = 1; n <= -k && i > 0; n++) {
                i = onChannelUpTo(i - 1);
            }
            return i < 0 ? null : tokens[i];
        }
        int i = p;
        for (int n = 1; n < k && i + 1 < tokens.length; n++) {
            i = onChannelFrom(i + 1);
        }
        return tokens[i];
    }

    @Override
    public int LA(int i) {
        Token token = LT(i);
        return token == null ? Token.INVALID_TYPE : token.getType();
    }

    @Override
    public void consume() {
        if (p == tokens.length - 1) {
            throw new IllegalStateException("cannot consume EOF");
        }
        previous = p;
        p = onChannelFrom(p + 1);
    }

    @Override
    public Token get(int index) {
        if (index < 0 || index >= tokens.length) {
            throw new IndexOutOfBoundsException("token index " + index + " out of range 0.." + (tokens.length - 1));
        }
        return tokens[index];
    }

    @Override
    public int mark() {
        return 0;
    }

    @Override
    public void release(int marker) {
        // every token is kept until the parse is done
    }

    @Override
    public int index() {
        return p;
    }

    @Override
    public void seek(int index) {
        if (index != p) { // as after most predictions, which decide on the next token without taking it
            p = onChannelFrom(index);
            previous = onChannelUpTo(p - 1);
        }
    }

    @Override
    public int size() {
        return tokens.length;
    }

    @Override
    public String getSourceName() {
        return source.getSourceName();
    }

    @Override
    public TokenSource getTokenSource() {
        return source;
    }

    /** The text of the tokens from {@code interval.a} to {@code interval.b}, comments among them, as ANTLR's stream gives it. */
    @Override
    public String getText(Interval interval) {
        if (interval.a < 0 || interval.b < 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = interval.a; i <= Math.min(interval.b, tokens.length - 1) && tokens[i].getType() != Token.EOF; i++) {
            text.append(tokens[i].getText());
        }
        return text.toString();
    }

    @Override
    public String getText() {
        return getText(Interval.of(0, tokens.length - 1));
    }

    @Override
    public String getText(RuleContext context) {
        return getText(context.getSourceInterval());
    }

    @Override
    public String getText(Token start, Token stop) {
        return start == null || stop == null ? "" : getText(Interval.of(start.getTokenIndex(), stop.getTokenIndex()));
    }
}
