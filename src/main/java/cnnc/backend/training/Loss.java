package cnnc.backend.training;

import cnnc.ast.ActivationKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The loss functions {@code --loss} names, one vocabulary for the three backends: DL4J's names (its
 * {@code LossFunctions.LossFunction}), each with the output it needs and the targets it reads. Each
 * backend maps them to its framework's own; the README's table lists the mappings.
 */
public enum Loss {
    MCXENT(ActivationKind.SOFTMAX, "categorical cross-entropy of one-hot or probability targets"),
    NEGATIVELOGLIKELIHOOD(ActivationKind.SOFTMAX, "the negative log-likelihood of one-hot targets (DL4J's name for mcxent)"),
    SPARSE_MCXENT(ActivationKind.SOFTMAX, "categorical cross-entropy of class-index targets"),
    KL_DIVERGENCE(ActivationKind.SOFTMAX, "the Kullback-Leibler divergence from probability targets"),
    XENT(ActivationKind.SIGMOID, "binary cross-entropy of targets between 0 and 1"),
    MSE(null, "the mean of squared errors"),
    MAE(null, "the mean of absolute errors"),
    L1(null, "the sum of absolute errors over the last axis (channels), averaged over the rest"),
    L2(null, "the sum of squared errors over the last axis (channels), averaged over the rest");

    private final ActivationKind needs;
    private final String meaning;

    Loss(ActivationKind needs, String meaning) {
        this.needs = needs;
        this.meaning = meaning;
    }

    /** The activation the model's output must end in, or empty for a loss of any output (regression). */
    public Optional<ActivationKind> needs() {
        return Optional.ofNullable(needs);
    }

    public String meaning() {
        return meaning;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Loss> fromWord(String word) {
        return Arrays.stream(values()).filter(loss -> loss.word().equals(word)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(Loss::word).toList();
    }

    /** The losses that take an output ending in {@code activation} (the linear ones for any other). */
    public static List<Loss> fitting(ActivationKind activation) {
        return Arrays.stream(values()).filter(loss -> loss.needs == activation).toList();
    }
}
