package cnnc.backend.keras;

import cnnc.Compilation;
import cnnc.check.CheckedLayer;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import java.util.ArrayList;
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
        if (compilation.hasErrors()) {
            throw new IllegalArgumentException("the model has errors");
        }
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(compilation.diagnostics());
        LayerTranslator translator = new LayerTranslator(diagnostics);
        List<KerasRow> rows = new ArrayList<>();
        for (CheckedLayer layer : compilation.model().layers()) {
            requireIdentifier(layer.name());
            diagnostics.setContext(layer.usedAt());
            KerasRow row = translator.translate(layer);
            if (row != null) {
                rows.add(row);
            }
        }
        diagnostics.setContext(List.of());
        if (diagnostics.hasErrors()) {
            return new Result(Optional.empty(), diagnostics.sorted());
        }
        return new Result(Optional.of(ModuleWriter.write(compilation.source(), compilation.model(), rows)),
                diagnostics.sorted());
    }

    /** Layer names become Python variables: the checker makes them from layer words and numbers (conv1). */
    private static void requireIdentifier(String name) {
        if (!PythonText.isIdentifier(name) || name.equals("inputs") || name.equals("keras") || name.equals("layers")) {
            throw new IllegalStateException("layer name '" + name + "' is not usable as a Python variable");
        }
    }
}
