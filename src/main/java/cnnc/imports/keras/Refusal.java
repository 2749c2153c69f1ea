package cnnc.imports.keras;

import cnnc.diag.Diagnostic;

/** A problem that stops the import of a whole model (not one layer's, which are collected). */
final class Refusal extends RuntimeException {
    final transient Diagnostic diagnostic;

    Refusal(Diagnostic diagnostic) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
    }
}
