package cnnc.backend.training;

import cnnc.analysis.Optimizer;

/**
 * What {@code --loss}, {@code --optimizer} and {@code --learning-rate} ask a backend to write beside the
 * model, so that the generated code trains as it is.
 */
public record TrainingSetup(Loss loss, Optimizer optimizer, double learningRate) {

    /** The learning rate of each optimizer when none is given: Keras's defaults (PyTorch's and DL4J's differ). */
    public static double defaultLearningRate(Optimizer optimizer) {
        return switch (optimizer) {
            case SGD, MOMENTUM -> 0.01;
            case ADAM, RMSPROP -> 0.001;
        };
    }

    /** The momentum of {@code momentum}, and the decay of the squared gradients' average of {@code rmsprop}. */
    public static final double MOMENTUM = 0.9;

    /** The learning rate as Python and Java write a double: {@code 0.001}, {@code 1.0E-5}. */
    public String learningRateLiteral() {
        return Double.toString(learningRate);
    }
}
