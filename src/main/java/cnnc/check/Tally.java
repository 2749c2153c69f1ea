package cnnc.check;

import cnnc.ast.Activation;
import java.util.List;
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

    private static final List<Supplier<String>> WEIGHTED_RULES = List.of(() -> "2 x MACs",
            () -> "2 x MACs + 1 per output value for the bias", () -> "2 x MACs + 1 per output value for the activation",
            () -> "2 x MACs + 1 per output value for the bias + 1 for the activation");
    private static final Supplier<String> NO_RULE = () -> "";

    /** MACs as the product of these factors, worked out (an overflow is this layer's arithmetic overflowing). */
    static Formula macs(long... factors) {
        try {
            return Formula.product(factors);
        } catch (ArithmeticException e) {
            throw new Overflow();
        }
    }

    /** MACs of two steps, each worked out by {@link #macs(long...)}. */
    static Formula macs(Formula first, Formula second) {
        try {
            return first.plus(second);
        } catch (ArithmeticException e) {
            throw new Overflow();
        }
    }

    /** A layer with MACs: 2 FLOPs per MAC, 1 per output value for a bias, 1 per output value for an activation. */
    static Cost weighted(Formula macs, Supplier<String> rule, long outputs, boolean bias, Activation activation) {
        try {
            Formula flops = Formula.product(2, macs.value());
            if (bias) {
                flops = flops.plus(Formula.of(outputs));
            }
            if (!activation.isLinear()) {
                flops = flops.plus(Formula.of(outputs));
            }
            return new Cost(macs, rule, flops, WEIGHTED_RULES.get((bias ? 1 : 0) + (activation.isLinear() ? 0 : 2)));
        } catch (ArithmeticException e) {
            throw new Overflow();
        }
    }

    /** Element-wise work: {@code perValue} FLOPs for each of {@code values}, no MACs. */
    static Cost elementwise(long perValue, long values, Supplier<String> rule) {
        try {
            return perValue == 0 ? new Cost(Formula.of(0), NO_RULE, Formula.of(0), rule)
                    : new Cost(Formula.of(0), NO_RULE, Formula.product(perValue, values), rule);
        } catch (ArithmeticException e) {
            throw new Overflow();
        }
    }

    /** The values of a shape (per example). */
    static long elements(Shape shape) {
        try {
            return shape.elements();
        } catch (ArithmeticException e) {
            throw new Overflow();
        }
    }
}
