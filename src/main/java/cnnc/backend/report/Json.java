package cnnc.backend.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and null as JSON, two spaces an indent level;
 * a list of numbers stays on one line so shapes read as {@code [94, 94, 60]}.
 */
public final class Json {
    private static final String[] INDENTS = indents(16);
    /** Where the text goes: kept whole for {@link #write(Object)}, else handed on a piece at a time. */
    private final Sink sink;
    /**
     * The text written and not yet handed on. A StringBuilder rather than a PrintWriter over a
     * StringWriter: both of those lock on every call, which made writing the playground's answer for
     * ResNet50 (its 99 KB table, a quote to escape every few characters) a third of the time it took.
     */
    private final StringBuilder out;

    private static String[] indents(int count) {
        String[] indents = new String[count];
        for (int depth = 0; depth < count; depth++) {
            indents[depth] = "  ".repeat(depth);
        }
        return indents;
    }

    private Json(Sink sink) {
        this.sink = sink;
        this.out = sink.text;
    }

    public static String write(Object value) {
        Json json = new Json(Sink.whole());
        json.value(value, 0);
        return json.out.append('\n').toString();
    }

    /** Streams the value to {@code out}: a list is written item by item, as it yields them. */
    static void write(Object value, PrintWriter out) {
        Json json = new Json(Sink.to(out));
        json.value(value, 0);
        json.out.append('\n');
        json.sink.finish();
        out.flush();
    }

    private void value(Object value, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof Long number) {
            out.append(number.longValue()); // as append(Object) writes it, without a string for each
        } else if (value instanceof Integer number) {
            out.append(number.intValue());
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            object(map, depth);
        } else if (value instanceof Fields fields) {
            Members members = new Members(depth);
            fields.write(members);
            members.end();
        } else if (value instanceof List<?> list) {
            array(list, depth);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private void object(Map<?, ?> map, int depth) {
        Members members = new Members(depth);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            members.put(entry.getKey().toString(), entry.getValue());
        }
        members.end();
    }

    /**
     * An object that writes its members, in order, as it is written: a long model's rows and their parts, which
     * as maps (a map, an entry and a boxed number a field) were most of what its JSON made.
     */
    interface Fields {
        void write(Members members);
    }

    /** Where an object's members are written, one after another, as a map's entries are. */
    final class Members {
        private final int depth;
        private boolean empty = true;

        private Members(int depth) {
            this.depth = depth;
        }

        Members put(String key, Object value) {
            name(key);
            value(value, depth + 1);
            return next();
        }

        Members put(String key, long value) {
            name(key);
            out.append(value);
            return next();
        }

        Members put(String key, boolean value) {
            name(key);
            out.append(value);
            return next();
        }

        private void name(String key) {
            out.append(empty ? "{\n" : ",\n").append(indent(depth + 1));
            string(key);
            out.append(": ");
        }

        private Members next() {
            sink.spill();
            empty = false;
            return this;
        }

        private void end() {
            if (empty) {
                out.append("{}");
            } else {
                out.append('\n').append(indent(depth)).append('}');
            }
        }
    }

    private void array(List<?> list, int depth) {
        if (list.isEmpty() || flat(list)) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                value(list.get(i), depth);
            }
            out.append(']');
            return;
        }
        out.append('[');
        String separator = "\n";
        for (Object item : list) {
            out.append(separator).append(indent(depth + 1));
            value(item, depth + 1);
            sink.spill();
            separator = ",\n";
        }
        out.append('\n').append(indent(depth)).append(']');
    }

    private static boolean flat(List<?> list) {
        for (Object item : list) {
            if (!(item instanceof Number) && !(item instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static String indent(int depth) {
        return depth < INDENTS.length ? INDENTS[depth] : "  ".repeat(depth);
    }

    /** A string, its plain runs written whole (a character at a time costs the playground's JavaScript dearly). */
    private void string(String text) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 || Character.isSurrogate(c) && !validSurrogate(text, i)
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (escaped != null) {
                out.append(text, plain, i);
                out.append(escaped);
                plain = i + 1;
            }
        }
        out.append(text, plain, text.length());
        out.append('"');
    }

    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        return Character.isHighSurrogate(c)
                ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
