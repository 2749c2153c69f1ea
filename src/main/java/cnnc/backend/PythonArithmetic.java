package cnnc.backend;

import cnnc.ast.Expr;
import cnnc.ast.Num;
import cnnc.check.BlockInstance;
import cnnc.check.Shape;
import cnnc.check.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Python computes from a block's size expression as {@link ExprText} writes it, in one instance of
 * the block: ints as Python's ints (a {@link Long}; {@code //} and {@code %} round down), decimals as
 * Python's floats (a {@link Double}, IEEE doubles), {@code round} of a float to the nearest int, a half
 * to the even one, as Python's {@code round} does on the double it is given. cnnc works in exact
 * decimals, so {@code round(0.5 + 2.35 * 5)} is 12 for cnnc (12.25 exactly) but the double of 2.35 is a
 * little below it: a backend writes the expression only where Python gives cnnc's value.
 */
public final class PythonArithmetic {
    private final Map<String, Value> parameters;
    private final Shape input;

    /** @param input the shape entering the block ({@code in.c}); null for a block that reads none */
    public PythonArithmetic(Map<String, Value> parameters, Shape input) {
        this.parameters = parameters;
        this.input = input;
    }

    public static PythonArithmetic of(BlockInstance instance) {
        return new PythonArithmetic(instance.arguments(), instance.hasInput() ? instance.inputShape() : null);
    }

    /** True when the number's expression, computed as Python computes it, is its value (an int for a whole number). */
    public boolean gives(Expr number, Expr written) {
        Number python = value(written);
        if (number instanceof Num num) {
            return python instanceof Long whole && whole == num.value();
        }
        return python != null && python.doubleValue() == Double.parseDouble(((Expr.Dec) number).text());
    }

    /** True when the expression's value is a Python float (false when it has none). */
    public boolean isFloat(Expr expr) {
        return value(expr) instanceof Double;
    }

    /** The expression's value as a Long (int) or Double (float); null when Python would have none (a name unknown here, a division by zero, an int beyond 64 bits). */
    public Number value(Expr expr) {
        try {
            return evaluate(expr);
        } catch (ArithmeticException noValue) {
            return null;
        }
    }

    private Number evaluate(Expr expr) {
        if (expr instanceof Num num) {
            return num.value();
        } else if (expr instanceof Expr.Dec decimal) {
            return decimal.text().contains(".") ? (Number) Double.parseDouble(decimal.text()) : (Number) Long.parseLong(decimal.text());
        } else if (expr instanceof Expr.Ref ref) {
            Value value = parameters.get(ref.name());
            if (value instanceof Value.Whole whole) {
                return whole.value();
            } else if (value instanceof Value.Decimal decimal) {
                return Double.parseDouble(decimal.text());
            }
            throw new ArithmeticException("not a number here: " + ref.name());
        } else if (expr instanceof Expr.InputDim dim) {
            return inputDimension(dim.dimension());
        } else if (expr instanceof Expr.Binary binary) {
            Number left = evaluate(binary.left());
            Number right = evaluate(binary.right());
            return switch (binary.op()) {
                case '+' -> add(left, right);
                case '-' -> left instanceof Long a && right instanceof Long b ? (Number) Math.subtractExact(a, b)
                        : (Number) (left.doubleValue() - right.doubleValue());
                case '*' -> multiply(left, right);
                // ExprText writes cnnc's / as // between two ints, as / (true division) otherwise
                case '/' -> left instanceof Long && right instanceof Long ? floorDivide(left, right) : trueDivide(left, right);
                default -> modulo(left, right);
            };
        } else if (expr instanceof Expr.Call call) {
            return call(call);
        }
        throw new ArithmeticException("a list is not a number");
    }

    private Number call(Expr.Call call) {
        if (call.function() == cnnc.ast.FunctionKind.LEN) {
            return length(call.arguments().get(0));
        }
        List<Number> arguments = new ArrayList<>();
        for (Expr argument : call.arguments()) {
            arguments.add(evaluate(argument));
        }
        return switch (call.function()) {
            // Python's min and max give the first argument unless the second is strictly beyond it
            case MIN -> compare(arguments.get(1), arguments.get(0)) < 0 ? arguments.get(1) : arguments.get(0);
            case MAX -> compare(arguments.get(1), arguments.get(0)) > 0 ? arguments.get(1) : arguments.get(0);
            case ROUND -> arguments.get(0) instanceof Long whole ? whole : toInt(roundHalfEven(arguments.get(0).doubleValue()));
            case DIVISIBLE -> makeDivisible(arguments);
            case LEN -> throw new IllegalStateException("len is worked out by length(...)");
            case FLOOR, CEIL -> throw new IllegalStateException("the checker refuses floor and ceil outside an assertion, "
                    + "which no backend writes");
        };
    }

