package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.Expr;
import cnnc.ast.Input;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.sizes.AcceptedSizes;
import cnnc.sizes.SizeVariables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Code for an input with size variables ({@code input HxWx1}). The backends write the checked model, which
 * has numbers; so the code is written at the smallest sizes accepted and at every other size each variable
 * accepts up to T + 2P (past T the verdicts repeat every P, docs/sizes.md), the others held, and kept only
 * when it reads the same at all of them but for the input's sizes: Keras's {@code keras.Input(shape=...)},
 * which then takes {@code None} for each variable, and the comments that name the input. Where a line of
 * code changes with the sizes (a dense layer after a flatten, DL4J's {@code InputType.convolutional}, a
 * padding PyTorch works out from a size's parity), that line is named in E0802 and nothing is written.
 */
final class VariableSizesCode {
    /** Where the example's sizes go in PyTorch's __main__ while the code at two sizes is compared. */
    private static final String EXAMPLE = "\u0000";

    private VariableSizesCode() {
    }

    static Generation.Generated generate(Compilation compilation, Input input,
                                         Function<Compilation, Generation.Generated> backend) {
        AcceptedSizes.Answer answer = AcceptedSizes.analyze(compilation.syntax(), compilation.model().name(),
                compilation.source());
        List<Diagnostic> problems = new ArrayList<>(answer.problems());
        if (!answer.isStated()) {
            problems.add(Diagnostic.of(Code.E0802, input.span(), "the code would be written for every size the model "
                    + "accepts, and those are not stated (the warning says why)", writeSizes(input)));
            return new Generation.Generated(Optional.empty(), problems);
        }
        Generation.Generated first = backend.apply(compilation);
        if (first.text().isEmpty()) {
            return first;
        }
        String code = written(first.text().get(), compilation, input);
        for (AcceptedSizes.Variable variable : answer.variables()) {
            long last = variable.accepted().threshold() + 2 * variable.accepted().period();
            for (long x = 1; x <= last; x++) {
                if (!variable.accepted().contains(x) || x == answer.at().get(variable.name())) {
                    continue;
                }
                Map<String, Long> sizes = new LinkedHashMap<>(answer.at());
                sizes.put(variable.name(), x);
                Compilation other = Compiler.compile(compilation.source(), cnnc.analysis.Options.DEFAULT, sizes);
                Optional<String> otherText = backend.apply(other).text();
                String otherCode = otherText.map(text -> written(text, other, input)).orElse("");
                if (!otherCode.equals(code)) {
                    problems.add(Diagnostic.of(Code.E0802, input.span(), "the code changes with the sizes, so it is "
                            + "written for fixed ones: " + difference(code, otherCode, answer.at(), sizes),
                            writeSizes(input)));
                    return new Generation.Generated(Optional.empty(), problems);
                }
            }
        }
        problems.addAll(first.diagnostics());
        List<String> smallest = compilation.model().input().dims().stream().map(String::valueOf).toList();
        return new Generation.Generated(Optional.of(code.replace(EXAMPLE, channelsFirst(smallest).replace(" x ", ", "))),
                problems);
    }

    /** The code with the input's sizes written as its variables: {@code (None, None, 1)} in Keras, {@code HxWx1} in comments. */
    private static String written(String code, Compilation compilation, Input input) {
        List<Long> numbers = compilation.model().input().dims();
        List<String> names = SizeVariables.dims(input);
        List<String> none = names.stream().map(name -> input.variables().contains(name) ? "None" : name).toList();
        List<String> figures = numbers.stream().map(String::valueOf).toList();
        String tuple = figures.size() == 1 ? "(" + figures.get(0) + ",)" : "(" + String.join(", ", figures) + ")";
        String noneTuple = none.size() == 1 ? "(" + none.get(0) + ",)" : "(" + String.join(", ", none) + ")";
        StringBuilder out = new StringBuilder();
        for (String line : code.split("\n", -1)) {
            if (line.contains("keras.Input(shape=" + tuple + ")")) {
                line = line.replace("keras.Input(shape=" + tuple + ")", "keras.Input(shape=" + noneTuple + ")");
            }
            // PyTorch's __main__ runs the module on an example: at the smallest sizes, whatever the sizes compared
            line = line.replace("torch.zeros(1, " + channelsFirst(figures).replace(" x ", ", ") + ")", "torch.zeros(1, "
                    + EXAMPLE + ")");
            line = whole(line, String.join("x", figures), String.join("x", names));
            line = whole(line, channelsFirst(figures), channelsFirst(names));
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    private static String channelsFirst(List<String> dims) {
        List<String> first = new ArrayList<>();
        first.add(dims.get(dims.size() - 1));
        first.addAll(dims.subList(0, dims.size() - 1));
        return String.join(" x ", first);
    }

    /** {@code text} with {@code figures} replaced where it stands alone, not inside a longer number or shape. */
    private static String whole(String text, String figures, String names) {
        return text.replaceAll("(?<![0-9x])" + Pattern.quote(figures) + "(?![0-9]|x[0-9])", Matcher.quoteReplacement(names));
    }

    /** The first line that differs, at each of the two sizes. */
    private static String difference(String code, String other, Map<String, Long> at, Map<String, Long> sizes) {
        String[] a = code.split("\n", -1);
        String[] b = other.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String lineA = i < a.length ? a[i].strip() : "";
            String lineB = i < b.length ? b[i].strip() : "";
            if (!lineA.equals(lineB)) {
                return "at " + sizes(at) + " line " + (i + 1) + " of the code reads '" + lineA + "', at " + sizes(sizes)
                        + " '" + lineB + "'";
            }
        }
        return "at " + sizes(sizes) + " no code is written";
    }

    private static String sizes(Map<String, Long> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((name, value) -> parts.add(name + " = " + value));
        return String.join(", ", parts);
    }

    private static String writeSizes(Input input) {
        List<String> dims = new ArrayList<>();
        for (Expr dim : input.dims()) {
            dims.add(dim instanceof Expr.Ref ? "128" : Long.toString(dim.value()));
        }
        return "write the sizes in the input (input " + String.join("x", dims) + "); cnnc report states the sizes the "
                + "model accepts";
    }
}
