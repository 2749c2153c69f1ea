package cnnc.check;

/** A value flowing between layers: the row that made it (0 for the model's input) and its shape. */
record Tensor(int row, Shape shape) {
}
