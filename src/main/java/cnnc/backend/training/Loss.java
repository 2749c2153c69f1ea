package cnnc.backend.training;

import cnnc.ast.ActivationKind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The loss functions {@code --loss} names, one vocabulary for the three backends: DL4J's names (its
 * {@code LossFunctions.LossFunction}), each with the output it needs and the targets it reads. Each
 * backend maps them to its framework's own; docs/training.md's tables list the mappings and names.
 */
public enum Loss {
    MCXENT(ActivationKind.SOFTMAX, "categorical cross-entropy of one-hot or probability targets",
            List.of("categorical_crossentropy", "CategoricalCrossentropy"), List.of()),
    NEGATIVELOGLIKELIHOOD(ActivationKind.SOFTMAX, "the negative log-likelihood of one-hot targets (DL4J's name for mcxent)",
            List.of(), List.of()),
    SPARSE_MCXENT(ActivationKind.SOFTMAX, "categorical cross-entropy of class-index targets",
            List.of("sparse_categorical_crossentropy", "SparseCategoricalCrossentropy"),
            List.of("CrossEntropyLoss", "NLLLoss")),
    KL_DIVERGENCE(ActivationKind.SOFTMAX, "the Kullback-Leibler divergence from probability targets",
            List.of("KLDivergence", "kld"), List.of("KLDivLoss")),
    XENT(ActivationKind.SIGMOID, "binary cross-entropy of targets between 0 and 1",
            List.of("binary_crossentropy", "BinaryCrossentropy"), List.of("BCELoss", "BCEWithLogitsLoss")),
    MSE(null, "the mean of squared errors", List.of("mean_squared_error", "MeanSquaredError"), List.of("MSELoss")),
    MAE(null, "the mean of absolute errors", List.of("mean_absolute_error", "MeanAbsoluteError"), List.of("L1Loss")),
    L1(null, "the sum of absolute errors over the last axis (channels), averaged over the rest", List.of(), List.of()),
    L2(null, "the sum of squared errors over the last axis (channels), averaged over the rest", List.of(), List.of());

    private final ActivationKind needs;
    private final String meaning;
    private final List<String> kerasNames;
    private final List<String> torchNames;

    /**
     * @param kerasNames Keras's names of the same loss (its function's, then its class's), beyond cnnc's word
     * @param torchNames PyTorch's classes that compute it. The model's output has its softmax or sigmoid, so
     *                   the loss reads probabilities: torch's CrossEntropyLoss and BCEWithLogitsLoss of the
     *                   logits before it are the same function, and NLLLoss of their log.
     */
    Loss(ActivationKind needs, String meaning, List<String> kerasNames, List<String> torchNames) {
        this.needs = needs;
        this.meaning = meaning;
        this.kerasNames = kerasNames;
        this.torchNames = torchNames;
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

    public List<String> kerasNames() {
        return kerasNames;
    }

    public List<String> torchNames() {
        return torchNames;
    }

    /**
     * The loss of cnnc's word, or of a Keras or PyTorch name, whatever its case and underscores
     * ({@code binary_crossentropy}, {@code BinaryCrossentropy} and {@code BCELoss} are all xent).
     */
    public static Optional<Loss> fromWord(String word) {
        String key = key(word);
        for (Loss loss : values()) {
            for (String name : loss.names()) {
                if (key(name).equals(key)) {
                    return Optional.of(loss);
                }
            }
        }
        return Optional.empty();
    }

    /** cnnc's words, one per loss. */
    public static List<String> words() {
        return Arrays.stream(values()).map(Loss::word).toList();
    }

    /** Every name {@link #fromWord} takes: cnnc's, Keras's and PyTorch's. */
    public static List<String> allNames() {
        return Arrays.stream(values()).flatMap(loss -> loss.names().stream()).toList();
    }

    /** The name {@code word} is likely a misspelling of, by edit distance whatever the case and underscores. */
    public static Optional<String> closestName(String word) {
        List<String> names = allNames();
        List<String> keys = names.stream().map(Loss::key).toList();
        return cnnc.diag.Suggestions.closest(key(word), keys).map(key -> names.get(keys.indexOf(key)));
    }

    private List<String> names() {
        List<String> names = new java.util.ArrayList<>();
        names.add(word());
        names.addAll(kerasNames);
        names.addAll(torchNames);
        return names;
    }

    private static String key(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace("_", "");
    }

    /** The losses that take an output ending in {@code activation} (the linear ones for any other). */
    public static List<Loss> fitting(ActivationKind activation) {
        return Arrays.stream(values()).filter(loss -> loss.needs == activation).toList();
    }
}
