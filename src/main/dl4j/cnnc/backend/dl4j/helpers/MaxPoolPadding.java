package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * -inf around a channels-last image or sequence, which a max pooling after it never picks: PyTorch's padding
 * of a max pooling, and the rows or steps its ceil_mode reads past it (DL4J pads both sides of an image alike,
 * and its Subsampling1DLayer fails with any padding).
 */
public final class MaxPoolPadding extends SameDiffLambdaLayer {
    private static final long serialVersionUID = 1L;

    /** Before and after each axis in turn: an image's top, bottom, left, right; a sequence's start and end. */
    @JsonProperty
    private int[] sides;

    /** For DL4J's JSON configuration. */
    public MaxPoolPadding() {
    }

    public MaxPoolPadding(int... sides) {
        this.sides = sides;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        int[][] paddings = new int[sides.length / 2 + 2][2]; // the examples and the channels get none
        for (int axis = 0; axis < sides.length / 2; axis++) {
            paddings[axis + 1] = new int[] {sides[2 * axis], sides[2 * axis + 1]};
        }
        return sameDiff.nn().pad(input, sameDiff.constant(Nd4j.createFromArray(paddings)), Double.NEGATIVE_INFINITY);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        if (input instanceof InputType.InputTypeRecurrent sequence) {
            return InputType.recurrent(sequence.getSize(), sequence.getTimeSeriesLength() + sides[0] + sides[1],
                    sequence.getFormat());
        }
        InputType.InputTypeConvolutional image = (InputType.InputTypeConvolutional) input;
        return InputType.convolutional(image.getHeight() + sides[0] + sides[1], image.getWidth() + sides[2] + sides[3],
                image.getChannels(), image.getFormat());
    }
}
