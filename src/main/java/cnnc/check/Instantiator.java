package cnnc.check;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.Num;
import cnnc.ast.Padding;
import cnnc.ast.Size2;
import java.util.List;

/**
 * Makes a concrete layer of a written one: every expression replaced by its value in the scope,
 * each value keeping the place of the expression it came from. Returns null when an expression has
 * no value (already reported), and the layer then gets an unknown shape.
 */
final class Instantiator {
    private final Evaluator evaluator;
    private Scope scope;

    private static final class Unresolved extends RuntimeException {
        Unresolved() {
            super(null, null, false, false);
        }
    }

    Instantiator(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    Layer instantiate(Layer layer, Scope scope) {
        this.scope = scope;
        try {
            return concrete(layer);
        } catch (Unresolved unresolved) {
            return null;
        }
    }

    private Layer concrete(Layer layer) {
        if (layer instanceof Layer.Conv c) {
            return new Layer.Conv(n(c.filters()), size(c.kernel()), size(c.stride()), padding(c.padding()),
                    n(c.dilation()), n(c.groups()), c.bias(), c.activation(), c.span());
        } else if (layer instanceof Layer.DepthwiseConv c) {
            return new Layer.DepthwiseConv(size(c.kernel()), size(c.stride()), padding(c.padding()), n(c.dilation()),
                    n(c.multiplier()), c.bias(), c.activation(), c.span());
        } else if (layer instanceof Layer.SeparableConv c) {
            return new Layer.SeparableConv(n(c.filters()), size(c.kernel()), size(c.stride()), padding(c.padding()),
                    n(c.dilation()), n(c.multiplier()), c.bias(), c.activation(), c.span());
        } else if (layer instanceof Layer.TransposedConv c) {
            return new Layer.TransposedConv(n(c.filters()), size(c.kernel()), size(c.stride()), padding(c.padding()),
                    n(c.dilation()), c.bias(), c.activation(), c.span());
        } else if (layer instanceof Layer.Pool p) {
            return new Layer.Pool(p.kind(), size(p.window()), size(p.stride()), padding(p.padding()), p.scaled(), p.span());
        } else if (layer instanceof Layer.Dense d) {
            return new Layer.Dense(n(d.units()), d.bias(), d.activation(), d.span());
        } else if (layer instanceof Layer.Upsample u) {
            return new Layer.Upsample(size(u.factor()), u.span());
        } else if (layer instanceof Layer.ZeroPad z) {
            return new Layer.ZeroPad(sides(z.sides()), z.span());
        } else if (layer instanceof Layer.Crop c) {
            return new Layer.Crop(sides(c.sides()), c.span());
        } else if (layer instanceof Layer.Reshape r) {
            return new Layer.Reshape(r.dims().stream().map(d -> (Expr) n(d)).toList(), r.span());
        }
        return layer; // no expressions inside
    }

    private Num n(Expr expr) {
        if (expr instanceof Num num) {
            return num;
        }
        Long value = evaluator.evaluate(expr, scope);
        if (value == null) {
            throw new Unresolved();
        }
        return new Num(value, expr.span());
    }

    private Size2 size(Size2 size) {
        return new Size2(n(size.height()), n(size.width()), size.span());
    }

    private Padding padding(Padding padding) {
        return padding instanceof Padding.Explicit explicit
                ? new Padding.Explicit(n(explicit.amount()), explicit.span()) : padding;
    }

    private Layer.Sides sides(Layer.Sides sides) {
        return new Layer.Sides(n(sides.top()), n(sides.bottom()), n(sides.left()), n(sides.right()));
    }

    static List<Long> values(List<Expr> exprs) {
        return exprs.stream().map(Expr::value).toList();
    }
}
