package cnnc.check;

import cnnc.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a size left the path its author expected, for a note on a shape that does not fit (an assertion,
 * a merge's branches). The path a reader expects is the one 'same' padding keeps: each window layer takes
 * n to ceil(n / stride), a transposed one to n x stride, an upsampling to n x factor, and explicit padding
 * or cropping moves nothing on it (ResNet's zeropad 3 before its valid 7x7 convolution with stride 2 lands
 * back on it: 224, 230, 112). The layer after which the
 * size never came back to that path is the one to look at: a forgotten 'same' on a 'valid' convolution
 * shrinks 28 to 26, and a later pooling makes it 13 where 14 was expected. A note is given only where
 * that path ends at the expected size, so it explains the difference rather than guesses at it.
 */
final class ShapePath {
    private final List<CheckedLayer> layers;
    private final Shape input;

    ShapePath(List<CheckedLayer> layers, Shape input) {
        this.layers = layers;
        this.input = input;
    }

    /**
     * Notes for an output (row {@code row}) that should have been {@code expected}: at the layer where its
     * height or width left the expected path, and, when its channels differ, at the layer that set them.
     */
    List<Diagnostic.Note> explain(int row, List<Long> expected) {
        List<Diagnostic.Note> notes = new ArrayList<>();
        List<Integer> path = path(0, row);
        if (path == null || !(shape(row) instanceof Shape.Grid actual) || expected.size() != actual.rank() + 1) {
            return notes;
        }
        departures(path, 0, expected.subList(0, actual.rank()), notes);
        if (actual.channels() != expected.get(actual.rank())) {
            for (int i = path.size() - 1; i >= 0; i--) {
                CheckedLayer layer = layers.get(path.get(i) - 1);
                if (setsChannels(layer)) {
                    notes.add(new Diagnostic.Note(layer.layer().span(), "the channels are set here: "
                            + dimension(layer, "channels")));
                    break;
                }
            }
        }
        return notes;
    }

    /**
     * Notes for branches of a merge whose heights or widths differ: in each branch (from its start, row
     * {@code starts.get(i)}, to its output, {@code ends.get(i)}), the layer where a size left the expected
     * path, when that path ends at another branch's size.
     */
    List<Diagnostic.Note> explainBranches(List<Integer> starts, List<Integer> ends) {
        List<Diagnostic.Note> notes = new ArrayList<>();
        for (int i = 0; i < ends.size(); i++) {
            List<Integer> path = path(starts.get(i), ends.get(i));
            if (path == null || !(shape(ends.get(i)) instanceof Shape.Grid mine)) {
                continue;
            }
            for (int j = 0; j < ends.size(); j++) {
                if (shape(ends.get(j)) instanceof Shape.Grid other && j != i && other.rank() == mine.rank()
                        && !other.sizes().equals(mine.sizes())) {
                    if (departures(path, starts.get(i), other.sizes(), notes)) {
                        break;
                    }
                }
            }
        }
        return notes;
    }

    /** The rows from after {@code start} to {@code end}, following each row's first input; null if it is not reached. */
    private List<Integer> path(int start, int end) {
        List<Integer> rows = new ArrayList<>();
        for (int row = end; row != start; row = layers.get(row - 1).inputs().get(0)) {
            if (row == 0 || rows.size() > layers.size()) {
                return null;
            }
            rows.add(0, row);
        }
        return rows;
    }

    /** Adds the notes of the axes whose expected path ends at {@code expected}; true if it added any. */
    private boolean departures(List<Integer> path, int start, List<Long> expected, List<Diagnostic.Note> notes) {
        int rank = expected.size();
        int[] left = new int[rank];
        long[] wouldBe = new long[rank];
        for (int axis = 0; axis < rank; axis++) {
            left[axis] = -1;
            long ideal = along(shape(start), rank, axis);
            for (int i = 0; i < path.size(); i++) {
                CheckedLayer layer = layers.get(path.get(i) - 1);
                long actual = along(layer.outputShape(), rank, axis);
                if (actual < 0) {
                    ideal = -1;
                    left[axis] = -1;
                    continue;
                }
                long before = ideal;
                ideal = along(layer.inputShape(), rank, axis) >= 0 && ideal >= 0
                        ? layer.footprint().accept(new Expected(ideal, axis)) : Expected.RESTART;
                if (ideal == Expected.RESTART) {
                    // positions that are not the input's (a reshape to an image, global pooling): the path starts here
                    ideal = actual;
                    left[axis] = -1;
                    continue;
                }
                long given = along(layer.inputShape(), rank, axis);
                if (actual == ideal) {
                    left[axis] = -1;
                } else if (left[axis] < 0 && given == before) {
                    left[axis] = i;
                    wouldBe[axis] = ideal;
                }
            }
            if (ideal != expected.get(axis)) {
                left[axis] = -1;
            }
        }
        List<String> names = Shape.axisNames(rank);
        // the height and width (an image's two axes, a volume's last two) that left together with the same
        // working are said once
        int height = rank - 2;
        boolean both = rank >= 2 && left[height] >= 0 && left[height + 1] == left[height]
                && sameWorking(path.get(left[height]), wouldBe[height], wouldBe[height + 1]);
        boolean added = false;
        for (int axis = 0; axis < rank; axis++) {
            if (left[axis] < 0 || both && axis == height + 1) {
                continue;
            }
            CheckedLayer layer = layers.get(path.get(left[axis]) - 1);
            boolean pair = both && axis == height;
            String which = pair ? "the height and width" : "the " + names.get(axis);
            String change = layer.footprint() instanceof Footprint.Shifted ? "this padding or cropping changes it"
                    : "with 'same' padding " + (pair ? "they" : "it") + " would be " + wouldBe[axis];
            notes.add(new Diagnostic.Note(layer.layer().span(), which + " left the expected path here: "
                    + dimension(layer, names.get(axis)) + "; " + change));
            added = true;
        }
        return added;
    }

    /** The size of a grid of {@code rank} axes along {@code axis}; -1 for any other shape. */
    private static long along(Shape shape, int rank, int axis) {
        return shape instanceof Shape.Grid grid && grid.rank() == rank ? grid.size(axis) : -1;
    }

    private boolean sameWorking(int row, long heightWouldBe, long widthWouldBe) {
        CheckedLayer layer = layers.get(row - 1);
        return heightWouldBe == widthWouldBe && dimension(layer, "height").equals(dimension(layer, "width"));
    }

    private Shape shape(int row) {
        return row == 0 ? input : layers.get(row - 1).outputShape();
    }

    /** A layer that makes its own channel count (a convolution, dense keep, a concat), not one that keeps it. */
    private static boolean setsChannels(CheckedLayer layer) {
        return layer.outputShape() instanceof Shape.Grid out && layer.inputShape() instanceof Shape.Grid in
                && (out.channels() != in.channels() || layer.kind().isMerge() || !layer.tensors().isEmpty());
    }

    /** The layer's working of one output dimension: {@code (28 - 3)/1 + 1 = 26}, or the bare size. */
    private static String dimension(CheckedLayer layer, String name) {
        for (Working.Dimension dimension : layer.working().output()) {
            if (dimension.name().equals(name)) {
                String worked = dimension.formula().worked();
                return dimension.reason().isEmpty() ? worked : worked + " (" + dimension.reason() + ")";
            }
        }
        return "";
    }

    /** A size along the expected path after a layer, by where the layer's output positions read its input. */
    private static final class Expected implements Footprint.Visitor<Long> {
        /** The path starts again after a layer whose output positions are not its input's. */
        static final long RESTART = -1;
        private final long size;
        private final int axis;

        Expected(long size, int axis) {
            this.size = size;
            this.axis = axis;
        }

        @Override
        public Long visitPointwise(Footprint.Pointwise pointwise) {
            return size;
        }

        @Override
        public Long visitShifted(Footprint.Shifted shifted) {
            return size;
        }

        @Override
        public Long visitSliding(Footprint.Sliding sliding) {
            long stride = sliding.axes().get(axis).stride();
            return Math.floorDiv(size + stride - 1, stride);
        }

        @Override
        public Long visitTransposed(Footprint.Transposed transposed) {
            return Math.multiplyExact(size, transposed.axes().get(axis).stride());
        }

        @Override
        public Long visitRepeated(Footprint.Repeated repeated) {
            return Math.multiplyExact(size, repeated.factors().get(axis));
        }

        @Override
        public Long visitGlobal(Footprint.Global global) {
            return RESTART;
        }
    }
}
