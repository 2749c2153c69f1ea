package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's Normalization with a mean and a variance given: (x - mean) / max(sqrt(variance), 1e-7) per
 * value of the last axis, with constants (no parameters).
 */
public final class KerasConstantNormalization extends SameDiffLambdaLayer {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private double[] mean;
    @JsonProperty
    private double[] variance;

    /** For DL4J's JSON configuration. */
    public KerasConstantNormalization() {
    }

    /** One mean and one variance per value of the last axis. */
    public KerasConstantNormalization(double[] mean, double[] variance) {
        this.mean = mean.clone();
        this.variance = variance.clone();
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        float[] shift = new float[mean.length];
        float[] deviation = new float[mean.length];
        for (int i = 0; i < mean.length; i++) {
            shift[i] = (float) mean[i];
            deviation[i] = (float) Math.max(Math.sqrt(variance[i]), 1e-7); // as Keras
        }
        return input.sub(sameDiff.constant(Nd4j.createFromArray(shift)))
                .div(sameDiff.constant(Nd4j.createFromArray(deviation)));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        return input;
    }
}
