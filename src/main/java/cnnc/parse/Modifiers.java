package cnnc.parse;

import cnnc.ast.Activation;
import cnnc.ast.Expr;
import cnnc.ast.Modifier;
import cnnc.ast.Padding;
import cnnc.ast.Size;
import java.util.Set;

/** The modifiers written after a layer, each null (or absent from {@code flags}) when not written. */
record Modifiers(Size stride, Padding padding, Expr dilation, Expr groups, Expr multiplier,
                 Activation activation, Set<Modifier> flags, String epsilon, String momentum) {

    boolean has(Modifier flag) {
        return flags.contains(flag);
    }
}
