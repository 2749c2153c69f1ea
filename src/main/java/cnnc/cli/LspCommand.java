package cnnc.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cnnc lsp}: the language server on standard input and output. Only this command loads LSP4J
 * (through {@link cnnc.lsp.Server}, reached from {@link #call()} alone), so no other command pays for it.
 */
final class LspCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpecs.command("lsp", this,
            "Serves the Language Server Protocol on standard input and output, for an editor: diagnostics as "
                    + "you type, each line's output shape, hover, definitions, completion, outline.");

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        PrintStream protocol = System.out;
        // the protocol owns standard output: anything else printed would corrupt it
        System.setOut(System.err);
        return cnnc.lsp.Server.run(System.in, protocol, Version.PROVIDER.getVersion()[0]);
    }
}
