package cnnc.check;

import cnnc.ast.Expr;
import cnnc.ast.Num;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import cnnc.diag.Guesses;
import cnnc.diag.Suggestions;
import cnnc.ast.AstPrinter;
import cnnc.ast.FunctionKind;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Evaluates expressions in a scope, whole or decimal; null when a value cannot be had (and was reported). */
final class Evaluator {
    private final Diagnostics diagnostics;
    private final Guesses guesses;

    Evaluator(Diagnostics diagnostics, Guesses guesses) {
        this.diagnostics = diagnostics;
        this.guesses = guesses;
    }

    /** A whole number's place: the expression's value, or null (reported) when it has none or is a decimal. */
    Long evaluate(Expr expr, Scope scope) {
        if (expr instanceof Expr.Dec decimal && decimal.text().contains(".")) {
            diagnostics.add(Code.E0712, decimal.span(), decimal.text() + " is a decimal, but a whole number is needed here");
            return null;
        }
        if (expr instanceof Expr.Ref ref && scope.params.get(ref.name()) instanceof Value.Decimal value) {
            wrongKind(ref, value, "a whole number");
            return null;
        }
        Amount amount = amount(expr, scope);
        if (amount == null) {
            return null;
        }
        if (!amount.isWhole()) {
            diagnostics.add(Code.E0712, expr.span(), "this is " + amount.text() + ", a decimal, but a whole number is "
                    + "needed here", "make it whole: round(...) to the nearest, or divisible(..., 8) to a multiple of 8");
            return null;
        }
        return amount.whole();
    }

    /** The expression's value, whole or decimal; null when it has none (reported). */
    Amount amount(Expr expr, Scope scope) {
        if (expr instanceof Num num) {
            return Amount.of(num.value());
        } else if (expr instanceof Expr.Dec decimal) {
            BigDecimal value = new BigDecimal(decimal.text());
            return decimal.text().contains(".") ? Amount.of(value) : Amount.of(value.longValueExact()); // -2
        } else if (expr instanceof Expr.Ref ref) {
            return reference(ref, scope);
        } else if (expr instanceof Expr.InputDim dim) {
            Long value = inputDimension(dim, scope);
            return value == null ? null : Amount.of(value);
        } else if (expr instanceof Expr.Call call) {
            return call.function() == FunctionKind.LEN ? length(call, scope) : call(call, scope);
        } else if (expr instanceof Expr.Items list) {
            diagnostics.add(Code.E0712, list.span(), AstPrinter.expr(list) + " is a list, but a number is needed here",
                    "a list gives a merge its branches (concat for k in ks { ... }) and len(ks) its length");
            return null;
        }
        Expr.Binary binary = (Expr.Binary) expr;
        Amount left = amount(binary.left(), scope);
        Amount right = amount(binary.right(), scope);
        if (left == null || right == null) {
            return null;
        }
        if ((binary.op() == '/' || binary.op() == '%') && right.exact().signum() == 0) {
            diagnostics.add(Code.E0708, binary.span(), "division by zero: " + left.text() + " " + binary.op() + " 0");
            return null;
        }
        try {
            return left.isWhole() && right.isWhole() ? Amount.of(whole(binary.op(), left.whole(), right.whole()))
                    : Amount.of(decimal(binary.op(), left.exact(), right.exact()));
        } catch (ArithmeticException overflow) {
            diagnostics.add(Code.E0708, binary.span(), left.text() + " " + binary.op() + " " + right.text() + " overflows 64 bits");
            return null;
        }
    }

    private Amount reference(Expr.Ref ref, Scope scope) {
        Value value = scope.params.get(ref.name());
        if (value instanceof Value.Whole whole) {
            return Amount.of(whole.value());
        } else if (value instanceof Value.Decimal decimal) {
            return Amount.of(new BigDecimal(decimal.text()));
        } else if (value != null) {
            wrongKind(ref, value, "a number");
            return null;
        }
        if (scope.named.containsKey(ref.name())) {
            diagnostics.add(Code.E0712, ref.span(), "'" + ref.name() + "' is a named output, but a number is needed here",
                    "an output is read with 'from " + ref.name() + "' at the start of a branch");
            return null;
        }
        String message = "unknown name '" + ref.name() + "'";
        var guess = guesses.closest(ref.name(), scope.params.keySet());
        diagnostics.add(Code.E0707, ref.span(), message, guess.map(g -> "did you mean '" + g + "'?")
                .orElse(scope.params.isEmpty() ? "names in expressions are the parameters of the block around them"
                        : "the parameters here are: " + Suggestions.listed(scope.params.keySet())));
        return null;
    }

    private static long whole(char op, long left, long right) {
        return switch (op) {
            case '*' -> Math.multiplyExact(left, right);
            case '/' -> floorDivExact(left, right);
            case '%' -> Math.floorMod(left, right);
            case '+' -> Math.addExact(left, right);
            default -> Math.subtractExact(left, right);
        };
    }

    /** Exact but for a quotient that does not end ({@code 1 / 3.0}), kept to 34 digits; {@code %} as Python's, with the divisor's sign. */
    private static BigDecimal decimal(char op, BigDecimal left, BigDecimal right) {
        return switch (op) {
            case '*' -> left.multiply(right);
            case '/' -> left.divide(right, MathContext.DECIMAL128);
            case '%' -> left.subtract(right.multiply(left.divide(right, 0, RoundingMode.FLOOR)));
            case '+' -> left.add(right);
            default -> left.subtract(right);
        };
    }

