package cnnc.backend.torch;

import cnnc.Compilation;
import cnnc.backend.RowTranslation;
import cnnc.backend.training.OutputFit;
import cnnc.backend.training.TrainingSetup;
import cnnc.backend.keras.PythonText;
import cnnc.diag.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * The PyTorch backend: a Python module whose {@code build_model()} returns the model as an
 * {@code nn.Module} computing what the Keras module computes. Layers torch cannot run are reported
 * (E0602) and nothing is written.
 */
public final class TorchBackend {
    private TorchBackend() {
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

    /** With a training set-up, build_loss() and build_optimizer(model) follow build_model() (E0603: see OutputFit). */
    public static Result generate(Compilation compilation, Optional<TrainingSetup> training) {
        RowTranslation.Result<TorchRow> rows = OutputFit.require(RowTranslation.run(compilation,
                diagnostics -> new LayerTranslator(diagnostics)::translate, TorchBackend::requireIdentifier),
                compilation.model(), training);
        String factories = training.map(TrainingFactories::write).orElse("");
        return new Result(rows.rows().map(list -> ModuleWriter.write(compilation.source(), compilation.model(), list,
                factories)), rows.diagnostics());
    }

    /** Layer names become attributes and variables: the checker makes them from layer words and numbers (conv1). */
    private static void requireIdentifier(String row) {
        String name = row.substring(row.lastIndexOf('.') + 1);
        if (!PythonText.isIdentifier(name) || List.of("x", "self", "torch", "nn", "F").contains(name)) {
            throw new IllegalStateException("layer name '" + name + "' is not usable as a Python variable");
        }
    }
}
