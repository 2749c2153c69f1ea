package cnnc.check;

/**
 * A value flowing between layers: the row that made it (0 for the model's input), its shape, and the
 * last rows and columns that hold no input.
 */
record Tensor(int row, Shape shape, Zeros zeros) {
    Tensor(int row, Shape shape) {
        this(row, shape, Zeros.NONE);
    }
}
