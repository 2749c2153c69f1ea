package cnnc.sizes;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.ast.LayerKind;
import cnnc.ast.Padding;
import cnnc.ast.Size;
import cnnc.check.Axis;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Footprint;
import cnnc.check.Shape;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row's size along every spatial axis as a {@link SizeFunction} of the variable that axis of the
 * input holds, read from a model checked at sizes it accepts: each row's footprint says which rule it
 * applied (a window, a border, an upsampling), and the rule's constants (kernel, stride, padding) do
 * not depend on the sizes. Each function is compared with the checked size it stands for; one that
 * differs, and any layer that mixes axes (a reshape or a matmul of sizes that vary), is a
 * {@link Problem}: the sizes are then not independent per axis, and nothing is stated rather than a
 * guess.
 */
final class AxisFunctions {

    /** A size along one axis: a function of {@code variable}, or a constant where the axis is fixed (variable null). */
    record Term(String variable, SizeFunction function) {
        boolean varies() {
            return variable != null && !function.isConstant();
        }

        String text() {
            return variable == null ? Long.toString(function.at(0)) : function.text(variable);
        }
    }

    /** Why the sizes cannot be stated per axis, at the layer that makes it so. */
    record Problem(Span span, String message) {
    }

    /** The rows' terms per axis (row 0 the input; null for a row that is not a grid), and the problems found. */
    /** A term of a vector's length: coefficient times the product of some sizes (none: a constant). */
    record Monomial(long coefficient, List<Term> factors) {
        long at(Map<String, Long> values) {
            long product = coefficient;
            for (Term factor : factors) {
                product = Math.multiplyExact(product, factor.function().at(factor.variable() == null ? 0
                        : values.get(factor.variable())));
            }
            return product;
        }
    }

    /**
     * @param lengths for a vector row whose length varies, that length as a sum of monomials (a flatten's,
     *                and a concat's or an element-wise layer's of such vectors)
     */
    record Result(List<List<Term>> rows, List<Problem> problems, List<Term[]> merged, Map<Integer, long[]> needs,
                  Map<Integer, List<Monomial>> lengths) {
        /**
         * The size a row must reach along an axis for every layer reading it to take it whatever it is
         * beyond: a window's reach less its padding, a crop's rows plus one, a fixed size it is merged
         * with plus one, and at least 2 (a size of 1 stretches in a merge, so every size meets 1).
         */
        long need(int row, int axis) {
            long[] need = needs.get(row);
            return need == null ? 2 : Math.max(2, need[axis]);
        }
    }

    private final CheckedModel model;
    private final List<List<Term>> rows = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Term[]> merged = new ArrayList<>();
    private final Map<Integer, long[]> needs = new HashMap<>();
    private final Map<Integer, List<Monomial>> lengths = new HashMap<>();

    private AxisFunctions(CheckedModel model) {
        this.model = model;
    }

    static Result of(CheckedModel model, List<Expr> inputDims) {
        AxisFunctions functions = new AxisFunctions(model);
        List<Term> input = new ArrayList<>();
        for (Expr dim : inputDims.subList(0, inputDims.size() - 1)) {
            input.add(dim instanceof Expr.Ref ref ? new Term(ref.name(), SizeFunction.VARIABLE)
                    : new Term(null, SizeFunction.constant(dim.value())));
        }
        functions.rows.add(input);
        for (CheckedLayer layer : model.layers()) {
            functions.rows.add(functions.row(layer));
        }
        return new Result(functions.rows, functions.problems, functions.merged, functions.needs, functions.lengths);
    }

