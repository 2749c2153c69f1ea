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
 * (the rightmost of a tie). A line that does not fit it (at least one space before {@code =>}, two
 * before {@code #}) keeps three spaces instead, as inceptionv3's longest lines do. A comment on a line
 * without {@code =>} that was written at or left of the {@code =>} column, and fits there, sits in
 * that column, as in the zoo's {@code gap   # AdaptiveAvgPool2d((1, 1)) + flatten}. Formatting keeps
 * the columns it set, so a second run changes nothing.
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
        Column arrow = Column.of(asserted.stream().mapToInt(Line::codeWidth).toArray(),
                asserted.stream().mapToInt(Line::arrowColumn).toArray(), 1);
        asserted.forEach(l -> arrows.put(l, arrow.after(l.codeWidth())));
        List<Line> commented = new ArrayList<>();
        for (Line line : group) {
            if (line.comment() == null) {
                continue;
            }
            if (!asserted.isEmpty() && line.assertion() == null && line.commentColumn() <= arrow.at()
                    && line.codeWidth() + 2 <= arrow.at()) {
                comments.put(line, arrow.at());
            } else {
                commented.add(line);
            }
        }
        Column comment = Column.of(commented.stream().mapToInt(l -> width(l, arrows)).toArray(),
                commented.stream().mapToInt(Line::commentColumn).toArray(), 2);
        commented.forEach(l -> comments.put(l, comment.after(width(l, arrows))));
    }

    /**
     * A column and the least space before it ({@code gap}); a line too long for it is not aligned, but
     * followed by {@value #OVERFLOW} spaces, so that one long line does not push every other line right.
     */
    private record Column(int at, int gap) {
        static final int OVERFLOW = 3;

        int after(int width) {
            return width + gap <= at ? at : width + OVERFLOW;
        }

        /**
         * The column most lines were written at (the rightmost of a tie); then, as long as the columns it
         * gives the lines would make another column the most used, that one. The column only moves right,
         * so this ends, and a second run finds the column the first one chose.
         */
        static Column of(int[] widths, int[] written, int gap) {
            Column column = new Column(mostUsed(written), gap);
            while (true) {
                int[] placed = new int[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    placed[i] = column.after(widths[i]);
                }
                int next = mostUsed(placed);
                if (next <= column.at()) {
                    return column;
                }
                column = new Column(next, gap);
            }
        }

        private static int mostUsed(int[] columns) {
            Map<Integer, Integer> counts = new HashMap<>();
            int best = -1;
            int bestCount = 0;
            for (int column : columns) {
                int count = counts.merge(column, 1, Integer::sum);
                if (count > bestCount || (count == bestCount && column > best)) {
                    best = column;
                    bestCount = count;
                }
            }
            return best;
        }
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
