package cnnc.backend;

import cnnc.ast.Expr;
import cnnc.ast.Num;
import java.math.BigDecimal;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A block's size expression ({@code 4*f}, {@code in.c/2}, {@code round(16 + 11.25*i)}) in a target
 * language, for a backend that writes a block's code once with its parameters. cnnc's division and
 * remainder of whole numbers round down, as Python's {@code //} and {@code %} do and Java's
 * {@code Math.floorDiv} and {@code Math.floorMod} do. Decimals and functions are written for Python
 * only, and only where Python's doubles give cnnc's exact value in the instance at hand
 * ({@link PythonArithmetic}); elsewhere the value is written, and instances whose values differ get
 * code of their own ({@link BlockVariants}).
 */
public final class ExprText {
    /**
     * How a language writes names, dimensions of the block's input and division.
     *
     * @param python the instance's values as Python computes them, for a Python backend; null for Java,
     *               which writes whole-number arithmetic only
     */
    public record Language(Function<String, String> parameter, Function<Character, String> inputDimension,
                           PythonArithmetic python) {
        boolean isPython() {
            return python != null;
        }
    }

    private ExprText() {
    }

    /**
     * The number as the target writes it: the expression it was evaluated from, when it has one that
     * is not a plain number and the target computes the same value from it, else its value.
     */
    public static String of(Expr number, Language language) {
        Expr written = number instanceof Num num ? num.written() : number instanceof Expr.Dec decimal ? decimal.written() : null;
        if (written == null || written instanceof Num || written instanceof Expr.Dec) {
            return value(number);
        }
        if (!language.isPython()) {
            return Expr.isArithmetic(written) ? text(written, language, 0) : value(number);
        }
        // a whole number's arithmetic is on ints, which Python computes exactly as cnnc does
        return number instanceof Num && Expr.isArithmetic(written) || language.python().gives(number, written)
                ? text(written, language, 0) : value(number);
    }

    /** The number itself: a whole number, or a decimal as a plain literal (007.50 as 7.50, .5 as 0.5). */
    public static String value(Expr number) {
        return number instanceof Expr.Dec decimal ? decimal(decimal.text()) : Long.toString(number.value());
    }

    /** A decimal as Python and Java read one: digits with a point ({@code 1.0}, not {@code 1}, which is an int). */
    private static String decimal(String text) {
        String plain = new BigDecimal(text).toPlainString();
        return !text.contains(".") || plain.contains(".") ? plain : plain + ".0";
    }

    /** Precedence: 1 for + and -, 2 for * / %, 3 for what needs no parentheses. */
    private static String text(Expr expr, Language language, int context) {
        if (expr instanceof Num num) {
            return num.value() < 0 && context > 0 ? "(" + num.value() + ")" : Long.toString(num.value());
        } else if (expr instanceof Expr.Dec decimal) {
            String text = decimal(decimal.text());
            return text.startsWith("-") && context > 0 ? "(" + text + ")" : text;
        } else if (expr instanceof Expr.Ref ref) {
            return language.parameter().apply(ref.name());
        } else if (expr instanceof Expr.InputDim dim) {
            return language.inputDimension().apply(dim.dimension());
        } else if (expr instanceof Expr.Call call) {
            return call(call, language);
        } else if (expr instanceof Expr.Items items) {
            return items.items().stream().map(item -> text(item, language, 0)).collect(Collectors.joining(", ", "[", "]"));
        }
        Expr.Binary binary = (Expr.Binary) expr;
        int own = binary.op() == '+' || binary.op() == '-' ? 1 : 2;
        String left = text(binary.left(), language, own);
        // a - (b - c), a / (b * c): the right operand binds tighter than the operator's own level
        String right = text(binary.right(), language, own + 1);
        if (!language.isPython() && (binary.op() == '/' || binary.op() == '%')) {
            return (binary.op() == '/' ? "Math.floorDiv(" : "Math.floorMod(") + text(binary.left(), language, 0)
                    + ", " + text(binary.right(), language, 0) + ")";
        }
        String op = binary.op() != '/' ? String.valueOf(binary.op())
                : language.python().isFloat(binary.left()) || language.python().isFloat(binary.right()) ? "/" : "//";
        String written = left + " " + op + " " + right;
        return own < context ? "(" + written + ")" : written;
    }

    /** A function of cnnc's as Python's builtin, or as timm's make_divisible, which the module defines ({@link PythonHelpers}). */
    private static String call(Expr.Call call, Language language) {
        String function = switch (call.function()) {
            case MIN -> "min";
            case MAX -> "max";
            case ROUND -> "round";
            case LEN -> "len";
            case DIVISIBLE -> PythonHelpers.MAKE_DIVISIBLE_NAME;
            case FLOOR, CEIL -> throw new IllegalStateException("the checker refuses floor and ceil outside an assertion, "
                    + "which no backend writes");
        };
        return function + call.arguments().stream().map(argument -> text(argument, language, 0))
                .collect(Collectors.joining(", ", "(", ")"));
    }
}
