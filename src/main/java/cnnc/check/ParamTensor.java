package cnnc.check;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** One parameter tensor of a layer: its name (kernel, bias, gamma, ...), shape and count. */
public record ParamTensor(TensorName name, List<Long> shape, long count, boolean trainable) {

    public ParamTensor {
        shape = List.copyOf(shape);
    }

    /** Throws {@link CountOverflow} when the element count does not fit in a long. */
    static ParamTensor of(TensorName name, boolean trainable, long... dims) {
        long count = 1;
        for (long dim : dims) {
            try {
                count = Math.multiplyExact(count, dim);
            } catch (ArithmeticException e) {
                throw new CountOverflow();
            }
        }
        return new ParamTensor(name, Arrays.stream(dims).boxed().toList(), count, trainable);
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
