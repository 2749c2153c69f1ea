package cnnc.parse;

import cnnc.ast.Description;
import cnnc.diag.Diagnostic;
import java.util.List;

/** The syntax tree (always present, possibly with Invalid statements) and the parser's diagnostics. */
public record ParseResult(Description description, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }
}
