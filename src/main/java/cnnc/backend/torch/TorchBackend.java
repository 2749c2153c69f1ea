package cnnc.backend.torch;

import cnnc.Compilation;
import cnnc.backend.PythonBackend;
import cnnc.backend.training.TrainingSetup;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PyTorch backend: a Python module whose {@code build_model()} returns the model as an
 * {@code nn.Module} computing what the Keras module computes. Layers torch cannot run are reported
 * (E0602) and nothing is written.
 */
public final class TorchBackend {
    private TorchBackend() {
    }

    /** Only for a compilation without errors. */
    public static PythonBackend.Result generate(Compilation compilation) {
        return generate(compilation, Optional.empty());
    }

    /** With a training set-up, build_loss() and build_optimizer(model) follow build_model() (E0603: see OutputFit). */
    public static PythonBackend.Result generate(Compilation compilation, Optional<TrainingSetup> training) {
        String factories = training.map(TrainingFactories::write).orElse("");
        return PythonBackend.generate(compilation, training, diagnostics -> {
                    LayerTranslator translator = new LayerTranslator(diagnostics);
                    return translator::translate;
                },
                Set.of("x", "self", "torch", "nn", "F"),
                rows -> ModuleWriter.write(compilation.source(), compilation.model(), rows, factories));
    }

    /**
     * The Python source of each helper class the generated modules may hold ({@code ReshapeHWC},
     * {@code SeparableConv2d}, ...), by name: what {@code cnnc import} recognises as cnnc's own.
     */
    public static Map<String, String> helperClasses() {
        return TorchClasses.sources();
    }
}
