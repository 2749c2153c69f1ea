package cnnc.bench;

import cnnc.Compiler;
import cnnc.lsp.Server;
import cnnc.source.SourceFile;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The language server's answer to an edit, in-process over pipes, after warm-up: the time from
 * sending {@code didChange} (the whole text, as the server asks) to receiving its diagnostics, which
 * covers the protocol's JSON both ways, parsing, checking and the analysis; then the same with the
 * inlay hints an editor asks for next. The edit alternates one stage's block count, so every change
 * is a new model. Run by bench/run.sh; not a test.
 */
public final class EditBenchmark {
    private EditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "samples/zoo/resnet50.cnn");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String edited = text.replace("stage(256, 6)", "stage(256, 5)");
        if (edited.equals(text)) {
            throw new IllegalStateException(file + " has no 'stage(256, 6)' to edit");
        }
        BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
        LanguageServer server = connect(published);
        String uri = file.toUri().toString();
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "cnn", 0, text)));
        published.take();
        int[] version = {0};
        Edit diagnostics = () -> {
            version[0]++;
            change(server, uri, version[0], version[0] % 2 == 0 ? text : edited);
            PublishDiagnosticsParams answer = published.poll(30, TimeUnit.SECONDS);
            if (answer == null || answer.getVersion() != version[0] || !answer.getDiagnostics().isEmpty()) {
                throw new IllegalStateException("unexpected diagnostics: " + answer);
            }
        };
        Edit withHints = () -> {
            diagnostics.run();
            server.getTextDocumentService().inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri),
                    new Range(new Position(0, 0), new Position(10_000, 0)))).get(30, TimeUnit.SECONDS);
        };
        SourceFile source = new SourceFile(file.toString(), edited);
        double compile = median(runs, () -> Compiler.compile(source));
        double alone = median(runs, diagnostics);
        double hinted = median(runs, withHints);
        System.out.printf("cnnc lsp, an edit of %s (whole text, in-process over pipes), medians of %d runs after as "
                + "many warm-up runs: didChange to its diagnostics %.2f ms; with the inlay hints after it %.2f ms; "
                + "the compiler alone, called directly, %.2f ms%n", file, runs, alone, hinted, compile);
        server.shutdown().get(30, TimeUnit.SECONDS);
        server.exit();
        System.exit(0);
    }

    private static LanguageServer connect(BlockingQueue<PublishDiagnosticsParams> published) throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        PipedOutputStream clientOut = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream serverOut = new PipedOutputStream(clientIn);
        Thread serving = new Thread(() -> Server.run(serverIn, serverOut, "bench"), "server");
        serving.setDaemon(true);
        serving.start();
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new LanguageClient() {
            public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
                published.add(diagnostics);
            }

            public void telemetryEvent(Object object) {
            }

            public void showMessage(MessageParams message) {
            }

            public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
                return CompletableFuture.completedFuture(null);
            }

            public void logMessage(MessageParams message) {
            }
        }, clientIn, clientOut);
        launcher.startListening();
        LanguageServer server = launcher.getRemoteProxy();
        InitializeParams params = new InitializeParams();
        params.setCapabilities(new ClientCapabilities());
        server.initialize(params).join();
        return server;
    }

    private static void change(LanguageServer server, String uri, int version, String text) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    private interface Edit {
        void run() throws Exception;
    }

    private static double median(int runs, Edit edit) throws Exception {
        for (int i = 0; i < runs; i++) {
            edit.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            edit.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1e6;
    }
}
