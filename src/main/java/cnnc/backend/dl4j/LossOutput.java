package cnnc.backend.dl4j;

import cnnc.ast.ActivationKind;
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
    private LossOutput() {
    }

    /**
     * The loss layers written take vectors and channels-last images (LossLayer, CnnLossLayer); a sequence or a
     * volume out of the last layer would need DL4J's RnnLossLayer or Cnn3DLossLayer, which cnnc does not write.
     */
    static void checkRank(cnnc.check.CheckedModel model, cnnc.diag.Diagnostics diagnostics) {
        if (model.layers().isEmpty()) {
            return;
        }
        // found by fitting them: inference runs, and OtherRanks lets it be written without --loss
        model.layers().stream().filter(row -> !row.implicit() && row.inputShapes().stream()
                .anyMatch(shape -> shape instanceof Shape.Grid grid && grid.rank() == 1)).findFirst().ifPresent(row ->
                diagnostics.add(cnnc.diag.Code.E0601, row.layer().span(), "DL4J cannot train a network of channels-last "
                        + "sequences: in Deeplearning4j 1.0.0-M2.1 the backward passes of Convolution1DLayer (conv1d_bp "
                        + "takes NCW gradients) and Subsampling1DLayer fail on NWC", "without --loss, cnnc dl4j writes "
                        + "the network for inference"));
        cnnc.check.CheckedLayer last = model.layers().get(model.layers().size() - 1);
        if (last.outputShape() instanceof Shape.Grid grid && grid.rank() != 2) {
            diagnostics.add(cnnc.diag.Code.E0601, last.layer().span(), "DL4J cannot hold the loss on a " + grid.noun()
                    + " (" + grid + "): cnnc writes DL4J's loss layers for vectors and images only (LossLayer, "
                    + "CnnLossLayer)", "end the model in a vector (gap, then dense) to train it with DL4J");
        }
    }

    /** The rows with the last one ending in its loss layer. */
    static List<Dl4jRow> attach(List<Dl4jRow> rows, Shape output, Loss loss) {
        List<Dl4jRow> attached = new ArrayList<>(rows);
        Dl4jRow last = attached.remove(attached.size() - 1);
        List<LayerCode> layers = new ArrayList<>(last.layers());
        LayerCode end = layers.isEmpty() ? null : layers.remove(layers.size() - 1);
        layers.addAll(ending(end, last.row().name(), output instanceof Shape.Grid, loss));
        attached.add(new Dl4jRow(last.row(), layers, last.notes()));
        return attached;
    }

    /** What the last layer becomes: itself replaced, or itself then a loss layer. */
    private static List<LayerCode> ending(LayerCode end, String rowName, boolean image, Loss loss) {
        JavaCode function = function(loss);
        Dl4jClass lossType = image ? Dl4jClass.CNN_LOSS_LAYER : Dl4jClass.LOSS_LAYER;
        List<JavaCode> format = image ? List.of(format()) : List.of();
        if (end != null && end.type() == Dl4jClass.DENSE_LAYER) {
            return List.of(end.as(Dl4jClass.OUTPUT_LAYER, function, List.of(), List.of("--loss " + loss.word() + ": the "
                    + "dense layer as DL4J's OutputLayer, which holds the loss: the same units, activation and parameters")));
        }
        if (end != null && end.type() == Dl4jClass.ACTIVATION_LAYER) {
            return List.of(end.as(lossType, function, format, List.of("--loss " + loss.word() + ": the activation as "
                    + "DL4J's " + lossType.simpleName() + ", which applies it and holds the loss (no parameters)")));
        }
        List<LayerCode> ending = new ArrayList<>();
        JavaCode activation = Activations.setting(ActivationKind.LINEAR);
        if (end != null) {
            if (end.activation() != null) {
                activation = end.activation();
                end = end.withoutActivation();
            }
            ending.add(end);
        }
        String name = (end == null ? rowName : end.name()) + "_loss";
        ending.add(LayerCode.builder(name, lossType, function, format, activation,
                List.of("--loss " + loss.word() + ": DL4J trains through a last layer that holds the loss; this "
                        + lossType.simpleName() + " has no parameters" + (image ? " and applies the activation over each "
                        + "position's channels" : ""))));
        return ending;
    }

    /**
     * A model whose last layer is in a block, written once for all its uses: the loss is a layer of its own
     * after the block's output vertex, with the identity activation, as the block's layers are.
     */
    static LayerCode afterBlock(String name, Shape output, Loss loss) {
        boolean image = output instanceof Shape.Grid;
        Dl4jClass type = image ? Dl4jClass.CNN_LOSS_LAYER : Dl4jClass.LOSS_LAYER;
        return LayerCode.builder(name, type, function(loss), image ? List.of(format()) : List.of(),
                Activations.setting(ActivationKind.LINEAR), List.of("--loss " + loss.word() + ": the last layer is in a "
                        + "block, whose code its uses share: the loss is a " + type.simpleName() + " of its own, without "
                        + "parameters"));
    }

    private static JavaCode function(Loss loss) {
        return JavaCode.of("LossFunctions.LossFunction." + loss.name(), Dl4jClass.LOSS_FUNCTIONS);
    }

    private static JavaCode format() {
        return JavaCode.of("format(" + LayerTranslator.FORMAT + ")", Dl4jClass.CNN2D_FORMAT);
    }

    /** The updater of the configuration: the optimizer with its learning rate. */
    static JavaCode updater(TrainingSetup setup) {
        String rate = setup.learningRateLiteral();
        return switch (setup.optimizer()) {
            case SGD -> JavaCode.of("new Sgd(" + rate + ")", Dl4jClass.SGD);
            case MOMENTUM -> JavaCode.of("new Nesterovs(" + rate + ", " + TrainingSetup.MOMENTUM + ")", Dl4jClass.NESTEROVS);
            case ADAM -> JavaCode.of("new Adam(" + rate + ")", Dl4jClass.ADAM);
            case RMSPROP -> JavaCode.of(String.format(Locale.ROOT, "new RmsProp(%s, %s, RmsProp.DEFAULT_RMSPROP_EPSILON)",
                    rate, TrainingSetup.MOMENTUM), Dl4jClass.RMS_PROP);
        };
    }
}
