package cnnc.backend.torch;

import cnnc.ast.Expr;
import cnnc.check.CheckedLayer;
import cnnc.check.Shape;
import java.util.List;

/**
 * How the translator writes a layer's numbers and the channel counts torch's modules are made with:
 * as values at the top level, and in a block's class as expressions of the block's parameters and of
 * the channels entering it, so that one class serves every use of the block.
 */
interface Sizes {
    /** A number of the layer as written (a filter count, a kernel size). */
    String num(Expr number);

    /** The channels of the row's first input (an image's C, a vector's length). */
    String channelsIn(CheckedLayer row);

    /** The channels of the row's output. */
    String channelsOut(CheckedLayer row);

    /** The values themselves. */
    Sizes VALUES = new Sizes() {
        @Override
        public String num(Expr number) {
            return cnnc.backend.ExprText.value(number);
        }

        @Override
        public String channelsIn(CheckedLayer row) {
            return Long.toString(channels(row.inputShape()));
        }

        @Override
        public String channelsOut(CheckedLayer row) {
            return Long.toString(channels(row.outputShape()));
        }
    };

    /** An image's channels, a vector's length: a grid's read where they are, as its dims() makes a list at each call. */
    private static long channels(Shape shape) {
        if (shape instanceof Shape.Grid grid) {
            return grid.channels();
        }
        List<Long> dims = shape.dims();
        return dims.get(dims.size() - 1);
    }

    /** An operand of a product: in parentheses when it is a sum or difference. */
    static String operand(String text) {
        return text.contains(" + ") || text.contains(" - ") ? "(" + text + ")" : text;
    }
}
