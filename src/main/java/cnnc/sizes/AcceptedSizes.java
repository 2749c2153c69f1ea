package cnnc.sizes;

import cnnc.ast.Asserted;
import cnnc.ast.Description;
import cnnc.ast.Input;
import cnnc.ast.Statement;
import cnnc.check.CheckResult;
import cnnc.check.CheckedLayer;
import cnnc.check.Checker;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.grammar.CnnLexer;
import cnnc.source.SourceFile;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Which sizes a model whose input holds size variables ({@code input HxWx1}) accepts, exactly, with the
 * layer that refuses each size it does not, and every row's shape as a formula of the variables.
 *
 * <p>How the answer is exact. Along each axis every row's size is a {@link SizeFunction} of the one
 * variable that axis of the input holds: non-decreasing, and repeating, f(x + p) = f(x) + q for every x.
 * The checker refuses a size only by comparing a row's size with a constant written in the model (a
 * window's reach, a padding, a crop, a factor, an asserted size: at most {@code M}, the largest of
 * them) or with another row's size (a merge). So, for a variable x, with P the least common multiple
 * of the periods of the functions of x and T the first x beyond which every function of x exceeds M
 * (from each function's slope and offset bounds) and every two merged functions of different slopes
 * differ (their bounds no longer overlap), the checker's verdict at x + P is its verdict at x for
 * every x > T: each comparison with a constant is settled, each merge of equal slopes compares
 * functions whose difference repeats with P, and one of different slopes always differs. The checker
 * run at x = 1 .. T + P then gives the whole set. Axes are independent (every rule acts on one axis;
 * a layer that mixes them is reported instead, W0510), so each variable is tried with the others held
 * at sizes the model accepts (the smallest of each, {@link #smallest}). The tests check every verdict and every formula against the checker at
 * every size from 1 to 512.
 */
public final class AcceptedSizes {
    static final String MIXED = "the accepted sizes are stated where every layer keeps the axes apart; give the "
            + "sizes to check them: cnnc report --at";
    /** Sizes tried for a first accepted one, every variable the same, then each variable alone. */
    static final int SEARCH = 4096;
    static final String NONE_ACCEPTED = "no sizes are accepted: tried every variable the same from 1 to " + SEARCH
            + ", then each variable alone from 1 to " + SEARCH + " from the sizes that went furthest";
    /** At most this many sizes tried per variable; beyond, nothing is stated (W0511). */
    static final long MOST_TRIES = 20_000;

    /** A variable, the sizes it accepts, and for the sizes it refuses, each layer that refuses some. */
    public record Variable(String name, Span span, SizeSet accepted, List<Refusal> refusals) {
    }

    /** The sizes a layer refuses (the first error at each), with its diagnostic at the smallest of them. */
    public record Refusal(SizeSet sizes, long example, Diagnostic diagnostic) {
    }

    /** A row's output shape as formulas, and its parameters and MACs (figures, or formulas where they vary). */
    public record Row(int index, String name, String shape, String params, String macs) {
    }

    private final Description description;
    private final Input input;
    private final String modelName;
    private final String text;

    private AcceptedSizes(Description description, Input input, String modelName, String text) {
        this.description = description;
        this.input = input;
        this.modelName = modelName;
        this.text = text;
    }

    /**
     * @param variables  every variable with its sizes, or none when a problem stopped the analysis
     * @param at         the smallest sizes the model accepts, each variable's own, at which it is checked
     * @param assertions an error for each shape asserted as formulas of the variables that does not hold at
     *                   every size accepted, or that cannot be proven (the compiler reports these)
     */
    public record Answer(List<Variable> variables, List<Row> rows, List<Diagnostic> problems, Map<String, Long> at,
                         List<Diagnostic> assertions) {
        public boolean isStated() {
            return !variables.isEmpty();
        }
    }

    /** The input statement of a description, under its assertion if it has one. */
    public static Optional<Input> input(Description description) {
        for (Statement statement : description.statements()) {
            Statement core = statement instanceof Asserted asserted ? asserted.statement() : statement;
            if (core instanceof Input input) {
                return Optional.of(input);
            }
        }
        return Optional.empty();
    }

    /** The description with the input's variables given these values. */
    public static Description bind(Description description, Map<String, Long> values) {
        List<Statement> statements = new ArrayList<>();
        for (Statement statement : description.statements()) {
            if (statement instanceof Input input) {
                statements.add(input.bind(values));
            } else if (statement instanceof Asserted asserted && asserted.statement() instanceof Input input) {
                statements.add(new Asserted(input.bind(values), asserted.shape(), asserted.shapeSpan(), asserted.span()));
            } else {
                statements.add(statement);
            }
        }
        return new Description(description.blocks(), statements, description.span());
    }

    /** The last answer, as the compiler (proving asserted formulas) and then a report or an editor ask for the same. */
    private record Cached(String text, String modelName, Answer answer) {
    }

    private static volatile Cached last;

    public static Answer analyze(Description description, String modelName, SourceFile source) {
        Cached cached = last;
        if (cached != null && cached.text().equals(source.text()) && cached.modelName().equals(modelName)) {
            return cached.answer();
        }
        Input input = input(description).orElseThrow();
        Answer answer = new AcceptedSizes(description, input, modelName, source.text()).run();
        last = new Cached(source.text(), modelName, answer);
        return answer;
    }

    /**
     * The smallest sizes accepted, each variable's own (H = 2, W = 1 where H must be even and W odd), or
     * none. The axes are independent (every rule acts on one axis), so the sizes accepted are a product of
     * one set per variable, and once some sizes are accepted each variable's least is found by trying it
     * alone from 1, the others held. Finding the first accepted sizes: every variable the same, 1 to
     * {@link #SEARCH}; where conditions differ per axis that may find none (H even and W odd never meet
     * on the diagonal), so then, from the sizes whose first error is at the latest layer, one variable at
     * a time is changed to any size that moves the first error later, until none does or the sizes are
     * accepted. Each move passes a layer for good (that layer's rule on the other axes is unchanged).
     */
    static Map<String, Long> smallest(Description description, String modelName) {
        AcceptedSizes sizes = new AcceptedSizes(description, input(description).orElseThrow(), modelName, "");
        Map<String, Long> found = sizes.firstAccepted();
        if (found.isEmpty()) {
            return found;
        }
        for (String variable : sizes.input.variables()) {
            for (long x = 1; x < found.get(variable); x++) {
                Map<String, Long> values = new LinkedHashMap<>(found);
                values.put(variable, x);
                if (accepted(sizes.check(values))) {
                    found = values;
                    break;
                }
            }
        }
        return found;
    }

    private Map<String, Long> firstAccepted() {
        Map<String, Long> latest = null;
        int latestRow = -1;
        for (long x = 1; x <= SEARCH; x++) {
            CheckResult result = check(all(x));
            if (accepted(result)) {
                return all(x);
            }
            int row = rowOf(result, firstError(result));
            if (row > latestRow) {
                latest = all(x);
                latestRow = row;
            }
        }
        if (input.variables().size() < 2) {
            return Map.of();
        }
        for (boolean moved = true; moved; ) {
            moved = false;
            for (String variable : input.variables()) {
                for (long x = 1; x <= SEARCH && !moved; x++) {
                    Map<String, Long> values = new LinkedHashMap<>(latest);
                    values.put(variable, x);
                    CheckResult result = check(values);
                    if (accepted(result)) {
                        return values;
                    }
                    int row = rowOf(result, firstError(result));
                    if (row > latestRow) {
                        latest = values;
                        latestRow = row;
                        moved = true;
                    }
                }
            }
        }
        return Map.of();
    }

    private CheckResult check(Map<String, Long> values) {
        return Checker.check(bind(description, values), modelName, false, input.variables(), true);
    }

    private static boolean accepted(CheckResult result) {
        return result.diagnostics().stream().noneMatch(Diagnostic::isError);
    }

    private Map<String, Long> all(long x) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String variable : input.variables()) {
            values.put(variable, x);
        }
        return values;
    }

    private Answer run() {
        List<Diagnostic> problems = new ArrayList<>();
        for (Token token : tokens()) {
            if (token.getType() == CnnLexer.INDIM && !token.getText().equals("in.c")) {
                problems.add(Diagnostic.of(Code.W0510, span(token), "'" + token.getText() + "' reads a size that varies: "
                        + "what it gives cannot be followed per axis"));
            }
        }
        Map<String, Long> at = smallest(description, modelName);
        if (at.isEmpty()) {
            problems.add(Diagnostic.of(Code.E0801, input.span(), NONE_ACCEPTED));
            return new Answer(List.of(), List.of(), problems, Map.of(), List.of());
        }
        CheckResult first = check(at);
        AxisFunctions.Result functions = AxisFunctions.of(first.model(), input.dims());
        for (AxisFunctions.Problem problem : functions.problems()) {
            problems.add(Diagnostic.of(Code.W0510, problem.span(), problem.message(), MIXED));
        }
        if (!problems.isEmpty()) {
            return new Answer(List.of(), List.of(), problems, at, AssertionProof.unproven(first.claims(), problems.get(0)));
        }
        long asserted = largestAsserted();
        List<Variable> variables = new ArrayList<>();
        Map<String, List<CheckResult>> acceptedRuns = new HashMap<>();
        for (String name : input.variables()) {
            long period = period(functions, name);
            long threshold = threshold(functions, name, asserted);
            if (threshold + period > MOST_TRIES) {
                problems.add(Diagnostic.of(Code.W0511, variableSpan(name), "the sizes of " + name + " repeat only every "
                        + period + " from " + threshold + ": more than " + MOST_TRIES + " sizes to try"));
                return new Answer(List.of(), List.of(), problems, at, AssertionProof.unproven(first.claims(), problems.get(0)));
            }
            variables.add(sweep(name, threshold, period, at, acceptedRuns));
        }
        Optional<Diagnostic> differs = Formulas.verify(functions, acceptedRuns, input);
        if (differs.isPresent()) {
            problems.add(differs.get());
            return new Answer(List.of(), List.of(), problems, at, AssertionProof.unproven(first.claims(), differs.get()));
        }
        Map<String, SizeSet> accepted = new LinkedHashMap<>();
        variables.forEach(v -> accepted.put(v.name(), v.accepted()));
        return new Answer(variables, Formulas.rows(first.model(), functions, acceptedRuns, accepted), problems, at,
                new AssertionProof(first.model(), functions, accepted).prove(first.claims()));
    }

    private Variable sweep(String name, long threshold, long period, Map<String, Long> at,
                           Map<String, List<CheckResult>> acceptedRuns) {
        int tries = (int) (threshold + period);
        boolean[] accepted = new boolean[tries];
        Map<String, boolean[]> refusedAt = new LinkedHashMap<>();
        Map<String, Diagnostic> firstError = new HashMap<>();
        Map<String, Long> example = new HashMap<>();
        List<CheckResult> runs = new ArrayList<>();
        for (int x = 1; x <= tries; x++) {
            Map<String, Long> values = new LinkedHashMap<>(at);
            values.put(name, (long) x);
            CheckResult result = check(values);
            if (accepted(result)) {
                accepted[x - 1] = true;
                runs.add(result);
                continue;
            }
            Diagnostic error = firstError(result);
            StringBuilder key = new StringBuilder(error.code() + "@" + error.span().start()); // a block's layer, per use
            error.notes().forEach(note -> key.append('/').append(note.span().start()));
            refusedAt.computeIfAbsent(key.toString(), k -> new boolean[tries])[x - 1] = true;
            firstError.putIfAbsent(key.toString(), error);
            example.putIfAbsent(key.toString(), (long) x);
        }
        acceptedRuns.put(name, runs);
        List<Refusal> refusals = new ArrayList<>();
        for (Map.Entry<String, boolean[]> entry : refusedAt.entrySet()) {
            refusals.add(new Refusal(new SizeSet(entry.getValue(), threshold, period), example.get(entry.getKey()),
                    firstError.get(entry.getKey())));
        }
        return new Variable(name, variableSpan(name), new SizeSet(accepted, threshold, period), refusals);
    }

    /** The error of the earliest row: the layer whose rule fails first, as the checker goes in order. */
    private static Diagnostic firstError(CheckResult result) {
        Diagnostic first = null;
        int firstRow = Integer.MAX_VALUE;
        for (Diagnostic diagnostic : result.diagnostics()) {
            if (!diagnostic.isError()) {
                continue;
            }
            int row = rowOf(result, diagnostic);
            if (first == null || row < firstRow) {
                first = diagnostic;
                firstRow = row;
            }
        }
        return first;
    }

    /** The first row made by the layer a diagnostic is about (its span, where the block is used as its notes say). */
    private static int rowOf(CheckResult result, Diagnostic diagnostic) {
        for (CheckedLayer layer : result.model().layers()) {
            Span span = layer.layer().span();
            if (span.start() <= diagnostic.span().start() && diagnostic.span().end() <= span.end()
                    && notesMatch(layer, diagnostic) && !layer.outputShape().isKnown()) {
                return layer.index();
            }
        }
        return Integer.MAX_VALUE - 1;
    }

    private static boolean notesMatch(CheckedLayer layer, Diagnostic diagnostic) {
        return layer.usedAt().equals(diagnostic.notes()) || diagnostic.notes().isEmpty();
    }

    private Span variableSpan(String name) {
        return input.dims().stream().filter(d -> d instanceof cnnc.ast.Expr.Ref ref && ref.name().equals(name))
                .findFirst().orElseThrow().span();
    }

    private static long period(AxisFunctions.Result functions, String name) {
        long period = 1;
        for (List<AxisFunctions.Term> row : functions.rows()) {
            if (row == null) {
                continue;
            }
            for (AxisFunctions.Term term : row) {
                if (name.equals(term.variable())) {
                    period = SizeFunction.lcm(period, term.function().period());
                }
            }
        }
        return period;
    }

    /**
     * T: beyond it every function of the variable exceeds {@code largest} (slope x + lo > largest), and
     * merged functions of different slopes differ (their offset bounds no longer meet). Rounded up and
     * widened by one, as the bounds are worked out in doubles.
     */
    private static long threshold(AxisFunctions.Result functions, String name, long asserted) {
        double threshold = 1;
        for (int row = 0; row < functions.rows().size(); row++) {
            List<AxisFunctions.Term> terms = functions.rows().get(row);
            if (terms == null) {
                continue;
            }
            for (int axis = 0; axis < terms.size(); axis++) {
                AxisFunctions.Term term = terms.get(axis);
                if (name.equals(term.variable()) && !term.function().isConstant()) {
                    SizeFunction f = term.function();
                    long need = Math.max(functions.need(row, axis), asserted + 1);
                    threshold = Math.max(threshold, (need - f.offsets()[0]) / f.slope());
                }
            }
        }
        for (AxisFunctions.Term[] pair : functions.merged()) {
            SizeFunction f = pair[0].function();
            SizeFunction g = pair[1].function();
            boolean both = name.equals(pair[0].variable()) && name.equals(pair[1].variable());
            if (both && !f.isConstant() && !g.isConstant() && f.slope() != g.slope()) {
                double spread = Math.max(g.offsets()[1] - f.offsets()[0], f.offsets()[1] - g.offsets()[0]) + 1;
                threshold = Math.max(threshold, spread / Math.abs(f.slope() - g.slope()));
            }
        }
        return (long) Math.ceil(threshold) + 1;
    }

    /** The largest size an assertion states (a row's size then equals it only below T), 0 without one. */
    private long largestAsserted() {
        long largest = 0;
        boolean asserted = false;
        for (Token token : tokens()) {
            if (token.getType() == CnnLexer.ARROW) {
                asserted = true;
            } else if (token.getType() == CnnLexer.NEWLINE || token.getType() == CnnLexer.SEMI) {
                asserted = false;
            } else if (asserted && (token.getType() == CnnLexer.INT || token.getType() == CnnLexer.DIMS)) {
                for (String part : token.getText().split("x")) {
                    largest = Math.max(largest, Long.parseLong(part));
                }
            }
        }
        return largest;
    }

    private List<? extends Token> tokens() {
        return new CnnLexer(CharStreams.fromString(text)).getAllTokens();
    }

    private Span span(Token token) {
        return new SourceFile("", text).span(token.getStartIndex(), token.getStopIndex() + 1);
    }
}
