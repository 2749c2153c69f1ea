package cnnc.parse;

import cnnc.ast.Words;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.grammar.CnnLexer;
import cnnc.grammar.CnnParser;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Turns ANTLR's syntax errors into diagnostics that say what was expected in words ("a size such as
 * 3x3"), with the usage of the statement being written. One error per line: after the first,
 * the rest of a broken line says little.
 */
final class SyntaxErrors extends BaseErrorListener {
    private static final Map<Class<?>, String> USAGE = Map.of(
            CnnParser.ModelStatementContext.class, "model NAME",
            CnnParser.InputStatementContext.class, "input HxWxC (an image) or input N (a vector), e.g. input 28x28x1",
            CnnParser.ConvStatementContext.class, "conv FILTERS@KERNEL [modifiers], e.g. conv 32@3x3 same relu",
            CnnParser.PoolStatementContext.class, "maxpool KxK [/S] [valid|same], e.g. maxpool 2x2",
            CnnParser.DenseStatementContext.class, "dense UNITS [activation] [nobias], e.g. dense 10 softmax",
            CnnParser.DropoutStatementContext.class, "dropout RATE, e.g. dropout 0.5");

    private final Spans spans;
    private final Diagnostics diagnostics;
    private final Set<Integer> linesWithErrors = new HashSet<>();

    SyntaxErrors(Spans spans, Diagnostics diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int column,
                            String antlrMessage, RecognitionException e) {
        if (!(recognizer instanceof Parser parser) || !(offendingSymbol instanceof Token token)) {
            return; // the lexer never fails: stray characters become UNEXPECTED_CHAR tokens
        }
        Span span = spans.of(token);
        if (!linesWithErrors.add(span.line())) {
            return;
        }
        CnnParser.CallStatementContext call = enclosingCall(parser.getContext());
        if (call != null && ForeignCall.isFrameworkLayer(call.getStart().getText())) {
            String name = call.getStart().getText();
            Span at = spans.of(call.getStart());
            String rest = spans.source().text().substring(at.start());
            diagnostics.add(Code.E0200, at, "unknown layer '" + name + "'",
                    ForeignCall.note(name, ForeignCall.arguments(rest)));
            return;
        }
        if (token.getType() == CnnLexer.UNEXPECTED_CHAR) {
            diagnostics.add(Code.E0101, span, "unexpected character '" + token.getText() + "'",
                    characterHint(token.getText()));
            return;
        }
        String message = "expected " + expected(parser, token) + ", found " + found(token);
        String usage = usage(parser.getContext());
        if (token.getType() == CnnParser.MINUS && parser.getExpectedTokens().contains(CnnParser.INT)) {
            diagnostics.add(Code.E0100, span, message, "sizes and counts are positive whole numbers; there are no negative values");
        } else if (endsStatement(parser.getExpectedTokens()) && isStatementStart(token.getType())) {
            diagnostics.add(Code.E0100, span, message, "statements are separated by ';' or a new line: is one missing before '"
                    + token.getText() + "'?");
        } else if (usage != null) {
            diagnostics.add(Code.E0100, span, message, "write " + usage);
        } else {
            diagnostics.add(Code.E0100, span, message);
        }
    }

