package cnnc.check;

import cnnc.ast.Layer;
import cnnc.ast.Expr;
import cnnc.ast.Padding;
import cnnc.ast.Size2;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape and parameter rule of every layer kind, in one place. Each rule reads the layer and its
 * input shape, reports what is wrong, and returns the output shape (unknown after an error) and
 * the parameter tensors. Arithmetic is exact: an overflow throws ArithmeticException, which the
 * checker reports.
 */
final class LayerRules {
    private final Diagnostics diagnostics;

    LayerRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Outcome apply(Layer layer, Shape in) {
        if (layer instanceof Layer.Conv conv) {
            return conv(conv, in);
        } else if (layer instanceof Layer.Pool pool) {
            return pool(pool, in);
        } else if (layer instanceof Layer.GlobalPool pool) {
            return globalPool(pool, in);
        } else if (layer instanceof Layer.Dense dense) {
            return dense(dense, in);
        } else if (layer instanceof Layer.Flatten) {
            return flatten(in);
        } else if (layer instanceof Layer.BatchNorm bn) {
            return batchNorm(bn.scale(), in);
        } else if (layer instanceof Layer.Dropout dropout) {
            return dropout(dropout, in);
        } else if (layer instanceof Layer.Activate || layer instanceof Layer.Identity) {
            return Outcome.of(in);
        } else if (layer instanceof Layer.DepthwiseConv conv) {
            return depthwise(conv, in);
        } else if (layer instanceof Layer.SeparableConv conv) {
            return separable(conv, in);
        } else if (layer instanceof Layer.TransposedConv conv) {
            return transposed(conv, in);
        } else if (layer instanceof Layer.Upsample upsample) {
            return upsample(upsample, in);
        } else if (layer instanceof Layer.ZeroPad pad) {
            return border(pad.span(), "zeropad", pad.sides(), 1, in);
        } else if (layer instanceof Layer.Crop crop) {
            return border(crop.span(), "crop", crop.sides(), -1, in);
        } else if (layer instanceof Layer.Reshape reshape) {
            return reshape(reshape, in);
        } else if (layer instanceof Layer.LayerNorm) {
            return layerNorm(in);
        } else if (layer instanceof Layer.Normalize) {
            return normalize(in);
        } else if (layer instanceof Layer.Rescale) {
            return Outcome.of(in);
        }
        return Outcome.UNKNOWN;
    }

