package cnnc.backend.torch;

import cnnc.backend.training.Loss;
import cnnc.backend.training.TrainingSetup;

/**
 * {@code build_loss()} and {@code build_optimizer(model)} for {@code --loss}, beside the module. The
 * module computes what the description says, a softmax or sigmoid included, so the losses read
 * probabilities: the cross-entropies take the log of the output (torch's CrossEntropyLoss, which
 * expects logits, would apply a second softmax). Channels are torch's axis 1, so a loss over
 * "the last axis" of the Keras and DL4J models is over axis 1 here.
 */
final class TrainingFactories {
    private static final String LOG = "torch.log(output.clamp_min(1e-7))";

    private TrainingFactories() {
    }

    static String write(TrainingSetup setup) {
        Loss loss = setup.loss();
        StringBuilder out = new StringBuilder("\n\n");
        out.append("def build_loss():\n");
        out.append("    \"\"\"--loss ").append(loss.word()).append(": ").append(loss.meaning()).append("; ")
                .append(targets(loss)).append(".\"\"\"\n");
        String function = function(loss);
        if (function == null) {
            out.append("    return ").append(module(loss)).append('\n');
        } else {
            out.append("    def loss(output, target):\n");
            out.append("        return ").append(function).append("\n\n");
            out.append("    return loss\n");
        }
        out.append("\n\ndef build_optimizer(model):\n");
        out.append("    \"\"\"--optimizer ").append(setup.optimizer().word()).append(", learning rate ")
                .append(setup.learningRateLiteral()).append(".\"\"\"\n");
        out.append("    return ").append(optimizer(setup)).append('\n');
        return out.toString();
    }

    private static String targets(Loss loss) {
        return switch (loss) {
            case SPARSE_MCXENT -> "targets are class indices, N (or N x H x W) of int64";
            case MCXENT, NEGATIVELOGLIKELIHOOD, KL_DIVERGENCE, XENT, MSE, MAE, L1, L2 -> "targets have the output's shape";
        };
    }

    /** The loss as an expression of output and target, or null for one of torch's loss modules. */
    private static String function(Loss loss) {
        return switch (loss) {
            case MCXENT, NEGATIVELOGLIKELIHOOD -> "-(target * " + LOG + ").sum(dim=1).mean()";
            case SPARSE_MCXENT -> "F.nll_loss(" + LOG + ", target)";
            case KL_DIVERGENCE -> "(target * (torch.log(target.clamp_min(1e-7)) - " + LOG + ")).sum(dim=1).mean()";
            case L1 -> "(output - target).abs().sum(dim=1).mean()";
            case L2 -> "(output - target).square().sum(dim=1).mean()";
            case XENT, MSE, MAE -> null;
        };
    }

    private static String module(Loss loss) {
        return switch (loss) {
            case XENT -> "nn.BCELoss()";
            case MSE -> "nn.MSELoss()";
            case MAE -> "nn.L1Loss()";
            case MCXENT, NEGATIVELOGLIKELIHOOD, SPARSE_MCXENT, KL_DIVERGENCE, L1, L2 -> throw new IllegalStateException(loss.word());
        };
    }

    private static String optimizer(TrainingSetup setup) {
        String rate = "model.parameters(), lr=" + setup.learningRateLiteral();
        return switch (setup.optimizer()) {
            case SGD -> "torch.optim.SGD(" + rate + ")";
            case MOMENTUM -> "torch.optim.SGD(" + rate + ", momentum=" + TrainingSetup.MOMENTUM + ")";
            case ADAM -> "torch.optim.Adam(" + rate + ")";
            case RMSPROP -> "torch.optim.RMSprop(" + rate + ", alpha=" + TrainingSetup.MOMENTUM + ")";
        };
    }
}
