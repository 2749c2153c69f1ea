package cnnc.check;

import java.util.List;

/**
 * What one layer rule found: the output shape, the parameter tensors, where outputs read inputs, the
 * arithmetic, and how the figures were worked out.
 */
record Outcome(Shape output, List<ParamTensor> tensors, Footprint footprint, Cost cost, Working working,
               Zeros zeros) {
    static final Outcome UNKNOWN = new Outcome(new Shape.Unknown(), List.of(), Footprint.POINTWISE, Cost.NONE,
            Working.NONE);

    Outcome {
        tensors = List.copyOf(tensors);
    }

    /** An output whose every row and column may hold input. */
    Outcome(Shape output, List<ParamTensor> tensors, Footprint footprint, Cost cost, Working working) {
        this(output, tensors, footprint, cost, working, Zeros.NONE);
    }

    Outcome withZeros(Zeros zeros) {
        return zeros == this.zeros ? this : new Outcome(output, tensors, footprint, cost, working, zeros);
    }
}