    private static CnnParser.CallStatementContext enclosingCall(ParserRuleContext context) {
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            if (c instanceof CnnParser.CallStatementContext call) {
                return call;
            }
        }
        return null;
    }

    private static String found(Token token) {
        return switch (token.getType()) {
            case Token.EOF -> "the end of the file";
            case CnnParser.NEWLINE -> "the end of the line";
            default -> "'" + shorten(token.getText()) + "'";
        };
    }

    /** The token before {@code offending} that the parser reads (comments aside), or null at the start. */
    private static Token previous(Parser parser, Token offending) {
        for (int i = offending.getTokenIndex() - 1; i >= 0; i--) {
            Token token = parser.getTokenStream().get(i);
            if (token.getChannel() == Token.DEFAULT_CHANNEL) {
                return token;
            }
        }
        return null;
    }

    private static String expected(Parser parser, Token offending) {
        IntervalSet tokens = parser.getExpectedTokens();
        Token previous = previous(parser, offending);
        boolean atStatementStart = previous == null || previous.getType() == CnnParser.SEMI
                || previous.getType() == CnnParser.NEWLINE;
        Set<String> words = new LinkedHashSet<>();
        if (tokens.contains(CnnParser.WORD) && tokens.contains(CnnParser.STRING)) {
            return "a name";
        }
        if ((tokens.contains(CnnParser.CONV) && tokens.contains(CnnParser.DENSE))
                || (atStatementStart && tokens.contains(Token.EOF))) {
            return "a statement (a layer word such as conv, maxpool, dense)";
        }
        boolean numbersSaid = true;
        if (tokens.contains(CnnParser.INT) && tokens.contains(CnnParser.DIMS)) {
            words.add("a size such as 3x3 or 3");
        } else if (tokens.contains(CnnParser.INT) && tokens.contains(CnnParser.INDIM)) {
            // an expression, where a decimal may stand only to be made whole (round, divisible): a count is one
            words.add("a whole number or a parameter's name");
        } else if (tokens.contains(CnnParser.INT) && tokens.contains(CnnParser.DECIMAL)) {
            words.add("a number such as 0.5");
        } else if (tokens.contains(CnnParser.INT) && tokens.contains(CnnParser.WORD)) {
            words.add("a whole number or a parameter's name");
        } else {
            numbersSaid = false;
        }
        for (int type : tokens.toArray()) {
            String word = describe(type);
            boolean number = type == CnnParser.INT || type == CnnParser.DIMS || type == CnnParser.DECIMAL
                    || type == CnnParser.WORD || type == CnnParser.INDIM || type == CnnParser.LPAREN;
            if (word != null && !(type == Token.EOF && endsStatement(tokens)) && !(numbersSaid && number)) {
                words.add(word);
            }
        }
        List<String> list = new ArrayList<>(words);
        if (list.isEmpty()) {
            return "something else";
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static boolean endsStatement(IntervalSet tokens) {
        return tokens.contains(CnnParser.SEMI) || tokens.contains(CnnParser.NEWLINE);
    }

    /** The tokens of the words that start a statement (Words.STATEMENT_WORDS), and WORD: an activation, a block. */
    private static final Set<Integer> STATEMENT_STARTS = statementStarts();

    private static Set<Integer> statementStarts() {
        Set<Integer> types = new HashSet<>(Set.of(CnnParser.WORD));
        for (String word : Words.STATEMENT_WORDS) {
            types.add(TokenScanner.wordType(word));
        }
        return Set.copyOf(types);
    }

    private static boolean isStatementStart(int type) {
        return STATEMENT_STARTS.contains(type);
    }

    private static String describe(int type) {
        return switch (type) {
            case CnnParser.INT -> "a whole number";
            case CnnParser.DIMS -> "a size such as 3x3";
            case CnnParser.DECIMAL -> "a number such as 0.5";
            case CnnParser.WORD -> "a word";
            case CnnParser.STRING -> "a quoted name";
            case CnnParser.INDIM -> "in.h, in.w or in.c";
            case CnnParser.LPAREN -> "'('";
            case CnnParser.AT -> "'@'";
            case CnnParser.SLASH -> "'/'";
            case CnnParser.SEMI, CnnParser.NEWLINE -> "the end of the statement (';' or a new line)";
            case Token.EOF -> "the end of the file";
            case CnnParser.UNEXPECTED_CHAR, CnnParser.COMMENT, CnnParser.SPACE -> null;
            default -> CnnParser.VOCABULARY.getLiteralName(type);
        };
    }

    private static String usage(ParserRuleContext context) {
        for (ParserRuleContext c = context; c != null; c = c.getParent()) {
            String usage = USAGE.get(c.getClass());
            if (usage != null) {
                return usage;
            }
        }
        return null;
    }

    private static String characterHint(String character) {
        return switch (character) {
            case "-" -> "sizes and counts are positive whole numbers; there are no negative values";
            case "*", "X", "\u00d7" -> "write sizes with a lowercase x, e.g. 3x3";
            case "," -> "separate statements with ';' or a new line";
            default -> "statements are words, numbers and sizes such as 3x3; '#' starts a comment";
        };
    }

    private static String shorten(String text) {
        return text.length() <= 30 ? text : text.substring(0, 27) + "...";
    }
}
