package cnnc.backend.keras;

import cnnc.Compilation;
import cnnc.backend.RowTranslation;
import cnnc.backend.training.OutputFit;
import cnnc.backend.training.TrainingSetup;
import cnnc.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The Keras backend: a Python module whose {@code build_model()} returns the model in Keras 3.
 * Layers Keras cannot express are reported (E0600) and nothing is written.
 */
public final class KerasBackend {
    private KerasBackend() {
    }

    /**
     * @param python      the generated module, empty when there are errors
     * @param diagnostics the compilation's and this backend's, in source order
     */
    public record Result(Optional<String> python, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Only for a compilation without errors. */
    public static Result generate(Compilation compilation) {
        return generate(compilation, Optional.empty());
    }

    /** With a training set-up, the module also has compile_model() (E0603 when the loss does not fit the output). */
    public static Result generate(Compilation compilation, Optional<TrainingSetup> training) {
        RowTranslation.Result<KerasRow> rows = OutputFit.require(RowTranslation.run(compilation,
                diagnostics -> new LayerTranslator(diagnostics)::translate, KerasBackend::requireIdentifier),
                compilation.model(), training);
        String compile = training.map(CompileFunction::write).orElse("");
        return new Result(rows.rows().map(list -> ModuleWriter.write(compilation.source(), compilation.model(), list,
                compile)), rows.diagnostics());
    }

    /** Layer names become Python variables: the checker makes them from layer words and numbers (conv1). */
    private static void requireIdentifier(String row) {
        String name = row.substring(row.lastIndexOf('.') + 1);
        if (!PythonText.isIdentifier(name) || name.equals("inputs") || name.equals("keras") || name.equals("layers")) {
            throw new IllegalStateException("layer name '" + name + "' is not usable as a Python variable");
        }
    }
}
