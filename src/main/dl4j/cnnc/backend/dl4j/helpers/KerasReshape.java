package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's Reshape to a height x width x channels image: each example's values in order (row by row,
 * channels last), as a channels-last image. DL4J's own reshapes make channels-first images.
 */
public final class KerasReshape extends SameDiffLambdaLayer {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private long height;
    @JsonProperty
    private long width;
    @JsonProperty
    private long channels;

    /** For DL4J's JSON configuration. */
    public KerasReshape() {
    }

    public KerasReshape(long height, long width, long channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        return input.reshape(-1, height, width, channels);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        return InputType.convolutional(height, width, channels, CNN2DFormat.NHWC);
    }
}
