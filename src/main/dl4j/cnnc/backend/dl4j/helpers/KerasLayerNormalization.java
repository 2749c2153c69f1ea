package cnnc.backend.dl4j.helpers;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's LayerNormalization: each example normalised over its last axis (the channels of an
 * image, or a vector's values) with an epsilon (Keras's 1e-3 unless given), then a trainable
 * gamma and beta per value of that axis. Deeplearning4j 1.0.0-M2.1 has no such layer.
 */
public final class KerasLayerNormalization extends SameDiffLayer {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private double epsilon = 1e-3;
    /** The length and the index of the last axis, which DL4J gives when the network is built. */
    @JsonProperty
    private long size;
    @JsonProperty
    private int axis;

    /** Keras's epsilon, 1e-3. */
    public KerasLayerNormalization() {
    }

    public KerasLayerNormalization(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    public void setNIn(InputType input, boolean override) {
        if (input instanceof InputType.InputTypeConvolutional image) {
            size = image.getChannels();
            axis = image.getFormat() == CNN2DFormat.NHWC ? 3 : 1;
        } else {
            size = input.arrayElementsPerExample();
            axis = 1;
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        return input;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("gamma", size);
        params.addBiasParam("beta", size);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("gamma").assign(1);
        params.get("beta").assign(0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params,
                                  SDVariable mask) {
        SDVariable centred = input.sub(input.mean(true, axis));
        SDVariable variance = centred.mul(centred).mean(true, axis);
        return centred.div(variance.add(epsilon).pow(0.5)).mul(params.get("gamma")).add(params.get("beta"));
    }
}
