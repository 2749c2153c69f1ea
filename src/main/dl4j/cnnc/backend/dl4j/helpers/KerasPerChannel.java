package cnnc.backend.dl4j.helpers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A trained value per value of the last axis, added or multiplied: Keras's beta without gamma ('bn
 * noscale', after a DL4J BatchNormalization whose gamma and beta are fixed at 1 and 0), a bias that
 * must come after DL4J's layer (a transposed convolution whose last rows get no input but the bias),
 * or ConvNeXt's LayerScale (a gamma starting at 1e-6).
 */
public final class KerasPerChannel extends SameDiffLayer {
    private static final long serialVersionUID = 1L;

    /** The length of the last axis, which DL4J gives when the network is built. */
    @JsonProperty
    private long size;
    /** A gamma that multiplies, else a beta that is added. */
    @JsonProperty
    private boolean scale;
    @JsonProperty
    private double initial;

    /** For DL4J's JSON configuration. */
    public KerasPerChannel() {
    }

    public KerasPerChannel(boolean scale, double initial) {
        this.scale = scale;
        this.initial = initial;
    }

    @Override
    public void setNIn(InputType input, boolean override) {
        if (input instanceof InputType.InputTypeConvolutional image) {
            size = image.getChannels();
        } else if (input instanceof InputType.InputTypeConvolutional3D volume) {
            size = volume.getChannels();
        } else {
            size = input.arrayElementsPerExample();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType input) {
        return input;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        if (scale) {
            params.addWeightParam("gamma", size);
        } else {
            params.addBiasParam("beta", size);
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get(scale ? "gamma" : "beta").assign(initial);
    }

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params,
                                  SDVariable mask) {
        return scale ? input.mul(params.get("gamma")) : input.add(params.get("beta"));
    }
}
