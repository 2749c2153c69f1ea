package cnnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The language server's reading of its input (issue 29): whatever arrives, a message that cannot be
 * used gets JSON-RPC's error (ParseError -32700, InvalidRequest -32600) or is dropped with a line in
 * the log, and the request after it is answered. Each input is fed to the server in this JVM; what it
 * writes is read back frame by frame by {@link RawSession}, not by LSP4J. The error codes are JSON-RPC
 * 2.0's (section 5.1 of its specification).
 */
class MessageReaderTest {
    private static final int PARSE_ERROR = -32700;
    private static final int INVALID_REQUEST = -32600;

    /** The reproducer: one well-framed message nested more than 255 deep deafened the server for good. */
    @Test
    void aMessageNested300DeepIsRefusedAndTheNextRequestIsAnswered() throws IOException {
        // past 8 KB, so that the part LSP4J's parser left unread was more than its reader had buffered
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":" + "[".repeat(300) + "]".repeat(300)
                + ",\"padding\":\"" + "a".repeat(20_000) + "\"}";
        RawSession.Served served = new RawSession().initialize().message(deep).request(3, "shutdown").serve();
        assertError(served.response(2), INVALID_REQUEST, "nested more than 64 deep");
        assertAnswered(served, 3);
        assertTrue(served.log().contains("refused a message: JSON nested more than 64 deep; answered with error -32600 "
                + "to request 2"), served.log());
    }

    @Test
    void nestingUpToTheLimitReachesTheServer() throws IOException {
        // 64 levels: the message itself, then 63 arrays; an unknown method then gets LSP4J's own answer
        String deep = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"cnnc/unknown\",\"params\":" + "[".repeat(63) + "]".repeat(63)
                + "}";
        RawSession.Served served = new RawSession().initialize().message(deep).request(3, "shutdown").serve();
        assertError(served.response(2), -32601, "Unsupported request method"); // MethodNotFound, from LSP4J
        assertAnswered(served, 3);
    }

    @Test
    void contentThatIsNotJsonGetsAParseErrorWithANullId() throws IOException {
        RawSession.Served served = new RawSession().initialize().message("{\"jsonrpc\":").request(3, "shutdown").serve();
        assertEquals(1, served.nullIdErrors());
        assertError(served.response(null), PARSE_ERROR, "not JSON");
        assertAnswered(served, 3);
    }

    @Test
    void contentThatIsNotUtf8GetsAParseError() throws IOException {
        byte[] latin1 = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\",\"x\":\"caf\u00e9\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        RawSession.Served served = new RawSession().initialize().message(latin1).request(3, "shutdown").serve();
        assertError(served.response(null), PARSE_ERROR, "not UTF-8");
        assertNull(served.response(2), "a request that could not be read is not run");
        assertAnswered(served, 3);
    }

    @Test
    void headersWithoutContentLengthAreSkippedToTheNextMessage() throws IOException {
        RawSession.Served served = new RawSession().initialize()
                .raw("Content-Type: application/vscode-jsonrpc\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}")
                .request(3, "shutdown").serve();
        assertNull(served.response(2));
        assertAnswered(served, 3);
        assertTrue(served.log().contains("input that is not a message (headers without Content-Length): skipped"),
                served.log());
    }

    @Test
    void everyByteBeforeAMessageIsSkipped() throws IOException {
        byte[] everyByte = new byte[256];
        for (int b = 0; b < 256; b++) {
            everyByte[b] = (byte) b;
        }
        RawSession.Served served = new RawSession().initialize().raw(everyByte).request(3, "shutdown").serve();
        assertAnswered(served, 3);
        assertEquals(0, served.nullIdErrors(), "bytes that are not a message are not answered");
        assertFalse(served.log().contains("\u0001"), "the log escapes what it quotes: " + served.log());
    }

    @Test
    void aContentLengthThatIsNotACountIsSkipped() throws IOException {
        for (String length : new String[] {"-4", "4x", "99999999999999999999", ""}) {
            RawSession.Served served = new RawSession().initialize().raw("Content-Length: " + length + "\r\n\r\n{}")
                    .request(3, "shutdown").serve();
            assertAnswered(served, 3);
            assertTrue(served.log().contains("a Content-Length that is not a count of bytes"), served.log());
        }
    }

    @Test
    void aHeaderLineLongerThanTheLimitIsSkipped() throws IOException {
        RawSession.Served served = new RawSession().initialize().raw("X".repeat(5_000)).request(3, "shutdown").serve();
        assertAnswered(served, 3);
        assertTrue(served.log().contains("a header line longer than 1024 bytes"), served.log());
    }

