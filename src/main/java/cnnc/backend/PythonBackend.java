package cnnc.backend;

import cnnc.Compilation;
import cnnc.backend.training.OutputFit;
import cnnc.backend.training.TrainingSetup;
import cnnc.check.CheckedLayer;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the Keras and PyTorch backends share: each row of the checked model translated, the rows kept only
 * when none was rejected and the training set-up's loss (if any) fits the model's output (E0603), then one
 * Python module written from them.
 */
public final class PythonBackend {
    private PythonBackend() {
    }

    /**
     * @param python      the generated module, empty when there are errors
     * @param diagnostics the compilation's and the backend's, in source order
     */
    public record Result(Optional<String> python, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Only for a compilation without errors.
     *
     * @param translator given the diagnostics to report to, the translation of one row: null for a row it rejects
     * @param taken      the names the module gives its own imports and variables, which no layer may be named
     * @param module     the module, from every row's translation
     */
    public static <R> Result generate(Compilation compilation, Optional<TrainingSetup> training,
                                      Function<Diagnostics, Function<CheckedLayer, R>> translator, Set<String> taken,
                                      Function<List<R>, String> module) {
        RowTranslation.Result<R> rows = RowTranslation.run(compilation, translator, row -> requireIdentifier(row, taken));
        if (training.isEmpty() || rows.rows().isEmpty()) {
            return new Result(rows.rows().map(module), rows.diagnostics());
        }
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(rows.diagnostics());
        boolean fits = OutputFit.check(compilation.model(), training.get().loss(), diagnostics);
        return new Result(fits ? rows.rows().map(module) : Optional.empty(), diagnostics.sorted());
    }

    /** Layer names become Python variables: the checker makes them from layer words and numbers (conv1). */
    private static void requireIdentifier(String row, Set<String> taken) {
        String name = row.substring(row.lastIndexOf('.') + 1);
        if (!PythonText.isIdentifier(name) || taken.contains(name)) {
            throw new IllegalStateException("layer name '" + name + "' is not usable as a Python variable");
        }
    }
}
