package cnnc.ast;

import cnnc.source.Span;

/**
 * A whole number as written, or as the checker evaluated an expression in one block instance: then
 * {@code written} is that expression ({@code 4*f}), which a backend writes when it writes the block's
 * code once for all its instances; null for a number written as such.
 */
public record Num(long value, Span span, Expr written) implements Expr {
    public Num(long value, Span span) {
        this(value, span, null);
    }
}
