package cnnc.check;

import cnnc.ast.Layer;
import cnnc.ast.MergeKind;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape rule of a merge: add and multiply need equal shapes (or sizes of 1, which stretch);
 * concat joins images of equal height and width along the channels (or vectors end to end). A mismatch lists every branch's
 * shape and points at where each branch starts.
 */
final class JoinRule {
    private final Diagnostics diagnostics;
    private List<Diagnostic.Note> departures = List.of();

    JoinRule(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * The merged output's dimensions, worked out; none when the branches do not fit (reported) or one
     * is unknown.
     *
     * @param starts     where each branch starts in the source, in the order of {@code inputs}
     * @param departures notes where a branch's size left the path expected of it (see {@link ShapePath})
     */
    List<Working.Dimension> apply(Layer.Join join, List<Shape> inputs, List<Span> starts, List<Diagnostic.Note> departures) {
        this.departures = departures;
        for (Shape shape : inputs) {
            if (!shape.isKnown()) {
                return List.of();
            }
        }
        if (join.merging() == MergeKind.MATMUL) {
            return product(join, inputs, starts);
        }
        if (join.merging() == MergeKind.SELECT) {
            return selection(join, inputs, starts);
        }
        if (join.merging() != MergeKind.CONCAT) {
            Shape result = inputs.get(0);
            for (int i = 1; i < inputs.size() && result != null; i++) {
                result = broadcast(result, inputs.get(i));
            }
            if (result != null) {
                return Working.as(result, sameShapes(inputs) ? "as every branch"
                        : "the branches' sizes, a size of 1 stretched to the other's");
            }
            report(Code.E0701, join, inputs, starts, "'" + join.merging().word() + "' needs branches of one shape",
                    "make every branch end in the same shape, e.g. with a 1x1 conv (and a stride) on the shorter "
                            + "branch; a size of 1 stretches to match (1x1xC scales every position)");
            return List.of();
        }
        if (inputs.stream().allMatch(shape -> shape instanceof Shape.Vector)) {
            return List.of(new Working.Dimension("length", Formula.sum(inputs.stream()
                    .map(shape -> Formula.of(((Shape.Vector) shape).length())).toList()), "the branches end to end"));
        }
        if (inputs.stream().allMatch(shape -> shape instanceof Shape.Grid)) {
            Shape.Grid first = (Shape.Grid) inputs.get(0);
            boolean sameSize = inputs.stream().map(shape -> (Shape.Grid) shape)
                    .allMatch(grid -> grid.sizes().equals(first.sizes()));
            if (sameSize) {
                return Working.grid(first.sizes().stream().map(Formula::of).toList(), "as every branch",
                        new Working.Dimension("channels", Formula.sum(inputs.stream()
                                .map(shape -> Formula.of(((Shape.Grid) shape).channels())).toList()),
                                "the branches' channels, one after the other"));
            }
            report(Code.E0702, join, inputs, starts, "'concat' joins " + first.noun() + "s of one " + first.extent(),
                    "downsample or upsample the branches to one size before the concat");
            return List.of();
        }
        report(Code.E0702, join, inputs, starts, "'concat' cannot join images and vectors",
                "flatten or pool the image branches first");
        return List.of();
    }

    /**
     * {@code matmul { A | B }}: A (HxWxK) read as HW rows of K, B (H'xW'xC) as H'W' rows of C, in the
     * order a reshape reads positions; their product is HW rows of C, an HxWxC image. K must be H'W'.
     */
    private List<Working.Dimension> product(Layer.Join join, List<Shape> inputs, List<Span> starts) {
        if (inputs.size() == 2 && inputs.get(0) instanceof Shape.Grid a && inputs.get(1) instanceof Shape.Grid b
                && a.channels() == b.positions()) {
            return Working.grid(a.sizes().stream().map(Formula::of).toList(), "as the first branch",
                    new Working.Dimension("channels", Formula.of(b.channels()), "as the second branch"));
        }
        report(Code.E0701, join, inputs, starts, "'matmul' needs two images, the first with a channel for each "
                        + "position of the second (HxWxK and H'xW'xC with K = H' x W')",
                "reshape the first branch so that its channels are the second's positions, e.g. reshape 1 x 1 x "
                        + "(in.h*in.w) after a conv 1@1: one weight per position (attention pooling)");
        return List.of();
    }

    /**
     * {@code select { A | B | ... } by { ... }}: n branches of one shape HxWxC, then (the last input) the
     * logits {@code by} made, n x C channels (branch i's weights are channels iC to iC + C - 1) at every
     * position or at 1x1 for all of them.
     */
    private List<Working.Dimension> selection(Layer.Join join, List<Shape> inputs, List<Span> starts) {
        List<Shape> branches = inputs.subList(0, inputs.size() - 1);
        Shape logits = inputs.get(inputs.size() - 1);
        if (branches.get(0) instanceof Shape.Grid first && sameShapes(branches) && logits instanceof Shape.Grid l
                && l.channels() == branches.size() * first.channels()
                && fitsOrOne(l, first)) {
            return Working.as(first, "as every branch");
        }
        report(Code.E0701, join, inputs, starts, "'select' needs branches of one shape HxWxC and, from 'by', "
                        + branches.size() + " x C logits (HxW or 1x1)",
                "make every branch end in the same shape, and end 'by' in a conv with " + branches.size()
                        + " times the branches' channels");
        return List.of();
    }

    /** Whether {@code logits} has the rank of {@code grid} and, along each axis, its size or 1. */
    private static boolean fitsOrOne(Shape.Grid logits, Shape.Grid grid) {
        if (logits.rank() != grid.rank()) {
            return false;
        }
        for (int axis = 0; axis < grid.rank(); axis++) {
            if (logits.size(axis) != grid.size(axis) && logits.size(axis) != 1) {
                return false;
            }
        }
        return true;
    }

    /** By their sizes: a record's generated equals would cost a short run a bootstrap of several ms. */
    private static boolean sameShapes(List<Shape> shapes) {
        for (Shape shape : shapes) {
            if (!shape.dims().equals(shapes.get(0).dims())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keras's element-wise rule: along each axis the sizes are equal, or one of them is 1 and is
     * repeated to the other's size (a squeeze-and-excitation 1x1xC times an HxWxC image). Null if
     * the shapes do not fit together.
     */
    private static Shape broadcast(Shape a, Shape b) {
        if (a instanceof Shape.Vector u && b instanceof Shape.Vector v) {
            long length = stretch(u.length(), v.length());
            return length < 0 ? null : new Shape.Vector(length);
        }
        if (a instanceof Shape.Grid u && b instanceof Shape.Grid v && u.rank() == v.rank()) {
            List<Long> sizes = new ArrayList<>(u.rank());
            for (int axis = 0; axis < u.rank(); axis++) {
                long size = stretch(u.size(axis), v.size(axis));
                if (size < 0) {
                    return null;
                }
                sizes.add(size);
            }
            long channels = stretch(u.channels(), v.channels());
            return channels < 0 ? null : new Shape.Grid(sizes, channels);
        }
        return null;
    }

    private static long stretch(long m, long n) {
        return m == n || n == 1 ? m : m == 1 ? n : -1;
    }

    private void report(Code code, Layer.Join join, List<Shape> inputs, List<Span> starts, String what, String hint) {
        List<String> parts = new ArrayList<>();
        List<Diagnostic.Note> notes = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Span start = starts.get(i);
            String branch = join.merging() == MergeKind.SELECT && i == inputs.size() - 1 ? "'by'" : "branch " + (i + 1);
            parts.add(inputs.get(i) + " (" + branch + ", line " + start.line() + ")");
            notes.add(new Diagnostic.Note(start, branch + " starts here and gives " + inputs.get(i)));
        }
        notes.addAll(departures);
        Span span = join.span();
        Span keyword = new Span(span.start(), span.start() + join.merging().word().length(), span.line(), span.column());
        diagnostics.add(new Diagnostic(code, keyword, what + ", but they give " + String.join(", ", parts),
                List.of(hint), notes));
    }
}
