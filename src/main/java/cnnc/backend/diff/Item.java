package cnnc.backend.diff;

import cnnc.check.Shape;
import java.util.List;

/**
 * A layer or a block instance of one of the two models, with what a diff compares of it.
 *
 * @param name     a layer's name ({@code stage1.keep1.residual1.conv1}), or an instance's own name ({@code keep1})
 * @param path     the block instance a layer was made in, or an instance's path ({@code stage1/keep1}); "" at the top
 * @param text     a layer as its values made it ({@code conv 64@1}), or an instance's use ({@code keep(f=64)})
 * @param word     a layer's op ({@code conv}), or an instance's block ({@code keep})
 * @param as       the name {@code as NAME} gives the layer's output; null without one, and for an instance
 * @param first    a layer's row; an instance's first row (0 when it makes none)
 * @param last     a layer's row; an instance's last row (0 when it makes none)
 * @param layers   1 for a layer; the rows an instance made
 * @param output   the shape that leaves it
 * @param macs     for the whole batch, as the report's
 * @param children an instance's layers and instances, in the order they were made; none for a layer
 */
public record Item(Kind kind, String name, String path, String text, String word, String as, int first, int last,
                   int layers, Shape output, long params, long macs, long flops, int line, List<Item> children) {
    public enum Kind { LAYER, BLOCK }

    public Item {
        children = List.copyOf(children);
    }

    public boolean isBlock() {
        return kind == Kind.BLOCK;
    }

    /** The rows it stands for: {@code 7}, {@code 7-38}, or "" for an instance that made none. */
    public String rows() {
        if (layers == 0) {
            return "";
        }
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