    private List<Term> row(CheckedLayer layer) {
        if (!(layer.outputShape() instanceof Shape.Grid out)) {
            if (layer.kind() == LayerKind.RESHAPE && (varies(layer.inputs().get(0))
                    || lengths.containsKey(layer.inputs().get(0)))) {
                mixes(layer, "a reshape of sizes that vary mixes the axes");
            }
            length(layer);
            return null;
        }
        List<Term> in = rows.get(layer.inputs().get(0));
        if (layer.kind() == LayerKind.RESHAPE || in == null) {
            if (layer.kind() == LayerKind.RESHAPE && varies(layer.inputs().get(0))) {
                mixes(layer, "a reshape of sizes that vary mixes the axes");
            }
            return constants(out);
        }
        if (layer.kind() == LayerKind.MATMUL && varies(layer.inputs().get(1))) {
            mixes(layer, "a matmul reads its second branch's positions as one axis (K = H' x W')");
        }
        List<Term> terms = layer.footprint().accept(new Rule(layer, in, out));
        for (int axis = 0; axis < terms.size(); axis++) {
            Term term = terms.get(axis);
            long checked = out.size(axis);
            if (term == null || term.function.at(valueOf(term)) != checked) {
                mixes(layer, "cnnc cannot state this layer's " + Shape.axisNames(out.rank()).get(axis)
                        + " as a function of the input's");
                return constants(out);
            }
        }
        return terms;
    }

    /** A vector's length where it varies with the sizes (see Result's lengths). */
    private void length(CheckedLayer layer) {
        List<Term> grid = rows.get(layer.inputs().get(0));
        List<Monomial> length = new ArrayList<>();
        if (layer.kind() == LayerKind.FLATTEN && grid != null && grid.stream().anyMatch(Term::varies)) {
            length.add(new Monomial(((Shape.Grid) layer.inputShape()).channels(), grid));
        } else if (layer.kind() == LayerKind.CONCAT) {
            for (int input : layer.inputs()) {
                List<Monomial> branch = lengths.get(input);
                length.addAll(branch != null ? branch : List.of(new Monomial(
                        ((Shape.Vector) model.layers().get(input - 1).outputShape()).length(), List.of())));
            }
        } else if (layer.footprint() instanceof Footprint.Pointwise && layer.inputs().size() == 1
                && lengths.containsKey(layer.inputs().get(0)) && layer.kind() != LayerKind.DENSE) {
            length.addAll(lengths.get(layer.inputs().get(0)));
        } else if (layer.kind() == LayerKind.ADD || layer.kind() == LayerKind.MULTIPLY) {
            layer.inputs().stream().map(lengths::get).filter(l -> l != null).findFirst().ifPresent(length::addAll);
        }
        if (length.stream().anyMatch(m -> !m.factors().isEmpty())) {
            lengths.put(layer.index(), length);
        }
    }

    /** The value of the term's variable in the checked model (its input's size along an axis that holds it). */
    private long valueOf(Term term) {
        if (term.variable == null) {
            return 0;
        }
        List<Term> input = rows.get(0);
        Shape.Grid grid = (Shape.Grid) model.input();
        for (int axis = 0; axis < input.size(); axis++) {
            if (term.variable.equals(input.get(axis).variable)) {
                return grid.size(axis);
            }
        }
        throw new IllegalStateException("no axis holds " + term.variable);
    }

    private boolean varies(int row) {
        List<Term> terms = rows.get(row);
        return terms != null && terms.stream().anyMatch(Term::varies);
    }

    private void mixes(CheckedLayer layer, String why) {
        problems.add(new Problem(layer.layer().span(), layer.name() + ": " + why));
    }

    private static List<Term> constants(Shape.Grid out) {
        List<Term> terms = new ArrayList<>();
        for (long size : out.sizes()) {
            terms.add(new Term(null, SizeFunction.constant(size)));
        }
        return terms;
    }

    private void require(int row, int axis, long size) {
        long[] need = needs.computeIfAbsent(row, r -> new long[Size.MOST_AXES]);
        need[axis] = Math.max(need[axis], size);
    }

    /** The rule a footprint stands for, applied to the input's terms. */
    private final class Rule implements Footprint.Visitor<List<Term>> {
        private final CheckedLayer layer;
        private final List<Term> in;
        private final Shape.Grid out;

        Rule(CheckedLayer layer, List<Term> in, Shape.Grid out) {
            this.layer = layer;
            this.in = in;
            this.out = out;
        }

