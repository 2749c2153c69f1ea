package cnnc.backend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.ParamTensor;
import cnnc.testing.Cases;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code report --explain} for every sample: each printed piece of arithmetic, evaluated here by an
 * evaluator of its own, gives the figure printed after it, and that figure is the report's (the
 * output dimension, the tensor's count, the layer's parameters, MACs and FLOPs, the totals).
 */
class ExplanationTest {
    private static final Pattern SECTION = Pattern.compile("^row (\\d+) \\(.*");
    private static final Pattern SAME = Pattern.compile("^rows? (\\d+)(?:-(\\d+))? \\((.+)\\)$");

    @TestFactory
    Stream<DynamicTest> everyPrintedFormulaGivesTheReportedFigure() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path path : Samples.good()) {
            tests.add(Cases.named(path.toString(), () -> check(Samples.compile(path))));
        }
        return tests.stream();
    }

    private static void check(Compilation compilation) throws Exception {
        assertFalse(compilation.hasErrors(), compilation.diagnostics()::toString);
        CheckedModel model = compilation.model();
        Analysis analysis = compilation.analysis().orElseThrow();
        String text = Explanation.text(compilation);
        CheckedLayer layer = null;
        int dimension = 0;
        boolean[] explained = new boolean[model.layers().size() + 1];
        boolean totals = false;
        for (String line : text.split("\n")) {
            Matcher section = SECTION.matcher(line);
            Matcher same = SAME.matcher(line);
            if (section.matches()) {
                layer = model.layers().get(Integer.parseInt(section.group(1)) - 1);
                explained[layer.index()] = true;
                dimension = 0;
                continue;
            } else if (same.matches()) {
                int last = same.group(2) == null ? Integer.parseInt(same.group(1)) : Integer.parseInt(same.group(2));
                for (int i = Integer.parseInt(same.group(1)); i <= last; i++) {
                    explained[i] = true;
                    assertEquals(same.group(3), model.layers().get(i - 1).block());
                }
                layer = null;
                continue;
            } else if (line.equals("totals")) {
                totals = true;
                layer = null;
                continue;
            }
            if (!line.startsWith("  ")) {
                continue;
            }
            String label = line.strip().split("\\s{2,}")[0];
            boolean isDimension = List.of("depth", "height", "width", "channels", "length").contains(label);
            if (line.contains(" = ")) {
                long value = checkedArithmetic(line);
                if (totals) {
                    assertEquals(totalFigure(label, model, analysis), value, line);
                } else if (layer != null) {
                    assertEquals(rowFigure(label, layer, dimension), value, "row " + layer.index() + ": " + line);
                }
            }
            if (isDimension && layer != null && !line.contains(" = ")) {
                String number = line.strip().split("\\s{2,}")[1].split(" ")[0];
                assertEquals(rowFigure(label, layer, dimension), Long.parseLong(number.replace(",", "")), line);
            }
            if (label.equals("output") && layer != null) {
                assertEquals(layer.outputShape().toString(), line.strip().split("\\s{2,}")[1], line);
            }
            if (isDimension && layer != null) {
                dimension++;
            }
        }
        for (int i = 1; i < explained.length; i++) {
            assertTrue(explained[i], "row " + i + " is explained");
        }
        assertTrue(totals, "the totals are explained");
        checkJson(compilation);
    }

    /** The arithmetic between the last two '=' signs of a line, evaluated, must give the number after the last. */
    private static long checkedArithmetic(String line) {
        String[] parts = line.split(" = ");
        String result = parts[parts.length - 1].replaceAll("^([\\d,]+).*$", "$1");
        String expression = parts[parts.length - 2];
        int label = expression.lastIndexOf("  ");
        expression = expression.substring(label < 0 ? 0 : label).strip();
        if (expression.contains(":")) {
            expression = expression.substring(expression.lastIndexOf(':') + 1).strip(); // "...alive: (a + b) x 1 x 4"
        }
        long value = Long.parseLong(result.replace(",", ""));
        assertEquals(value, new Arithmetic(expression).evaluate(), line);
        return value;
    }

    private static long rowFigure(String label, CheckedLayer layer, int dimension) {
        return switch (label) {
            case "depth", "height", "width", "channels", "length" -> layer.outputShape().dims().get(dimension);
            case "parameters" -> layer.params();
            case "MACs" -> layer.cost().macs();
            case "FLOPs" -> layer.cost().flops();
            default -> layer.tensors().stream().filter(t -> t.name().word().equals(label)).findFirst()
                    .map(ParamTensor::count).orElseThrow(() -> new AssertionError("unknown line " + label));
        };
    }

    private static long totalFigure(String label, CheckedModel model, Analysis analysis) {
        return switch (label) {
            case "parameters" -> model.totals().params();
            case "not trained" -> model.totals().nonTrainableParams();
            case "trained" -> model.totals().trainableParams();
            case "biases" -> model.totals().biases();
            case "weights" -> model.totals().weights();
            case "MACs" -> analysis.macs();
            case "FLOPs" -> analysis.flops();
            case "peak memory" -> analysis.memory().peakActivationBytes();
            default -> throw new AssertionError("unknown total " + label);
        };
    }

    /** The JSON working: every formula evaluates to its value. */
    private static void checkJson(Compilation compilation) throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonReport.render(compilation, true));
        for (JsonNode layer : json.get("layers")) {
            JsonNode working = layer.get("working");
            List<JsonNode> formulas = new ArrayList<>();
            working.get("output").forEach(formulas::add);
            working.get("tensors").forEach(formulas::add);
            formulas.add(working.get("macs"));
            formulas.add(working.get("flops"));
            for (JsonNode formula : formulas) {
                assertEquals(formula.get("value").asLong(), new Arithmetic(formula.get("formula").asText()).evaluate(),
                        layer.get("name").asText() + ": " + formula);
            }
            assertEquals(layer.get("macs").asLong(), working.get("macs").get("value").asLong());
        }
    }

    @Test
    void arithmeticEvaluatesWhatTheExplanationWrites() {
        assertEquals(94, new Arithmetic("(100 - 7)/1 + 1").evaluate());
        assertEquals(23, new Arithmetic("ceil(45 / 2)").evaluate());
        assertEquals(2_940, new Arithmetic("7 x 7 x 1 x 60").evaluate());
        assertEquals(9, new Arithmetic("4 x 2 + max(3 - 2, 0)").evaluate());
        assertEquals(96, new Arithmetic("(100 - 2 x (3 - 1) - 1)/1 + 1").evaluate());
        assertEquals(5_360_640, new Arithmetic("(530,160 + 810,000) x 1 x 4").evaluate());
        assertEquals(-1, new Arithmetic("(5 - 7)/1 + 1").evaluate());
    }

    /**
     * A small recursive-descent evaluator of the explanation's arithmetic, written apart from cnnc's
     * Formula: {@code a/b} (no spaces) divides rounding down, {@code ceil(a / b)} rounds up, {@code x}
     * multiplies, numbers may have thousands separators.
     */
    private static final class Arithmetic {
        private final String text;
        private int at;

        Arithmetic(String text) {
            this.text = text;
        }

        long evaluate() {
            long value = sum();
            spaces();
            assertEquals(text.length(), at, () -> "unread text in " + text);
            return value;
        }

        private long sum() {
            long value = product();
            while (next('+') || next('-')) {
                char op = text.charAt(at - 1);
                long right = product();
                value = op == '+' ? value + right : value - right;
            }
            return value;
        }

        private long product() {
            long value = factor();
            while (true) {
                if (next('x')) {
                    value *= factor();
                } else if (at < text.length() && text.charAt(at) == '/') {
                    at++;
                    value = Math.floorDiv(value, factor());
                } else {
                    return value;
                }
            }
        }

        private long factor() {
            spaces();
            if (text.startsWith("ceil(", at)) {
                at += 5;
                long dividend = sum();
                expect(" / ");
                long divisor = sum();
                expect(")");
                return -Math.floorDiv(-dividend, divisor);
            }
            if (text.startsWith("max(", at)) {
                at += 4;
                long a = sum();
                expect(", ");
                long b = sum();
                expect(")");
                return Math.max(a, b);
            }
            if (next('(')) {
                long value = sum();
                expect(")");
                return value;
            }
            int start = at;
            if (text.charAt(at) == '-') {
                at++;
            }
            while (at < text.length() && (Character.isDigit(text.charAt(at))
                    || text.charAt(at) == ',' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1)))) {
                at++;
            }
            return Long.parseLong(text.substring(start, at).replace(",", ""));
        }

        /** Consumes {@code c} after optional spaces, when it is there (a spaced "/" is ceil's, not a division). */
        private boolean next(char c) {
            int mark = at;
            spaces();
            if (at < text.length() && text.charAt(at) == c && c != '/') {
                at++;
                return true;
            }
            at = mark;
            return false;
        }

        private void spaces() {
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }

        private void expect(String expected) {
            assertTrue(text.startsWith(expected, at), () -> "expected '" + expected + "' at " + at + " in " + text);
            at += expected.length();
        }
    }
}
