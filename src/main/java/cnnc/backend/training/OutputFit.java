package cnnc.backend.training;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.ast.Layer;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import java.util.List;

/**
 * Whether a loss fits the model's output: a cross-entropy reads probabilities, so the last layer must
 * end in the activation that makes them (E0603 at its line otherwise, naming the losses that fit).
 */
public final class OutputFit {
    private OutputFit() {
    }

    /** Reports E0603 when {@code loss} does not fit the model's last layer; true when it fits. */
    public static boolean check(CheckedModel model, Loss loss, Diagnostics diagnostics) {
        if (model.layers().isEmpty()) {
            diagnostics.add(Code.E0603, model.inputSpan(), "--loss " + loss.word() + ": the model has no layers to train",
                    "add the layers the loss should train, or write the model without --loss");
            return false;
        }
        CheckedLayer last = model.layers().get(model.layers().size() - 1);
        ActivationKind ends = activation(last);
        if (loss.needs().isEmpty() || loss.needs().get() == ends) {
            return true;
        }
        String needed = loss.needs().get().word();
        List<Loss> fit = Loss.fitting(ends).isEmpty() ? Loss.fitting(null) : Loss.fitting(ends);
        String fitting = words(fit);
        diagnostics.setContext(last.usedAt());
        diagnostics.add(Code.E0603, last.layer().span(), "--loss " + loss.word() + " (" + loss.meaning() + ") needs an output "
                        + "that ends in " + needed + ", and the last layer, " + last.name() + ", ends in "
                        + (ends == ActivationKind.LINEAR ? "no activation" : ends.word()),
                "for this output use --loss " + fitting + "; or end the model in " + needed);
        diagnostics.setContext(List.of());
        return false;
    }

    /** {@code xent}, {@code mse or mae}, {@code mse, mae, l1 or l2}. */
    private static String words(List<Loss> losses) {
        List<String> words = losses.stream().map(Loss::word).toList();
        return words.size() == 1 ? words.get(0) : String.join(", ", words.subList(0, words.size() - 1)) + " or "
                + words.get(words.size() - 1);
    }

    /** The activation the layer's output ends in; linear for a layer without one. */
    static ActivationKind activation(CheckedLayer layer) {
        Activation activation = layer.implicit() ? null : layer.layer().accept(new FinalActivation());
        return activation == null ? ActivationKind.LINEAR : activation.kind();
    }

    /** The activation a layer applies last, null for a layer that has none. */
    private static final class FinalActivation implements Layer.Visitor<Activation> {
        @Override
        public Activation visitConv(Layer.Conv conv) {
            return conv.activation();
        }

        @Override
        public Activation visitDepthwiseConv(Layer.DepthwiseConv conv) {
            return conv.activation();
        }

        @Override
        public Activation visitSeparableConv(Layer.SeparableConv conv) {
            return conv.activation();
        }

        @Override
        public Activation visitTransposedConv(Layer.TransposedConv conv) {
            return conv.activation();
        }

        @Override
        public Activation visitPool(Layer.Pool pool) {
            return null;
        }

        @Override
        public Activation visitGlobalPool(Layer.GlobalPool pool) {
            return null;
        }

        @Override
        public Activation visitDense(Layer.Dense dense) {
            return dense.activation();
        }

        @Override
        public Activation visitFlatten(Layer.Flatten flatten) {
            return null;
        }

        @Override
        public Activation visitBatchNorm(Layer.BatchNorm bn) {
            return null;
        }

        @Override
        public Activation visitLayerNorm(Layer.LayerNorm ln) {
            return null;
        }

        @Override
        public Activation visitNormalize(Layer.Normalize normalize) {
            return null;
        }

        @Override
        public Activation visitLayerScale(Layer.LayerScale scale) {
            return null;
        }

        @Override
        public Activation visitRescale(Layer.Rescale rescale) {
            return null;
        }

        @Override
        public Activation visitDropout(Layer.Dropout dropout) {
            return null;
        }

        @Override
        public Activation visitActivate(Layer.Activate activate) {
            return activate.activation();
        }

        @Override
        public Activation visitUpsample(Layer.Upsample upsample) {
            return null;
        }

        @Override
        public Activation visitZeroPad(Layer.ZeroPad pad) {
            return null;
        }

        @Override
        public Activation visitCrop(Layer.Crop crop) {
            return null;
        }

        @Override
        public Activation visitReshape(Layer.Reshape reshape) {
            return null;
        }

        @Override
        public Activation visitSplit(Layer.Split split) {
            return null;
        }

        @Override
        public Activation visitShuffle(Layer.Shuffle shuffle) {
            return null;
        }

        @Override
        public Activation visitJoin(Layer.Join join) {
            return null;
        }
    }
}
