package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * -inf around a channels-last image, which a max pooling after it never picks: PyTorch's padding
 * of a max pooling, and the rows its ceil_mode reads past it (DL4J's padding is the same on both
 * sides).
 */
public final class MaxPoolPadding extends SameDiffLambdaLayer {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private int top;
    @JsonProperty
    private int bottom;
    @JsonProperty
    private int left;
    @JsonProperty
    private int right;

    /** For DL4J's JSON configuration. */
    public MaxPoolPadding() {
    }

    public MaxPoolPadding(int top, int bottom, int left, int right) {
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        SDVariable paddings = sameDiff.constant(Nd4j.createFromArray(
                new int[][] {{0, 0}, {top, bottom}, {left, right}, {0, 0}}));
        return sameDiff.nn().pad(input, paddings, Double.NEGATIVE_INFINITY);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        InputType.InputTypeConvolutional image = (InputType.InputTypeConvolutional) input;
        return InputType.convolutional(image.getHeight() + top + bottom, image.getWidth() + left + right,
                image.getChannels(), image.getFormat());
    }
}
