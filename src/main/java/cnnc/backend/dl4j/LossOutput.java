package cnnc.backend.dl4j;

import cnnc.backend.training.Loss;
import cnnc.backend.training.TrainingSetup;
import cnnc.check.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end of a network DL4J trains through ({@code --loss}): DL4J's {@code fit} needs the last layer
 * to be an output layer holding the loss. A final {@code DenseLayer} becomes an {@code OutputLayer}
 * with the same settings (nOut, activation, bias), so the parameters stay the report's; a final
 * {@code ActivationLayer} becomes a {@code LossLayer} (on a vector) or {@code CnnLossLayer} (on an
 * image) with its activation; after any other layer a loss layer without parameters is added, named
 * {@code LAST_loss}, and takes over the last layer's activation, since a {@code CnnLossLayer} applies
 * a softmax over the channels of each position (channels-last), where a convolution's would not.
 */
final class LossOutput {
    private static final String ACTIVATION = "activation(";

    private LossOutput() {
    }

    /** The rows with the last one ending in its loss layer. */
    static List<Dl4jRow> attach(List<Dl4jRow> rows, Shape output, Loss loss) {
        List<Dl4jRow> attached = new ArrayList<>(rows);
        Dl4jRow last = attached.remove(attached.size() - 1);
        List<LayerCode> layers = new ArrayList<>(last.layers());
        LayerCode end = layers.isEmpty() ? null : layers.remove(layers.size() - 1);
        layers.addAll(ending(end, last.row().name(), output instanceof Shape.Image, loss));
        attached.add(new Dl4jRow(last.row(), layers, last.notes()));
        return attached;
    }

    /** What the last layer becomes: itself replaced, or itself then a loss layer. */
    private static List<LayerCode> ending(LayerCode end, String rowName, boolean image, Loss loss) {
        String function = "LossFunctions.LossFunction." + loss.name();
        String lossType = image ? "CnnLossLayer" : "LossLayer";
        List<String> format = image ? List.of("format(" + LayerTranslator.FORMAT + ")") : List.of();
        if (end != null && "DenseLayer".equals(end.type())) {
            return List.of(new LayerCode(end.name(), "OutputLayer", function, end.settings(), note(end, loss,
                    "the dense layer as DL4J's OutputLayer, which holds the loss: the same units, activation and parameters"),
                    end.preprocessor(), end.reads()));
        }
        if (end != null && "ActivationLayer".equals(end.type())) {
            return List.of(new LayerCode(end.name(), lossType, function, concat(end.settings(), format), note(end, loss,
                    "the activation as DL4J's " + lossType + ", which applies it and holds the loss (no parameters)"),
                    end.preprocessor(), end.reads()));
        }
        List<LayerCode> ending = new ArrayList<>();
        List<String> activation = List.of("activation(Activation.IDENTITY)");
        if (end != null) {
            boolean builder = !end.isVertex() && !end.isInstance();
            if (builder && end.settings().stream().anyMatch(s -> s.startsWith(ACTIVATION))) {
                activation = end.settings().stream().filter(s -> s.startsWith(ACTIVATION)).toList();
                end = new LayerCode(end.name(), end.type(), end.builderArgs(),
                        end.settings().stream().filter(s -> !s.startsWith(ACTIVATION)).toList(), end.notes(),
                        end.preprocessor(), end.reads());
            }
            ending.add(end);
        }
        String name = (end == null ? rowName : end.name()) + "_loss";
        ending.add(new LayerCode(name, lossType, function, concat(activation, format),
                List.of("--loss " + loss.word() + ": DL4J trains through a last layer that holds the loss; this "
                        + lossType + " has no parameters" + (image ? " and applies the activation over each position's "
                        + "channels" : ""))));
        return ending;
    }

    /**
     * A model whose last layer is in a block, written once for all its uses: the loss is a layer of its own
     * after the block's output vertex {@code vertex} (a Java expression), with the identity activation, as
     * the block's layers are. Returns the expression of its name.
     */
    static String afterBlock(StringBuilder out, String indent, String vertex, Shape output, Loss loss) {
        boolean image = output instanceof Shape.Image;
        String type = image ? "CnnLossLayer" : "LossLayer";
        String name = vertex + " + \"_loss\"";
        out.append(indent).append("// --loss ").append(loss.word()).append(": the last layer is in a block, whose code its uses ")
                .append("share: the loss is a ").append(type).append(" of its own, without parameters\n");
        out.append(indent).append("graph.addLayer(").append(name).append(", new ").append(type)
                .append(".Builder(LossFunctions.LossFunction.").append(loss.name()).append(")\n");
        String settings = NetworkWriter.LAYER_INDENT + ".";
        out.append(settings).append("name(").append(name).append(")\n");
        out.append(settings).append("activation(Activation.IDENTITY)\n");
        if (image) {
            out.append(settings).append("format(").append(LayerTranslator.FORMAT).append(")\n");
        }
        out.append(settings).append("build(), ").append(vertex).append(");\n");
        return name;
    }

    private static List<String> note(LayerCode end, Loss loss, String note) {
        List<String> notes = new ArrayList<>(end.notes());
        notes.add("--loss " + loss.word() + ": " + note);
        return notes;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** The updater of the configuration: the optimizer with its learning rate. */
    static String updater(TrainingSetup setup) {
        String rate = setup.learningRateLiteral();
        return switch (setup.optimizer()) {
            case SGD -> "new Sgd(" + rate + ")";
            case MOMENTUM -> "new Nesterovs(" + rate + ", " + TrainingSetup.MOMENTUM + ")";
            case ADAM -> "new Adam(" + rate + ")";
            case RMSPROP -> String.format(Locale.ROOT, "new RmsProp(%s, %s, RmsProp.DEFAULT_RMSPROP_EPSILON)", rate,
                    TrainingSetup.MOMENTUM);
        };
    }
}
