package cnnc.ast;

import cnnc.source.Span;

/**
 * A number's expression: a literal, a block parameter, a dimension of the block's input
 * ({@code in.c}), a decimal, a function's call ({@code divisible(f * 0.25, 8)}), or arithmetic on those. The checker evaluates every expression, so only literals
 * ({@link Num}) reach the checked model and the backends.
 */
public sealed interface Expr extends Node permits Num, Expr.Ref, Expr.Binary, Expr.InputDim, Expr.Dec, Expr.Call, Expr.Items {

    /** The value of a literal; any other expression must be evaluated by the checker first. */
    default long value() {
        throw new IllegalStateException("expression not evaluated: " + this);
    }

    /** A decimal as written ({@code 0.2}); a parameter in a decimal's place must be evaluated first. */
    default String decimal() {
        throw new IllegalStateException("decimal not evaluated: " + this);
    }

    /**
     * True when the expression is whole-number arithmetic on literals, names and {@code in.c}, which
     * every backend writing a block once can write in its own language with the same value; a decimal
     * or a function's call is written by the Python backends where Python computes cnnc's value
     * (the backends' ExprText), and its value elsewhere.
     */
    static boolean isArithmetic(Expr expr) {
        if (expr instanceof Binary binary) {
            return isArithmetic(binary.left()) && isArithmetic(binary.right());
        }
        return expr instanceof Num || expr instanceof Ref || expr instanceof InputDim;
    }

    /** {@code [3, 5, 7]}: a list of whole numbers, a block's argument or the values of a merge's branches. */
    record Items(java.util.List<Expr> items, Span span) implements Expr {
        public Items {
            items = java.util.List.copyOf(items);
        }
    }

    /** A block parameter by name. */
    record Ref(String name, Span span) implements Expr {
    }

    /** {@code left op right} with op one of {@code * / % + -}; division rounds down. */
    record Binary(char op, Expr left, Expr right, Span span) implements Expr {
    }

    /**
     * A decimal, written as a block's argument or default ({@code stage(64, 0.2)}) or in a decimal's
     * place ({@code dropout 0.2}); in a whole number's place it is an error. {@code written} is the
     * parameter it was evaluated from in one block instance, for a backend writing the block once.
     */
    record Dec(String text, Span span, Expr written) implements Expr {
        public Dec(String text, Span span) {
            this(text, span, null);
        }

        @Override
        public String decimal() {
            return text;
        }
    }

    /** {@code min(a, b)}, {@code divisible(f * 0.25, 8)}: a function of {@link FunctionKind} on its arguments. */
    record Call(FunctionKind function, java.util.List<Expr> arguments, Span span) implements Expr {
        public Call {
            arguments = java.util.List.copyOf(arguments);
        }
    }

    /** {@code in.h}, {@code in.w} or {@code in.c}: a dimension of the tensor entering the block. */
    record InputDim(char dimension, Span span) implements Expr {
    }
}
