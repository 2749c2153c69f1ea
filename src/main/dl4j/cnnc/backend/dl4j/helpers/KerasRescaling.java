package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/** Keras's Rescaling: every value times {@code scale}, plus {@code offset}. */
public final class KerasRescaling extends SameDiffLambdaLayer {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private double scale;
    @JsonProperty
    private double offset;

    /** For DL4J's JSON configuration. */
    public KerasRescaling() {
    }

    public KerasRescaling(double scale, double offset) {
        this.scale = scale;
        this.offset = offset;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        return input.mul(scale).add(offset);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        return input;
    }
}
