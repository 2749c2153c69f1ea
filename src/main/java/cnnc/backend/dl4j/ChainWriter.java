package cnnc.backend.dl4j;

import cnnc.check.CheckedModel;
import cnnc.source.SourceFile;
import java.util.List;

/**
 * Writes a chain of layers as a Java class with a {@code MultiLayerConfiguration}: each layer under
 * a comment with its source line and statement, then the input type, then a {@code main} that
 * builds the network and prints DL4J's summary.
 */
final class ChainWriter extends NetworkWriter {
    private int layerIndex;

    private ChainWriter(SourceFile source, CheckedModel model, JavaClassName target) {
        super(source, model, target);
    }

    static String write(SourceFile source, CheckedModel model, List<Dl4jRow> rows, JavaClassName target) {
        return new ChainWriter(source, model, target).write(rows);
    }

    @Override
    void configuration(List<Dl4jRow> rows) {
        configurationStart("layer by layer", "MultiLayerConfiguration", "return",
                LAYER_INDENT + ".list()\n");
        for (Dl4jRow row : rows) {
            if (rowComment(row, LAYER_INDENT)) {
                row.layers().forEach(this::layer);
            }
        }
        out.append(LAYER_INDENT).append(".setInputType(").append(inputType(model.input())).append(")\n");
        out.append(LAYER_INDENT).append(".build();\n    }\n\n");
    }

    private void layer(LayerCode layer) {
        layerNotes(layer, LAYER_INDENT);
        if (layer.preprocessor() != null) {
            out.append(LAYER_INDENT).append(".inputPreProcessor(").append(layerIndex).append(", ")
                    .append(layer.preprocessor()).append(")\n");
        }
        out.append(LAYER_INDENT).append(".layer(");
        builder(layer, SETTING_INDENT);
        out.append(")\n");
        layerIndex++;
    }

    @Override
    void main() {
        main("MultiLayerNetwork");
    }
}
