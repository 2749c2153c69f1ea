package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * SKNet's selection, channels last: the first {@code branches} inputs weighted by a softmax across them of the
 * logits (the last input, branches x C channels, branch i's the i-th C, at every position or at 1x1), then added.
 */
public final class Select extends SameDiffLambdaVertex {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private int branches;
    /** The logits' height and width (the branches' or 1), and the branches' channels. */
    @JsonProperty
    private long height;
    @JsonProperty
    private long width;
    @JsonProperty
    private long channels;

    /** For DL4J's JSON configuration. */
    public Select() {
    }

    public Select(int branches, long height, long width, long channels) {
        this.branches = branches;
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    @Override
    public SDVariable defineVertex(SameDiff sameDiff, VertexInputs inputs) {
        SDVariable logits = inputs.getInput(branches);
        SDVariable grouped = logits.reshape(-1, height, width, branches, channels);
        SDVariable weights = sameDiff.nn.softmax(grouped, 3);
        SDVariable total = null;
        for (int i = 0; i < branches; i++) {
            SDVariable weighted = weights.get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.point(i),
                    SDIndex.all()).mul(inputs.getInput(i));
            total = total == null ? weighted : total.add(weighted);
        }
        return total;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) {
        return inputs[0];
    }
}
