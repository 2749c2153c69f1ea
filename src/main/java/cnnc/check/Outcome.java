package cnnc.check;

import java.util.List;

/** What one layer rule found: the output shape, the parameter tensors, where outputs read inputs, and the arithmetic. */
record Outcome(Shape output, List<ParamTensor> tensors, Footprint footprint, Cost cost) {
    static final Outcome UNKNOWN = new Outcome(new Shape.Unknown(), List.of(), Footprint.POINTWISE, Cost.NONE);

    Outcome {
        tensors = List.copyOf(tensors);
    }
}
