package cnnc.check;

import cnnc.ast.Activation;

/**
 * Exact arithmetic for costs: an overflow throws {@link Overflow}, which the checker reports at the
 * layer (E0407), as against a shape or a parameter count beyond 64 bits.
 */
final class Tally {
    private Tally() {
    }

    static final class Overflow extends ArithmeticException {
        Overflow() {
            super("cost overflows");
        }
    }

    static long times(long... factors) {
        long product = 1;
        for (long factor : factors) {
            try {
                product = Math.multiplyExact(product, factor);
            } catch (ArithmeticException e) {
                throw new Overflow();
            }
        }
        return product;
    }

    static long plus(long... terms) {
        long sum = 0;
        for (long term : terms) {
            try {
                sum = Math.addExact(sum, term);
            } catch (ArithmeticException e) {
                throw new Overflow();
            }
        }
        return sum;
    }

    /** The values of a shape (per example). */
    static long elements(Shape shape) {
        return times(shape.dims().stream().mapToLong(Long::longValue).toArray());
    }

    /** A layer's arithmetic with its bias and activation: 2 FLOPs per MAC, 1 per biased output, 1 per activated output. */
    static Cost weighted(long macs, long outputs, boolean bias, Activation activation) {
        return new Cost(macs, plus(times(2, macs), bias ? outputs : 0, activation.isLinear() ? 0 : outputs));
    }

    /** Element-wise work: {@code perElement} FLOPs for each of {@code outputs} values, no MACs. */
    static Cost elementwise(long perElement, long outputs) {
        return new Cost(0, times(perElement, outputs));
    }
}
