package cnnc.editor;

import cnnc.Compilation;
import cnnc.ast.Input;
import cnnc.diag.Diagnostic;
import cnnc.sizes.AcceptedSizes;
import cnnc.sizes.SizeVariables;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the editor shows of a model whose input holds size variables ({@code input HxWx1}): the sizes it
 * accepts, each row's shape as a formula, and the sizes each layer refuses. The compilation is checked at
 * the smallest accepted sizes; this is {@link AcceptedSizes} over it, which runs the checker up to T + P
 * times per variable, so it is worked out once per compilation (the last one), not per hover.
 */
public final class SizeFormulas {
    private record Cached(Compilation compilation, Optional<SizeFormulas> formulas) {
    }

    /** The last compilation asked about: the editor asks many times (hints, then each hover) about one text. */
    private static volatile Cached last;

    private final AcceptedSizes.Answer answer;
    private final Map<Integer, AcceptedSizes.Row> rows = new HashMap<>();
    private final String input;

    private SizeFormulas(AcceptedSizes.Answer answer, Input input) {
        this.answer = answer;
        answer.rows().forEach(row -> rows.put(row.index(), row));
        this.input = String.join(" x ", SizeVariables.dims(input));
    }

    /** For a compilation without errors whose input holds size variables; none otherwise. */
    public static Optional<SizeFormulas> of(Compilation compilation) {
        Cached cached = last;
        if (cached != null && cached.compilation() == compilation) {
            return cached.formulas();
        }
        Optional<SizeFormulas> formulas = Optional.empty();
        Optional<Input> input = AcceptedSizes.input(compilation.syntax());
        if (!compilation.hasErrors() && input.isPresent() && !input.get().variables().isEmpty()) {
            formulas = Optional.of(new SizeFormulas(AcceptedSizes.analyze(compilation.syntax(),
                    compilation.model().name(), compilation.source()), input.get()));
        }
        last = new Cached(compilation, formulas);
        return formulas;
    }

    public AcceptedSizes.Answer answer() {
        return answer;
    }

    /** A row's output shape as a formula ({@code H/8 x W/8 x 256}; row 0 is the input), or none when not stated. */
    public Optional<String> shape(int row) {
        if (!answer.isStated()) {
            return Optional.empty();
        }
        return row == 0 ? Optional.of(input) : Optional.ofNullable(rows.get(row)).map(AcceptedSizes.Row::shape);
    }

    public Optional<AcceptedSizes.Row> row(int row) {
        return answer.isStated() ? Optional.ofNullable(rows.get(row)) : Optional.empty();
    }

    /** {@code H = 8, W = 8}: the sizes the compilation's figures are for. */
    public String at() {
        List<String> values = new ArrayList<>();
        answer.at().forEach((name, value) -> values.add(name + " = " + value));
        return String.join(", ", values);
    }

    /** {@code H: a multiple of 8; W: a multiple of 8}, or why it is not stated. */
    public String accepted() {
        if (!answer.isStated()) {
            return "not stated (" + answer.problems().get(0).code() + ": " + answer.problems().get(0).message() + ")";
        }
        List<String> parts = new ArrayList<>();
        answer.variables().forEach(v -> parts.add(v.name() + ": " + v.accepted().describe(v.name())));
        return String.join("; ", parts);
    }

    /** The sizes refused first by a layer written at {@code span} (in a block, by any of its uses), each as markdown. */
    public List<String> refusals(Span span) {
        List<String> found = new ArrayList<>();
        for (AcceptedSizes.Variable variable : answer.variables()) {
            for (AcceptedSizes.Refusal refusal : variable.refusals()) {
                Diagnostic error = refusal.diagnostic();
                if (span == null || span.start() <= error.span().start() && error.span().end() <= span.end()) {
                    found.add(variable.name() + ": " + refusal.sizes().describe(variable.name()) + " (line "
                            + error.span().line() + ", " + error.code() + " at " + variable.name() + " = "
                            + refusal.example() + ": " + error.message() + ")");
                }
            }
        }
        return found;
    }
}