    /**
     * timm's make_divisible as the generated module defines it ({@link PythonHelpers#MAKE_DIVISIBLE}),
     * step by step in Python's arithmetic.
     */
    private Number makeDivisible(List<Number> arguments) {
        Number v = arguments.get(0);
        Number divisor = arguments.get(1);
        Number minValue = arguments.size() > 2 && !isZero(arguments.get(2)) ? arguments.get(2) : divisor;
        Number roundLimit = arguments.size() > 3 ? arguments.get(3) : (Number) 0.9;
        double halfUp = add(v, trueDivide(divisor, 2L)).doubleValue();
        Number truncated = toInt(halfUp < 0 ? Math.ceil(halfUp) : Math.floor(halfUp)); // int() cuts toward zero
        Number rounded = multiply(floorDivide(truncated, divisor), divisor);
        Number newV = compare(rounded, minValue) > 0 ? rounded : minValue;
        if (compare(newV, multiply(roundLimit, v)) < 0) {
            newV = add(newV, divisor);
        }
        return newV;
    }

    private Number length(Expr list) {
        if (list instanceof Expr.Items items) {
            return (long) items.items().size();
        }
        if (list instanceof Expr.Ref ref && parameters.get(ref.name()) instanceof Value.Items items) {
            return (long) items.values().size();
        }
        throw new ArithmeticException("not a list here");
    }

    private long inputDimension(char dimension) {
        if (input instanceof Shape.Grid grid && (grid.rank() > 1 || dimension == 'c')) {
            // as the checker reads them: a volume's height and width are its last two axes
            return switch (dimension) {
                case 'h' -> grid.size(grid.rank() - 2);
                case 'w' -> grid.size(grid.rank() - 1);
                default -> grid.channels();
            };
        }
        if (input instanceof Shape.Vector vector && dimension == 'c') {
            return vector.length();
        }
        throw new ArithmeticException("no in." + dimension + " here");
    }

    /**
     * Python's round of a float: the nearest int, a half to the even one. Not Math.rint, which TeaVM's
     * JavaScript rounds a half up (ReXNet's round(16 + 11.25 * 2) gave 39 in the playground, 38 here).
     */
    private static double roundHalfEven(double value) {
        double floor = Math.floor(value);
        double fraction = value - floor; // exact: the integer part of a double is a double
        if (fraction != 0.5) {
            return fraction < 0.5 ? floor : floor + 1;
        }
        return floor % 2 == 0 ? floor : floor + 1;
    }

    private static boolean isZero(Number number) {
        return number instanceof Long whole ? whole == 0 : number.doubleValue() == 0;
    }

    private static Number add(Number left, Number right) {
        return left instanceof Long a && right instanceof Long b ? (Number) Math.addExact(a, b)
                : (Number) (left.doubleValue() + right.doubleValue());
    }

    private static Number multiply(Number left, Number right) {
        return left instanceof Long a && right instanceof Long b ? (Number) Math.multiplyExact(a, b)
                : (Number) (left.doubleValue() * right.doubleValue());
    }

    private static Number trueDivide(Number left, Number right) {
        if (right.doubleValue() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return left.doubleValue() / right.doubleValue();
    }

    /** {@code //}: ints round down; floats as CPython's float_floor_div does, from fmod. */
    private static Number floorDivide(Number left, Number right) {
        if (left instanceof Long a && right instanceof Long b) {
            if (b == 0 || a == Long.MIN_VALUE && b == -1) {
                throw new ArithmeticException("division by zero or beyond 64 bits");
            }
            return Math.floorDiv(a, b);
        }
        return floatDivMod(left.doubleValue(), right.doubleValue())[0];
    }

    private static Number modulo(Number left, Number right) {
        if (left instanceof Long a && right instanceof Long b) {
            if (b == 0) {
                throw new ArithmeticException("division by zero");
            }
            return Math.floorMod(a, b);
        }
        return floatDivMod(left.doubleValue(), right.doubleValue())[1];
    }

    /** CPython's _float_div_mod (Objects/floatobject.c): the floored quotient and the remainder with the divisor's sign. */
    private static double[] floatDivMod(double vx, double wx) {
        if (wx == 0) {
            throw new ArithmeticException("division by zero");
        }
        double mod = vx % wx; // Java's % on doubles is C's fmod: exact, with the dividend's sign
        double div = (vx - mod) / wx;
        if (mod != 0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floorDiv;
        if (div != 0) {
            floorDiv = Math.floor(div);
            if (div - floorDiv > 0.5) {
                floorDiv += 1.0;
            }
        } else {
            floorDiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floorDiv, mod};
    }

    /** Python compares an int with a float by their exact values, not through a double. */
    private static int compare(Number left, Number right) {
        if (left instanceof Long a && right instanceof Long b) {
            return Long.compare(a, b);
        }
        return exact(left).compareTo(exact(right));
    }

    private static BigDecimal exact(Number number) {
        if (number instanceof Long whole) {
            return BigDecimal.valueOf(whole);
        }
        if (!Double.isFinite(number.doubleValue())) {
            throw new ArithmeticException("not finite");
        }
        return new BigDecimal(number.doubleValue());
    }

    /** int(x) of a whole float, which Python turns into an int of any size: here within 64 bits, else no value. */
    private static Long toInt(double whole) {
        if (!Double.isFinite(whole) || Math.abs(whole) >= 0x1p63) {
            throw new ArithmeticException("beyond 64 bits");
        }
        return (long) whole;
    }
}
