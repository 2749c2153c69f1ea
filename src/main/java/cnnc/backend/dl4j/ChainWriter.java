package cnnc.backend.dl4j;

import cnnc.backend.training.TrainingSetup;
import cnnc.check.CheckedModel;
import cnnc.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * Writes a chain of layers as a Java class with a {@code MultiLayerConfiguration}: each layer with its
 * name, then the input type, then a {@code main} that builds the network and prints DL4J's summary. A long chain is split into methods of about
 * {@value #LAYERS_PER_METHOD} layers, as a graph is: one fluent expression of hundreds of layers
 * overflows javac's stack, and a method holds at most 64 KiB of code.
 */
final class ChainWriter extends NetworkWriter {
    private static final String LIST = "NeuralNetConfiguration.ListBuilder";
    private int layerIndex;

    private ChainWriter(SourceFile source, CheckedModel model, JavaClassName target, Optional<TrainingSetup> training) {
        super(source, model, target, training);
    }

    static String write(SourceFile source, CheckedModel model, List<Dl4jRow> rows, JavaClassName target,
                        Optional<TrainingSetup> training) {
        return new ChainWriter(source, model, target, training).write(rows);
    }

    @Override
    void configuration(List<Dl4jRow> rows) {
        uses(Dl4jClass.MULTI_LAYER_CONFIGURATION);
        List<List<Dl4jRow>> parts = parts(rows);
        if (parts.size() == 1) {
            configurationStart(rows, "layer by layer", "MultiLayerConfiguration", "return", LAYER_INDENT + ".list()\n");
            rows(rows);
            out.append(LAYER_INDENT).append(".setInputType(").append(inputType(model.input())).append(")\n");
            out.append(LAYER_INDENT).append(".build();\n    }\n\n");
            return;
        }
        configurationStart(rows, "layer by layer", "MultiLayerConfiguration", LIST + " list =", LAYER_INDENT + ".list();\n");
        for (int i = 0; i < parts.size(); i++) {
            out.append("        layers").append(i + 1).append("(list);\n");
        }
        out.append("        return list.setInputType(").append(inputType(model.input())).append(")\n");
        out.append(LAYER_INDENT).append(".build();\n    }\n\n");
        for (int i = 0; i < parts.size(); i++) {
            List<Dl4jRow> part = parts.get(i);
            out.append("    /** Rows ").append(part.get(0).row().index()).append(" to ")
                    .append(part.get(part.size() - 1).row().index()).append(" of the report. */\n");
            out.append("    private static void layers").append(i + 1).append('(').append(LIST).append(" list) {\n");
            out.append("        list\n");
            rows(part);
            out.append(LAYER_INDENT).append(";\n    }\n\n");
        }
    }

    private void rows(List<Dl4jRow> rows) {
        for (Dl4jRow row : rows) {
            if (rowNotes(row, LAYER_INDENT)) {
                row.layers().forEach(this::layer);
            }
        }
    }

    private void layer(LayerCode layer) {
        layerNotes(out, layer, LAYER_INDENT);
        if (layer.preprocessor() != null) {
            out.append(LAYER_INDENT).append(".inputPreProcessor(").append(layerIndex).append(", ")
                    .append(preprocessor(layer)).append(")\n");
        }
        out.append(statement(LAYER_INDENT + ".layer(", layer, JavaText.stringLiteral(layer.name()), ")", SETTING_INDENT))
                .append('\n');
        layerIndex++;
    }

    @Override
    void main() {
        main(Dl4jClass.MULTI_LAYER_NETWORK);
    }
}
