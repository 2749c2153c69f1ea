package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/** Channels {@code from} (inclusive) to {@code to} (exclusive) of a channels-last image: one group's input. */
public final class ChannelSlice extends SameDiffLambdaVertex {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private long from;
    @JsonProperty
    private long to;

    /** For DL4J's JSON configuration. */
    public ChannelSlice() {
    }

    public ChannelSlice(long from, long to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public SDVariable defineVertex(SameDiff sameDiff, VertexInputs inputs) {
        return inputs.getInput(0).get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.interval(from, to));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) {
        InputType.InputTypeConvolutional image = (InputType.InputTypeConvolutional) inputs[0];
        return InputType.convolutional(image.getHeight(), image.getWidth(), to - from, image.getFormat());
    }
}