    /** kernel kh x kw x (Cin/groups) x F, bias F. */
    private Outcome conv(Layer.Conv conv, Shape in) {
        boolean sizesOk = positive(conv.filters(), "the filter count")
                & positive(conv.kernel(), "the kernel") & positive(conv.stride(), "the stride")
                & positive(conv.dilation(), "the dilation") & positive(conv.groups(), "the group count");
        Shape.Image image = requireImage(conv.span(), "conv", in);
        if (!sizesOk || image == null || !groupsDivide(conv, image.channels())) {
            return Outcome.UNKNOWN;
        }
        long filters = conv.filters().value();
        Shape.Image out = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(),
                image, filters);
        if (out == null) {
            return Outcome.UNKNOWN;
        }
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of("kernel", true, conv.kernel().height().value(), conv.kernel().width().value(),
                image.channels() / conv.groups().value(), filters));
        if (conv.bias()) {
            tensors.add(ParamTensor.of("bias", true, filters));
        }
        return new Outcome(out, tensors);
    }

    /** No parameters, unless scaled: then a trainable coefficient and bias per channel (LeNet-5). */
    private Outcome pool(Layer.Pool pool, Shape in) {
        boolean sizesOk = positive(pool.window(), "the pool window") & positive(pool.stride(), "the stride");
        Shape.Image image = requireImage(pool.span(), pool.kind().word(), in);
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        Window height = window(pool.padding(), image.height(), pool.window().height().value(),
                pool.stride().height().value(), 1);
        Window width = window(pool.padding(), image.width(), pool.window().width().value(),
                pool.stride().width().value(), 1);
        String what = "a " + pool.window().height().value() + "x" + pool.window().width().value() + " window";
        if (!fits(pool.span(), what, image, height, width)) {
            return Outcome.UNKNOWN;
        }
        Shape out = new Shape.Image(height.size(), width.size(), image.channels());
        if (!pool.scaled()) {
            return Outcome.of(out);
        }
        return Outcome.of(out, ParamTensor.of("coefficient", true, image.channels()),
                ParamTensor.of("bias", true, image.channels()));
    }

    private Outcome globalPool(Layer.GlobalPool pool, Shape in) {
        Shape.Image image = requireImage(pool.span(), pool.kind() == cnnc.ast.PoolKind.AVG ? "gap" : "gmp", in);
        if (image == null) {
            return Outcome.UNKNOWN;
        }
        return Outcome.of(pool.keepDims() ? new Shape.Image(1, 1, image.channels()) : new Shape.Vector(image.channels()));
    }

    /** kernel Nin x N, bias N. The checker flattens an image before a dense layer. */
    private Outcome dense(Layer.Dense dense, Shape in) {
        if (!positive(dense.units(), "the unit count")) {
            return Outcome.UNKNOWN;
        }
        long units = dense.units().value();
        if (!(in instanceof Shape.Vector vector)) {
            return Outcome.of(new Shape.Vector(units));
        }
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of("kernel", true, vector.length(), units));
        if (dense.bias()) {
            tensors.add(ParamTensor.of("bias", true, units));
        }
        return new Outcome(new Shape.Vector(units), tensors);
    }

    private static Outcome flatten(Shape in) {
        if (in instanceof Shape.Image image) {
            return Outcome.of(new Shape.Vector(
                    Math.multiplyExact(Math.multiplyExact(image.height(), image.width()), image.channels())));
        }
        return Outcome.of(in);
    }

    /**
     * gamma (unless {@code noscale}) and beta are trained; the moving mean and variance are not.
     * Over the last axis, as Keras.
     */
    private static Outcome batchNorm(boolean scale, Shape in) {
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        long channels = lastAxis(in);
        List<ParamTensor> tensors = new ArrayList<>();
        if (scale) {
            tensors.add(ParamTensor.of("gamma", true, channels));
        }
        tensors.add(ParamTensor.of("beta", true, channels));
        tensors.add(ParamTensor.of("moving_mean", false, channels));
        tensors.add(ParamTensor.of("moving_variance", false, channels));
        return new Outcome(in, tensors);
    }

    /** gamma and beta over the last axis, as Keras's LayerNormalization. */
    private static Outcome layerNorm(Shape in) {
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        long channels = lastAxis(in);
        return Outcome.of(in, ParamTensor.of("gamma", true, channels), ParamTensor.of("beta", true, channels));
    }

    /**
     * Keras's Normalization over the last axis: a mean and a variance per channel and the count of
     * samples they were computed from, all set by adapt(), never trained: 2C + 1.
     */
    private static Outcome normalize(Shape in) {
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        long channels = lastAxis(in);
        return Outcome.of(in, ParamTensor.of("mean", false, channels), ParamTensor.of("variance", false, channels),
                ParamTensor.of("count", false));
    }

    private static long lastAxis(Shape in) {
        return in instanceof Shape.Image image ? image.channels() : ((Shape.Vector) in).length();
    }

    /** depthwise kernel kh x kw x Cin x M, bias Cin*M; output Cin*M channels. */
    private Outcome depthwise(Layer.DepthwiseConv conv, Shape in) {
        boolean sizesOk = positive(conv.kernel(), "the kernel") & positive(conv.stride(), "the stride")
                & positive(conv.dilation(), "the dilation") & positive(conv.multiplier(), "the depth multiplier");
        Shape.Image image = requireImage(conv.span(), "dwconv", in);
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        Shape.Image out = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(),
                image, Math.multiplyExact(image.channels(), conv.multiplier().value()));
        if (out == null) {
            return Outcome.UNKNOWN;
        }
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of("depthwise_kernel", true, conv.kernel().height().value(),
                conv.kernel().width().value(), image.channels(), conv.multiplier().value()));
        if (conv.bias()) {
            tensors.add(ParamTensor.of("bias", true, out.channels()));
        }
        return new Outcome(out, tensors);
    }

    /** depthwise kernel kh x kw x Cin x M (no bias), pointwise 1 x 1 x Cin*M x F, bias F. */
    private Outcome separable(Layer.SeparableConv conv, Shape in) {
        boolean sizesOk = positive(conv.filters(), "the filter count") & positive(conv.kernel(), "the kernel")
                & positive(conv.stride(), "the stride") & positive(conv.dilation(), "the dilation")
                & positive(conv.multiplier(), "the depth multiplier");
        Shape.Image image = requireImage(conv.span(), "sepconv", in);
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        Shape.Image out = slide(conv.span(), conv.padding(), conv.kernel(), conv.stride(), conv.dilation().value(),
                image, conv.filters().value());
        if (out == null) {
            return Outcome.UNKNOWN;
        }
        long depth = Math.multiplyExact(image.channels(), conv.multiplier().value());
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of("depthwise_kernel", true, conv.kernel().height().value(),
                conv.kernel().width().value(), image.channels(), conv.multiplier().value()));
        tensors.add(ParamTensor.of("pointwise_kernel", true, 1, 1, depth, conv.filters().value()));
        if (conv.bias()) {
            tensors.add(ParamTensor.of("bias", true, conv.filters().value()));
        }
        return new Outcome(out, tensors);
    }

    /**
     * kernel kh x kw x F x Cin, bias F. Sizes as Keras's Conv2DTranspose: same gives n*s, valid
     * gives n*s + max(k' - s, 0) with the dilated kernel k' = d(k-1)+1.
     */
    private Outcome transposed(Layer.TransposedConv conv, Shape in) {
        boolean sizesOk = positive(conv.filters(), "the filter count") & positive(conv.kernel(), "the kernel")
                & positive(conv.stride(), "the stride") & positive(conv.dilation(), "the dilation");
        Shape.Image image = requireImage(conv.span(), "deconv", in);
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        boolean same = conv.padding() instanceof Padding.Same;
        long height = enlarge(image.height(), conv.kernel().height().value(), conv.stride().height().value(),
                conv.dilation().value(), same);
        long width = enlarge(image.width(), conv.kernel().width().value(), conv.stride().width().value(),
                conv.dilation().value(), same);
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of("kernel", true, conv.kernel().height().value(), conv.kernel().width().value(),
                conv.filters().value(), image.channels()));
        if (conv.bias()) {
            tensors.add(ParamTensor.of("bias", true, conv.filters().value()));
        }
        return new Outcome(new Shape.Image(height, width, conv.filters().value()), tensors);
    }

    private static long enlarge(long n, long kernel, long stride, long dilation, boolean same) {
        long scaled = Math.multiplyExact(n, stride);
        return same ? scaled : Math.addExact(scaled, Math.max(Window.reach(kernel, dilation) - stride, 0));
    }

    private Outcome upsample(Layer.Upsample upsample, Shape in) {
        boolean sizesOk = positive(upsample.factor(), "the factor");
        Shape.Image image = requireImage(upsample.span(), "upsample", in);
        if (!sizesOk || image == null) {
            return Outcome.UNKNOWN;
        }
        return Outcome.of(new Shape.Image(Math.multiplyExact(image.height(), upsample.factor().height().value()),
                Math.multiplyExact(image.width(), upsample.factor().width().value()), image.channels()));
    }

    /** {@code sign} 1 adds rows and columns (zeropad), -1 removes them (crop). */
    private Outcome border(Span span, String word, Layer.Sides sides, int sign, Shape in) {
        Shape.Image image = requireImage(span, word, in);
        if (image == null) {
            return Outcome.UNKNOWN;
        }
        long rows = Math.addExact(sides.top().value(), sides.bottom().value());
        long columns = Math.addExact(sides.left().value(), sides.right().value());
        long height = Math.addExact(image.height(), sign * rows);
        long width = Math.addExact(image.width(), sign * columns);
        if (height <= 0 || width <= 0) {
            diagnostics.add(Code.E0400, span, "cropping " + rows + " rows and " + columns + " columns from a "
                    + image + " input leaves " + height + "x" + width, "crop less than the input's size");
            return Outcome.UNKNOWN;
        }
        return Outcome.of(new Shape.Image(height, width, image.channels()));
    }

    private Outcome reshape(Layer.Reshape reshape, Shape in) {
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        List<Long> dims = reshape.dims().stream().map(Expr::value).toList();
        long values = 1;
        for (long dim : dims) {
            if (dim <= 0) {
                diagnostics.add(Code.E0403, reshape.span(), "a reshape's sizes must be at least 1, not " + dim);
                return Outcome.UNKNOWN;
            }
            values = Math.multiplyExact(values, dim);
        }
        long inputValues = in.dims().stream().reduce(1L, Math::multiplyExact);
        if (values != inputValues) {
            diagnostics.add(Code.E0711, reshape.span(), "reshape to " + String.join("x", dims.stream().map(String::valueOf).toList())
                    + " needs " + values + " values, but its " + in + " input has " + inputValues);
            return Outcome.UNKNOWN;
        }
        return Outcome.of(dims.size() == 1 ? new Shape.Vector(dims.get(0)) : new Shape.Image(dims.get(0), dims.get(1), dims.get(2)));
    }

    /** Slides a kernel over an image: the output, or null when it does not fit (reported). */
    private Shape.Image slide(Span span, Padding padding, Size2 kernel, Size2 stride, long dilation, Shape.Image image,
                              long channels) {
        Window height = window(padding, image.height(), kernel.height().value(), stride.height().value(), dilation);
        Window width = window(padding, image.width(), kernel.width().value(), stride.width().value(), dilation);
        String what = "a " + kernel.height().value() + "x" + kernel.width().value() + " kernel" + dilated(dilation);
        return fits(span, what, image, height, width) ? new Shape.Image(height.size(), width.size(), channels) : null;
    }

    private Outcome dropout(Layer.Dropout dropout, Shape in) {
        if (!(dropout.rate() >= 0 && dropout.rate() < 1)) {
            diagnostics.add(Code.E0404, dropout.span(), "a dropout rate is at least 0 and below 1, not "
                    + dropout.rateText(), "dropout 0.5 drops half of the values during training");
            return Outcome.UNKNOWN;
        }
        return Outcome.of(in);
    }

    private static Window window(Padding padding, long n, long kernel, long stride, long dilation) {
        if (padding instanceof Padding.Explicit explicit) {
            return Window.padded(n, explicit.amount().value(), kernel, stride, dilation);
        }
        return padding instanceof Padding.Same ? Window.same(n, stride) : Window.valid(n, kernel, stride, dilation);
    }

    /** Reports an output that is empty, and warns when rounding leaves input rows or columns unused. */
    private boolean fits(Span span, String what, Shape.Image in, Window height, Window width) {
        if (height.size() <= 0 || width.size() <= 0) {
            String sizes = height.formula().equals(width.formula())
                    ? height.formula() + " = " + height.size() + " in height and width"
                    : "height " + height.formula() + " = " + height.size() + ", width " + width.formula()
                            + " = " + width.size();
            diagnostics.add(Code.E0400, span, what + " on a " + in + " input gives an output of "
                    + height.size() + "x" + width.size() + ": " + sizes,
                    "the window must fit inside the input: use 'same' padding, a smaller window, "
                            + "or fewer downsampling layers before this one");
            return false;
        }
        if (height.dropped() > 0 || width.dropped() > 0) {
            List<String> parts = new ArrayList<>();
            if (height.dropped() > 0) {
                parts.add(plural(height.dropped(), "row") + " (" + height.formula() + " rounds down to " + height.size() + ")");
            }
            if (width.dropped() > 0) {
                parts.add(plural(width.dropped(), "column") + " (" + width.formula() + " rounds down to " + width.size() + ")");
            }
            diagnostics.add(Code.W0500, span, what + " on a " + in + " input leaves the last "
                    + String.join(" and the last ", parts) + " unused",
                    "use 'same' padding, or an input size that the stride divides evenly");
        }
        return true;
    }

    private Shape.Image requireImage(Span span, String word, Shape in) {
        if (in instanceof Shape.Vector vector) {
            diagnostics.add(Code.E0401, span, "'" + word + "' needs an image (HxWxC), but its input is a vector of "
                    + vector.length(), "put convolutions and pooling before the first dense layer or flatten");
        }
        return in instanceof Shape.Image image ? image : null;
    }

    private boolean groupsDivide(Layer.Conv conv, long channels) {
        long groups = conv.groups().value();
        boolean ok = true;
        if (channels % groups != 0) {
            diagnostics.add(Code.E0402, conv.groups().span(), "groups " + groups + " does not divide the "
                    + channels + " input channels (" + channels + " / " + groups + " is not whole)",
                    "choose a group count that divides both the input channels and the filters");
            ok = false;
        }
        if (conv.filters().value() % groups != 0) {
            diagnostics.add(Code.E0402, conv.groups().span(), "groups " + groups + " does not divide the "
                    + conv.filters().value() + " filters (" + conv.filters().value() + " / " + groups
                    + " is not whole)", "choose a group count that divides both the input channels and the filters");
            ok = false;
        }
        return ok;
    }

    private boolean positive(Expr num, String what) {
        if (num.value() > 0) {
            return true;
        }
        diagnostics.add(Code.E0403, num.span(), what + " must be at least 1, not " + num.value());
        return false;
    }

    private boolean positive(Size2 size, String what) {
        if (size.height().value() > 0 && size.width().value() > 0) {
            return true;
        }
        diagnostics.add(Code.E0403, size.span(), what + " must be at least 1x1, not "
                + size.height().value() + "x" + size.width().value());
        return false;
    }

    private static String dilated(long dilation) {
        return dilation == 1 ? "" : " dilated by " + dilation;
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : n + " " + word + "s";
    }
}
