package cnnc.ast;

import cnnc.source.Span;

/**
 * A whole-number expression: a literal, a block parameter, a dimension of the block's input
 * ({@code in.c}), or arithmetic on those. The checker evaluates every expression, so only literals
 * ({@link Num}) reach the checked model and the backends.
 */
public sealed interface Expr extends Node permits Num, Expr.Ref, Expr.Binary, Expr.InputDim {

    /** The value of a literal; any other expression must be evaluated by the checker first. */
    default long value() {
        throw new IllegalStateException("expression not evaluated: " + this);
    }

    /** A block parameter by name. */
    record Ref(String name, Span span) implements Expr {
    }

    /** {@code left op right} with op one of {@code * / % + -}; division rounds down. */
    record Binary(char op, Expr left, Expr right, Span span) implements Expr {
    }

    /** {@code in.h}, {@code in.w} or {@code in.c}: a dimension of the tensor entering the block. */
    record InputDim(char dimension, Span span) implements Expr {
    }
}
