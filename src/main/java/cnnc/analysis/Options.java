package cnnc.analysis;

/**
 * What the analysis is asked about: a batch of {@code batch} examples, stored as {@code dtype},
 * trained with {@code optimizer}.
 */
public record Options(long batch, DType dtype, Optimizer optimizer) {
    public static final Options DEFAULT = new Options(1, DType.FLOAT32, Optimizer.ADAM);

    public Options {
        if (batch < 1) {
            throw new IllegalArgumentException("a batch holds at least one example, not " + batch);
        }
    }
}
