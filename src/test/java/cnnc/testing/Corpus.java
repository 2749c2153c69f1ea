package cnnc.testing;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.diag.Code;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The loop every random generator shares: candidates until {@code count} compile cleanly and pass the filter.
 * A candidate with W0503 is dropped too: an {@code ln} over one value makes a constant, so what comes before
 * it reaches the output only as the rounding of Keras's float32 arithmetic, which no comparison can hold to
 * a tolerance.
 */
final class Corpus {
    private Corpus() {
    }

    /** {@code count} descriptions named {@code stem0}, {@code stem1}, ... */
    static List<String> generate(int count, String stem, Supplier<String> candidate, Predicate<Compilation> keep) {
        List<String> models = new ArrayList<>();
        while (models.size() < count) {
            String name = stem + models.size();
            String text = "model " + name + "\n" + candidate.get();
            Compilation compilation = Compiler.compile(new SourceFile(name + ".cnn", text));
            if (!compilation.hasErrors() && compilation.diagnostics().stream().noneMatch(d -> d.code() == Code.W0503)
                    && keep.test(compilation)) {
                models.add(text);
            }
        }
        return models;
    }
}
