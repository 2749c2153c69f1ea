package cnnc.check;

import cnnc.diag.Diagnostic;
import java.util.List;

/** The checked model (with unknown shapes where layers failed) and the checker's diagnostics. */
public record CheckResult(CheckedModel model, List<Diagnostic> diagnostics) {
    public CheckResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
