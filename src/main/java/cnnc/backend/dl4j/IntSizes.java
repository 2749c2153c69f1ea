package cnnc.backend.dl4j;

import cnnc.check.Axis;
import cnnc.check.CheckedLayer;
import cnnc.check.Footprint;
import cnnc.check.ParamTensor;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.List;
import java.util.Locale;

/**
 * DL4J's layer builders take their sizes as Java ints (kernels, strides, paddings, units per layer),
 * so a size of 2^31 or more, which cnnc's 64-bit checker accepts, would be generated Java that javac
 * refuses. Such a layer is rejected at its line instead (E0601): every number a row's code could
 * hold is one of its shapes, its tensors' dimensions or its windows.
 */
final class IntSizes {
    private IntSizes() {
    }

    /** True if every size of the row fits in an int; otherwise reported at the row's layer. */
    static boolean fit(CheckedLayer row, Diagnostics diagnostics) {
        long largest = largest(row);
        if (largest <= Integer.MAX_VALUE) {
            return true;
        }
        diagnostics.add(Code.E0601, row.layer().span(), String.format(Locale.ROOT, "DL4J cannot express this layer: "
                + "its builders take sizes of at most %,d (a Java int), and this layer has one of %,d",
                Integer.MAX_VALUE, largest), "Keras takes it: cnnc keras");
        return false;
    }

    /** The model's input (which a model without layers writes alone). */
    static void fit(Shape input, Span span, Diagnostics diagnostics) {
        long largest = input.dims().stream().mapToLong(Long::longValue).max().orElse(0);
        if (largest > Integer.MAX_VALUE) {
            diagnostics.add(Code.E0601, span, String.format(Locale.ROOT, "DL4J cannot express this input: it takes "
                    + "sizes of at most %,d (a Java int), and this input has one of %,d", Integer.MAX_VALUE, largest),
                    "Keras takes it: cnnc keras");
        }
    }

    /** The largest size the row's code could hold, found without a list of them all (this runs on every row). */
    private static long largest(CheckedLayer row) {
        long largest = largest(row.outputShape());
        for (Shape shape : row.inputShapes()) {
            largest = Math.max(largest, largest(shape));
        }
        for (ParamTensor tensor : row.tensors()) {
            largest = Math.max(largest, largest(tensor.shape()));
        }
        return Math.max(largest, row.footprint().accept(new Footprint.Visitor<Long>() {
            @Override
            public Long visitPointwise(Footprint.Pointwise pointwise) {
                return 0L;
            }

            @Override
            public Long visitShifted(Footprint.Shifted shifted) {
                long farthest = 0;
                for (long offset : shifted.offsets()) {
                    farthest = Math.max(farthest, Math.abs(offset));
                }
                return farthest;
            }

            @Override
            public Long visitSliding(Footprint.Sliding sliding) {
                return axes(sliding.axes());
            }

            @Override
            public Long visitTransposed(Footprint.Transposed transposed) {
                return axes(transposed.axes());
            }

            @Override
            public Long visitRepeated(Footprint.Repeated repeated) {
                return largest(repeated.factors());
            }

            @Override
            public Long visitGlobal(Footprint.Global global) {
                return 0L;
            }
        }));
    }

    /** A grid's sizes and channels read where they are: its dims() makes a list at each call. */
    private static long largest(Shape shape) {
        return shape instanceof Shape.Grid grid ? Math.max(largest(grid.sizes()), grid.channels()) : largest(shape.dims());
    }

    private static long largest(List<Long> sizes) {
        long largest = 0;
        for (int i = 0; i < sizes.size(); i++) { // no iterator: this runs on every shape of every row
            largest = Math.max(largest, sizes.get(i));
        }
        return largest;
    }

    private static long axes(List<Axis> axes) {
        long largest = 0;
        for (Axis axis : axes) {
            largest = Math.max(largest, Math.max(Math.max(axis.kernel(), axis.stride()), Math.max(axis.dilation(),
                    Math.max(Math.max(axis.padBefore(), axis.padAfter()), axis.tail()))));
        }
        return largest;
    }
}
