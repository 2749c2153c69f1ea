package cnnc.format;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets the columns of the {@code =>} that end lines and of the comments after statements, among the
 * lines of one paragraph at one indentation: each column is the one most of those lines already use
 * (the rightmost of a tie), moved right as far as the longest line needs (one space before
 * {@code =>}, two before {@code #}). A comment on a line without {@code =>} that was written at or
 * left of the {@code =>} column, and fits there, sits in that column, as in the zoo's
 * {@code gap   # AdaptiveAvgPool2d((1, 1)) + flatten}. Formatting keeps the columns it set, so a
 * second run changes nothing.
 */
final class Alignment {
    private Alignment() {
    }

    private record Group(int paragraph, int indent) {
    }

    static String render(List<Line> lines, String newline) {
        Map<Group, List<Line>> groups = new LinkedHashMap<>();
        for (Line line : lines) {
            if (!line.isBlank() && line.hasCode()) {
                groups.computeIfAbsent(new Group(line.paragraph(), line.indent()), g -> new ArrayList<>()).add(line);
            }
        }
        Map<Line, Integer> arrows = new IdentityHashMap<>();
        Map<Line, Integer> comments = new IdentityHashMap<>();
        for (List<Line> group : groups.values()) {
            columns(group, arrows, comments);
        }
        StringBuilder text = new StringBuilder();
        for (Line line : lines) {
            text.append(render(line, arrows, comments)).append(newline);
        }
        return text.toString();
    }

    private static void columns(List<Line> group, Map<Line, Integer> arrows, Map<Line, Integer> comments) {
        List<Line> asserted = group.stream().filter(l -> l.assertion() != null).toList();
        int arrow = column(asserted.stream().mapToInt(l -> l.codeWidth() + 1).max().orElse(0),
                asserted.stream().mapToInt(Line::arrowColumn).toArray());
        asserted.forEach(l -> arrows.put(l, arrow));
        List<Line> commented = new ArrayList<>();
        for (Line line : group) {
            if (line.comment() == null) {
                continue;
            }
            if (!asserted.isEmpty() && line.assertion() == null && line.commentColumn() <= arrow
                    && line.codeWidth() + 1 <= arrow) {
                comments.put(line, arrow);
            } else {
                commented.add(line);
            }
        }
        int comment = column(commented.stream().mapToInt(l -> width(l, arrows) + 2).max().orElse(0),
                commented.stream().mapToInt(Line::commentColumn).toArray());
        commented.forEach(l -> comments.put(l, comment));
    }

    /** The most common of the author's columns that leave room for every line, or the least that does. */
    private static int column(int least, int[] written) {
        Map<Integer, Integer> counts = new HashMap<>();
        int best = least;
        int bestCount = 0;
        for (int column : written) {
            if (column < least) {
                continue;
            }
            int count = counts.merge(column, 1, Integer::sum);
            if (count > bestCount || (count == bestCount && column > best)) {
                best = column;
                bestCount = count;
            }
        }
        return best;
    }

    /** The width of a line's statements and its {@code => SHAPE}. */
    private static int width(Line line, Map<Line, Integer> arrows) {
        if (line.assertion() == null) {
            return line.codeWidth();
        }
        return arrows.get(line) + line.assertion().codePointCount(0, line.assertion().length());
    }

    private static String render(Line line, Map<Line, Integer> arrows, Map<Line, Integer> comments) {
        if (line.isBlank()) {
            return "";
        }
        StringBuilder text = new StringBuilder(line.code());
        if (line.assertion() != null) {
            pad(text, arrows.get(line)).append(line.assertion());
        }
        if (line.comment() != null) {
            pad(text, line.hasCode() ? comments.get(line) : line.indent()).append(line.comment());
        }
        return text.toString();
    }

    private static StringBuilder pad(StringBuilder text, int column) {
        int width = text.codePointCount(0, text.length());
        return text.append(" ".repeat(Math.max(column - width, 0)));
    }
}
