package cnnc.check;

import cnnc.ast.Expr;
import cnnc.ast.Num;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import cnnc.diag.Guesses;
import cnnc.diag.Suggestions;
import java.util.List;

/** Evaluates whole-number expressions in a scope; null when a value cannot be had (and was reported). */
final class Evaluator {
    private final Diagnostics diagnostics;
    private final Guesses guesses;

    Evaluator(Diagnostics diagnostics, Guesses guesses) {
        this.diagnostics = diagnostics;
        this.guesses = guesses;
    }

    Long evaluate(Expr expr, Scope scope) {
        if (expr instanceof Num num) {
            return num.value();
        } else if (expr instanceof Expr.Dec decimal) {
            diagnostics.add(Code.E0712, decimal.span(), decimal.text() + " is a decimal, but a whole number is needed here");
            return null;
        } else if (expr instanceof Expr.Ref ref) {
            Value value = scope.params.get(ref.name());
            if (value instanceof Value.Whole whole) {
                return whole.value();
            } else if (value != null) {
                wrongKind(ref, value, "a whole number");
                return null;
            } else {
                String message = "unknown name '" + ref.name() + "'";
                var guess = guesses.closest(ref.name(), scope.params.keySet());
                diagnostics.add(Code.E0707, ref.span(), message, guess.map(g -> "did you mean '" + g + "'?")
                        .orElse(scope.params.isEmpty() ? "names in expressions are the parameters of the block around them"
                                : "the parameters here are: " + Suggestions.listed(scope.params.keySet())));
                return null;
            }
        } else if (expr instanceof Expr.InputDim dim) {
            return inputDimension(dim, scope);
        }
        Expr.Binary binary = (Expr.Binary) expr;
        Long left = evaluate(binary.left(), scope);
        Long right = evaluate(binary.right(), scope);
        if (left == null || right == null) {
            return null;
        }
        if ((binary.op() == '/' || binary.op() == '%') && right == 0) {
            diagnostics.add(Code.E0708, binary.span(), "division by zero: " + left + " " + binary.op() + " 0");
            return null;
        }
        try {
            return switch (binary.op()) {
                case '*' -> Math.multiplyExact(left, right);
                case '/' -> floorDivExact(left, right);
                case '%' -> Math.floorMod(left, right);
                case '+' -> Math.addExact(left, right);
                default -> Math.subtractExact(left, right);
            };
        } catch (ArithmeticException overflow) {
            diagnostics.add(Code.E0708, binary.span(), left + " " + binary.op() + " " + right + " overflows 64 bits");
            return null;
        }
    }

    /**
     * A decimal's place ({@code dropout p}): a decimal as written, the parameter's decimal, or a
     * whole number's digits; null when the parameter has no such value (reported).
     */
    Expr.Dec decimal(Expr expr, Scope scope) {
        if (expr instanceof Expr.Ref ref) {
            Value value = scope.params.get(ref.name());
            if (value instanceof Value.Decimal || value instanceof Value.Whole) {
                return new Expr.Dec(value.text(), value.origin()); // its mistakes are the argument's
            } else if (value instanceof Value.Output) {
                wrongKind(ref, value, "a decimal");
                return null;
            }
        }
        if (expr instanceof Expr.Dec decimal) {
            return decimal;
        }
        Long whole = evaluate(expr, scope);
        return whole == null ? null : new Expr.Dec(Long.toString(whole), expr.span());
    }

    /**
     * A parameter used as a kind of value its argument is not: reported at the argument (or
     * default) that gave it, where the fix usually is, with a note at the use.
     */
    void wrongKind(Expr.Ref use, Value value, String needed) {
        diagnostics.add(new Diagnostic(Code.E0712, value.origin(), "'" + use.name() + "' is " + value.text() + ", "
                + value.kind() + ", but the block uses it where " + needed + " is needed",
                List.of("give '" + use.name() + "' " + needed + (needed.equals("a named output")
                        ? ": the name of an output made with 'as NAME' before the call" : "")), List.of(new Diagnostic.Note(use.span(), "'" + use.name() + "' used here"))));
    }

    /** Math.floorDiv, except that -2^63 / -1, whose quotient 2^63 does not fit, throws (Java 18's floorDivExact). */
    private static long floorDivExact(long left, long right) {
        if (left == Long.MIN_VALUE && right == -1) {
            throw new ArithmeticException("long overflow");
        }
        return Math.floorDiv(left, right);
    }

    private Long inputDimension(Expr.InputDim dim, Scope scope) {
        if (scope.inputAbsent != null) {
            diagnostics.add(Code.E0721, dim.span(), "in." + dim.dimension() + " reads the tensor entering the block, but "
                    + scope.inputAbsent, "pass the size as a parameter of the block");
            return null;
        }
        if (scope.blockInput instanceof Shape.Image image) {
            return switch (dim.dimension()) {
                case 'h' -> image.height();
                case 'w' -> image.width();
                default -> image.channels();
            };
        }
        if (scope.blockInput instanceof Shape.Vector vector && dim.dimension() == 'c') {
            return vector.length();
        }
        if (scope.blockInput instanceof Shape.Vector) {
            diagnostics.add(Code.E0708, dim.span(), "in." + dim.dimension() + " needs an image input, but the input is a vector",
                    "use in.c for a vector's length");
        }
        return null; // unknown input: the mistake before it was reported
    }
}
