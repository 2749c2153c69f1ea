package cnnc.backend;

import cnnc.ast.Expr;
import cnnc.ast.Num;
import java.util.function.Function;

/**
 * A block's size expression ({@code 4*f}, {@code in.c/2}) in a target language, for a backend that
 * writes a block's code once with its parameters. cnnc's division and remainder round down, as
 * Python's {@code //} and {@code %} do and Java's {@code Math.floorDiv} and {@code Math.floorMod} do.
 */
public final class ExprText {
    /** How a language writes names, dimensions of the block's input and division. */
    public record Language(Function<String, String> parameter, Function<Character, String> inputDimension,
                           boolean python) {
    }

    private ExprText() {
    }

    /**
     * The number as the target writes it: the expression it was evaluated from, when it has one that
     * is not a plain number, else its value.
     */
    public static String of(Expr number, Language language) {
        if (number instanceof Num num && num.written() != null && !(num.written() instanceof Num)) {
            return text(num.written(), language, 0);
        }
        if (number instanceof Expr.Dec decimal && decimal.written() != null && !(decimal.written() instanceof Expr.Dec)) {
            return text(decimal.written(), language, 0);
        }
        return value(number);
    }

    /** The number itself: a whole number, or a decimal as a plain literal (007.50 as 7.50, .5 as 0.5). */
    public static String value(Expr number) {
        return number instanceof Expr.Dec decimal ? new java.math.BigDecimal(decimal.text()).toPlainString()
                : Long.toString(number.value());
    }

    /** True when a backend must write the number as an expression of the block's parameters. */
    public static boolean isWritten(Expr number) {
        return number instanceof Num num && num.written() != null && !(num.written() instanceof Num);
    }

    /** Precedence: 1 for + and -, 2 for * / %, 3 for what needs no parentheses. */
    private static String text(Expr expr, Language language, int context) {
        if (expr instanceof Num num) {
            return num.value() < 0 && context > 0 ? "(" + num.value() + ")" : Long.toString(num.value());
        }
        if (expr instanceof Expr.Ref ref) {
            return language.parameter().apply(ref.name());
        }
        if (expr instanceof Expr.InputDim dim) {
            return language.inputDimension().apply(dim.dimension());
        }
        if (expr instanceof Expr.Binary binary) {
            int own = binary.op() == '+' || binary.op() == '-' ? 1 : 2;
            String left = text(binary.left(), language, own);
            // a - (b - c), a / (b * c): the right operand binds tighter than the operator's own level
            String right = text(binary.right(), language, own + 1);
            if (!language.python() && (binary.op() == '/' || binary.op() == '%')) {
                return (binary.op() == '/' ? "Math.floorDiv(" : "Math.floorMod(") + text(binary.left(), language, 0)
                        + ", " + text(binary.right(), language, 0) + ")";
            }
            String op = binary.op() == '/' ? "//" : String.valueOf(binary.op());
            String written = left + " " + op + " " + right;
            return own < context ? "(" + written + ")" : written;
        }
        return ((Expr.Dec) expr).text();
    }
}
