package cnnc.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes as an editor (or anything else) might send them to {@code cnnc lsp}, and what came back: the
 * frames of the output, read by a reader of this test's own (the header, a blank line, that many
 * bytes, each body parsed by Jackson), and the server's log. Nothing here goes through LSP4J.
 */
final class RawSession {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream input = new ByteArrayOutputStream();

    /** The bytes as they are. */
    RawSession raw(byte[] bytes) {
        input.writeBytes(bytes);
        return this;
    }

    RawSession raw(String text) {
        return raw(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A message framed as LSP frames it: its Content-Length header, a blank line, the content. */
    RawSession message(byte[] content) {
        return raw(frame(content));
    }

    RawSession message(String json) {
        return message(json.getBytes(StandardCharsets.UTF_8));
    }

    RawSession request(Object id, String method) {
        return message("{\"jsonrpc\":\"2.0\",\"id\":" + (id instanceof String ? "\"" + id + "\"" : id) + ",\"method\":\""
                + method + "\"}");
    }

    RawSession initialize() {
        return message("{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
    }

    static byte[] frame(byte[] content) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.writeBytes(("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        framed.writeBytes(content);
        return framed.toByteArray();
    }

    byte[] bytes() {
        return input.toByteArray();
    }

    /** What the server wrote and logged, run in this JVM until the input ends. */
    Served serve() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int exit = Server.run(new ByteArrayInputStream(bytes()), out, new PrintStream(log, true, StandardCharsets.UTF_8),
                "test");
        return new Served(frames(out.toByteArray()), log.toString(StandardCharsets.UTF_8), exit);
    }

    /** The messages the server sent, in order; an output that is not a sequence of frames fails the test. */
    static List<JsonNode> frames(byte[] output) throws IOException {
        List<JsonNode> frames = new ArrayList<>();
        int at = 0;
        while (at < output.length) {
            int blank = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at);
            String header = new String(output, at, Math.max(0, blank - at), StandardCharsets.US_ASCII);
            if (blank < 0 || !header.startsWith("Content-Length: ")) {
                throw new AssertionError("not a frame at byte " + at + " of the output: " + header);
            }
            int length = Integer.parseInt(header.substring("Content-Length: ".length()).strip());
            int start = blank + 4;
            if (start + length > output.length) {
                throw new AssertionError("a frame of " + length + " bytes runs past the output's end");
            }
            frames.add(JSON.readTree(new String(output, start, length, StandardCharsets.UTF_8)));
            at = start + length;
        }
        return frames;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The server's messages, its log and its exit code. */
    record Served(List<JsonNode> frames, String log, int exit) {
        /** The response to the request with this id (a string or a number), or null when there is none. */
        JsonNode response(Object id) {
            for (JsonNode frame : frames) {
                JsonNode frameId = frame.get("id");
                if (frame.has("method") || frameId == null) {
                    continue;
                }
                if (id == null ? frameId.isNull() : frameId.isTextual() ? frameId.asText().equals(id)
                        : frameId.isNumber() && id instanceof Number n && frameId.asLong() == n.longValue()) {
                    return frame;
                }
            }
            return null;
        }

        /** The responses whose id is null: JSON-RPC's answer to what could not be read. */
        long nullIdErrors() {
            return frames.stream().filter(f -> f.has("id") && f.get("id").isNull() && f.has("error")).count();
        }
    }
}
