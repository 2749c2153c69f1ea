package cnnc.backend.dl4j;

import cnnc.Compilation;
import cnnc.backend.training.OutputFit;
import cnnc.backend.training.TrainingSetup;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Deeplearning4j backend: a Java source file whose {@code configuration()} returns the model's
 * configuration, a MultiLayerConfiguration for a chain and a ComputationGraphConfiguration for a
 * graph. Layers DL4J cannot express are reported (E0601) and nothing is written.
 */
public final class Dl4jBackend {
    private Dl4jBackend() {
    }

    /**
     * @param javaSource   the generated file, empty when there are errors
     * @param diagnostics  the compilation's and this backend's, in source order
     */
    public record Result(Optional<String> javaSource, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** Only for a compilation without errors. */
    /**
     * Where the helper classes' files come from where there is no jar to hold them (the playground, whose build
     * bundles them): {@code files} answers a file's name ({@code HardSwish.java}) with its text, or null.
     */
    public static void readHelperFilesWith(Function<String, String> files) {
        Helper.readFilesWith(files);
    }

    public static Result generate(Compilation compilation, JavaClassName target) {
        return generate(compilation, target, Optional.empty());
    }

    /**
     * With a training set-up, the network ends in a layer that holds the loss (see {@link LossOutput}) and has
     * the optimizer as its updater; a loss that does not fit the output is E0603.
     */
    public static Result generate(Compilation compilation, JavaClassName target, Optional<TrainingSetup> training) {
        if (compilation.hasErrors()) {
            throw new IllegalArgumentException("the model has errors");
        }
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(compilation.diagnostics());
        List<Dl4jRow> rows = translate(compilation, diagnostics);
        training.ifPresent(setup -> OutputFit.check(compilation.model(), setup.loss(), diagnostics));
        training.ifPresent(setup -> LossOutput.checkRank(compilation.model(), diagnostics));
        if (diagnostics.hasErrors()) {
            return new Result(Optional.empty(), diagnostics.sorted());
        }
        if (training.isPresent()) { // OutputFit refused a model without layers; in a block's method, GraphWriter adds the loss
            CheckedLayer last = compilation.model().layers().get(compilation.model().layers().size() - 1);
            rows = LossOutput.attach(rows, last.outputShape(), training.get().loss());
        }
        String source = !needsGraph(compilation.model())
                ? ChainWriter.write(compilation.source(), compilation.model(), rows, target, training)
                : GraphWriter.write(compilation.source(), compilation.model(), rows, target, training);
        return new Result(Optional.of(source), diagnostics.sorted());
    }

    /** True if the generated class may take this name: a Java class name that hides nothing it uses. */
    public static boolean isUsableClassName(String name) {
        return JavaText.isClassName(name) && !TakenNames.ALL.contains(name);
    }

    /** Names the generated class must not take: each would hide a class its code names, java.lang's among them. */
    private static final class TakenNames {
        static final Set<String> ALL = all();

        private static Set<String> all() {
            Set<String> taken = new HashSet<>(Set.of("String", "System", "Object", "Override", "Math", "Double"));
            for (Dl4jClass dl4j : Dl4jClass.values()) {
                taken.add(dl4j.simpleName());
            }
            for (Helper helper : Helper.values()) {
                taken.add(helper.simpleName());
                helper.imports().forEach(name -> taken.add(name.substring(name.lastIndexOf('.') + 1)));
            }
            return Set.copyOf(taken);
        }
    }

    /** The class name for a model without --class or -o: its name in PascalCase. */
    public static String defaultClassName(String modelName) {
        String name = JavaText.classNameFor(modelName);
        return isUsableClassName(name) ? name : name + "Model";
    }

    /**
     * A graph, a chain with a layer DL4J computes as a graph (a grouped convolution), or a chain with
     * blocks, whose methods add their layers to a graph.
     */
    static boolean needsGraph(CheckedModel model) {
        return !model.isChain() || !model.blocks().isEmpty() || model.layers().stream().anyMatch(LayerTranslator::needsGraph);
    }

    private static List<Dl4jRow> translate(Compilation compilation, Diagnostics diagnostics) {
        CheckedModel model = compilation.model();
        LayerTranslator translator = !needsGraph(model) ? new LayerTranslator(diagnostics)
                : new LayerTranslator(diagnostics, SharedOutputs.of(model));
        List<Dl4jRow> rows = new ArrayList<>();
        IntSizes.fit(model.input(), model.inputSpan(), diagnostics);
        for (CheckedLayer layer : model.layers()) {
            diagnostics.setContext(layer.usedAt());
            Dl4jRow row = IntSizes.fit(layer, diagnostics) ? translator.translate(layer) : null;
            if (row != null) {
                rows.add(row);
            }
        }
        diagnostics.setContext(List.of());
        return rows;
    }
}
