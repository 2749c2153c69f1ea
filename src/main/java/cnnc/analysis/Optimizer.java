package cnnc.analysis;

import java.util.Optional;

/** A training optimizer, by the state it keeps per trainable parameter (for the training memory estimate). */
public enum Optimizer {
    SGD(0), MOMENTUM(1), ADAM(2), RMSPROP(1);

    private final int statesPerParameter;

    Optimizer(int statesPerParameter) {
        this.statesPerParameter = statesPerParameter;
    }

    /** sgd keeps nothing, momentum a velocity, adam two moments, rmsprop an average of squared gradients. */
    public int statesPerParameter() {
        return statesPerParameter;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Optimizer> fromWord(String word) {
        for (Optimizer optimizer : values()) {
            if (optimizer.word().equals(word)) {
                return Optional.of(optimizer);
            }
        }
        return Optional.empty();
    }
}
