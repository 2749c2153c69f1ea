package cnnc.sizes;

import cnnc.ast.Expr;
import cnnc.ast.Input;
import cnnc.ast.LayerKind;
import cnnc.check.CheckResult;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Each row's shape, parameters and MACs as formulas of the size variables. A shape is its
 * {@link SizeFunction}s. A count that varies with the sizes is a multiple of the positions a row
 * reads or makes, plus a constant ({@code 1000*ceil(H/32)*ceil(W/32)*2048 + 1000} for a dense layer after a
 * flatten; a convolution's MACs, its positions times the work at one): the multiple and the constant
 * are read from two of the checked runs and the formula is kept only if it gives the checker's count
 * in every run at accepted sizes; otherwise the row says "varies" rather than show a formula not shown true.
 */
final class Formulas {
    private final Map<String, SizeSet> accepted;

    Formulas(Map<String, SizeSet> accepted) {
        this.accepted = accepted;
    }

    static List<AcceptedSizes.Row> rows(CheckedModel model, AxisFunctions.Result functions,
                                        Map<String, List<CheckResult>> runs, Map<String, SizeSet> accepted) {
        return new Formulas(accepted).rows(model, functions, runs);
    }

    /**
     * A term as the report says it. Over the sizes the model accepts a function is often a plain ratio:
     * 2*floor(H/8) is H/4 where H is a multiple of 8. With slope n/d (its rise over its period, reduced),
     * d*f(x) - n*x is then one number e at every accepted x, and f(x) = (n*x + e)/d, a division with no
     * remainder there. Checking the accepted x up to T + P is enough: beyond, each is an accepted x' <= T + P
     * plus multiples of P, where f has risen by n/d of the step.
     */
    String say(AxisFunctions.Term term) {
        if (!term.varies()) {
            return term.text();
        }
        SizeFunction f = term.function();
        SizeSet sizes = accepted.get(term.variable());
        long common = SizeFunction.gcd(f.rise(), f.period());
        long n = f.rise() / common;
        long d = f.period() / common;
        Long e = null;
        for (long x = 1; x <= sizes.threshold() + sizes.period(); x++) {
            if (sizes.contains(x)) {
                long offset = d * f.at(x) - n * x;
                if (e != null && e != offset) {
                    return term.text();
                }
                e = offset;
            }
        }
        if (e == null) {
            return term.text();
        }
        String times = (n == 1 ? "" : n + "*") + term.variable();
        String numerator = e == 0 ? times : e > 0 ? times + " + " + e : times + " - " + -e;
        return d == 1 ? numerator : e == 0 ? numerator + "/" + d : "(" + numerator + ")/" + d;
    }

    private List<AcceptedSizes.Row> rows(CheckedModel model, AxisFunctions.Result functions,
                                         Map<String, List<CheckResult>> runs) {
        List<CheckResult> all = new ArrayList<>();
        runs.values().forEach(all::addAll);
        List<AcceptedSizes.Row> rows = new ArrayList<>();
        for (CheckedLayer layer : model.layers()) {
            int index = layer.index();
            String shape = shape(layer, functions);
            String params = count(all, index, CheckedLayer::params, positions(model, layer, functions));
            String macs = count(all, index, l -> l.cost().macs(), positions(model, layer, functions));
            rows.add(new AcceptedSizes.Row(index, layer.name(), shape, params, macs));
        }
        return rows;
    }

    /** The output shape: each axis's formula, then the channels; a vector's length (a formula after a flatten). */
    String shape(CheckedLayer layer, AxisFunctions.Result functions) {
        List<AxisFunctions.Term> terms = functions.rows().get(layer.index());
        if (layer.outputShape() instanceof Shape.Grid grid) {
            List<String> parts = new ArrayList<>();
            for (AxisFunctions.Term term : terms) {
                parts.add(say(term));
            }
            parts.add(Long.toString(grid.channels()));
            return String.join(" x ", parts);
        }
        return flattened(layer, functions).orElse(layer.outputShape().toString());
    }

    /**
     * A vector's length where it varies: a flatten's is the product of its input's sizes and channels, a
     * concat of vectors the sum of its branches', a layer that keeps its input's its input's; any other
     * vector (a dense layer's, a global pooling's) has a fixed length. Empty where the length is fixed.
     */
    private Optional<String> flattened(CheckedLayer layer, AxisFunctions.Result functions) {
        List<AxisFunctions.Monomial> length = functions.lengths().get(layer.index());
        if (length == null || length.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (AxisFunctions.Monomial monomial : length) {
            parts.add(monomial.factors().isEmpty() ? Long.toString(monomial.coefficient())
                    : product(monomial.factors()) + (monomial.coefficient() == 1 ? "" : "*" + monomial.coefficient()));
        }
        return Optional.of(String.join(" + ", parts));
    }

    private String product(List<AxisFunctions.Term> terms) {
        List<String> parts = new ArrayList<>();
        for (AxisFunctions.Term term : terms) {
            String said = say(term);
            parts.add(said.matches("[A-Za-z0-9]+|(floor|ceil)\\(.*\\)|[0-9]*\\*?[A-Za-z]+/[0-9]+") ? said : "(" + said + ")");
        }
        return String.join("*", parts);
    }

    /** Candidate measures a count may be a multiple of: the positions made, then those read, with their texts. */
    private record Measure(String text, ToLongFunction<CheckedLayer> value) {
    }

    private List<Measure> positions(CheckedModel model, CheckedLayer layer, AxisFunctions.Result functions) {
        List<Measure> measures = new ArrayList<>();
        List<AxisFunctions.Term> out = functions.rows().get(layer.index());
        if (out != null) {
            measures.add(new Measure(product(out), l -> ((Shape.Grid) l.outputShape()).positions()));
        }
        List<AxisFunctions.Term> in = functions.rows().get(layer.inputs().get(0));
        if (in != null) {
            measures.add(new Measure(product(in), l -> ((Shape.Grid) l.inputShape()).positions()));
        } else if (layer.inputs().get(0) > 0) { // a vector read: a flatten's length, itself a product of sizes
            CheckedLayer before = model.layers().get(layer.inputs().get(0) - 1);
            flattened(before, functions).ifPresent(length ->
                    measures.add(new Measure("(" + length + ")", l -> ((Shape.Vector) l.inputShape()).length())));
        }
        return measures;
    }

    private static String count(List<CheckResult> runs, int index, ToLongFunction<CheckedLayer> count,
                                List<Measure> measures) {
        CheckedLayer first = runs.get(0).model().layers().get(index - 1);
        long value = count.applyAsLong(first);
        boolean fixed = runs.stream().allMatch(r -> count.applyAsLong(r.model().layers().get(index - 1)) == value);
        if (fixed) {
            return Long.toString(value);
        }
        for (Measure measure : measures) {
            Optional<String> formula = fit(runs, index, count, measure);
            if (formula.isPresent()) {
                return formula.get();
            }
        }
        return "varies";
    }

    private static Optional<String> fit(List<CheckResult> runs, int index, ToLongFunction<CheckedLayer> count,
                                        Measure measure) {
        CheckedLayer a = runs.get(0).model().layers().get(index - 1);
        long sa = measure.value.applyAsLong(a);
        for (CheckResult run : runs) {
            CheckedLayer b = run.model().layers().get(index - 1);
            long sb = measure.value.applyAsLong(b);
            if (sb == sa) {
                continue;
            }
            long rise = count.applyAsLong(b) - count.applyAsLong(a);
            if (rise % (sb - sa) != 0) {
                return Optional.empty();
            }
            long multiple = rise / (sb - sa);
            long constant = count.applyAsLong(a) - multiple * sa;
            for (CheckResult each : runs) {
                CheckedLayer layer = each.model().layers().get(index - 1);
                if (count.applyAsLong(layer) != multiple * measure.value.applyAsLong(layer) + constant) {
                    return Optional.empty();
                }
            }
            String term = (multiple == 1 ? "" : multiple + "*") + measure.text;
            return Optional.of(constant == 0 ? term : constant > 0 ? term + " + " + constant : term + " - " + -constant);
        }
        return Optional.empty();
    }

    /**
     * Every function against the checker's size in every run at accepted sizes: the formulas the report
     * shows are those the checker gives.
     */
    static Optional<cnnc.diag.Diagnostic> verify(AxisFunctions.Result functions, Map<String, List<CheckResult>> runs,
                                                  Input input) {
        for (List<CheckResult> each : runs.values()) {
            for (CheckResult run : each) {
                Shape.Grid in = (Shape.Grid) run.model().input();
                for (CheckedLayer layer : run.model().layers()) {
                    List<AxisFunctions.Term> terms = functions.rows().get(layer.index());
                    List<AxisFunctions.Monomial> length = functions.lengths().get(layer.index());
                    if (length != null && layer.outputShape() instanceof Shape.Vector vector
                            && length.stream().mapToLong(m -> m.at(values(input, in))).sum() != vector.length()) {
                        return Optional.of(cnnc.diag.Diagnostic.of(cnnc.diag.Code.W0510, layer.layer().span(),
                                layer.name() + "'s length is not a sum of products of the sizes", AcceptedSizes.MIXED));
                    }
                    if (terms == null) {
                        continue;
                    }
                    Shape.Grid out = (Shape.Grid) layer.outputShape();
                    for (int axis = 0; axis < terms.size(); axis++) {
                        AxisFunctions.Term term = terms.get(axis);
                        long x = term.variable() == null ? 0 : in.size(axisOf(input, term.variable()));
                        if (term.function().at(x) != out.size(axis)) {
                            return Optional.of(cnnc.diag.Diagnostic.of(cnnc.diag.Code.W0510, layer.layer().span(), layer.name()
                                    + "'s " + Shape.axisNames(out.rank()).get(axis) + " is not " + term.text() + " at "
                                    + term.variable() + " = " + x + " but " + out.size(axis), AcceptedSizes.MIXED));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Long> values(Input input, Shape.Grid in) {
        Map<String, Long> values = new java.util.HashMap<>();
        for (String variable : input.variables()) {
            values.put(variable, in.size(axisOf(input, variable)));
        }
        return values;
    }

    private static int axisOf(Input input, String variable) {
        List<Expr> dims = input.dims();
        for (int axis = 0; axis < dims.size() - 1; axis++) {
            if (dims.get(axis) instanceof Expr.Ref ref && ref.name().equals(variable)) {
                return axis;
            }
        }
        throw new IllegalStateException("no axis holds " + variable);
    }
}
