package cnnc.check;

import cnnc.ast.Defaults;
import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.LayerKind;
import cnnc.ast.Modifier;
import cnnc.ast.Num;
import cnnc.ast.Padding;
import cnnc.ast.Size;

/**
 * Makes a concrete layer of a written one: every expression replaced by its value in the scope,
 * each value keeping the place of the expression it came from. Returns null when an expression has
 * no value (already reported), and the layer then gets an unknown shape.
 */
final class Instantiator {
    private final Evaluator evaluator;
    private Scope scope;
    private Defaults defaults = Defaults.NONE;

    private static final class Unresolved extends RuntimeException {
        Unresolved() {
            super(null, null, false, false);
        }
    }

    Instantiator(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** The file's {@code defaults}, which a bn or ln takes where it writes no value of its own. */
    void use(Defaults defaults) {
        this.defaults = defaults;
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
        return layer.accept(new Layer.Visitor<>() {
            @Override
            public Layer visitConv(Layer.Conv c) {
                Num filters = n(c.filters());
                Size kernel = size(c.kernel());
                Size stride = size(c.stride());
                Padding padding = padding(c.padding());
                Num dilation = n(c.dilation());
                Num groups = n(c.groups());
                // numbers as written, as most layers are: the layer itself, not a copy the checked model keeps too
                boolean written = filters == c.filters() && kernel == c.kernel() && stride == c.stride()
                        && padding == c.padding() && dilation == c.dilation() && groups == c.groups();
                return written ? c : new Layer.Conv(filters, kernel, stride, padding, dilation, groups, c.bias(),
                        c.activation(), c.span());
            }

            @Override
            public Layer visitDepthwiseConv(Layer.DepthwiseConv c) {
                return new Layer.DepthwiseConv(size(c.kernel()), size(c.stride()), padding(c.padding()), n(c.dilation()),
                        n(c.multiplier()), c.bias(), c.activation(), c.span());
            }

            @Override
            public Layer visitSeparableConv(Layer.SeparableConv c) {
                return new Layer.SeparableConv(n(c.filters()), size(c.kernel()), size(c.stride()), padding(c.padding()),
                        n(c.dilation()), n(c.multiplier()), c.bias(), c.activation(), c.span());
            }

            @Override
            public Layer visitTransposedConv(Layer.TransposedConv c) {
                return new Layer.TransposedConv(n(c.filters()), size(c.kernel()), size(c.stride()),
                        padding(c.padding()), n(c.dilation()), c.bias(), c.activation(), c.span());
            }

            @Override
            public Layer visitPool(Layer.Pool p) {
                return new Layer.Pool(p.pooling(), size(p.window()), size(p.stride()), padding(p.padding()), p.ceil(), p.scaled(),
                        p.span());
            }

            @Override
            public Layer visitGlobalPool(Layer.GlobalPool pool) {
                return pool;
            }

            @Override
            public Layer visitDense(Layer.Dense d) {
                return new Layer.Dense(n(d.units()), d.perPosition(), d.bias(), d.activation(), d.span());
            }

            @Override
            public Layer visitFlatten(Layer.Flatten flatten) {
                return flatten;
            }

            @Override
            public Layer visitBatchNorm(Layer.BatchNorm bn) {
                return new Layer.BatchNorm(bn.scale(), orDefault(bn.epsilon(), LayerKind.BN, Modifier.EPS),
                        orDefault(bn.momentum(), LayerKind.BN, Modifier.MOMENTUM), bn.span());
            }

            @Override
            public Layer visitLayerNorm(Layer.LayerNorm ln) {
                return new Layer.LayerNorm(orDefault(ln.epsilon(), LayerKind.LN, Modifier.EPS), ln.span());
            }

            @Override
            public Layer visitNormalize(Layer.Normalize normalize) {
                return normalize;
            }

            @Override
            public Layer visitLayerScale(Layer.LayerScale scale) {
                return scale;
            }

            @Override
            public Layer visitPReLU(Layer.PReLU prelu) {
                return prelu;
            }

            @Override
            public Layer visitRescale(Layer.Rescale rescale) {
                return new Layer.Rescale(decimal(rescale.factor()), rescale.divisor() == null ? null : decimal(rescale.divisor()),
                        rescale.offsetValue() == null ? null : decimal(rescale.offsetValue()), rescale.span());
            }

            @Override
            public Layer visitDropout(Layer.Dropout dropout) {
                return new Layer.Dropout(decimal(dropout.rate()), dropout.span());
            }

            @Override
            public Layer visitActivate(Layer.Activate activate) {
                return activate;
            }

            @Override
            public Layer visitUpsample(Layer.Upsample u) {
                return new Layer.Upsample(size(u.factor()), u.bilinear(), u.span());
            }

            @Override
            public Layer visitZeroPad(Layer.ZeroPad z) {
                return new Layer.ZeroPad(sides(z.sides()), z.span());
            }

            @Override
            public Layer visitCrop(Layer.Crop c) {
                return new Layer.Crop(sides(c.sides()), c.span());
            }

            @Override
            public Layer visitReshape(Layer.Reshape r) {
                return new Layer.Reshape(r.dims().stream().map(d -> (Expr) n(d)).toList(), r.span());
            }

            @Override
            public Layer visitSplit(Layer.Split split) {
                return new Layer.Split(split.sizes().stream().map(d -> (Expr) n(d)).toList(), n(split.part()), split.span());
            }

            @Override
            public Layer visitShuffle(Layer.Shuffle shuffle) {
                return new Layer.Shuffle(n(shuffle.groups()), shuffle.span());
            }

            @Override
            public Layer visitJoin(Layer.Join join) {
                return join;
            }
        });
    }

    private String orDefault(String written, LayerKind kind, Modifier modifier) {
        return written.isEmpty() ? defaults.value(kind, modifier) : written;
    }

    private Num n(Expr expr) {
        if (expr instanceof Num num) {
            return num;
        }
        Long value = evaluator.evaluate(expr, scope);
        if (value == null) {
            throw new Unresolved();
        }
        return new Num(value, expr.span(), scope.written(expr));
    }

    private Size size(Size size) {
        for (Expr expr : size.written()) {
            if (!(expr instanceof Num)) {
                return size.map(this::n);
            }
        }
        return size; // numbers already, as most sizes are written: nothing to make
    }

    private Padding padding(Padding padding) {
        if (padding instanceof Padding.Explicit explicit) {
            Size amount = size(explicit.amount());
            return amount == explicit.amount() ? padding : new Padding.Explicit(amount, explicit.span());
        }
        return padding;
    }

    private Layer.Sides sides(Layer.Sides sides) {
        return new Layer.Sides(sides.written().stream().<Expr>map(this::n).toList(), sides.paired());
    }

    /** A decimal's place: its number as written, from a parameter if it is one. */
    private Expr.Dec decimal(Expr expr) {
        Expr.Dec value = evaluator.decimal(expr, scope);
        if (value == null) {
            throw new Unresolved();
        }
        return expr instanceof Expr.Dec ? value : new Expr.Dec(value.text(), value.span(), scope.written(expr));
    }
}
