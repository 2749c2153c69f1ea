package cnnc.format;

import cnnc.grammar.CnnLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * One line of the description as written: its tokens, without the separators that separate nothing
 * (a {@code ;} at the end of a line, after {@code {} or {@code |}, before {@code }} or {@code |}, or
 * after another), and its comment, if it ends with one.
 */
record SourceLine(List<Token> code, Token comment) {

    boolean isBlank() {
        return code.isEmpty() && comment == null;
    }

    /** The lines of a token stream (the lexer's, comments included; its end-of-file token is left out). */
    static List<SourceLine> split(List<Token> tokens) {
        List<SourceLine> lines = new ArrayList<>();
        List<Token> code = new ArrayList<>();
        Token comment = null;
        for (Token token : tokens) {
            switch (token.getType()) {
                case CnnLexer.NEWLINE -> {
                    lines.add(new SourceLine(withoutIdleSeparators(code), comment));
                    code = new ArrayList<>();
                    comment = null;
                }
                case CnnLexer.COMMENT -> comment = token;
                case Token.EOF -> {
                    // the end: the last line is added below
                }
                default -> code.add(token);
            }
        }
        lines.add(new SourceLine(withoutIdleSeparators(code), comment));
        return lines;
    }

    private static List<Token> withoutIdleSeparators(List<Token> code) {
        List<Token> kept = new ArrayList<>();
        for (int i = 0; i < code.size(); i++) {
            Token token = code.get(i);
            if (token.getType() == CnnLexer.SEMI && !separates(kept.isEmpty() ? null : kept.get(kept.size() - 1),
                    nextNotSeparator(code, i))) {
                continue;
            }
            kept.add(token);
        }
        return kept;
    }

    private static boolean separates(Token before, Token after) {
        return before != null && after != null
                && before.getType() != CnnLexer.SEMI && before.getType() != CnnLexer.LBRACE
                && before.getType() != CnnLexer.BAR
                && after.getType() != CnnLexer.RBRACE && after.getType() != CnnLexer.BAR;
    }

    private static Token nextNotSeparator(List<Token> code, int from) {
        for (int i = from + 1; i < code.size(); i++) {
            if (code.get(i).getType() != CnnLexer.SEMI) {
                return code.get(i);
            }
        }
        return null;
    }
}
