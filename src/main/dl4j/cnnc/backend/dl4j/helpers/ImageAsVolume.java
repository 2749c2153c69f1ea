package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.BaseInputPreProcessor;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The channels-last volume that {@link VolumeAsImage} gave a layer as an image, back, for the layers after it:
 * VolumeAsImage's steps the other way round, with the sizes of the input type DL4J gives it, the volume's.
 */
public final class ImageAsVolume extends BaseInputPreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private VolumeAsImage view = new VolumeAsImage();

    @Override
    public InputType getOutputType(InputType input) {
        return view.getOutputType(input);
    }

    @Override
    public INDArray preProcess(INDArray image, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        return view.toVolume(image, ArrayType.ACTIVATIONS, workspaces);
    }

    @Override
    public INDArray backprop(INDArray gradient, int miniBatchSize, LayerWorkspaceMgr workspaces) {
        return view.toImage(gradient, ArrayType.ACTIVATION_GRAD, workspaces);
    }
}
