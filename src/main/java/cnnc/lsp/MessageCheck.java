package cnnc.lsp;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * One message's content walked once, as a stream of JSON tokens (gson's reader, strict, which keeps no
 * tree and recurses nowhere), before LSP4J parses it: it must be one well-formed JSON object, nested at
 * most {@value #MAX_DEPTH} deep and holding at most {@value #MAX_VALUES} values. LSP4J's own parser
 * stops at 255 levels with an exception that left the rest of a large message unread, and a tree of
 * millions of values would fill the heap. The walk also notes the request's {@code id} (when it comes
 * before any problem), so that a refused request is answered under its own id.
 *
 * @param problem what is wrong, or null when LSP4J may have the message
 * @param code    the JSON-RPC error for the problem: ParseError for text that is not JSON, InvalidRequest
 *                for JSON the server does not take
 * @param id      the request's id, or null when it has none or it was not reached
 * @param request whether the message is, or may be, a request: it has an id, or the walk stopped before
 *                its end; one read whole without an id is a notification, which JSON-RPC never answers
 */
record MessageCheck(String problem, ResponseErrorCode code, Either<String, Number> id, boolean request) {
    /** Arrays and objects inside one another: LSP's own messages nest about ten deep. */
    static final int MAX_DEPTH = 64;
    /** Values in one message: an editor's largest, its capabilities, has a few hundred. */
    static final int MAX_VALUES = 100_000;

    static MessageCheck of(String content) {
        return new Walk(content).run();
    }

    boolean passed() {
        return problem == null;
    }

    private static final class Walk {
        private final JsonReader reader;
        private Either<String, Number> id;
        private boolean hasId;
        private int depth;
        private int values;

        Walk(String content) {
            reader = new JsonReader(new StringReader(content));
            reader.setStrictness(Strictness.STRICT);
        }

        MessageCheck run() {
            try {
                if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                    return refused(ResponseErrorCode.InvalidRequest, "a message is one JSON object, not a " + describe(reader.peek()));
                }
                for (JsonToken token = reader.peek(); token != JsonToken.END_DOCUMENT; token = reader.peek()) {
                    String problem = step(token);
                    if (problem != null) {
                        return refused(ResponseErrorCode.InvalidRequest, problem);
                    }
                }
                return new MessageCheck(null, null, id, hasId);
            } catch (IOException | IllegalStateException | NumberFormatException notJson) {
                return refused(ResponseErrorCode.ParseError, "not JSON: " + firstLine(notJson.getMessage()));
            }
        }

        /** Reads one token; what is wrong with the message, if it is now known to be wrong. */
        private String step(JsonToken token) throws IOException {
            switch (token) {
                case BEGIN_OBJECT, BEGIN_ARRAY -> {
                    if (depth == MAX_DEPTH) {
                        return "JSON nested more than " + MAX_DEPTH + " deep";
                    }
                    depth++;
                    if (token == JsonToken.BEGIN_OBJECT) {
                        reader.beginObject();
                    } else {
                        reader.beginArray();
                    }
                }
                case END_OBJECT -> end(true);
                case END_ARRAY -> end(false);
                case NAME -> {
                    if (reader.nextName().equals("id") && depth == 1) {
                        hasId = true;
                        id = idValue(reader.peek());
                    }
                    return null;
                }
                default -> reader.skipValue();
            }
            return ++values > MAX_VALUES ? "more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_VALUES)
                    + " JSON values in one message" : null;
        }

        private void end(boolean object) throws IOException {
            depth--;
            if (object) {
                reader.endObject();
            } else {
                reader.endArray();
            }
        }

        /** A string or number id is read here; anything else is left for the walk (and LSP4J refuses it). */
        private Either<String, Number> idValue(JsonToken token) throws IOException {
            if (token == JsonToken.STRING) {
                values++;
                return Either.forLeft(reader.nextString());
            }
            if (token == JsonToken.NUMBER) {
                values++;
                return Either.forRight(new BigDecimal(reader.nextString()));
            }
            return null;
        }

        /** A message refused before its end may be a request whatever it held after: it is answered. */
        private MessageCheck refused(ResponseErrorCode code, String problem) {
            return new MessageCheck(problem, code, id, true);
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case BEGIN_ARRAY -> "JSON array (LSP has no batches)";
                case END_DOCUMENT -> "empty text";
                default -> "single JSON value";
            };
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
