package cnnc.check;

import cnnc.ast.Layer;
import cnnc.ast.Num;
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
        } else if (layer instanceof Layer.BatchNorm) {
            return batchNorm(in);
        } else if (layer instanceof Layer.Dropout dropout) {
            return dropout(dropout, in);
        } else if (layer instanceof Layer.Activate) {
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
        Window height = window(conv.padding(), image.height(), conv.kernel().height().value(),
                conv.stride().height().value(), conv.dilation().value());
        Window width = window(conv.padding(), image.width(), conv.kernel().width().value(),
                conv.stride().width().value(), conv.dilation().value());
        if (!fits(conv.span(), "a " + conv.kernel().height().value() + "x" + conv.kernel().width().value()
                + " kernel" + dilated(conv.dilation().value()), image, height, width)) {
            return Outcome.UNKNOWN;
        }
        List<ParamTensor> tensors = new ArrayList<>();
        tensors.add(ParamTensor.of("kernel", true, conv.kernel().height().value(), conv.kernel().width().value(),
                image.channels() / conv.groups().value(), filters));
        if (conv.bias()) {
            tensors.add(ParamTensor.of("bias", true, filters));
        }
        return new Outcome(new Shape.Image(height.size(), width.size(), filters), tensors);
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
        return image == null ? Outcome.UNKNOWN : Outcome.of(new Shape.Vector(image.channels()));
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

    /** gamma and beta are trained; the moving mean and variance are not. Over the last axis, as Keras. */
    private static Outcome batchNorm(Shape in) {
        if (!in.isKnown()) {
            return Outcome.UNKNOWN;
        }
        long channels = in instanceof Shape.Image image ? image.channels() : ((Shape.Vector) in).length();
        return Outcome.of(in, ParamTensor.of("gamma", true, channels), ParamTensor.of("beta", true, channels),
                ParamTensor.of("moving_mean", false, channels), ParamTensor.of("moving_variance", false, channels));
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

    private boolean positive(Num num, String what) {
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
