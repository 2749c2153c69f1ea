package cnnc.check;

/** The parameter tensors a layer can hold, named as Keras names them. */
public enum TensorName {
    KERNEL, BIAS, GAMMA, BETA, MOVING_MEAN, MOVING_VARIANCE, COEFFICIENT, DEPTHWISE_KERNEL, POINTWISE_KERNEL,
    MEAN, VARIANCE, COUNT, ALPHA;

    private final String word = name().toLowerCase(java.util.Locale.ROOT);

    /** As the JSON report writes it: {@code moving_mean}. */
    public String word() {
        return word;
    }

    /** Additive offsets (bias, beta), as against multiplicative weights. */
    public boolean isOffset() {
        return this == BIAS || this == BETA;
    }
}
