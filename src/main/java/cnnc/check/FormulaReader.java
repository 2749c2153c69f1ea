package cnnc.check;

import cnnc.ast.Expr;
import cnnc.ast.FunctionKind;
import cnnc.ast.Num;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import java.util.Set;

/**
 * Reads an asserted axis that names a size variable as a {@link SizeFormula}: numbers (and anything
 * without a variable, worked out in the scope: a block parameter, {@code in.c}), the variable, {@code +}
 * and {@code -}, a multiple by a number, and a quotient by a number, {@code floor(a/d)}, {@code ceil(a/d)}
 * or {@code a/d}. Anything else with a variable in it (a product of two variables, {@code %}, {@code min})
 * is E0803: a formula of these forms repeats (f(x + p) = f(x) + q), which is what makes it provable.
 */
final class FormulaReader {
    static final String FORMS = "a size formula is made of the variable, numbers, + and -, a number times a formula, and a "
            + "formula divided by a number: floor(H/2), ceil(H/2), or H/2 where that is whole at every size accepted";

    private final Evaluator evaluator;
    private final Diagnostics diagnostics;
    private final Set<String> variables;

    FormulaReader(Evaluator evaluator, Diagnostics diagnostics, Set<String> variables) {
        this.evaluator = evaluator;
        this.diagnostics = diagnostics;
        this.variables = variables;
    }

    /** True if the expression reads a size variable (a name the scope does not hold) or rounds with floor or ceil. */
    boolean isFormula(Expr expr, Scope scope) {
        if (expr instanceof Expr.Ref ref) {
            return variables.contains(ref.name()) && !scope.params.containsKey(ref.name());
        } else if (expr instanceof Expr.Binary binary) {
            return isFormula(binary.left(), scope) || isFormula(binary.right(), scope);
        } else if (expr instanceof Expr.Call call) {
            return call.function() == FunctionKind.FLOOR || call.function() == FunctionKind.CEIL
                    || call.arguments().stream().anyMatch(argument -> isFormula(argument, scope));
        }
        return false;
    }

    /** The formula, or null when it is not one (reported). */
    SizeFormula read(Expr expr, Scope scope) {
        if (expr instanceof Num num) {
            return new SizeFormula.Constant(num.value());
        }
        if (expr instanceof Expr.Ref ref && isFormula(ref, scope)) {
            return new SizeFormula.Variable(ref.name());
        }
        if (expr instanceof Expr.Call call && (call.function() == FunctionKind.FLOOR || call.function() == FunctionKind.CEIL)) {
            SizeFormula.Rounding rounding = call.function() == FunctionKind.FLOOR ? SizeFormula.Rounding.FLOOR
                    : SizeFormula.Rounding.CEIL;
            Expr argument = call.arguments().get(0);
            if (argument instanceof Expr.Binary binary && binary.op() == '/') {
                return quotient(binary, rounding, scope);
            }
            SizeFormula of = read(argument, scope);
            return of == null ? null : new SizeFormula.Quotient(of, 1, rounding);
        }
        if (expr instanceof Expr.Binary binary && binary.op() != '%') { // in fractions: 5/2 is not 2 here
            switch (binary.op()) {
                case '+', '-' -> {
                    SizeFormula left = read(binary.left(), scope);
                    SizeFormula right = left == null ? null : read(binary.right(), scope);
                    return right == null ? null : oneVariable(new SizeFormula.Sum(left, right, binary.op() == '-'), expr);
                }
                case '*' -> {
                    SizeFormula left = read(binary.left(), scope);
                    SizeFormula right = left == null ? null : read(binary.right(), scope);
                    if (right == null) {
                        return null;
                    }
                    if (whole(left) != null) {
                        return new SizeFormula.Scaled(whole(left), right);
                    }
                    if (whole(right) != null) {
                        return new SizeFormula.Scaled(whole(right), left);
                    }
                    return refuse(expr, "a product of two sizes is not the size of one axis");
                }
                default -> {
                    return quotient(binary, SizeFormula.Rounding.EXACT, scope);
                }
            }
        }
        if (!isFormula(expr, scope)) { // a block's parameter, in.c, min(f, 8): a number, worked out as elsewhere
            Long value = evaluator.evaluate(expr, scope);
            return value == null ? null : new SizeFormula.Constant(value);
        }
        if (expr instanceof Expr.Binary binary) {
            return refuse(expr, "'" + binary.op() + "' is not one of a size formula's operations");
        }
        return refuse(expr, "this is not a size formula");
    }

    private SizeFormula quotient(Expr.Binary division, SizeFormula.Rounding rounding, Scope scope) {
        SizeFormula of = read(division.left(), scope);
        SizeFormula divisor = of == null ? null : read(division.right(), scope);
        if (divisor == null) {
            return null;
        }
        Long d = whole(divisor);
        if (d == null || d < 1) {
            return refuse(division.right(), "a size is divided by a whole number of at least 1");
        }
        return new SizeFormula.Quotient(of, d, rounding);
    }

    /** The value of a part without the variable that comes out whole (H/(2*2) divides by 4), else null. */
    private static Long whole(SizeFormula formula) {
        if (formula.variable().isPresent() || !formula.at(0).isWhole()) {
            return null;
        }
        return formula.at(0).numerator();
    }

    /** Each axis is a size of one variable: the input's axis it comes from. */
    private SizeFormula oneVariable(SizeFormula.Sum sum, Expr expr) {
        if (sum.left().variable().isPresent() && sum.right().variable().isPresent()
                && !sum.left().variable().equals(sum.right().variable())) {
            return refuse(expr, "an axis's size is a formula of one variable, the one its axis of the input holds");
        }
        return sum;
    }

    private SizeFormula refuse(Expr expr, String why) {
        diagnostics.add(Code.E0803, expr.span(), why, FORMS);
        return null;
    }
}
