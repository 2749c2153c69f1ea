package cnnc;

import cnnc.analysis.Analysis;
import cnnc.ast.Description;
import cnnc.check.CheckedModel;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * A compiled description: the syntax tree as written (an editor's definitions and outline read it), the
 * checked model, what it costs, and every diagnostic, in source order.
 * Backends may only use the model, and the analysis is only present, when {@link #hasErrors()} is
 * false.
 */
public record Compilation(SourceFile source, Description syntax, CheckedModel model, Optional<Analysis> analysis,
                          List<Diagnostic> diagnostics) {
    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.isError()) {
                return true;
            }
        }
        return false;
    }

    /** The same compilation with other diagnostics (a backend's, added to the checker's). */
    public Compilation withDiagnostics(List<Diagnostic> others) {
        return new Compilation(source, syntax, model, analysis, others);
    }
}
