package cnnc.backend.keras;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.MergeKind;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size2;
import cnnc.check.CheckedLayer;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Translates one checked layer into Keras layers, one method per layer kind. Shapes and counts are
 * the checker's; this class only writes the literals of the layer as Keras arguments, and reports
 * what Keras cannot express (E0600).
 */
final class LayerTranslator {
    private final Diagnostics diagnostics;

    LayerTranslator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The row's Keras layers, or null if Keras cannot express it (with a diagnostic). */
    KerasRow translate(CheckedLayer row) {
        Layer layer = row.layer();
        if (row.implicit()) {
            return one(row, "Flatten", List.of());
        } else if (layer instanceof Layer.Conv conv) {
            return conv(row, conv);
        } else if (layer instanceof Layer.DepthwiseConv conv) {
            return depthwise(row, conv);
        } else if (layer instanceof Layer.SeparableConv conv) {
            return separable(row, conv);
        } else if (layer instanceof Layer.TransposedConv conv) {
            return transposed(row, conv);
        } else if (layer instanceof Layer.Pool pool) {
            return pool(row, pool);
        }
        return simple(row, layer);
    }

    /** The layers that take only a few literals, or none. */
    private KerasRow simple(CheckedLayer row, Layer layer) {
        if (layer instanceof Layer.GlobalPool pool) {
            return one(row, pool.kind() == PoolKind.MAX ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D",
                    pool.keepDims() ? List.of("keepdims=True") : List.of());
        } else if (layer instanceof Layer.Dense dense) {
            List<String> args = new ArrayList<>(List.of(num(dense.units())));
            noBias(dense.bias(), args);
            Activations.argument(dense.activation()).ifPresent(args::add);
            return one(row, "Dense", args);
        } else if (layer instanceof Layer.Flatten) {
            return one(row, "Flatten", List.of());
        } else if (layer instanceof Layer.BatchNorm bn) {
            return one(row, "BatchNormalization", bn.scale() ? List.of() : List.of("scale=False"));
        } else if (layer instanceof Layer.LayerNorm) {
            return one(row, "LayerNormalization", List.of());
        } else if (layer instanceof Layer.Dropout dropout) {
            return one(row, "Dropout", List.of(decimal(dropout.rateText())));
        } else if (layer instanceof Layer.Activate activate) {
            return one(row, "Activation", List.of(PythonText.stringLiteral(Activations.name(activate.activation().kind()))));
        } else if (layer instanceof Layer.Upsample upsample) {
            return one(row, "UpSampling2D", List.of(size(upsample.factor())));
        } else if (layer instanceof Layer.ZeroPad pad) {
            return one(row, "ZeroPadding2D", List.of(sides(pad.sides())));
        } else if (layer instanceof Layer.Crop crop) {
            return one(row, "Cropping2D", List.of(sides(crop.sides())));
        } else if (layer instanceof Layer.Reshape reshape) {
            return one(row, "Reshape", List.of(tuple(reshape.dims().stream().map(LayerTranslator::num).toList())));
        } else if (layer instanceof Layer.Rescale rescale) {
            // the scale as written (1/255), which Python divides as floats
            List<String> args = new ArrayList<>(List.of("scale=" + Arrays.stream(rescale.scaleText().split("/"))
                    .map(LayerTranslator::decimal).collect(Collectors.joining(" / "))));
            if (!rescale.offsetText().isEmpty()) {
                args.add("offset=" + decimal(rescale.offsetText()));
            }
            return one(row, "Rescaling", args);
        } else if (layer instanceof Layer.Normalize) {
            return one(row, "Normalization", List.of());
        } else if (layer instanceof Layer.Join join) {
            return join(row, join.kind());
        }
        throw new IllegalStateException("no Keras translation for " + row.op() + " (" + row.name() + ")");
    }

