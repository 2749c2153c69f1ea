package cnnc.backend.report;

import java.util.List;

/**
 * A laid-out picture of the model, in pixels from its top left corner: a box per layer (and the
 * input; a merge of more than 64 branches draws its first 32, and one box for the rest), an outline per
 * block instance, and the arrows of the data flow. The SVG and HTML reports draw it.
 */
record Diagram(double width, double height, List<Outline> outlines, List<Box> boxes, List<Arrow> arrows) {
    Diagram {
        outlines = List.copyOf(outlines);
        boxes = List.copyOf(boxes);
        arrows = List.copyOf(arrows);
    }

    /**
     * What a box's colour says about its layer: it computes (MACs), holds parameters, pools, merges, or none; or
     * that the box is no layer but stands for a wide merge's branches not drawn (its outline dashed).
     */
    enum Role { INPUT, COMPUTE, PARAMETERS, POOLING, MERGE, PLAIN, ELIDED }

    /**
     * A layer's box: its words, its output shape and parameters.
     *
     * @param row   the report's row number (0 for the input)
     * @param title the text a pointer over the box shows: row, name, line
     */
    record Box(int row, String words, String detail, String title, Role role, double x, double y, double width,
               double height) {
    }

    /**
     * A block instance's frame, with its label ({@code stage1: stage(f=64, n=3, s=1)}) at its top: the label's
     * text starts at {@code labelX, labelY} (its top left corner), where no arrow passes.
     */
    record Outline(String path, String label, int depth, double x, double y, double width, double height,
                   double labelX, double labelY) {
    }

    /**
     * A piece of the data flow through its bend points; {@code head} when it ends at a box (not at the
     * frame of a block instance, where the next piece goes on).
     */
    record Arrow(List<Point> points, boolean head) {
        Arrow {
            points = List.copyOf(points);
        }
    }

    record Point(double x, double y) {
    }
}
