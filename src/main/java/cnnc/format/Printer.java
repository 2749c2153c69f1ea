package cnnc.format;

import cnnc.grammar.CnnLexer;
import cnnc.grammar.CnnParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Lays out each line: its indentation from the braces open around it, its tokens spaced by
 * {@link Spacing}, and the {@code => SHAPE} that ends it set apart for {@link Alignment}. Lines stay
 * where they were written (statements that share a line keep sharing it); blank lines between
 * paragraphs become one, and none starts or ends the file.
 */
final class Printer {
    static final int INDENT = 2;

    /** Where the lines inside an open brace go, where a {@code |} continuing it goes, and its {@code }}. */
    private record Frame(int content, int bar, int close) {
    }

    private final Roles roles;
    private final Spacing spacing;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private int paragraph;

    Printer(Roles roles) {
        this.roles = roles;
        this.spacing = new Spacing(roles);
    }

    List<Line> lines(List<SourceLine> source) {
        List<Line> lines = new ArrayList<>();
        boolean blankBefore = false;
        for (SourceLine line : source) {
            if (line.isBlank()) {
                blankBefore = !lines.isEmpty();
                continue;
            }
            if (blankBefore) {
                lines.add(Line.BLANK);
                paragraph++;
                blankBefore = false;
            }
            lines.add(line(line));
        }
        return lines;
    }

    private Line line(SourceLine line) {
        int indent = indent(line);
        String comment = line.comment() == null ? null : line.comment().getText().stripTrailing();
        int commentColumn = line.comment() == null ? -1 : line.comment().getCharPositionInLine();
        List<Token> tokens = line.code();
        int arrow = trailingArrow(tokens);
        StringBuilder code = new StringBuilder(" ".repeat(indent));
        StringBuilder assertion = arrow < 0 ? null : new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            StringBuilder into = arrow >= 0 && i >= arrow ? assertion : code;
            if (i > 0 && i != arrow && spacing.spaced(tokens.get(i - 1), token)) {
                into.append(' ');
            }
            if (token.getType() == CnnLexer.LBRACE) {
                open(token, code.codePointCount(0, code.length()), indent, i == tokens.size() - 1);
            } else if (token.getType() == CnnLexer.RBRACE && !frames.isEmpty()) {
                frames.pop();
            }
            into.append(token.getText());
        }
        return new Line(paragraph, indent, code.toString(), assertion == null ? null : assertion.toString(),
                arrow < 0 ? -1 : tokens.get(arrow).getCharPositionInLine(), comment, commentColumn);
    }

    /**
     * A brace that ends its line opens an indented body; a merge's brace followed by its first branch
     * on the same line holds its other lines under it: {@code |} below the brace, statements two
     * columns further.
     */
    private void open(Token brace, int column, int indent, boolean endsLine) {
        if (roles.is(brace, CnnParser.MergeStatementContext.class) && !endsLine) {
            frames.push(new Frame(column + INDENT, column, column));
        } else {
            frames.push(new Frame(indent + INDENT, indent, indent));
        }
    }

    private int indent(SourceLine line) {
        if (frames.isEmpty()) {
            return 0;
        }
        int first = line.code().isEmpty() ? -1 : line.code().get(0).getType();
        return switch (first) {
            case CnnLexer.RBRACE -> frames.peek().close();
            case CnnLexer.BAR -> frames.peek().bar();
            default -> frames.peek().content();
        };
    }

    /** The index of the {@code =>} whose shape ends the line, or -1. */
    private int trailingArrow(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return -1;
        }
        Token last = tokens.get(tokens.size() - 1);
        for (int i = tokens.size() - 1; i >= 0; i--) {
            if (tokens.get(i).getType() == CnnLexer.ARROW) {
                return roles.isAssertionEndingAt(tokens.get(i), last) ? i : -1;
            }
        }
        return -1;
    }
}
