package cnnc.parse;

import cnnc.ast.Activation;
import cnnc.ast.Num;
import cnnc.ast.Padding;
import cnnc.ast.Size2;

/**
 * The modifiers written after a layer, each null (or false) when absent. {@code valid} is false when
 * a modifier was wrong, in which case the layer is not built.
 */
record Modifiers(Size2 stride, Padding padding, Num dilation, Num groups, boolean nobias,
                 Activation activation, boolean scaled, boolean valid) {
}
