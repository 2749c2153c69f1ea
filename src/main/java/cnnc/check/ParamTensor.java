package cnnc.check;

import java.util.List;

/**
 * One parameter tensor of a layer: its name (kernel, bias, gamma, ...), shape, and its count as the
 * product of the shape, worked out ({@code 7 x 7 x 1 x 60 = 2,940}).
 */
public record ParamTensor(TensorName name, List<Long> shape, Formula formula, boolean trainable) {

    public ParamTensor {
        shape = List.copyOf(shape);
    }

    /** Throws {@link CountOverflow} when the element count does not fit in a long. */
    static ParamTensor of(TensorName name, boolean trainable, long... dims) {
        try {
            Long[] shape = new Long[dims.length]; // a loop, not a stream: this runs per tensor on a cold JVM
            for (int i = 0; i < dims.length; i++) {
                shape[i] = dims[i];
            }
            return new ParamTensor(name, List.of(shape), Formula.product(dims), trainable);
        } catch (ArithmeticException e) {
            throw new CountOverflow();
        }
    }

    public long count() {
        return formula.value();
    }

    /** A parameter count beyond 64 bits, as against a shape beyond 64 bits. */
    static final class CountOverflow extends ArithmeticException {
        CountOverflow() {
            super("parameter count overflows");
        }
    }

    /** Additive offsets (bias, beta) as against multiplicative weights. */
    public boolean isBias() {
        return name.isOffset();
    }

    /** {@code 3x3x64x128}; a scalar (a single number, shape []) is "scalar". */
    public String shapeText() {
        if (shape.isEmpty()) {
            return "scalar";
        }
        StringBuilder text = new StringBuilder();
        for (long dim : shape) {
            text.append(text.length() == 0 ? "" : "x").append(dim);
        }
        return text.toString();
    }
}