        @Override
        public List<Term> visitPointwise(Footprint.Pointwise pointwise) {
            if (layer.inputs().size() == 1 || layer.kind() == LayerKind.MATMUL) {
                return in;
            }
            // a merge: every branch's size must be the same (or 1, which stretches); along each axis the simplest
            // of those that vary stands for all (a skip's floor(H/4) rather than the upsampled 2*floor(H/8))
            List<Term> chosen = new ArrayList<>(in);
            for (int axis = 0; axis < in.size(); axis++) {
                long fixed = 0;
                for (int input : layer.inputs()) {
                    List<Term> branch = rows.get(input);
                    if (branch == null) {
                        continue;
                    }
                    Term term = branch.get(axis);
                    merged.add(new Term[] {in.get(axis), term});
                    if (!term.varies()) {
                        fixed = Math.max(fixed, term.function().at(0));
                    } else if (!chosen.get(axis).varies() || term.text().length() < chosen.get(axis).text().length()) {
                        chosen.set(axis, term);
                    }
                }
                for (int input : layer.inputs()) {
                    require(input, axis, fixed + 1);
                }
            }
            return chosen;
        }

        @Override
        public List<Term> visitShifted(Footprint.Shifted shifted) {
            List<Term> terms = new ArrayList<>();
            Shape.Grid before = (Shape.Grid) layer.inputShape();
            for (int axis = 0; axis < in.size(); axis++) {
                long added = out.size(axis) - before.size(axis);
                require(layer.inputs().get(0), axis, 1 - added);
                terms.add(new Term(in.get(axis).variable, in.get(axis).function.plus(added)));
            }
            return terms;
        }

        @Override
        public List<Term> visitSliding(Footprint.Sliding sliding) {
            Padding padding = padding(layer.layer());
            boolean ceil = layer.layer() instanceof Layer.Pool pool && pool.ceil();
            List<Term> terms = new ArrayList<>();
            for (int axis = 0; axis < in.size(); axis++) {
                Axis window = sliding.axes().get(axis);
                SizeFunction n = in.get(axis).function;
                long s = window.stride();
                if (!(padding instanceof Padding.Same)) { // the window must fit in the padded input
                    require(layer.inputs().get(0), axis, ceil ? window.kernel() - 2 * window.padBefore()
                            : window.reach() - window.padBefore() - window.padAfter());
                }
                SizeFunction size;
                if (padding instanceof Padding.Same) {
                    size = n.ceilOver(0, s);
                } else if (ceil) {
                    long p = window.padBefore();
                    // PyTorch drops the last window when it would start in the right padding: only possible when
                    // the stride exceeds k - p, where the size is no longer one division
                    size = s <= window.kernel() - p ? n.ceilOver(2 * p - window.kernel(), s).plus(1) : null;
                } else {
                    size = n.floorOver(window.padBefore() + window.padAfter() - window.reach(), s).plus(1);
                }
                terms.add(size == null ? null : new Term(in.get(axis).variable, size));
            }
            return terms;
        }

        @Override
        public List<Term> visitTransposed(Footprint.Transposed transposed) {
            List<Term> terms = new ArrayList<>();
            Shape.Grid before = (Shape.Grid) layer.inputShape();
            for (int axis = 0; axis < in.size(); axis++) {
                long s = transposed.axes().get(axis).stride();
                long added = out.size(axis) - s * before.size(axis); // n*s plus what the padding mode adds, a constant
                terms.add(new Term(in.get(axis).variable, in.get(axis).function.times(s).plus(added)));
            }
            return terms;
        }

        @Override
        public List<Term> visitRepeated(Footprint.Repeated repeated) {
            List<Term> terms = new ArrayList<>();
            for (int axis = 0; axis < in.size(); axis++) {
                long factor = repeated.factors().get(axis);
                terms.add(new Term(in.get(axis).variable, in.get(axis).function.times(factor)));
            }
            return terms;
        }

        @Override
        public List<Term> visitGlobal(Footprint.Global global) {
            return constants(out);
        }
    }

    private static Padding padding(Layer layer) {
        if (layer instanceof Layer.Conv conv) {
            return conv.padding();
        }
        if (layer instanceof Layer.DepthwiseConv conv) {
            return conv.padding();
        }
        if (layer instanceof Layer.SeparableConv conv) {
            return conv.padding();
        }
        if (layer instanceof Layer.Pool pool) {
            return pool.padding();
        }
        throw new IllegalStateException("a sliding window on a " + layer.kind().op());
    }
}
