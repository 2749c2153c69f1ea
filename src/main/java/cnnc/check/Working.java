package cnnc.check;

import java.util.List;

/**
 * How the checker worked out a layer's figures, for a report that explains them: each output
 * dimension with its arithmetic, and what the layer does not count. Parameter tensors carry their
 * own products ({@link ParamTensor#formula()}) and the costs theirs ({@link Cost}); every figure is
 * the value of its formula, so the working cannot disagree with the report.
 *
 * @param output one entry per output dimension (height, width, channels; or length)
 * @param notes  what a reader might expect to be counted and is not, or why a figure is 0
 */
public record Working(List<Dimension> output, List<String> notes) {
    public static final Working NONE = new Working(List.of(), List.of());

    public Working {
        output = List.copyOf(output);
        notes = List.copyOf(notes);
    }

    /** The dimensions of a shape that a layer keeps, each a bare number with its reason. */
    public static List<Dimension> as(Shape shape, String reason) {
        List<String> names = shape instanceof Shape.Image ? List.of("height", "width", "channels") : List.of("length");
        List<Long> dims = shape.dims();
        return java.util.stream.IntStream.range(0, dims.size())
                .mapToObj(i -> new Dimension(names.get(i), Formula.of(dims.get(i)), reason)).toList();
    }

    /** The shape these dimensions make: HxWxC from three, a vector from one. */
    public static Shape shape(List<Dimension> dims) {
        return dims.size() == 1 ? new Shape.Vector(dims.get(0).formula().value())
                : new Shape.Image(dims.get(0).formula().value(), dims.get(1).formula().value(), dims.get(2).formula().value());
    }

    /**
     * One output dimension.
     *
     * @param name    {@code height}, {@code width}, {@code channels} or {@code length}
     * @param formula its arithmetic and value
     * @param reason  where the value comes from when the formula is a bare number ({@code the 60 filters},
     *                {@code as the input}), else ""
     */
    public record Dimension(String name, Formula formula, String reason) {
    }
}
