package cnnc.backend.dl4j;

import cnnc.backend.training.TrainingSetup;
import cnnc.check.CheckedModel;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Writes a graph (merges, branches, named outputs) as a Java class with a
 * {@code ComputationGraphConfiguration}: one statement per layer or vertex, each reading the
 * vertices of the rows that feed it. Large models are split into methods of about
 * {@value #LAYERS_PER_METHOD} layers, as a Java method holds at most 64 KiB of bytecode.
 */
final class GraphWriter extends NetworkWriter {
    static final String INPUT = "input";
    private static final String BUILDER = "ComputationGraphConfiguration.GraphBuilder";
    /** How much further in than its statement a layer's settings are. */
    private static final String SETTINGS_STEP = " ".repeat(LAYER_INDENT.length() - STATEMENT_INDENT.length());

    /** The vertex that holds each row's output, by row index; 0 is the model's input. */
    private final Map<Integer, String> outputs = new HashMap<>(Map.of(0, INPUT));

    private GraphWriter(SourceFile source, CheckedModel model, JavaClassName target, Optional<TrainingSetup> training) {
        super(source, model, target, training);
    }

    static String write(SourceFile source, CheckedModel model, List<Dl4jRow> rows, JavaClassName target,
                        Optional<TrainingSetup> training) {
        return new GraphWriter(source, model, target, training).write(rows);
    }

    @Override
    void configuration(List<Dl4jRow> rows) {
        uses(Dl4jClass.COMPUTATION_GRAPH_CONFIGURATION);
        String start = LAYER_INDENT + ".graphBuilder()\n";
        if (hasDeadEnds()) {
            start += LAYER_INDENT + "// rows that nothing reads (a named output no branch comes back to) still hold\n"
                    + LAYER_INDENT + "// the parameters the report counts: DL4J keeps them when allowed\n"
                    + LAYER_INDENT + ".allowDisconnected(true)\n";
        }
        configurationStart(rows, "as a graph, vertex by vertex", "ComputationGraphConfiguration", BUILDER + " graph =",
                start + LAYER_INDENT + ".addInputs(\"" + INPUT + "\");\n");
        BlockMethods methods = BlockMethods.of(this, model, rows);
        if (methods != null) {
            String text = methods.methods();
            String last = methods.top(out);
            if (training.isPresent() && !model.layers().get(model.layers().size() - 1).block().isEmpty()) {
                // the loss after the output vertex of the block its uses share: a layer of its own
                String loss = last + " + \"_loss\"";
                LayerCode layer = LossOutput.afterBlock(loss, model.layers().get(model.layers().size() - 1).outputShape(),
                        training.get().loss());
                layerNotes(out, layer, STATEMENT_INDENT);
                out.append(statement(STATEMENT_INDENT + "graph.addLayer(" + loss + ", ", layer, null, ", " + last + ");",
                        LAYER_INDENT)).append('\n');
                last = loss;
            }
            out.append(STATEMENT_INDENT).append("return graph.setOutputs(").append(last)
                    .append(")\n").append(LAYER_INDENT).append(".setInputTypes(").append(inputType(model.input()))
                    .append(")\n").append(LAYER_INDENT).append(".build();\n    }\n\n");
            out.append(text);
            return;
        }
        rows.forEach(this::resolveOutput);
        List<List<Dl4jRow>> parts = parts(rows);
        if (parts.size() == 1) {
            parts.get(0).forEach(this::row);
        } else {
            for (int i = 0; i < parts.size(); i++) {
                out.append(STATEMENT_INDENT).append("rows").append(i + 1).append("(graph);\n");
            }
        }
        String last = outputs.get(model.layers().isEmpty() ? 0 : model.layers().size());
        out.append(STATEMENT_INDENT).append("return graph.setOutputs(").append(JavaText.stringLiteral(last))
                .append(")\n").append(LAYER_INDENT).append(".setInputTypes(").append(inputType(model.input()))
                .append(")\n").append(LAYER_INDENT).append(".build();\n    }\n\n");
        if (parts.size() > 1) {
            for (int i = 0; i < parts.size(); i++) {
                List<Dl4jRow> part = parts.get(i);
                out.append("    /** Rows ").append(part.get(0).row().index()).append(" to ")
                        .append(part.get(part.size() - 1).row().index()).append(" of the report. */\n");
                out.append("    private static void rows").append(i + 1).append('(').append(BUILDER)
                        .append(" graph) {\n");
                part.forEach(this::row);
                out.append("    }\n\n");
            }
        }
    }

    /** True when a row other than the last feeds no other row. */
    private boolean hasDeadEnds() {
        java.util.Set<Integer> read = new java.util.HashSet<>();
        model.layers().forEach(row -> read.addAll(row.inputs()));
        return model.layers().stream().anyMatch(row -> row.index() < model.layers().size() && !read.contains(row.index()));
    }

    /** A row's output is its last layer's; a row without layers passes its input's vertex on. */
    private void resolveOutput(Dl4jRow row) {
        outputs.put(row.row().index(), row.layers().isEmpty() ? outputs.get(row.row().inputs().get(0))
                : row.layers().get(row.layers().size() - 1).name());
    }

    /** The row's layers in order: the first reads the rows that feed it, each next one the one before. */
    private void row(Dl4jRow row) {
        List<String> inputs = new ArrayList<>(row.row().inputs().size());
        for (int input : row.row().inputs()) {
            inputs.add(outputs.get(input));
        }
        if (!rowNotes(row, STATEMENT_INDENT)) {
            return;
        }
        List<String> rowInputs = inputs;
        for (LayerCode layer : row.layers()) {
            if (layer.reads() != null) {
                inputs = layer.reads().isEmpty() ? rowInputs : layer.reads();
            }
            layerNotes(out, layer, STATEMENT_INDENT);
            StringBuilder reads = new StringBuilder();
            for (String input : inputs) {
                reads.append(reads.length() == 0 ? "" : ", ").append(JavaText.stringLiteral(input));
            }
            out.append(add(JavaText.stringLiteral(layer.name()), layer, reads.toString())).append('\n');
            inputs = List.of(layer.name());
        }
    }

    /** The statement that adds a layer or vertex to the graph, its name and what it reads given as Java. */
    String add(String name, LayerCode layer, String reads) {
        return add(STATEMENT_INDENT, name, layer, reads);
    }

    /** The same, {@code indent} in (inside a loop). */
    String add(String indent, String name, LayerCode layer, String reads) {
        String settings = indent + SETTINGS_STEP;
        if (layer.isVertex()) {
            return statement(indent + "graph.addVertex(" + name + ", ", layer, null, ", " + reads + ");", settings);
        }
        String preprocessor = layer.preprocessor() == null ? "" : ", " + preprocessor(layer);
        return statement(indent + "graph.addLayer(" + name + ", ", layer, null, preprocessor + ", " + reads + ");",
                settings);
    }

    @Override
    void main() {
        main(Dl4jClass.COMPUTATION_GRAPH);
    }
}
