package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The channels-last volume (depth, height, width, channels) that {@link VolumeAsImage} gave a layer as an image,
 * back, for the layers after it; its sizes are the input type's, which DL4J gives when it builds the network.
 */
public final class ImageAsVolume extends BaseInputPreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private long depth;
    @JsonProperty
    private long height;
    @JsonProperty
    private long width;
    @JsonProperty
    private long channels;

    @Override
    public InputType getOutputType(InputType input) {
        InputType.InputTypeConvolutional3D volume = (InputType.InputTypeConvolutional3D) input;
        depth = volume.getDepth();
        height = volume.getHeight();
        width = volume.getWidth();
        channels = volume.getChannels();
        return input;
    }

    @Override
    public INDArray preProcess(INDArray image, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        return workspaces.leverageTo(ArrayType.ACTIVATIONS, VolumeAsImage.inOrder(image, ArrayType.ACTIVATIONS, workspaces)
                .reshape('c', image.size(0), depth, height, width, channels));
    }

    @Override
    public INDArray backprop(INDArray gradient, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        return workspaces.leverageTo(ArrayType.ACTIVATION_GRAD, VolumeAsImage.inOrder(gradient, ArrayType.ACTIVATION_GRAD,
                workspaces).reshape('c', gradient.size(0), depth * height, width, channels));
    }
}
