package cnnc.backend;

import cnnc.Compilation;
import cnnc.check.CheckedLayer;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a code generator does with the checked model's rows: each translated in turn, a rejection inside
 * a block noted where the block was used, and the rows kept only when no row was rejected.
 */
public final class RowTranslation {
    private RowTranslation() {
    }

    /**
     * @param rows        every row's translation, empty when one was rejected (or the compilation has errors)
     * @param diagnostics the compilation's and the translator's, in source order
     */
    public record Result<R>(Optional<List<R>> rows, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * Only for a compilation without errors.
     *
     * @param translator given the diagnostics to report to, the translation of one row: null for a row it rejects
     * @param nameCheck  throws for a row name the target cannot use (the checker makes names that every target can)
     */
    public static <R> Result<R> run(Compilation compilation, Function<Diagnostics, Function<CheckedLayer, R>> translator,
                                    Consumer<String> nameCheck) {
        if (compilation.hasErrors()) {
            throw new IllegalArgumentException("the model has errors");
        }
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(compilation.diagnostics());
        Function<CheckedLayer, R> translate = translator.apply(diagnostics);
        List<R> rows = new ArrayList<>();
        for (CheckedLayer layer : compilation.model().layers()) {
            nameCheck.accept(layer.name());
            diagnostics.setContext(layer.usedAt());
            R row = translate.apply(layer);
            if (row != null) {
                rows.add(row);
            }
        }
        diagnostics.setContext(List.of());
        return new Result<>(diagnostics.hasErrors() ? Optional.empty() : Optional.of(rows), diagnostics.sorted());
    }
}
