package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A channels-last volume (depth, height, width, channels) given to the layer behind it as the channels-last image
 * of its depth x height rows, which holds its values in the same order: what a layer for images computes per
 * channel over every position, batch normalisation, it computes on the volume (DL4J 1.0.0-M2.1's
 * BatchNormalization takes arrays of rank 2 and 4 only). The layer's input type stays the volume's, whose sizes
 * this keeps when DL4J builds the network; {@link ImageAsVolume} puts the volume back.
 */
public final class VolumeAsImage extends BaseInputPreProcessor {
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
    public INDArray preProcess(INDArray volume, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        return toImage(volume, ArrayType.ACTIVATIONS, workspaces);
    }

    @Override
    public INDArray backprop(INDArray gradient, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        return toVolume(gradient, ArrayType.ACTIVATION_GRAD, workspaces);
    }

    INDArray toImage(INDArray volume, ArrayType type, LayerWorkspaceMgr workspaces) {
        return workspaces.leverageTo(type, inOrder(volume, type, workspaces).reshape('c', volume.size(0), depth * height,
                width, channels));
    }

    INDArray toVolume(INDArray image, ArrayType type, LayerWorkspaceMgr workspaces) {
        return workspaces.leverageTo(type, inOrder(image, type, workspaces).reshape('c', image.size(0), depth, height,
                width, channels));
    }

    /** The array itself where its values lie in order (its reshape is then a view of it), else a copy in order. */
    private static INDArray inOrder(INDArray array, ArrayType type, LayerWorkspaceMgr workspaces) {
        return Shape.hasDefaultStridesForShape(array) ? array : workspaces.dup(type, array, 'c');
    }
}
