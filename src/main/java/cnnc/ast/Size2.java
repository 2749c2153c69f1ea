package cnnc.ast;

import cnnc.source.Span;

/** A height x width pair: a kernel, a pool window, a stride or a factor. {@code 3} is written for {@code 3x3}. */
public record Size2(Expr height, Expr width, Span span) implements Node {

    public static Size2 square(Expr n) {
        return new Size2(n, n, n.span());
    }
}