    private static KerasRow join(CheckedLayer row, MergeKind kind) {
        return switch (kind) {
            case ADD -> one(row, "Add", List.of());
            case MULTIPLY -> one(row, "Multiply", List.of());
            case CONCAT -> one(row, "Concatenate", List.of("axis=-1"));
        };
    }

    private KerasRow conv(CheckedLayer row, Layer.Conv conv) {
        if (!strideWithDilationAllowed(row, "Conv2D", conv.stride(), conv.dilation())) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of(num(conv.filters()), size(conv.kernel())));
        KerasLayer zeros = sliding(row, conv.stride(), conv.padding(), conv.dilation(), args);
        if (conv.groups().value() != 1) {
            args.add("groups=" + num(conv.groups()));
        }
        return finish(row, zeros, "Conv2D", args, conv.bias(), conv.activation());
    }

    private KerasRow depthwise(CheckedLayer row, Layer.DepthwiseConv conv) {
        List<String> args = new ArrayList<>(List.of(size(conv.kernel())));
        KerasLayer zeros = sliding(row, conv.stride(), conv.padding(), conv.dilation(), args);
        multiplier(conv.multiplier(), args);
        return finish(row, zeros, "DepthwiseConv2D", args, conv.bias(), conv.activation());
    }

    private KerasRow separable(CheckedLayer row, Layer.SeparableConv conv) {
        List<String> args = new ArrayList<>(List.of(num(conv.filters()), size(conv.kernel())));
        KerasLayer zeros = sliding(row, conv.stride(), conv.padding(), conv.dilation(), args);
        multiplier(conv.multiplier(), args);
        return finish(row, zeros, "SeparableConv2D", args, conv.bias(), conv.activation());
    }

    private KerasRow transposed(CheckedLayer row, Layer.TransposedConv conv) {
        if (!strideWithDilationAllowed(row, "Conv2DTranspose", conv.stride(), conv.dilation())) {
            return null;
        }
        List<String> args = new ArrayList<>(List.of(num(conv.filters()), size(conv.kernel())));
        // a deconv is valid or same, never 'pad P' (the parser says so), so it needs no zeros in front
        KerasLayer zeros = sliding(row, conv.stride(), conv.padding(), conv.dilation(), args);
        return finish(row, zeros, "Conv2DTranspose", args, conv.bias(), conv.activation());
    }

    /** The row's layer after its optional helper, with the bias and activation arguments. */
    private static KerasRow finish(CheckedLayer row, KerasLayer zeros, String type, List<String> args, boolean bias,
                                   cnnc.ast.Activation activation) {
        noBias(bias, args);
        Activations.argument(activation).ifPresent(args::add);
        KerasLayer layer = new KerasLayer(row.name(), type, args);
        return zeros == null ? KerasRow.of(row, layer) : KerasRow.of(row, zeros, layer);
    }

    /**
     * Adds the stride, padding and dilation arguments; returns the ZeroPadding2D that {@code pad P}
     * needs in front (Keras's own padding is only "valid" or "same"), or null.
     */
    private static KerasLayer sliding(CheckedLayer row, Size2 stride, Padding padding, Expr dilation, List<String> args) {
        if (!isOne(stride)) {
            args.add("strides=" + size(stride));
        }
        KerasLayer zeros = null;
        if (padding instanceof Padding.Same) {
            args.add("padding=\"same\"");
        } else if (padding instanceof Padding.Explicit explicit && explicit.amount().value() > 0) {
            zeros = new KerasLayer(row.name() + "_pad", "ZeroPadding2D", List.of(num(explicit.amount())),
                    List.of("'pad " + explicit.amount().value() + "': the zeros in front of " + row.name()
                            + ", whose own padding is then \"valid\""));
        }
        if (dilation.value() != 1) {
            args.add("dilation_rate=" + num(dilation));
        }
        return zeros;
    }

    /** Keras's pooling, like cnnc's, has the window as its default stride; 'scaled' adds a 1x1 depthwise layer. */
    private KerasRow pool(CheckedLayer row, Layer.Pool pool) {
        List<String> args = new ArrayList<>(List.of(size(pool.window())));
        if (!sameSize(pool.stride(), pool.window())) {
            args.add("strides=" + size(pool.stride()));
        }
        if (pool.padding() instanceof Padding.Same) {
            args.add("padding=\"same\"");
        }
        KerasLayer pooling = new KerasLayer(row.name(), pool.kind() == PoolKind.MAX ? "MaxPooling2D" : "AveragePooling2D",
                args);
        if (!pool.scaled()) {
            return KerasRow.of(row, pooling);
        }
        long channels = ((Shape.Image) row.outputShape()).channels();
        KerasLayer scale = new KerasLayer(row.name() + "_scale", "DepthwiseConv2D",
                List.of("1", "depthwise_initializer=\"ones\""),
                List.of("'scaled': LeNet-5's trainable coefficient and bias per channel (2 x " + channels + "),",
                        "a 1x1 depthwise convolution that starts as the identity"));
        return KerasRow.of(row, pooling, scale);
    }

    /** Keras 3 refuses strides > 1 together with dilation_rate > 1 in Conv2D and Conv2DTranspose. */
    private boolean strideWithDilationAllowed(CheckedLayer row, String type, Size2 stride, Expr dilation) {
        if (isOne(stride) || dilation.value() == 1) {
            return true;
        }
        diagnostics.add(Code.E0600, row.layer().span(), "Keras cannot combine stride " + stride.height().value() + "x"
                + stride.width().value() + " with dilation " + dilation.value() + ": Keras 3's " + type
                + " refuses strides > 1 together with dilation_rate > 1",
                "use stride 1 with the dilation and downsample afterwards (e.g. a pool), or drop the dilation");
        return false;
    }

    private static KerasRow one(CheckedLayer row, String type, List<String> args) {
        return KerasRow.of(row, new KerasLayer(row.name(), type, args));
    }

    private static void noBias(boolean bias, List<String> args) {
        if (!bias) {
            args.add("use_bias=False");
        }
    }

    private static void multiplier(Expr multiplier, List<String> args) {
        if (multiplier.value() != 1) {
            args.add("depth_multiplier=" + num(multiplier));
        }
    }

    /** {@code 3} for a square, {@code (1, 7)} otherwise. */
    private static String size(Size2 size) {
        return sameValue(size.height(), size.width()) ? num(size.height()) : tuple(List.of(num(size.height()), num(size.width())));
    }

    /** Keras's padding and cropping forms: P, (rows, columns), or ((top, bottom), (left, right)). */
    private static String sides(Layer.Sides sides) {
        boolean rowsEven = sameValue(sides.top(), sides.bottom());
        boolean columnsEven = sameValue(sides.left(), sides.right());
        if (rowsEven && columnsEven) {
            return sameValue(sides.top(), sides.left()) ? num(sides.top())
                    : tuple(List.of(num(sides.top()), num(sides.left())));
        }
        return tuple(List.of(tuple(List.of(num(sides.top()), num(sides.bottom()))),
                tuple(List.of(num(sides.left()), num(sides.right())))));
    }

    private static String tuple(List<String> items) {
        return items.size() == 1 ? "(" + items.get(0) + ",)" : "(" + String.join(", ", items) + ")";
    }

    private static boolean isOne(Size2 size) {
        return size.height().value() == 1 && size.width().value() == 1;
    }

    private static boolean sameSize(Size2 a, Size2 b) {
        return sameValue(a.height(), b.height()) && sameValue(a.width(), b.width());
    }

    private static boolean sameValue(Expr a, Expr b) {
        return a.value() == b.value();
    }

    /** A number as written (007.50, .5, -1) as a Python literal: 7.50, 0.5, -1. */
    private static String decimal(String text) {
        return new BigDecimal(text).toPlainString();
    }

    private static String num(Expr expr) {
        return Long.toString(expr.value());
    }
}
