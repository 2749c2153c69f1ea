package cnnc.check;

import cnnc.ast.Activation;
import java.util.function.Supplier;

/**
 * Costs, worked out: an overflow throws {@link Overflow}, which the checker reports at the layer
 * (E0407), as against a shape or a parameter count beyond 64 bits.
 */
final class Tally {
    private Tally() {
    }

    static final class Overflow extends ArithmeticException {
        Overflow() {
            super("cost overflows");
        }
    }

    private static final String[] WEIGHTED_RULES = {"2 x MACs", "2 x MACs + 1 per output value for the bias",
        "2 x MACs + 1 per output value for the activation",
        "2 x MACs + 1 per output value for the bias + 1 for the activation"};

    /** A layer with MACs: 2 FLOPs per MAC, 1 per output value for a bias, 1 per output value for an activation. */
    static Cost weighted(Supplier<Formula> macs, String rule, long outputs, boolean bias, Activation activation) {
        return counted(() -> {
            Formula worked = macs.get();
            Formula flops = Formula.product(2, worked.value());
            if (bias) {
                flops = flops.plus(Formula.of(outputs));
            }
            if (!activation.isLinear()) {
                flops = flops.plus(Formula.of(outputs));
            }
            return new Cost(worked, rule, flops, WEIGHTED_RULES[(bias ? 1 : 0) + (activation.isLinear() ? 0 : 2)]);
        });
    }

    /** Element-wise work: {@code perValue} FLOPs for each of {@code values}, no MACs. */
    static Cost elementwise(long perValue, long values, String rule) {
        return counted(() -> perValue == 0 ? new Cost(Formula.of(0), "", Formula.of(0), rule)
                : new Cost(Formula.of(0), "", Formula.product(perValue, values), rule));
    }

    private static Cost counted(Supplier<Cost> cost) {
        try {
            return cost.get();
        } catch (ArithmeticException e) {
            throw new Overflow();
        }
    }

    /** The values of a shape (per example). */
    static long elements(Shape shape) {
        try {
            long product = 1;
            for (long dim : shape.dims()) {
                product = Math.multiplyExact(product, dim);
            }
            return product;
        } catch (ArithmeticException e) {
            throw new Overflow();
        }
    }
}
