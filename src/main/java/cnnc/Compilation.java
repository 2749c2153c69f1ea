package cnnc;

import cnnc.check.CheckedModel;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import java.util.List;

/**
 * A compiled description: the checked model and every diagnostic, in source order. Backends may
 * only use the model when {@link #hasErrors()} is false.
 */
public record Compilation(SourceFile source, CheckedModel model, List<Diagnostic> diagnostics) {
    public Compilation {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
