package cnnc.lsp;

import cnnc.editor.Definitions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The open documents and every request about them. Each runs on the server's one worker thread, in
 * the order received, and inside {@link #answer}: a request that fails (a bug, a description that
 * breaks an assumption) is logged on standard error and answered with nothing, and the server goes on.
 * A new request is one override that calls {@code answer} (formatting: the text of {@code fmt} as one
 * edit over the document).
 */
final class Documents implements TextDocumentService {
    private final Map<String, OpenDocument> open = new ConcurrentHashMap<>();
    private final Executor worker;
    private volatile LanguageClient client;
    private volatile boolean snippets;

    Documents(Executor worker) {
        this.worker = worker;
    }

    void connect(LanguageClient client) {
        this.client = client;
    }

    void useSnippets(boolean snippets) {
        this.snippets = snippets;
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        update(uri, params.getTextDocument().getVersion(), params.getTextDocument().getText());
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        List<TextDocumentContentChangeEvent> changes = params.getContentChanges();
        if (!changes.isEmpty()) {
            // full synchronisation: the last change holds the whole text
            update(params.getTextDocument().getUri(), params.getTextDocument().getVersion(),
                    changes.get(changes.size() - 1).getText());
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        String uri = params.getTextDocument().getUri();
        run("didClose", () -> {
            open.remove(uri);
            publish(new PublishDiagnosticsParams(uri, List.of()));
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
    }

    private void update(String uri, Integer version, String text) {
        run("checking " + uri, () -> {
            OpenDocument document = OpenDocument.compile(uri, version == null ? 0 : version, text);
            open.put(uri, document);
            publish(PublishedDiagnostics.of(document));
        });
    }

    private void publish(PublishDiagnosticsParams diagnostics) {
        LanguageClient connected = client;
        if (connected != null) {
            connected.publishDiagnostics(diagnostics);
        }
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        return answer("hover", params.getTextDocument().getUri(), null,
                d -> Answers.hover(d, d.lines().offset(params.getPosition())));
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return answer("inlayHint", params.getTextDocument().getUri(), List.of(),
                d -> Answers.shapes(d, params.getRange()));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        String uri = params.getTextDocument().getUri();
        return answer("definition", uri, Either.forLeft(List.of()), d -> Either.forLeft(
                Definitions.at(d.compilation(), d.lines().offset(params.getPosition()))
                        .map(span -> List.of(new Location(uri, d.lines().range(span)))).orElse(List.of())));
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        return answer("completion", params.getTextDocument().getUri(), Either.forLeft(List.of()),
                d -> Either.forLeft(Answers.completions(d, d.lines().offset(params.getPosition()), snippets)));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        return answer("documentSymbol", params.getTextDocument().getUri(), List.of(),
                d -> Symbols.of(d).stream().map(Either::<SymbolInformation, DocumentSymbol>forRight).toList());
    }

    /**
     * The document in {@code cnnc fmt}'s layout: one edit over the whole text, none when it is
     * already formatted or has a syntax error (which fmt refuses too).
     */
    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return answer("formatting", params.getTextDocument().getUri(), List.of(), d -> {
            String text = d.compilation().source().text();
            return cnnc.format.Formatter.format(d.compilation().source()).text().filter(formatted -> !formatted.equals(text))
                    .map(formatted -> List.of(new TextEdit(new Range(d.lines().position(0), d.lines().position(text.length())),
                            formatted))).orElse(List.of());
        });
    }

    /** A request about an open document, answered on the worker; {@code fallback} when it is not open or fails. */
    private <T> CompletableFuture<T> answer(String what, String uri, T fallback, Function<OpenDocument, T> work) {
        return CompletableFuture.supplyAsync(guarded(what, () -> {
            OpenDocument document = open.get(uri);
            return document == null ? fallback : work.apply(document);
        }, fallback), worker);
    }

    private void run(String what, Runnable work) {
        worker.execute(() -> guarded(what, () -> {
            work.run();
            return null;
        }, null).get());
    }

    private static <T> Supplier<T> guarded(String what, Supplier<T> work, T fallback) {
        return () -> {
            try {
                return work.get();
            } catch (RuntimeException | StackOverflowError | AssertionError failure) {
                Server.log(what + " failed", failure);
                return fallback;
            }
        };
    }
}
