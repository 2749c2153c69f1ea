package cnnc.backend.dl4j.helpers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's Normalization over the last axis: (x - mean) / max(sqrt(variance), 1e-7) with a mean and a
 * variance per value of that axis and the count of examples they came from (Keras's adapt() sets
 * them). They start as 0, 1 and 0 and are never trained: both updaters are NoOp.
 */
public final class KerasNormalization extends SameDiffLayer {
    private static final long serialVersionUID = 1L;

    /** The length of the last axis, which DL4J gives when the network is built. */
    @JsonProperty
    private long size;

    public KerasNormalization() {
        updater = new NoOp();
        biasUpdater = new NoOp();
    }

    @Override
    public void setNIn(InputType input, boolean override) {
        size = input instanceof InputType.InputTypeConvolutional image ? image.getChannels()
                : input.arrayElementsPerExample();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        return input;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("mean", size);
        params.addWeightParam("variance", size);
        params.addWeightParam("count", 1);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("mean").assign(0);
        params.get("variance").assign(1);
        params.get("count").assign(0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params,
                                  SDVariable mask) {
        // max(sqrt(variance), 1e-7), as Keras
        SDVariable deviation = sameDiff.nn().relu(params.get("variance").pow(0.5).sub(1e-7), 0).add(1e-7);
        return input.sub(params.get("mean")).div(deviation);
    }
}
