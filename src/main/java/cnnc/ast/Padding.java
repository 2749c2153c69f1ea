package cnnc.ast;

import cnnc.source.Span;

/** How a convolution or pooling treats the border. */
public sealed interface Padding extends Node {

    /** No padding: the window stays inside the input (the default). */
    record Valid(Span span) implements Padding {
    }

    /** Zero padding so that the output size is ceil(n / stride), as Keras's "same". */
    record Same(Span span) implements Padding {
    }

    /**
     * {@code pad P}: P zeros on both sides of every axis; {@code pad 1x3x3}: as many zeros on both sides
     * of each axis (torchvision's video models pad the depth less than the height and width).
     */
    record Explicit(Size amount, Span span) implements Padding {
    }
}
