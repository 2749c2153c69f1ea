package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's UpSampling2D(interpolation="bilinear") to {@code height} x {@code width}: each new value from
 * its 2x2 nearest input values at half-pixel centres, the edge value beyond the borders (PyTorch's
 * align_corners=False). DL4J's Upsampling2D only repeats values.
 */
public final class BilinearUpsampling extends SameDiffLambdaLayer {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private int height;
    @JsonProperty
    private int width;

    /** For DL4J's JSON configuration. */
    public BilinearUpsampling() {
    }

    /** The output's height and width. */
    public BilinearUpsampling(int height, int width) {
        this.height = height;
        this.width = width;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        return sameDiff.image().resizeBiLinear(input, height, width, false, true);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        InputType.InputTypeConvolutional image = (InputType.InputTypeConvolutional) input;
        return InputType.convolutional(height, width, image.getChannels(), image.getFormat());
    }
}
