package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/**
 * A statement that adds one layer. The span of a layer covers its whole statement, which is what
 * the report shows as "the layer as written". In the checked model every expression in a layer is
 * a literal {@link Num}.
 */
public sealed interface Layer extends Statement {

    /** {@code conv F@KxK} with its modifiers. {@code dilation} and {@code groups} are 1 unless written. */
    record Conv(Expr filters, Size2 kernel, Size2 stride, Padding padding, Expr dilation, Expr groups,
                boolean bias, Activation activation, Span span) implements Layer {
    }

    /** {@code dwconv KxK [mult M]}: one (or M) filters per input channel. */
    record DepthwiseConv(Size2 kernel, Size2 stride, Padding padding, Expr dilation, Expr multiplier,
                         boolean bias, Activation activation, Span span) implements Layer {
    }

    /** {@code sepconv F@KxK}: a depthwise convolution, then a 1x1 convolution to F channels. */
    record SeparableConv(Expr filters, Size2 kernel, Size2 stride, Padding padding, Expr dilation,
                         Expr multiplier, boolean bias, Activation activation, Span span) implements Layer {
    }

    /** {@code deconv F@KxK}: transposed convolution, which enlarges by its stride. */
    record TransposedConv(Expr filters, Size2 kernel, Size2 stride, Padding padding, Expr dilation,
                          boolean bias, Activation activation, Span span) implements Layer {
    }

    /**
     * {@code maxpool KxK} / {@code avgpool KxK}. The stride defaults to the window. {@code scaled} adds
     * LeNet-5's trainable coefficient and bias per channel after the pooling.
     */
    record Pool(PoolKind kind, Size2 window, Size2 stride, Padding padding, boolean scaled, Span span)
            implements Layer {
    }

    /** {@code gap} / {@code gmp}: one value per channel; with {@code keep}, a 1x1xC image. */
    record GlobalPool(PoolKind kind, boolean keepDims, Span span) implements Layer {
    }

    record Dense(Expr units, boolean bias, Activation activation, Span span) implements Layer {
    }

    record Flatten(Span span) implements Layer {
    }

    /** {@code bn}: batch normalisation over the channels; {@code bn noscale} has no gamma. */
    record BatchNorm(boolean scale, Span span) implements Layer {
    }

    /** {@code ln}: layer normalisation over the last axis (gamma and beta). */
    record LayerNorm(Span span) implements Layer {
    }

    /** {@code dropout R}; {@code rateText} keeps the rate as written, for printing it back exactly. */
    record Dropout(double rate, String rateText, Span span) implements Layer {
    }

    /**
     * {@code rescale 1/255} or {@code rescale 1/127.5 offset -1}: every value times the scale, plus
     * the offset, as Keras's Rescaling. The texts keep the numbers as written; {@code offsetText} is
     * empty when no offset is written.
     */
    record Rescale(double scale, String scaleText, double offset, String offsetText, Span span) implements Layer {
    }

    /** {@code normalize}: (x - mean) / sqrt(variance) per channel, as Keras's Normalization (adapted, not trained). */
    record Normalize(Span span) implements Layer {
    }

    /** An activation word on its own line. */
    record Activate(Activation activation, Span span) implements Layer {
    }

    /** {@code upsample 2} / {@code upsample 2x3}: repeats rows and columns. */
    record Upsample(Size2 factor, Span span) implements Layer {
    }

    /** {@code zeropad P}, {@code zeropad HxW} or {@code zeropad T B L R}. */
    record ZeroPad(Sides sides, Span span) implements Layer {
    }

    /** {@code crop P}, {@code crop HxW} or {@code crop T B L R}: removes rows and columns at the borders. */
    record Crop(Sides sides, Span span) implements Layer {
    }

    /** {@code reshape HxWxC} or {@code reshape N}: same number of values, another shape. */
    record Reshape(List<Expr> dims, Span span) implements Layer {
        public Reshape {
            dims = List.copyOf(dims);
        }
    }

    /** {@code identity}: passes its input on (a merge branch that adds nothing). */
    record Identity(Span span) implements Layer {
    }

    /** The layer a merge makes of its branches' outputs: add, concat (channels) or multiply. */
    record Join(MergeKind kind, Span span) implements Layer {
    }

    /**
     * A statement that could not be understood. It is kept in the tree so that the checker gives it
     * an unknown shape, which stops one mistake from causing a cascade of errors after it. {@code word}
     * is the statement's first word ({@code input} tells the checker an input was meant).
     */
    record Invalid(String word, Span span) implements Layer {
    }

    /** Rows and columns added or removed at each border. */
    record Sides(Expr top, Expr bottom, Expr left, Expr right) {
    }
}
