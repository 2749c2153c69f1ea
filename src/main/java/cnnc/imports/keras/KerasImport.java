package cnnc.imports.keras;

import cnnc.Compilation;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.imports.Statements;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cnnc import} of a Keras model: its JSON read ({@link KerasFile}, {@link KerasGraph}), each layer
 * mapped ({@link KerasLayers}), the graph written as statements ({@link KerasSteps}, then
 * {@link cnnc.imports.DescriptionWriter}), formatted as {@code cnnc fmt} formats, and checked. Every layer or option the language cannot express is an error
 * at the layer's name in the JSON; a description that does not check is an error too (a bug of the
 * import), so a result with a text is a description that checks.
 */
public final class KerasImport {
    private KerasImport() {
    }

    /**
     * @param source     the JSON the diagnostics point into ({@code FILE!config.json} for an archive)
     * @param text       the description, when the import succeeded
     * @param compilation its compilation, when the import succeeded
     */
    public record Result(SourceFile source, Optional<String> text, Optional<Compilation> compilation,
                         List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /**
     * @param name   the file's name, for diagnostics
     * @param output the name the description will have (a {@code .cnn} file)
     */
    public static Result run(String name, byte[] bytes, String output) {
        SourceFile source = new SourceFile(name, "");
        try {
            source = KerasFile.source(name, bytes);
            KerasGraph graph = graph(source);
            List<Diagnostic> problems = new ArrayList<>();
            Map<KerasLayer, Mapped> mapped = new LinkedHashMap<>();
            for (KerasLayer layer : graph.layers) {
                if (layer != graph.input) {
                    mapped.put(layer, map(layer, problems));
                }
            }
            if (!problems.isEmpty()) {
                return new Result(source, Optional.empty(), Optional.empty(), problems);
            }
            return checked(source, mapped, KerasSteps.write(graph, mapped), output);
        } catch (Refusal refusal) {
            return new Result(source, Optional.empty(), Optional.empty(), List.of(refusal.diagnostic));
        }
    }

    /**
     * The graph, or E0820 where the JSON holds a value of another form than Keras writes (a list where a
     * number stands, say): gson's exceptions say which.
     */
    private static KerasGraph graph(SourceFile source) {
        try {
            KerasGraph graph = KerasGraph.read(source);
            KerasLayers.markHelpers(graph);
            return graph;
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException | NumberFormatException
                 | IndexOutOfBoundsException | NullPointerException unexpected) {
            throw new Refusal(Diagnostic.of(Code.E0820, source.span(0, 0), "this is not a Keras model's configuration: "
                    + "a value of another form than Keras writes (" + unexpected.getMessage() + ")",
                    "give the JSON that model.to_json() writes, or a .keras file (model.save)"));
        }
    }

    private static Mapped map(KerasLayer layer, List<Diagnostic> problems) {
        try {
            return KerasLayers.map(layer, problems);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException | NumberFormatException
                 | IndexOutOfBoundsException | NullPointerException | ArithmeticException unexpected) {
            // Java's own words (a NullPointerException's "Cannot invoke ...") tell a reader of the model nothing:
            // the option read last, with its value, is what stopped the mapping
            String option = layer.lastOption == null ? "an option" : layer.lastOption + "="
                    + layer.config.get(layer.lastOption);
            problems.add(Diagnostic.of(Code.E0820, layer.span, "Keras layer " + layer.name + " (" + layer.className
                    + ") has " + option + ", of another form than Keras writes",
                    "give the JSON that model.to_json() writes, or a .keras file (model.save)"));
            return new Mapped.Refused();
        }
    }

    private static Result checked(SourceFile source, Map<KerasLayer, Mapped> mapped, String written, String output) {
        Statements.Checked checked = Statements.check(written, output);
        if (checked.text().isEmpty()) {
            Diagnostic failure = misfit(mapped, output).orElseGet(() -> Diagnostic.of(Code.E0824, source.span(0, 0),
                    "the imported description does not check: " + checked.failure(), MISFIT_HELP));
            return new Result(source, Optional.empty(), Optional.empty(), List.of(failure));
        }
        return new Result(source, checked.text(), checked.compilation(), List.of());
    }

    private static final String MISFIT_HELP = "a model Keras builds always checks: if Keras builds this one, please "
            + "report it with its JSON (a JSON written by hand can give sizes that do not fit, a kernel larger than its "
            + "input)";

    /**
     * The first layer whose statement does not check on its own input, of the shape the JSON gives it: where a JSON
     * written by hand gives sizes that do not fit (a kernel larger than its input), which no model Keras built has.
     * Looked for only once the whole description failed, so that the diagnostic points at the layer, not at the
     * file's start.
     */
    private static Optional<Diagnostic> misfit(Map<KerasLayer, Mapped> mapped, String output) {
        for (Map.Entry<KerasLayer, Mapped> entry : mapped.entrySet()) {
            KerasLayer layer = entry.getKey();
            if (entry.getValue() instanceof Mapped.Statement statement && layer.inputShapes.size() == 1) {
                String shape = String.join("x", layer.inputShape().stream().map(String::valueOf).toList());
                Statements.Checked alone = Statements.check("input " + shape + "\n" + statement.text() + "\n", output);
                if (alone.text().isEmpty()) {
                    return Optional.of(Diagnostic.of(Code.E0824, layer.span, "Keras layer " + layer.name + " ("
                            + layer.className + ") does not fit its input of " + shape + ": " + alone.failure(),
                            MISFIT_HELP));
                }
            }
        }
        return Optional.empty();
    }
}
