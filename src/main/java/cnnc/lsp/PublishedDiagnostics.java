package cnnc.lsp;

import cnnc.diag.Severity;
import cnnc.editor.EditedText;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;

/** cnnc's diagnostics as LSP's: the code, the message with its hints, the notes as related places. */
final class PublishedDiagnostics {
    private PublishedDiagnostics() {
    }

    static PublishDiagnosticsParams of(OpenDocument document) {
        List<Diagnostic> diagnostics = document.tooLarge() ? List.of(tooLarge())
                : document.compilation().diagnostics().stream().map(d -> diagnostic(document, d)).toList();
        return new PublishDiagnosticsParams(document.uri(), diagnostics, document.version());
    }

    private static Diagnostic tooLarge() {
        Position start = new Position(0, 0);
        return new Diagnostic(new Range(start, start), EditedText.tooLargeMessage(), DiagnosticSeverity.Error, "cnnc");
    }

    private static Diagnostic diagnostic(OpenDocument document, cnnc.diag.Diagnostic found) {
        StringBuilder message = new StringBuilder(found.message());
        found.hints().forEach(hint -> message.append("\nhelp: ").append(hint));
        Diagnostic diagnostic = new Diagnostic(document.lines().range(found.span()), message.toString(),
                found.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "cnnc",
                found.code().name());
        if (!found.notes().isEmpty()) {
            diagnostic.setRelatedInformation(found.notes().stream().map(note -> new DiagnosticRelatedInformation(
                    new Location(document.uri(), document.lines().range(note.span())), note.message())).toList());
        }
        return diagnostic;
    }
}
