package cnnc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's headless Chromium driven through the DevTools protocol over java.net.http's WebSocket
 * (no driver, no dependency): one browser, one page, commands answered in order, events kept. When
 * Chromium is missing it is installed with apt-get (the tests run as root on the build machine);
 * when that fails, so does the test.
 */
public final class Chromium implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final String session;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** Every event of the page's session since the last {@link #clearEvents()}. */
    public final List<JsonNode> events = new CopyOnWriteArrayList<>();

    private Chromium(Process process, WebSocket socket, Listener listener) throws Exception {
        this.process = process;
        this.socket = socket;
        listener.owner = this;
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).get("sessionId").asText();
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            call(domain + ".enable", Map.of());
        }
    }

    /** Starts a fresh headless browser (installing Chromium first when it is missing). */
    public static Chromium start(Path profile) throws Exception {
        DebianPackages.ensure(BINARY, "chromium", "the browser tests");
        Files.createDirectories(profile);
        Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(),
                "--remote-debugging-port=0", "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String address = null;
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("DevTools listening on (ws://\\S+)");
        for (String line = err.readLine(); line != null && address == null; line = err.readLine()) {
            Matcher matcher = listening.matcher(line);
            address = matcher.find() ? matcher.group(1) : null;
        }
        if (address == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium did not start its DevTools endpoint");
        }
        Thread drain = new Thread(() -> err.lines().forEach(line -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20))
                .buildAsync(URI.create(address), listener).get(20, TimeUnit.SECONDS);
        return new Chromium(process, socket, listener);
    }

    /** A command to the page; its result. */
    public JsonNode call(String method, Map<String, Object> params) throws Exception {
        return call(session, method, params);
    }

    /** A command to the browser itself (the Browser domain: permissions, windows). */
    public JsonNode callBrowser(String method, Map<String, Object> params) throws Exception {
        return call(null, method, params);
    }

    private JsonNode call(String toSession, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (toSession != null) {
            message.put("sessionId", toSession);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(message), true).get(20, TimeUnit.SECONDS);
        JsonNode reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.get("result");
    }

    /** The value of a JavaScript expression in the page (awaited when it is a promise). */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw " + result.get("exceptionDetails"));
        }
        return result.get("result").get("value");
    }

    /** Opens a URL and waits for its load event. */
    public void open(String url) throws Exception {
        clearEvents();
        call("Page.navigate", Map.of("url", url));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (events.stream().noneMatch(e -> e.get("method").asText().equals("Page.loadEventFired"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no load event for " + url);
            }
            Thread.sleep(20);
        }
    }

    /** A real click of the left button at a point of the viewport (CSS pixels). */
    public void click(double x, double y) throws Exception {
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount",
                    type.equals("mouseMoved") ? 0 : 1));
        }
    }

    public void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        String data = call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText();
        Files.write(file, java.util.Base64.getDecoder().decode(data));
    }

    /** The page from its top left corner, {@code width} by {@code height} CSS pixels, beyond the viewport if need be. */
    public void screenshot(Path file, double width, double height) throws Exception {
        Files.createDirectories(file.getParent());
        String data = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1))).get("data").asText();
        Files.write(file, java.util.Base64.getDecoder().decode(data));
    }

    public void clearEvents() {
        events.clear();
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser is ended below either way
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * What went wrong on the page since it was opened: each console error or warning, exception, and request
     * for an address {@code allowed} refuses ({@code type} is the request's resource type, "Document" when absent).
     */
    public List<String> problems(java.util.function.BiPredicate<String, String> allowed) {
        List<String> problems = new java.util.ArrayList<>();
        for (JsonNode event : events) {
            String method = event.get("method").asText();
            JsonNode params = event.get("params");
            if (method.equals("Runtime.exceptionThrown")
                    || method.equals("Runtime.consoleAPICalled") && params.get("type").asText().matches("error|warning")
                    || method.equals("Log.entryAdded") && params.get("entry").get("level").asText().matches("error|warning")) {
                problems.add(method + " " + params);
            }
            if (method.equals("Network.requestWillBeSent")) {
                String url = params.get("request").get("url").asText();
                if (!allowed.test(url, params.get("type") == null ? "Document" : params.get("type").asText("Document"))) {
                    problems.add("a request for " + url);
                }
            }
        }
        return problems;
    }

    /** Joins a message's frames, then hands answers to their callers and keeps events. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    deliver(message);
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON from the browser", e);
                } finally {
                    text.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void deliver(JsonNode message) {
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = owner.pending.remove(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            } else if (message.has("method")) {
                owner.events.add(message);
            }
        }
    }
}
