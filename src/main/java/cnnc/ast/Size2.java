package cnnc.ast;

import cnnc.source.Span;

/** A height x width pair: a kernel, a pool window or a stride. {@code 3} is written for {@code 3x3}. */
public record Size2(Num height, Num width, Span span) implements Node {

    public static Size2 square(Num n) {
        return new Size2(n, n, n.span());
    }

    public boolean isSquare() {
        return height.value() == width.value();
    }

    @Override
    public String toString() {
        return isSquare() ? Long.toString(height.value()) : height.value() + "x" + width.value();
    }
}
