package cnnc.backend.keras;

import cnnc.Compilation;
import cnnc.backend.PythonBackend;
import cnnc.backend.training.TrainingSetup;
import java.util.Optional;
import java.util.Set;

/**
 * The Keras backend: a Python module whose {@code build_model()} returns the model in Keras 3.
 * Layers Keras cannot express are reported (E0600) and nothing is written.
 */
public final class KerasBackend {
    private KerasBackend() {
    }

    /** Only for a compilation without errors. */
    public static PythonBackend.Result generate(Compilation compilation) {
        return generate(compilation, Optional.empty());
    }

    /** With a training set-up, the module also has compile_model() (E0603 when the loss does not fit the output). */
    public static PythonBackend.Result generate(Compilation compilation, Optional<TrainingSetup> training) {
        String compile = training.map(CompileFunction::write).orElse("");
        return PythonBackend.generate(compilation, training, diagnostics -> {
                    LayerTranslator translator = new LayerTranslator(diagnostics);
                    return translator::translate;
                },
                Set.of("inputs", "keras", "layers"),
                rows -> ModuleWriter.write(compilation.source(), compilation.model(), rows, compile));
    }
}
