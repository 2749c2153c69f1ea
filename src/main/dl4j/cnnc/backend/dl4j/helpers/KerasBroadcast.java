package cnnc.backend.dl4j.helpers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaVertex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras's Add or Multiply of inputs whose sizes differ where one of them is 1 (a 1x1xC
 * squeeze-and-excitation times an HxWxC image): DL4J's ElementWiseVertex needs equal shapes.
 */
public final class KerasBroadcast extends SameDiffLambdaVertex {
    private static final long serialVersionUID = 1L;

    @JsonProperty
    private boolean multiply;
    /** How many inputs the vertex has. */
    @JsonProperty
    private int count;

    /** For DL4J's JSON configuration. */
    public KerasBroadcast() {
    }

    public KerasBroadcast(boolean multiply, int count) {
        this.multiply = multiply;
        this.count = count;
    }

    @Override
    public SDVariable defineVertex(SameDiff sameDiff, VertexInputs inputs) {
        SDVariable result = inputs.getInput(0);
        for (int i = 1; i < count; i++) {
            result = multiply ? result.mul(inputs.getInput(i)) : result.add(inputs.getInput(i));
        }
        return result;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... inputs) {
        InputType largest = inputs[0];
        for (InputType input : inputs) {
            if (input.arrayElementsPerExample() > largest.arrayElementsPerExample()) {
                largest = input;
            }
        }
        return largest;
    }
}
