package cnnc.backend;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.Size;
import cnnc.check.Axis;
import cnnc.check.Footprint;
import cnnc.check.Shape;

/**
 * What the code generators read along the two axes of an image, the only grid they write (the
 * others are refused first, see {@link ImageRank}): a size, a window or a border along the height
 * (the first axis) and the width (the second).
 */
public final class Plane {
    private static final int RANK = 2;

    private Plane() {
    }

    public static Expr height(Size size) {
        return size.along(RANK).get(0);
    }

    public static Expr width(Size size) {
        return size.along(RANK).get(1);
    }

    public static long height(Shape.Grid image) {
        return image.size(0);
    }

    public static long width(Shape.Grid image) {
        return image.size(1);
    }

    public static Axis height(Footprint.Sliding window) {
        return window.axes().get(0);
    }

    public static Axis width(Footprint.Sliding window) {
        return window.axes().get(1);
    }

    public static Axis height(Footprint.Transposed window) {
        return window.axes().get(0);
    }

    public static Axis width(Footprint.Transposed window) {
        return window.axes().get(1);
    }

    public static Expr top(Layer.Sides sides) {
        return sides.before(RANK).get(0);
    }

    public static Expr bottom(Layer.Sides sides) {
        return sides.after(RANK).get(0);
    }

    public static Expr left(Layer.Sides sides) {
        return sides.before(RANK).get(1);
    }

    public static Expr right(Layer.Sides sides) {
        return sides.after(RANK).get(1);
    }
}
