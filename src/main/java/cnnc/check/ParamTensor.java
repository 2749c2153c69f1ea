package cnnc.check;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

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
            return new ParamTensor(name, Arrays.stream(dims).boxed().toList(), Formula.product(dims), trainable);
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
        return shape.isEmpty() ? "scalar" : shape.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }
}
