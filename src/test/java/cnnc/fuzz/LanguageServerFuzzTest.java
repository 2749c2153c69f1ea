package cnnc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.lsp.Server;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coverage-guided fuzzing of the language server's message handling with Jazzer: any bytes on
 * {@code cnnc lsp}'s input, in this JVM, after an {@code initialize} and the opening of a document, then
 * a request about that document (the probe, answered on the server's worker thread). The first byte
 * of an input chooses how the rest is sent:
 * <ul>
 * <li>even: as message contents, split at each 0xFF byte (which UTF-8 never holds), each framed with
 * its right Content-Length: the JSON, LSP4J's reading of it and every request and notification the
 * server handles;
 * <li>odd: as raw bytes, headers and all: the framing.
 * </ul>
 * Properties: the session ends when the input does, within {@value #SECONDS} s, with nothing thrown; the
 * output is a sequence of well-formed frames, each a JSON-RPC 2.0 message; and the probe is answered,
 * unless the input sent {@code exit} (which ends the session), or, sent raw, holds a
 * {@code Content-Length} of its own (whose content may then take in the probe's bytes, as it must).
 *
 * <p>{@code mvn -B verify} fuzzes for a minute, then runs the seeds and past findings
 * ({@code src/test/resources/cnnc/fuzz/LanguageServerFuzzTestInputs/messages/}); for hours,
 * {@code fuzz/run.sh 3600 lsp}.
 */
public class LanguageServerFuzzTest {
    private static final int SECONDS = 20;
    /** The warm-up's bound: its hundreds of requests run with every class cold, and instrumented. */
    private static final int WARM_UP_SECONDS = 300;
    /** Samples that between them hold every kind of statement: enough to load what the server runs. */
    private static final List<String> WARM_UP_SAMPLES = List.of("seed.cnn", "small-modern.cnn", "unet.cnn",
            "zoo/resnet50.cnn", "zoo/inceptionv3.cnn", "zoo/nasnetmobile.cnn", "zoo/convnexttiny.cnn",
            "zoo/mobilenetv3small.cnn", "errors/three-mistakes.cnn");
    private static final String DOCUMENT = "file:///fuzz/probe.cnn";
    private static final String PROBE = "cnnc-fuzz-probe";
    /** Answered on the server's worker, after everything before it: the last request of every session. */
    private static final byte[] PROBE_REQUEST = frame("{\"jsonrpc\":\"2.0\",\"id\":\"" + PROBE + "\",\"method\":"
            + "\"textDocument/documentSymbol\",\"params\":{\"textDocument\":{\"uri\":\"" + DOCUMENT + "\"}}}");
    private static final byte SPLIT = (byte) 0xFF;
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * JSON as the server's gson reads it, for telling an exit: gson takes a control character unescaped in a
     * string, which JSON forbids and Jackson refuses, so an exit whose parameters held one ended the session
     * while this test still waited for the probe's answer (the fuzzer's finding, kept as a seed).
     */
    private static final ObjectMapper AS_GSON_READS = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();
    private static final ExecutorService SESSIONS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(null, task, "fuzz-session", 16L << 20);
        thread.setDaemon(true);
        return thread;
    });

    static {
        // LSP4J logs what it refuses (an unknown method, a bad parameter) through java.util.logging
        Logger.getLogger("org.eclipse.lsp4j").setLevel(Level.OFF);
    }

    /**
     * A session over a few samples, each opened and asked every request, before any input is run:
     * the first answers of a cold JVM, its classes loaded and instrumented, take seconds, longer than the
     * server waits for its worker once the input has ended.
     */
    private enum Warm {
        UP;

        Warm() {
            ByteArrayOutputStream session = new ByteArrayOutputStream();
            session.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}"));
            int id = 1;
            {
                for (String name : WARM_UP_SAMPLES) {
                    java.nio.file.Path sample = cnnc.testing.Samples.ROOT.resolve(name);
                    String uri = sample.toUri().toString();
                    String document = "{\"textDocument\":{\"uri\":" + quoted(uri) + "}";
                    session.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
                            + "{\"textDocument\":{\"uri\":" + quoted(uri) + ",\"languageId\":\"cnn\",\"version\":1,"
                            + "\"text\":" + quoted(cnnc.testing.Samples.source(sample).text()) + "}}}"));
                    for (String method : List.of("hover", "completion", "definition")) {
                        session.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"id\":" + id++ + ",\"method\":\"textDocument/" + method
                                + "\",\"params\":" + document.replace("}", "},\"position\":{\"line\":3,\"character\":2}}")));
                    }
                    session.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"id\":" + id++ + ",\"method\":\"textDocument/inlayHint\","
                            + "\"params\":" + document.replace("}", "},\"range\":{\"start\":{\"line\":0,\"character\":0},"
                            + "\"end\":{\"line\":999,\"character\":0}}}")));
                    for (String method : List.of("documentSymbol", "formatting")) {
                        session.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"id\":" + id++ + ",\"method\":\"textDocument/" + method
                                + "\",\"params\":" + document.replace("}", "},\"options\":{\"tabSize\":2,\"insertSpaces\":true}}")));
                    }
                }
            }
            session.writeBytes(PROBE_REQUEST);
            serve(session.toByteArray(), WARM_UP_SECONDS);
        }

        private static String quoted(String text) {
            try {
                return JSON.writeValueAsString(text);
            } catch (IOException unexpected) {
                throw new java.io.UncheckedIOException(unexpected);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void messages(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /** The target, also as Jazzer's standalone driver calls it. */
    public static void fuzzerTestOneInput(byte[] input) {
        Warm.UP.hashCode();
        boolean framed = input.length == 0 || input[0] % 2 == 0;
        byte[] fuzzed = input.length == 0 ? input : java.util.Arrays.copyOfRange(input, 1, input.length);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        sent.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}"));
        sent.writeBytes(frame("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":"
                + "{\"uri\":\"" + DOCUMENT + "\",\"languageId\":\"cnn\",\"version\":1,\"text\":\"input 8x8x1; conv 4@3; "
                + "dense 2\\n\"}}}"));
        boolean exits = framed ? sendFramed(fuzzed, sent) : sendRaw(fuzzed, sent);
        sent.writeBytes(PROBE_REQUEST);
        boolean mayTakeTheProbe = !framed && new String(fuzzed, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT)
                .contains("content-length");
        for (JsonNode frame : serve(sent.toByteArray(), exits || mayTakeTheProbe ? 0 : SECONDS)) {
            assertTrue(frame.isObject() && "2.0".equals(frame.path("jsonrpc").asText()), () -> "not JSON-RPC: " + frame);
        }
    }

    /** Each part between 0xFF bytes as one framed message; true if one of them is an exit notification. */
    private static boolean sendFramed(byte[] fuzzed, ByteArrayOutputStream sent) {
        boolean exits = false;
        int start = 0;
        for (int i = 0; i <= fuzzed.length; i++) {
            if (i == fuzzed.length || fuzzed[i] == SPLIT) {
                byte[] content = java.util.Arrays.copyOfRange(fuzzed, start, i);
                sent.writeBytes(frame(content));
                exits |= isExit(content);
                start = i + 1;
            }
        }
        return exits;
    }

    private static boolean sendRaw(byte[] fuzzed, ByteArrayOutputStream sent) {
        sent.writeBytes(fuzzed);
        // the server may take an exit only from framed bytes, which a raw input holds only with a Content-Length
        return false;
    }

    /** Whether a content, read as JSON by Jackson, is a message whose method is exit. */
    private static boolean isExit(byte[] content) {
        try {
            return "exit".equals(AS_GSON_READS.readTree(content).path("method").asText(null));
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    /**
     * The server's output for this input, in a thread of its own. The input is held open after its last
     * byte until the probe is answered (when it is expected), so that the answer never races the
     * session's end; a session that does not answer, or does not end once its input has, fails.
     */
    private static List<JsonNode> serve(byte[] input, int probeSeconds) {
        HeldInput in = new HeldInput(input);
        Output out = new Output();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        PrintStream err = System.err;
        System.setErr(quiet); // requests that fail are logged there, with their stack traces
        try {
            Future<Integer> session = SESSIONS.submit(() -> Server.run(in, out, quiet, "fuzz"));
            boolean answered = probeSeconds == 0 || out.awaitProbe(session, probeSeconds);
            in.end();
            session.get(SECONDS, TimeUnit.SECONDS);
            List<JsonNode> frames = frames(out.flushed());
            assertTrue(answered, () -> "the probe was not answered within " + probeSeconds + " s; the server sent " + frames);
            return frames;
        } catch (TimeoutException slow) {
            throw new AssertionError("the session did not end within " + SECONDS + " s of its input's end");
        } catch (java.util.concurrent.ExecutionException failed) {
            throw new AssertionError("the server threw", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        } finally {
            System.setErr(err);
        }
    }

    /** The input's bytes, then no end until {@link #end()}: an editor that has sent all and waits. */
    private static final class HeldInput extends InputStream {
        private final byte[] bytes;
        private int at;
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);

        HeldInput(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (at == bytes.length) {
                try {
                    ended.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
            int count = Math.min(length, bytes.length - at);
            System.arraycopy(bytes, at, buffer, offset, count);
            at += count;
            return count;
        }

        void end() {
            ended.countDown();
        }
    }

    /**
     * What the server wrote, as far as its last flush: LSP4J writes a message's header and content
     * apart and flushes after both, so what is flushed is always whole frames.
     */
    private static final class Output extends ByteArrayOutputStream {
        private int flushed;

        @Override
        public synchronized void flush() {
            flushed = count;
            notifyAll();
        }

        synchronized byte[] flushed() {
            return java.util.Arrays.copyOf(buf, flushed);
        }

        /** Waits until the probe's answer is flushed or the session ends; whether it came. */
        synchronized boolean awaitProbe(Future<Integer> session, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            byte[] answer = ("\"id\":\"" + PROBE + "\",\"result\"").getBytes(StandardCharsets.US_ASCII);
            while (!contains(answer) && !session.isDone() && System.nanoTime() < deadline) {
                wait(100);
            }
            return contains(answer);
        }

        private boolean contains(byte[] needle) {
            return new String(buf, 0, flushed, StandardCharsets.ISO_8859_1)
                    .contains(new String(needle, StandardCharsets.ISO_8859_1));
        }
    }

    private static byte[] frame(String content) {
        return frame(content.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] frame(byte[] content) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.writeBytes(("Content-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        framed.writeBytes(content);
        return framed.toByteArray();
    }

    /** The output as frames, each a header, a blank line and that many bytes of JSON; anything else fails. */
    private static List<JsonNode> frames(byte[] output) {
        List<JsonNode> frames = new ArrayList<>();
        String text = new String(output, StandardCharsets.ISO_8859_1); // one char a byte, so offsets are bytes
        int at = 0;
        while (at < text.length()) {
            int blank = text.indexOf("\r\n\r\n", at);
            String header = blank < 0 ? text.substring(at) : text.substring(at, blank);
            assertTrue(header.matches("Content-Length: [0-9]+"), () -> "not a frame's header: " + header);
            int length = Integer.parseInt(header.substring("Content-Length: ".length()));
            int start = blank + 4;
            assertTrue(start + length <= output.length, "a frame runs past the output's end");
            try {
                frames.add(JSON.readTree(new String(output, start, length, StandardCharsets.UTF_8)));
            } catch (IOException notJson) {
                throw new AssertionError("a frame that is not JSON: " + new String(output, start, length, StandardCharsets.UTF_8),
                        notJson);
            }
            at = start + length;
        }
        assertEquals(output.length, at);
        return frames;
    }
}
