package cnnc.check;

/** Sums over the model. {@code bytes} is the parameters' size stored as float32. */
public record Totals(long params, long trainableParams, long nonTrainableParams, long weights, long biases,
                     long bytes) {
}