    /** {@code len(ks)}: how many values a list holds. */
    private Amount length(Expr.Call call, Scope scope) {
        List<Long> values = items(call.arguments().get(0), scope);
        return values == null ? null : Amount.of(values.size());
    }

    /** A list's values: written ({@code [3, 5, 7]}) or a parameter's; null when it is not a list (reported). */
    List<Long> items(Expr expr, Scope scope) {
        if (expr instanceof Expr.Items list) {
            List<Long> values = new ArrayList<>();
            for (Expr item : list.items()) {
                Long value = evaluate(item, scope);
                if (value == null) {
                    return null;
                }
                values.add(value);
            }
            return values;
        }
        if (expr instanceof Expr.Ref ref && scope.params.get(ref.name()) instanceof Value.Items list) {
            return list.values();
        }
        if (expr instanceof Expr.Ref ref && scope.params.get(ref.name()) != null) {
            wrongKind(ref, scope.params.get(ref.name()), "a list");
            return null;
        }
        if (expr instanceof Expr.Ref ref) {
            reference(ref, scope); // an unknown name, reported with its guess
            return null;
        }
        diagnostics.add(Code.E0712, expr.span(), AstPrinter.expr(expr) + " is not a list",
                "write the values in brackets, [3, 5, 7], or name a block parameter given such a list");
        return null;
    }

    private Amount call(Expr.Call call, Scope scope) {
        if (call.function() == FunctionKind.FLOOR || call.function() == FunctionKind.CEIL) {
            diagnostics.add(Code.E0803, call.span(), call.function().word() + "(...) rounds a quotient in a shape asserted "
                    + "as a formula of the input's size variables (=> floor(H/2) x floor(W/2) x 8)",
                    "elsewhere '/' of whole numbers rounds down already: write the quotient alone");
            return null;
        }
        List<Amount> arguments = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            Amount amount = amount(argument, scope);
            if (amount == null) {
                return null;
            }
            arguments.add(amount);
        }
        try {
            return switch (call.function()) {
                case MIN -> arguments.get(1).exact().compareTo(arguments.get(0).exact()) < 0 ? arguments.get(1) : arguments.get(0);
                case MAX -> arguments.get(1).exact().compareTo(arguments.get(0).exact()) > 0 ? arguments.get(1) : arguments.get(0);
                case ROUND -> Amount.of(arguments.get(0).exact().setScale(0, RoundingMode.HALF_EVEN).longValueExact());
                case DIVISIBLE -> divisible(call, arguments);
                case LEN -> throw new IllegalStateException("len is worked out by length(...)");
                case FLOOR, CEIL -> throw new IllegalStateException("floor and ceil are refused above");
            };
        } catch (ArithmeticException overflow) {
            diagnostics.add(Code.E0708, call.span(), call.function().word() + "(...) is beyond 64-bit whole numbers");
            return null;
        }
    }

    /**
     * timm's make_divisible(v, divisor, min_value, round_limit): {@code max(min_value or divisor,
     * int(v + divisor / 2) // divisor * divisor)}, plus the divisor when that is below round_limit x v.
     */
    private Amount divisible(Expr.Call call, List<Amount> arguments) {
        BigDecimal v = arguments.get(0).exact();
        Amount divisor = arguments.get(1);
        if (!divisor.isWhole() || divisor.whole() < 1) {
            diagnostics.add(Code.E0708, call.arguments().get(1).span(), "divisible's divisor is " + divisor.text()
                    + ", but it must be a whole number of at least 1", "write e.g. divisible(" + AstPrinter.expr(call.arguments().get(0)) + ", 8)");
            return null;
        }
        long d = divisor.whole();
        long least = d;
        if (arguments.size() > 2) {
            Amount min = arguments.get(2);
            if (!min.isWhole()) {
                diagnostics.add(Code.E0708, call.arguments().get(2).span(), "divisible's least value is " + min.text()
                        + ", but it must be a whole number", "write 0 for the divisor, as timm's min_value=None");
                return null;
            }
            least = min.whole() == 0 ? d : min.whole();
        }
        BigDecimal limit = arguments.size() > 3 ? arguments.get(3).exact() : new BigDecimal("0.9");
        long truncated = v.add(BigDecimal.valueOf(d).divide(BigDecimal.valueOf(2))).setScale(0, RoundingMode.DOWN).longValueExact();
        long rounded = Math.max(least, Math.multiplyExact(Math.floorDiv(truncated, d), d));
        if (BigDecimal.valueOf(rounded).compareTo(limit.multiply(v)) < 0) {
            rounded = Math.addExact(rounded, d);
        }
        return Amount.of(rounded);
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
        Amount amount = amount(expr, scope);
        return amount == null ? null : new Expr.Dec(amount.text(), expr.span());
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
        if (scope.blockInput instanceof Shape.Grid grid && (grid.rank() > 1 || dim.dimension() == 'c')) {
            // a volume's height and width are its last two axes, as an image's are its two
            return switch (dim.dimension()) {
                case 'h' -> grid.size(grid.rank() - 2);
                case 'w' -> grid.size(grid.rank() - 1);
                default -> grid.channels();
            };
        }
        if (scope.blockInput instanceof Shape.Grid sequence) {
            diagnostics.add(Code.E0708, dim.span(), "in." + dim.dimension() + " needs an image or a volume, but the input is "
                    + "a sequence of " + sequence.size(0) + " steps", "use in.c for its channels");
            return null;
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
