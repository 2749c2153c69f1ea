package cnnc.ast;

import cnnc.source.Span;

/**
 * A statement that adds a layer. The span of a layer covers its whole statement, which is what the
 * report shows as "the layer as written".
 */
public sealed interface Layer extends Statement {

    /** {@code conv F@KxK} with its modifiers. {@code dilation} and {@code groups} are 1 unless written. */
    record Conv(Num filters, Size2 kernel, Size2 stride, Padding padding, Num dilation, Num groups,
                boolean bias, Activation activation, Span span) implements Layer {
    }

    /**
     * {@code maxpool KxK} / {@code avgpool KxK}. The stride defaults to the window. {@code scaled} adds
     * LeNet-5's trainable coefficient and bias per channel after the pooling.
     */
    record Pool(PoolKind kind, Size2 window, Size2 stride, Padding padding, boolean scaled, Span span)
            implements Layer {
    }

    /** {@code gap} / {@code gmp}: one value per channel. */
    record GlobalPool(PoolKind kind, Span span) implements Layer {
    }

    record Dense(Num units, boolean bias, Activation activation, Span span) implements Layer {
    }

    record Flatten(Span span) implements Layer {
    }

    /** {@code bn}: batch normalisation over the channels. */
    record BatchNorm(Span span) implements Layer {
    }

    /** {@code dropout R}; {@code rateText} keeps the rate as written, for printing it back exactly. */
    record Dropout(double rate, String rateText, Span span) implements Layer {
    }

    /** An activation word on its own line. */
    record Activate(Activation activation, Span span) implements Layer {
    }

    /**
     * A statement that could not be understood. It is kept in the tree so that the checker gives it
     * an unknown shape, which stops one mistake from causing a cascade of errors after it. {@code word}
     * is the statement's first word ({@code input} tells the checker an input was meant).
     */
    record Invalid(String word, Span span) implements Layer {
    }
}
