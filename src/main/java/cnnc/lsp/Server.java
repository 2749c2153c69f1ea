package cnnc.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * {@code cnnc lsp}: a Language Server Protocol server over a pair of streams. The work runs on one
 * thread with a deep stack, as the launcher gives the command line's (a deeply nested description
 * recurses in the parser), so documents and requests need no locking.
 */
public final class Server implements LanguageServer, LanguageClientAware {
    private static final long WORKER_STACK = 16L << 20;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            task -> {
                Thread thread = new Thread(null, task, "cnnc-lsp", WORKER_STACK);
                thread.setDaemon(true);
                return thread;
            });
    private final Documents documents = new Documents(worker);
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private final String version;
    private volatile boolean shutDown;

    private Server(String version) {
        this.version = version;
    }

    /**
     * Serves until the client sends {@code exit} or closes the input. Returns the exit code: 0 after
     * {@code shutdown} then {@code exit}, 1 otherwise (the protocol's rule).
     */
    public static int run(InputStream in, OutputStream out, String version) {
        return run(in, out, System.err, version);
    }

    /** As {@link #run(InputStream, OutputStream, String)}, with the input's refusals logged on {@code log}. */
    public static int run(InputStream in, OutputStream out, PrintStream log, String version) {
        Server server = new Server(version);
        // LSP4J's own threads would be kept alive a minute after the session, holding up a JVM that
        // ends without System.exit (the archive's warm-up run, cli/WarmUp): daemons instead
        ExecutorService protocol = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "cnnc-lsp-protocol");
            thread.setDaemon(true);
            return thread;
        });
        Launcher<LanguageClient> launcher = new GuardedLauncher(log).setLocalService(server)
                .setRemoteInterface(LanguageClient.class).setInput(in).setOutput(out).setExecutorService(protocol)
                .create();
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        CompletableFuture.runAsync(() -> {
            try {
                listening.get();
            } catch (InterruptedException | ExecutionException ended) {
                // the input closed or failed: the editor is gone
            }
            server.exited.complete(server.shutDown ? 0 : 1);
        });
        int code = server.exited.join();
        // what was asked before exit is answered (a few ms at most); nothing is taken after it
        server.worker.shutdown();
        protocol.shutdown();
        try {
            server.worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return code;
    }

    @Override
    public void connect(LanguageClient client) {
        documents.connect(client);
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        documents.useSnippets(snippetSupport(params.getCapabilities()));
        ServerCapabilities capabilities = new ServerCapabilities();
        capabilities.setTextDocumentSync(TextDocumentSyncKind.Full);
        capabilities.setHoverProvider(true);
        capabilities.setInlayHintProvider(true);
        capabilities.setDefinitionProvider(true);
        capabilities.setCompletionProvider(new CompletionOptions(false, List.of()));
        capabilities.setDocumentSymbolProvider(true);
        capabilities.setDocumentFormattingProvider(true);
        return CompletableFuture.completedFuture(new InitializeResult(capabilities, new ServerInfo("cnnc", version)));
    }

    private static boolean snippetSupport(ClientCapabilities capabilities) {
        if (capabilities == null || capabilities.getTextDocument() == null
                || capabilities.getTextDocument().getCompletion() == null
                || capabilities.getTextDocument().getCompletion().getCompletionItem() == null) {
            return false;
        }
        return Boolean.TRUE.equals(capabilities.getTextDocument().getCompletion().getCompletionItem().getSnippetSupport());
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        shutDown = true;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        exited.complete(shutDown ? 0 : 1);
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return documents;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return new WorkspaceService() {
            @Override
            public void didChangeConfiguration(DidChangeConfigurationParams params) {
            }

            @Override
            public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
            }
        };
    }

    /** A failure the server survives: one line and the stack trace on standard error, the editor's log. */
    static void log(String what, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        System.err.println("cnnc lsp: " + what + ": " + failure + "\n" + trace);
        System.err.flush();
    }
}
