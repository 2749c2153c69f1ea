package cnnc.check;

import cnnc.diag.Diagnostic;
import java.util.List;

/**
 * The checked model (with unknown shapes where layers failed), the checker's diagnostics, and the shapes
 * asserted as formulas of the size variables, which the checker reads but does not prove.
 */
public record CheckResult(CheckedModel model, List<Diagnostic> diagnostics, List<AssertedFormula> claims) {
    public CheckResult {
        diagnostics = List.copyOf(diagnostics);
        claims = List.copyOf(claims);
    }
}
