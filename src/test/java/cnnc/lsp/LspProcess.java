package cnnc.lsp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * {@code cnnc lsp} in a process of its own, spoken to over its standard input and output by LSP4J's
 * client launcher, as an editor would. Its standard error goes to a file the tests read.
 */
final class LspProcess implements AutoCloseable {
    /** The command that starts the server: this JVM's Java and class path, cnnc's Main. */
    static List<String> command() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss16m",
                "-cp", System.getProperty("java.class.path"), "cnnc.cli.Main", "lsp");
    }

    final Process process;
    final LanguageServer server;
    final Path stderr;
    private final Map<String, BlockingQueue<PublishDiagnosticsParams>> published = new ConcurrentHashMap<>();

    LspProcess(Path stderr) throws IOException {
        this.stderr = stderr;
        Files.createDirectories(stderr.getParent());
        process = new ProcessBuilder(command()).redirectError(stderr.toFile()).start();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), process.getInputStream(),
                process.getOutputStream());
        launcher.startListening();
        server = launcher.getRemoteProxy();
    }

    void initialize() throws Exception {
        InitializeParams params = new InitializeParams();
        params.setCapabilities(new ClientCapabilities());
        server.initialize(params).get(60, TimeUnit.SECONDS);
        server.initialized(new org.eclipse.lsp4j.InitializedParams());
    }

    void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "cnn", 1, text)));
    }

    /** The next diagnostics published for a document, waiting up to 30 s. */
    PublishDiagnosticsParams diagnostics(String uri) throws InterruptedException {
        PublishDiagnosticsParams params = queue(uri).poll(30, TimeUnit.SECONDS);
        if (params == null) {
            throw new AssertionError("no diagnostics were published for " + uri);
        }
        return params;
    }

    private BlockingQueue<PublishDiagnosticsParams> queue(String uri) {
        return published.computeIfAbsent(uri, u -> new LinkedBlockingQueue<>());
    }

    /** Shuts the server down as an editor does; its exit code. */
    int shutDown() throws Exception {
        server.shutdown().get(30, TimeUnit.SECONDS);
        server.exit();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("cnnc lsp did not exit after shutdown and exit");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private final class Client implements LanguageClient {
        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            queue(diagnostics.getUri()).add(diagnostics);
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams message) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }
    }
}
