package cnnc.check;

import java.util.List;

/**
 * A value flowing between layers: the row that made it (0 for the model's input), its shape, and the
 * last rows and columns that hold no input. Where there is no one tensor to read (after a use of a
 * block that gives several, or inside a block that declares its outputs and so reads only its
 * parameters) the row is {@link #NONE}, {@code absent} says why, and {@code outputs} holds the
 * several, if any.
 */
record Tensor(int row, Shape shape, Zeros zeros, List<Tensor> outputs, String absent) {
    /** The row of a tensor that is not there. */
    static final int NONE = -1;

    Tensor {
        outputs = List.copyOf(outputs);
    }

    Tensor(int row, Shape shape, Zeros zeros) {
        this(row, shape, zeros, List.of(), null);
    }

    Tensor(int row, Shape shape) {
        this(row, shape, Zeros.NONE);
    }

    /** No tensor to read, for the reason given (the rest of a diagnostic's message). */
    static Tensor none(String why) {
        return new Tensor(NONE, new Shape.Unknown(), Zeros.NONE, List.of(), why);
    }

    /** A block's several outputs: no one tensor to read on, until a {@code from} says which. */
    static Tensor several(List<Tensor> outputs, String why) {
        return new Tensor(NONE, new Shape.Unknown(), Zeros.NONE, outputs, why);
    }

    boolean isAbsent() {
        return absent != null;
    }
}
