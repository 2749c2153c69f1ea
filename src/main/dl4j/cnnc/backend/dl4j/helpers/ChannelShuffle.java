package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * PyTorch's channel_shuffle on a channels-last image: its channels as {@code groups} groups, interleaved
 * (channel g * C/groups + k goes to k * groups + g).
 */
public final class ChannelShuffle extends SameDiffLambdaLayer {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private long channels;
    @JsonProperty
    private long groups;

    /** For DL4J's JSON configuration. */
    public ChannelShuffle() {
    }

    public ChannelShuffle(long channels, long groups) {
        this.channels = channels;
        this.groups = groups;
    }

    /** Every position's channels as groups x (channels / groups), transposed, in place again. */
    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
        return input.reshape(-1, groups, channels / groups).permute(0, 2, 1).reshape(input.shape());
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        return input;
    }
}
