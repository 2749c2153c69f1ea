package cnnc.check;

import java.util.List;

/** What one layer rule found: the output shape and the parameter tensors. */
record Outcome(Shape output, List<ParamTensor> tensors) {
    static final Outcome UNKNOWN = new Outcome(new Shape.Unknown(), List.of());

    static Outcome of(Shape output, ParamTensor... tensors) {
        return new Outcome(output, List.of(tensors));
    }
}
