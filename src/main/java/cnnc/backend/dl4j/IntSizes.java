package cnnc.backend.dl4j;

import cnnc.check.Axis;
import cnnc.check.CheckedLayer;
import cnnc.check.Footprint;
import cnnc.check.ParamTensor;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
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
        long largest = 0;
        for (long size : sizes(row)) {
            largest = Math.max(largest, size);
        }
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

    private static List<Long> sizes(CheckedLayer row) {
        List<Long> sizes = new ArrayList<>(row.outputShape().dims());
        row.inputShapes().forEach(shape -> sizes.addAll(shape.dims()));
        for (ParamTensor tensor : row.tensors()) {
            sizes.addAll(tensor.shape());
        }
        sizes.addAll(row.footprint().accept(new Footprint.Visitor<List<Long>>() {
            @Override
            public List<Long> visitPointwise(Footprint.Pointwise pointwise) {
                return List.of();
            }

            @Override
            public List<Long> visitShifted(Footprint.Shifted shifted) {
                return shifted.offsets().stream().map(Math::abs).toList();
            }

            @Override
            public List<Long> visitSliding(Footprint.Sliding sliding) {
                return axes(sliding.axes());
            }

            @Override
            public List<Long> visitTransposed(Footprint.Transposed transposed) {
                return axes(transposed.axes());
            }

            @Override
            public List<Long> visitRepeated(Footprint.Repeated repeated) {
                return repeated.factors();
            }

            @Override
            public List<Long> visitGlobal(Footprint.Global global) {
                return List.of();
            }
        }));
        return sizes;
    }

    private static List<Long> axes(List<Axis> axes) {
        List<Long> sizes = new ArrayList<>();
        for (Axis axis : axes) {
            sizes.addAll(List.of(axis.kernel(), axis.stride(), axis.dilation(), axis.padBefore(), axis.padAfter(),
                    axis.tail()));
        }
        return sizes;
    }
}
