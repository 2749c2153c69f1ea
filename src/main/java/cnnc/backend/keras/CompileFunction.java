package cnnc.backend.keras;

import cnnc.backend.training.Loss;
import cnnc.backend.training.TrainingSetup;

/**
 * {@code compile_model()} for {@code --loss}: the model of {@code build_model()} compiled with the loss
 * and optimizer asked for, so that {@code compile_model().fit(x, y)} trains it. The losses are Keras's
 * own, except l1 and l2 (DL4J's sums over the last axis), written as functions of the module.
 */
final class CompileFunction {
    private CompileFunction() {
    }

    static String write(TrainingSetup setup) {
        StringBuilder out = new StringBuilder("\n\n");
        lossFunction(setup.loss(), out);
        out.append("def compile_model(model=None):\n");
        out.append("    \"\"\"build_model() (or the model given), compiled to train: --loss ").append(setup.loss().word())
                .append(" (").append(setup.loss().meaning()).append("),\n    --optimizer ").append(setup.optimizer().word())
                .append(", learning rate ").append(setup.learningRateLiteral()).append(".\"\"\"\n");
        out.append("    if model is None:\n        model = build_model()\n");
        out.append("    model.compile(optimizer=").append(optimizer(setup)).append(", loss=").append(loss(setup.loss()))
                .append(")\n");
        out.append("    return model\n");
        return out.toString();
    }

    private static void lossFunction(Loss loss, StringBuilder out) {
        String error = switch (loss) {
            case L1 -> "keras.ops.abs(y_true - y_pred)";
            case L2 -> "keras.ops.square(y_true - y_pred)";
            case MCXENT, NEGATIVELOGLIKELIHOOD, SPARSE_MCXENT, KL_DIVERGENCE, XENT, MSE, MAE -> null;
        };
        if (error != null) {
            out.append("def ").append(loss.word()).append("_loss(y_true, y_pred):\n");
            out.append("    \"\"\"DL4J's ").append(loss.word().toUpperCase(java.util.Locale.ROOT))
                    .append(": the sum over the last axis; Keras averages the rest.\"\"\"\n");
            out.append("    return keras.ops.sum(").append(error).append(", axis=-1)\n\n\n");
        }
    }

    private static String loss(Loss loss) {
        return switch (loss) {
            case MCXENT, NEGATIVELOGLIKELIHOOD -> "keras.losses.CategoricalCrossentropy()";
            case SPARSE_MCXENT -> "keras.losses.SparseCategoricalCrossentropy()";
            case KL_DIVERGENCE -> "keras.losses.KLDivergence()";
            case XENT -> "keras.losses.BinaryCrossentropy()";
            case MSE -> "keras.losses.MeanSquaredError()";
            case MAE -> "keras.losses.MeanAbsoluteError()";
            case L1, L2 -> loss.word() + "_loss";
        };
    }

    private static String optimizer(TrainingSetup setup) {
        String rate = "learning_rate=" + setup.learningRateLiteral();
        return switch (setup.optimizer()) {
            case SGD -> "keras.optimizers.SGD(" + rate + ")";
            case MOMENTUM -> "keras.optimizers.SGD(" + rate + ", momentum=" + TrainingSetup.MOMENTUM + ")";
            case ADAM -> "keras.optimizers.Adam(" + rate + ")";
            case RMSPROP -> "keras.optimizers.RMSprop(" + rate + ", rho=" + TrainingSetup.MOMENTUM + ")";
        };
    }
}
