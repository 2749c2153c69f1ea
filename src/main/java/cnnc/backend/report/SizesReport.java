package cnnc.backend.report;

import cnnc.diag.Diagnostic;
import cnnc.sizes.AcceptedSizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of a model whose input holds size variables: the sizes it accepts, those it refuses with
 * the layer that refuses them, and each row's shape, parameters and MACs as formulas of the variables.
 */
public final class SizesReport {
    private SizesReport() {
    }

    public static String text(String model, String input, AcceptedSizes.Answer answer) {
        StringBuilder out = new StringBuilder();
        out.append(model).append(": input ").append(input).append(", ").append(names(answer)).append('\n');
        if (!answer.isStated()) {
            out.append("\nThe sizes it accepts are not stated (see the warnings); figures at given sizes: --at.\n");
            return out.toString();
        }
        out.append("\nSizes it accepts:\n");
        for (AcceptedSizes.Variable variable : answer.variables()) {
            out.append("  ").append(variable.name()).append(": ").append(variable.accepted().describe(variable.name()))
                    .append('\n');
        }
        out.append("\nSizes it refuses, each with the layer that refuses it (its error at the smallest):\n");
        for (AcceptedSizes.Variable variable : answer.variables()) {
            for (AcceptedSizes.Refusal refusal : variable.refusals()) {
                Diagnostic error = refusal.diagnostic();
                out.append("  ").append(variable.name()).append(": ").append(refusal.sizes().describe(variable.name()))
                        .append('\n').append("    ").append(error.span().line()).append(':')
                        .append(error.span().column()).append(": error[").append(error.code()).append("] at ")
                        .append(variable.name()).append(" = ").append(refusal.example()).append(": ")
                        .append(error.message()).append(usedAt(error)).append('\n');
            }
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"row", "layer", "output", "params", "MACs"});
        for (AcceptedSizes.Row row : answer.rows()) {
            rows.add(new String[] {Integer.toString(row.index()), row.name(), row.shape(), row.params(), row.macs()});
        }
        out.append("\nShapes at the sizes it accepts (a / divides exactly there):\n");
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(i == row.length - 1 ? 0 : widths[i] - row[i].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append("\nFigures at given sizes: cnnc report FILE --at ")
                .append(String.join("x", answer.at().values().stream().map(String::valueOf).toList())).append('\n');
        return out.toString();
    }

    /**
     * The line before {@code --explain}'s working of a model with size variables, which works out one model:
     * the one at the smallest sizes accepted (the formulas are the plain report's, or the hover's).
     */
    public static String explained(AcceptedSizes.Answer answer) {
        List<String> at = new ArrayList<>();
        answer.at().forEach((name, value) -> at.add(name + " = " + value));
        StringBuilder line = new StringBuilder("Worked out at ").append(String.join(", ", at))
                .append(", the smallest sizes accepted");
        if (answer.isStated()) {
            List<String> accepted = new ArrayList<>();
            answer.variables().forEach(v -> accepted.add(v.name() + ": " + v.accepted().describe(v.name())));
            line.append(" (").append(String.join("; ", accepted)).append("; each row as a formula: cnnc report "
                    + "without --explain)");
        } else {
            line.append(" (the sizes accepted are not stated: see the warnings)");
        }
        return line.append("; other sizes: --at.\n\n").toString();
    }

    private static String names(AcceptedSizes.Answer answer) {
        List<String> names = new ArrayList<>(answer.at().keySet());
        return names.size() == 1 ? names.get(0) + " a size variable"
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
                + " size variables";
    }

    /** Where the block a refusing layer is in was used: the note the checker adds. */
    private static String usedAt(Diagnostic error) {
        for (Diagnostic.Note note : error.notes()) {
            if (note.message().endsWith("used here")) {
                return " (" + note.message().replace(", used here", "") + ", used at line " + note.span().line() + ")";
            }
        }
        return "";
    }

    /** The JSON report's {@code sizes}: the values its figures are for, the conditions, and the formulas. */
    public static Map<String, Object> json(AcceptedSizes.Answer answer) {
        Map<String, Object> sizes = new LinkedHashMap<>();
        sizes.put("at", answer.at());
        sizes.put("stated", answer.isStated());
        List<Map<String, Object>> variables = new ArrayList<>();
        for (AcceptedSizes.Variable variable : answer.variables()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", variable.name());
            entry.put("accepted", variable.accepted().describe(variable.name()));
            entry.put("smallest", variable.accepted().smallest());
            entry.put("threshold", variable.accepted().threshold());
            entry.put("period", variable.accepted().period());
            List<Map<String, Object>> refusals = new ArrayList<>();
            for (AcceptedSizes.Refusal refusal : variable.refusals()) {
                Map<String, Object> refused = new LinkedHashMap<>();
                refused.put("sizes", refusal.sizes().describe(variable.name()));
                refused.put("example", refusal.example());
                refused.put("code", refusal.diagnostic().code().name());
                refused.put("line", refusal.diagnostic().span().line());
                refused.put("column", refusal.diagnostic().span().column());
                refused.put("message", refusal.diagnostic().message());
                refusals.add(refused);
            }
            entry.put("refusals", refusals);
            variables.add(entry);
        }
        sizes.put("variables", variables);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (AcceptedSizes.Row row : answer.rows()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", row.index());
            entry.put("name", row.name());
            entry.put("outputShape", row.shape());
            entry.put("params", row.params());
            entry.put("macs", row.macs());
            layers.add(entry);
        }
        sizes.put("layers", layers);
        return sizes;
    }
}
