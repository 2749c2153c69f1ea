package cnnc.format;

import cnnc.grammar.CnnLexer;
import cnnc.parse.DescriptionParser;
import cnnc.parse.Syntax;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * cnnc fmt: a description in its one layout. It works on the tokens, with the parse tree telling
 * what each one is, so comments stay where they were and only spaces, indentation, blank lines and
 * separators that separate nothing change; a description with a syntax error is refused, as there
 * is no telling what its tokens mean. Words and values are not checked: a model with a mistake in
 * its shapes formats as any other.
 */
public final class Formatter {
    private Formatter() {
    }

    public static Formatted format(SourceFile source) {
        Syntax syntax = DescriptionParser.syntax(source);
        if (!syntax.errors().isEmpty() || syntax.tree().isEmpty()) {
            return Formatted.refused(syntax.errors());
        }
        Printer printer = new Printer(new Roles(syntax.tree().get()));
        String text = Alignment.render(printer.lines(SourceLine.split(syntax.tokens())), newline(syntax.tokens()));
        requireSameTokens(syntax.tokens(), DescriptionParser.syntax(new SourceFile(source.name(), text)).tokens());
        return Formatted.of(text);
    }

    /** The line break the file starts with: {@code \r\n} stays, anything else becomes {@code \n}. */
    private static String newline(List<Token> tokens) {
        return tokens.stream().filter(t -> t.getType() == CnnLexer.NEWLINE).findFirst()
                .map(t -> t.getText().equals("\r\n") ? "\r\n" : "\n").orElse("\n");
    }

    /**
     * The formatted text must read as the same words, numbers and comments in the same order (the
     * separators aside): what could go wrong in a formatter is joining two tokens into another, and
     * a file is never written with that.
     */
    private static void requireSameTokens(List<Token> before, List<Token> after) {
        List<String> was = words(before);
        List<String> is = words(after);
        if (!was.equals(is)) {
            int at = 0;
            while (at < Math.min(was.size(), is.size()) && was.get(at).equals(is.get(at))) {
                at++;
            }
            throw new IllegalStateException("cnnc fmt would change the description's tokens at token " + at + ": "
                    + (at < was.size() ? was.get(at) : "the end") + " became " + (at < is.size() ? is.get(at) : "the end"));
        }
    }

    private static List<String> words(List<Token> tokens) {
        List<String> words = new ArrayList<>();
        for (Token token : tokens) {
            switch (token.getType()) {
                case CnnLexer.NEWLINE, CnnLexer.SEMI, Token.EOF -> {
                    // separators may come and go
                }
                case CnnLexer.COMMENT -> words.add(token.getText().stripTrailing());
                default -> words.add(token.getType() + " " + token.getText());
            }
        }
        return words;
    }
}
