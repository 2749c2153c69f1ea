package cnnc.check;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How the checker worked out a layer's figures, for a report that explains them: each output
 * dimension with its arithmetic, and what the layer does not count. Parameter tensors carry their
 * own products ({@link ParamTensor#formula()}) and the costs theirs ({@link Cost}); every figure is
 * the value of its formula, so the working cannot disagree with the report.
 *
 * @param outputDimensions one entry per output dimension (the grid's axes, then channels; or a vector's
 *                         length)
 * @param notesText        what a reader might expect to be counted and is not, or why a figure is 0:
 *                         written only when asked for, as most runs never show it
 */
public record Working(Supplier<List<Dimension>> outputDimensions, Supplier<List<String>> notesText) {
    public static final Working NONE = new Working(List.of(), List::of);

    public Working(List<Dimension> output, Supplier<List<String>> notesText) {
        this(() -> output, notesText);
    }

    /**
     * The working of a layer that keeps its input's shape ({@code as the input}), its dimensions written
     * when asked for, as its notes are: most runs show neither.
     */
    static Working kept(Shape in, Supplier<List<String>> notesText) {
        return new Working(() -> as(in, "as the input"), notesText);
    }

    public List<Dimension> output() {
        return outputDimensions.get();
    }

    public List<String> notes() {
        return notesText.get();
    }

    /** The dimensions of a shape that a layer keeps, each a bare number with its reason. */
    public static List<Dimension> as(Shape shape, String reason) {
        if (shape instanceof Shape.Grid grid) {
            List<Formula> sizes = new ArrayList<>(grid.rank());
            for (long size : grid.sizes()) {
                sizes.add(Formula.of(size));
            }
            return grid(sizes, reason, new Dimension("channels", Formula.of(grid.channels()), reason));
        }
        return List.of(new Dimension("length", Formula.of(((Shape.Vector) shape).length()), reason));
    }

    /** A grid's dimensions: its spatial sizes, named after their axes, each with {@code reason}, then its channels. */
    static List<Dimension> grid(List<Formula> sizes, String reason, Dimension channels) {
        List<String> names = Shape.axisNames(sizes.size());
        List<Dimension> dims = new ArrayList<>(sizes.size() + 1);
        for (int axis = 0; axis < sizes.size(); axis++) {
            dims.add(new Dimension(names.get(axis), sizes.get(axis), reason));
        }
        dims.add(channels);
        return List.copyOf(dims);
    }

    /** The shape these dimensions make: a vector from one, else a grid whose channels are the last. */
    public static Shape shape(List<Dimension> dims) {
        if (dims.size() == 1) {
            return new Shape.Vector(dims.get(0).formula().value());
        }
        List<Long> sizes = new ArrayList<>(dims.size() - 1);
        for (int axis = 0; axis < dims.size() - 1; axis++) {
            sizes.add(dims.get(axis).formula().value());
        }
        return new Shape.Grid(sizes, dims.get(dims.size() - 1).formula().value());
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
