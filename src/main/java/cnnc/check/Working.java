package cnnc.check;

import java.util.List;
import java.util.function.Supplier;

/**
 * How the checker worked out a layer's figures, for a report that explains them: each output
 * dimension with its arithmetic, and what the layer does not count. Parameter tensors carry their
 * own products ({@link ParamTensor#formula()}) and the costs theirs ({@link Cost}); every figure is
 * the value of its formula, so the working cannot disagree with the report.
 *
 * @param output    one entry per output dimension (height, width, channels; or length)
 * @param notesText what a reader might expect to be counted and is not, or why a figure is 0: written
 *                  only when asked for, as most runs never show it
 */
public record Working(List<Dimension> output, Supplier<List<String>> notesText) {
    public static final Working NONE = new Working(List.of(), List::of);

    public List<String> notes() {
        return notesText.get();
    }

    /** The dimensions of a shape that a layer keeps, each a bare number with its reason. */
    public static List<Dimension> as(Shape shape, String reason) {
        if (shape instanceof Shape.Image image) {
            return List.of(new Dimension("height", Formula.of(image.height()), reason),
                    new Dimension("width", Formula.of(image.width()), reason),
                    new Dimension("channels", Formula.of(image.channels()), reason));
        }
        return List.of(new Dimension("length", Formula.of(((Shape.Vector) shape).length()), reason));
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
