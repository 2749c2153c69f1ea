package cnnc.backend.dl4j.helpers;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's and PyTorch's hard swish, x * relu6(x + 3) / 6, as an activation function (DL4J has none;
 * its HARDSIGMOID is min(1, max(0, 0.2x + 0.5)), not relu6(x + 3) / 6).
 */
public final class HardSwish extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    private static INDArray gate(INDArray x) {
        return Transforms.min(Transforms.max(x.add(3), 0, false), 6, false).divi(6);
    }

    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.muli(gate(in));
    }

    /** d/dx x relu6(x + 3) / 6 = relu6(x + 3) / 6, plus x / 6 where -3 < x < 3. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray inside = in.gt(-3).castTo(in.dataType()).muli(in.lt(3).castTo(in.dataType()));
        INDArray slope = gate(in).addi(in.mul(inside).divi(6));
        in.assign(slope.muli(epsilon));
        return new Pair<>(in, null);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardSwish;
    }

    @Override
    public int hashCode() {
        return HardSwish.class.getName().hashCode();
    }

    @Override
    public String toString() {
        return "hardswish";
    }
}
