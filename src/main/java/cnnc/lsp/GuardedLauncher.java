package cnnc.lsp;

import java.io.PrintStream;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.MessageConsumer;
import org.eclipse.lsp4j.jsonrpc.MessageProducer;
import org.eclipse.lsp4j.jsonrpc.RemoteEndpoint;
import org.eclipse.lsp4j.jsonrpc.json.ConcurrentMessageProcessor;
import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * LSP4J's launcher with cnnc's {@link MessageReader} in place of LSP4J's own reader of the input; the
 * rest (the JSON handler, the endpoint that calls the server and answers, the writer) is LSP4J's.
 */
final class GuardedLauncher extends Launcher.Builder<LanguageClient> {
    private final PrintStream log;
    private MessageJsonHandler json;
    private RemoteEndpoint endpoint;

    GuardedLauncher(PrintStream log) {
        this.log = log;
    }

    @Override
    protected MessageJsonHandler createJsonHandler() {
        json = super.createJsonHandler();
        return json;
    }

    @Override
    protected RemoteEndpoint createRemoteEndpoint(MessageJsonHandler handler) {
        endpoint = super.createRemoteEndpoint(handler);
        return endpoint;
    }

    /** LSP4J's reader, made by its {@code create()}, is never started: cnnc's reads the input instead. */
    @Override
    protected ConcurrentMessageProcessor createMessageProcessor(MessageProducer unused, MessageConsumer consumer,
            LanguageClient client) {
        return new ConcurrentMessageProcessor(new MessageReader(input, json, endpoint, log), consumer);
    }
}
