package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's Cropping3D of a channels-last volume: positions off the start and the end of its depth, height and
 * width. DL4J 1.0.0-M2.1's Cropping3D crops channels-first volumes only.
 */
public final class KerasCropping3D extends SameDiffLambdaLayer {
    private static final long serialVersionUID = 1L;

    /** Off the start and the end of each axis in turn: front, back, top, bottom, left, right. */
    @JsonProperty
    private int[] sides;

    /** For DL4J's JSON configuration. */
    public KerasCropping3D() {
    }

    public KerasCropping3D(int... sides) {
        this.sides = sides;
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        long[] begin = {0, sides[0], sides[2], sides[4], 0};
        long[] end = {0, -sides[1], -sides[3], -sides[5], 0}; // counted from the end
        int toTheEnd = 1 | 1 << 4; // the examples and the channels whole, and each axis cut by nothing at its end
        for (int axis = 1; axis <= 3; axis++) {
            toTheEnd |= sides[2 * axis - 1] == 0 ? 1 << axis : 0;
        }
        return sameDiff.stridedSlice(input, begin, end, new long[] {1, 1, 1, 1, 1}, 0, toTheEnd, 0, 0, 0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        InputType.InputTypeConvolutional3D volume = (InputType.InputTypeConvolutional3D) input;
        return InputType.convolutional3D(Convolution3D.DataFormat.NDHWC, volume.getDepth() - sides[0] - sides[1],
                volume.getHeight() - sides[2] - sides[3], volume.getWidth() - sides[4] - sides[5], volume.getChannels());
    }
}
