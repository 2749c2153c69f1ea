package cnnc.sizes;

import cnnc.check.AssertedFormula;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Shape;
import cnnc.check.SizeFormula;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proves each shape asserted as formulas of the size variables ({@code => floor(H/2) x W/2 x 8}) at every
 * size the model accepts, or reports the first accepted size where it fails, with the shape it is.
 *
 * <p>Why trying finitely many sizes proves it. Along an axis, the row's size f is a {@link SizeFunction}
 * of the variable x the axis holds, and the asserted g a {@link SizeFormula} of it: both repeat,
 * f(x + p) = f(x) + q and g(x + p') = g(x) + q' for every x, and so does whether an exact quotient in g is
 * whole. The accepted sizes repeat with P beyond T. With L the least common multiple of P, p and p',
 * over L steps f rises by qL/p and g by q'L/p'. If those are equal, f - g repeats with L and so does
 * being accepted beyond T: f = g at every accepted x up to T + L is f = g at every accepted x. If they
 * differ, f - g changes by a whole nonzero step every L, so at an accepted x0 > T one of x0 and x0 + L
 * has f != g, and trying up to T + 2L finds it.
 */
final class AssertionProof {
    /** At most this many sizes tried per axis (arithmetic, not the checker); beyond, E0803 says so. */
    static final long MOST = 2_000_000;

    private final CheckedModel model;
    private final AxisFunctions.Result functions;
    private final Map<String, SizeSet> accepted;
    private final Formulas formulas;

    AssertionProof(CheckedModel model, AxisFunctions.Result functions, Map<String, SizeSet> accepted) {
        this.model = model;
        this.functions = functions;
        this.accepted = accepted;
        this.formulas = new Formulas(accepted);
    }

    /** Each claim the analysis could not prove, as the reason it could not (W0510, W0511, E0801's). */
    static List<Diagnostic> unproven(List<AssertedFormula> claims, Diagnostic why) {
        List<Diagnostic> unproven = new ArrayList<>();
        for (AssertedFormula claim : claims) {
            unproven.add(new Diagnostic(Code.E0803, claim.span(), "a shape written as formulas of the size variables is "
                    + "proven at every size accepted, and cnnc cannot state those here: " + why.message() + " (line "
                    + why.span().line() + ")", List.of("assert the shape at one size, with numbers, or not at all"),
                    claim.usedAt()));
        }
        return unproven;
    }

    List<Diagnostic> prove(List<AssertedFormula> claims) {
        List<Diagnostic> wrong = new ArrayList<>();
        for (AssertedFormula claim : claims) {
            prove(claim).ifPresent(wrong::add);
        }
        return wrong;
    }

    private Optional<Diagnostic> prove(AssertedFormula claim) {
        List<AxisFunctions.Term> terms = actual(claim.row());
        List<String> names = axisNames(claim.row());
        for (int axis = 0; axis < terms.size(); axis++) {
            AxisFunctions.Term term = terms.get(axis);
            SizeFormula asserted = claim.axes().get(axis);
            if (term == null) {
                return Optional.of(new Diagnostic(Code.E0803, claim.span(), "this length is a product of sizes ("
                        + found(claim.row()) + "), which an assertion cannot state", List.of("assert the shape at one size, with numbers, or not at all"),
                        claim.usedAt()));
            }
            Optional<String> failure = counterexample(term, asserted, names.get(axis));
            if (failure.isPresent()) {
                String found = found(claim.row());
                return Optional.of(new Diagnostic(Code.E0700, claim.span(), "expected the output to be " + claim.text()
                        + " at every size accepted, but it is " + found + ": " + failure.get(),
                        List.of("write => " + found + ", or fix the layers before this line"), claim.usedAt()));
            }
        }
        return Optional.empty();
    }

    /** The row's size along each axis as a term (a constant for the channels and a fixed length); null where it is a vector's varying length. */
    private List<AxisFunctions.Term> actual(int row) {
        Shape shape = row == 0 ? model.input() : layer(row).outputShape();
        List<AxisFunctions.Term> terms = new ArrayList<>();
        List<AxisFunctions.Term> sizes = functions.rows().get(row);
        if (shape instanceof Shape.Grid grid) {
            terms.addAll(sizes);
            terms.add(new AxisFunctions.Term(null, SizeFunction.constant(grid.channels())));
        } else {
            Shape.Vector vector = (Shape.Vector) shape;
            terms.add(functions.lengths().containsKey(row) ? null
                    : new AxisFunctions.Term(null, SizeFunction.constant(vector.length())));
        }
        return terms;
    }

    private List<String> axisNames(int row) {
        Shape shape = row == 0 ? model.input() : layer(row).outputShape();
        if (shape instanceof Shape.Grid grid) {
            List<String> names = new ArrayList<>(Shape.axisNames(grid.rank()));
            names.add("channels");
            return names;
        }
        return List.of("length");
    }

    /** The row's shape as the report writes it at the sizes accepted. */
    private String found(int row) {
        if (row == 0) {
            List<String> parts = new ArrayList<>();
            functions.rows().get(0).forEach(term -> parts.add(formulas.say(term)));
            parts.add(Long.toString(((Shape.Grid) model.input()).channels()));
            return String.join(" x ", parts);
        }
        return formulas.shape(layer(row), functions);
    }

    private CheckedLayer layer(int row) {
        return model.layers().get(row - 1);
    }

    private static String be(String axis) {
        return axis.equals("channels") ? " are " : " is ";
    }

    /** The first accepted size where the asserted formula is not the row's size, said in words; none when it is at every one. */
    private Optional<String> counterexample(AxisFunctions.Term term, SizeFormula asserted, String axis) {
        Optional<String> variable = asserted.variable().or(() -> Optional.ofNullable(term.variable()));
        if (variable.isEmpty()) {
            SizeFormula.Ratio claimed = asserted.at(0);
            long is = term.function().at(0);
            return claimed.equals(SizeFormula.Ratio.of(is)) ? Optional.empty()
                    : Optional.of("the " + axis + be(axis) + is + ", not " + claimed);
        }
        String x = variable.get();
        if (term.variable() != null && !term.function().isConstant() && !term.variable().equals(x)) {
            return Optional.of("the " + axis + " is a size of " + term.variable() + ", not of " + x);
        }
        SizeSet sizes = accepted.get(x);
        try {
            SizeFormula.Repeat g = asserted.repeat();
            SizeFunction f = term.function();
            long steps = SizeFunction.lcm(SizeFunction.lcm(sizes.period(), f.period()), g.period());
            boolean sameRise = SizeFormula.Ratio.of(Math.multiplyExact(f.rise(), steps / f.period()))
                    .equals(g.rise().times(SizeFormula.Ratio.of(steps / g.period())));
            long last = Math.addExact(sizes.threshold(), Math.multiplyExact(sameRise ? 1 : 2, steps));
            if (last > MOST) {
                return Optional.of("cnnc cannot prove it: the sizes it compares repeat only every " + steps + " from "
                        + sizes.threshold() + ", more than " + MOST + " to try");
            }
            for (long value = 1; value <= last; value++) {
                if (!sizes.contains(value)) {
                    continue;
                }
                long is = f.at(term.variable() == null ? 0 : value);
                SizeFormula.Ratio claimed = asserted.at(value);
                if (!claimed.equals(SizeFormula.Ratio.of(is))) {
                    return Optional.of("at " + x + " = " + value + " (accepted) the " + axis + be(axis) + is + ", not "
                            + claimed);
                }
            }
            return Optional.empty();
        } catch (ArithmeticException overflow) {
            return Optional.of("cnnc cannot prove it: its arithmetic exceeds 64 bits");
        }
    }
}
