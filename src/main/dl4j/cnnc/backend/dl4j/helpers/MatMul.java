package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The matrix product of two channels-last images: the first (height x width x k) as height * width rows of k,
 * the second as k rows (its positions, row by row) of channels; the product is a height x width x channels
 * image (GCNet's attention pooling, when the first holds one weight per position).
 */
public final class MatMul extends SameDiffLambdaVertex {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private long height;
    @JsonProperty
    private long width;
    /** The first input's channels, the second's positions. */
    @JsonProperty
    private long k;
    @JsonProperty
    private long channels;

    /** For DL4J's JSON configuration. */
    public MatMul() {
    }

    public MatMul(long height, long width, long k, long channels) {
        this.height = height;
        this.width = width;
        this.k = k;
        this.channels = channels;
    }

    @Override
    public SDVariable defineVertex(SameDiff sameDiff, VertexInputs inputs) {
        SDVariable rows = inputs.getInput(0).reshape(-1, height * width, k);
        SDVariable columns = inputs.getInput(1).reshape(-1, k, channels);
        return sameDiff.mmul(rows, columns).reshape(-1, height, width, channels);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) {
        return InputType.convolutional(height, width, channels, CNN2DFormat.NHWC);
    }
}
