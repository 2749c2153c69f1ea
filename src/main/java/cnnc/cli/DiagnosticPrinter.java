package cnnc.cli;

import cnnc.Compilation;
import cnnc.diag.Diagnostic;
import cnnc.diag.DiagnosticRenderer;
import cnnc.source.SourceFile;
import java.io.PrintWriter;
import java.util.List;

/** Prints a compilation's diagnostics for people, at most {@value #LIMIT} of them, then a count. */
final class DiagnosticPrinter {
    static final int LIMIT = 50;

    private DiagnosticPrinter() {
    }

    static void print(Compilation compilation, PrintWriter err) {
        print(compilation.source(), compilation.diagnostics(), err);
    }

    static void print(SourceFile source, List<Diagnostic> diagnostics, PrintWriter err) {
        if (diagnostics.isEmpty()) {
            return;
        }
        diagnostics.stream().limit(LIMIT)
                .forEach(d -> err.print(DiagnosticRenderer.render(source, d)));
        if (diagnostics.size() > LIMIT) {
            err.println("... and " + (diagnostics.size() - LIMIT) + " more not shown");
        }
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        err.println(DiagnosticRenderer.printable(source.name()) + ": " + count(errors, "error") + ", " + count(warnings, "warning"));
        err.flush();
    }

    private static String count(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