    /**
     * Found by the language server's fuzz target in an hour-long run: 1,014 bytes with no line break, then the
     * next request. The header line reached its limit inside that request's {@code Content-Length}, and the
     * byte read at the limit was lost, so the search for the next message missed it and the request went
     * unanswered. Every place the limit can fall inside the header is tried.
     */
    @Test
    void aHeaderLineReachingTheLimitInsideTheNextContentLengthLosesNoByteOfIt() throws IOException {
        // the request's header line is "Content-Length: NN" (18 bytes) and its CR
        for (int before = MessageReader.MAX_HEADER_LINE - 20; before <= MessageReader.MAX_HEADER_LINE + 1; before++) {
            RawSession.Served served = new RawSession().initialize().raw("X".repeat(before)).request(3, "shutdown").serve();
            assertNotNull(served.response(3), "after " + before + " bytes without a line break the request got no answer; "
                    + "the server logged\n" + served.log());
            assertAnswered(served, 3);
        }
    }

    @Test
    void bytesGluedBeforeAHeaderAreDropped() throws IOException {
        // the tail of a message that was longer than its Content-Length said
        RawSession.Served served = new RawSession().initialize().raw("\"}}").request(3, "shutdown").serve();
        assertAnswered(served, 3);
        assertTrue(served.log().contains("dropped 3 bytes before a Content-Length header"), served.log());
    }

    @Test
    void aMessageLargerThanTheLimitIsReadPastAndRefused() throws IOException {
        byte[] large = new byte[MessageReader.MAX_CONTENT + 1];
        java.util.Arrays.fill(large, (byte) ' ');
        RawSession.Served served = new RawSession().initialize().message(large).request(3, "shutdown").serve();
        assertError(served.response(null), INVALID_REQUEST, "more than the 16,777,216 bytes the server reads");
        assertAnswered(served, 3);
    }

    @Test
    void aMessageOfMoreValuesThanTheLimitIsRefusedUnderItsId() throws IOException {
        String many = "{\"jsonrpc\":\"2.0\",\"id\":\"many\",\"method\":\"x\",\"params\":[" + "0,".repeat(100_000) + "0]}";
        RawSession.Served served = new RawSession().initialize().message(many).request(3, "shutdown").serve();
        assertError(served.response("many"), INVALID_REQUEST, "more than 100,000 JSON values");
        assertAnswered(served, 3);
    }

    @Test
    void anotherCharsetIsRefused() throws IOException {
        RawSession.Served served = new RawSession().initialize()
                .raw("Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-16\r\n\r\n{}")
                .request(3, "shutdown").serve();
        assertError(served.response(null), INVALID_REQUEST, "charset 'utf-16'");
        assertAnswered(served, 3);
    }

    @Test
    void aBatchIsRefused() throws IOException {
        RawSession.Served served = new RawSession().initialize().message("[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}]")
                .request(3, "shutdown").serve();
        assertError(served.response(null), INVALID_REQUEST, "a message is one JSON object");
        assertAnswered(served, 3);
    }

    @Test
    void jsonThatIsNotAMessageIsAnsweredUnderItsIdAndANotificationOnlyLogged() throws IOException {
        RawSession.Served served = new RawSession().initialize()
                .message("{\"jsonrpc\":\"2.0\",\"id\":\"odd\",\"method\":[1]}")
                .message("{\"jsonrpc\":\"2.0\",\"method\":{\"a\":1}}")
                .request(3, "shutdown").serve();
        assertError(served.response("odd"), INVALID_REQUEST, "not a JSON-RPC message");
        assertEquals(0, served.nullIdErrors(), "the notification is not answered");
        assertEquals(2, served.log().lines().filter(l -> l.contains("not a JSON-RPC message")).count(), served.log());
        assertAnswered(served, 3);
    }

    @Test
    void theInputEndingInsideAMessageEndsTheSession() throws IOException {
        RawSession.Served served = new RawSession().initialize().raw("Content-Length: 100\r\n\r\n{\"jsonrpc\"").serve();
        assertEquals(1, served.exit(), "the input closed without shutdown and exit");
        assertNotNull(served.response("init"));
    }

    private static void assertAnswered(RawSession.Served served, int id) {
        JsonNode response = served.response(id);
        assertNotNull(response, () -> "request " + id + " got no answer; the server sent " + served.frames() + "\nand logged\n"
                + served.log());
        assertTrue(response.has("result"), response::toString);
    }

    private static void assertError(JsonNode response, int code, String message) {
        assertNotNull(response, "no answer");
        assertEquals(code, response.path("error").path("code").asInt(), response::toString);
        assertTrue(response.path("error").path("message").asText().contains(message), response::toString);
    }
}
