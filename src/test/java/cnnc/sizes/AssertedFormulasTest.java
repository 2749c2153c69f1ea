package cnnc.sizes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.Description;
import cnnc.check.CheckResult;
import cnnc.check.CheckedLayer;
import cnnc.check.Checker;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.format.Formatter;
import cnnc.parse.DescriptionParser;
import cnnc.source.SourceFile;
import cnnc.testing.RandomModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Shapes asserted as formulas of the size variables ({@code => floor(H/2) x W/2 x 8}): the verdict
 * cnnc proves (holds at every size accepted, or E0700 at the assertion) against the concrete checker run
 * at every size from 1 to {@link #RANGE} of each variable, the formula read back by the test's own
 * evaluator ({@link AcceptedSizesTest.Formula}, exact fractions, which knows nothing of cnnc's formulas).
 */
class AssertedFormulasTest {
    private static final int RANGE = 512;

    /**
     * samples/unet.cnn with input HxWx1 and its assertions as formulas, by hand (its sizes are multiples
     * of 8, AcceptedSizesTest): the poolings give floor(H/2), floor(H/4), floor(H/8), which are H/2, H/4,
     * H/8 there; each decoder step doubles, 2*floor(H/8) = H/4 and so on. 2*ceil(H/8) is not 2*floor(H/8)
     * as a function, but it is at every multiple of 8, so it holds too.
     */
    static final Map<String, String> UNET_FORMULAS = new LinkedHashMap<>();

    static {
        UNET_FORMULAS.put("64x64x32", "H/2 x W/2 x 32");
        UNET_FORMULAS.put("32x32x64", "H/4 x W/4 x 64");
        UNET_FORMULAS.put("16x16x128", "floor(H/8) x floor(W/8) x 128");
        UNET_FORMULAS.put("16x16x256", "H/8 x W/8 x 256");
        UNET_FORMULAS.put("32x32x128", "2*ceil(H/8) x 2*floor(W/8) x 128");
        UNET_FORMULAS.put("64x64x64", "(H + 0)/2 x W/2 x 64");
        UNET_FORMULAS.put("128x128x32", "HxWx32");
        UNET_FORMULAS.put("128x128x1", "H x W x 1");
    }

    @Test
    void unetWithFormulasChecksClean() throws IOException {
        String text = unet(UNET_FORMULAS);
        Compilation compilation = Compiler.compile(new SourceFile("unet.cnn", text));
        assertEquals(List.of(), compilation.diagnostics());
        assertEquals(8, readClaims(text).size());
        // cnnc fmt keeps them: the formatted text is the same model, the same claims, and checks clean too
        String formatted = Formatter.format(new SourceFile("unet.cnn", text)).text().orElseThrow();
        assertTrue(formatted.contains("=> floor(H/8) x floor(W/8) x 128"), formatted);
        assertEquals(List.of(), Compiler.compile(new SourceFile("unet.cnn", formatted)).diagnostics());
        assertEquals(readClaims(text).stream().map(c -> c.row() + " " + c.axes()).toList(),
                readClaims(formatted).stream().map(c -> c.row() + " " + c.axes()).toList());
    }

    /**
     * Wrong ones, each at its line and column. By hand, at the smallest sizes accepted (8 x 8): the first
     * pooling gives 4 columns, not W/4 = 2; the third 1 row, not floor(H/8) + 1 = 2; the last step's 32
     * channels are not 16; the last convolution gives H rows, which H/2 is not at H = 8 (4).
     */
    @Test
    void wrongFormulasFailAtTheirLine() throws IOException {
        Map<String, String> formulas = new LinkedHashMap<>(UNET_FORMULAS);
        Map<String, String> wrong = Map.of(
                "64x64x32", "H/2 x W/4 x 32",
                "16x16x128", "floor(H/8) + 1 x floor(W/8) x 128",
                "128x128x32", "H x W x 16",
                "128x128x1", "H/2 x W x 1");
        formulas.putAll(wrong);
        String text = unet(formulas);
        List<Diagnostic> diagnostics = Compiler.compile(new SourceFile("unet.cnn", text)).diagnostics();
        Map<String, String> expected = Map.of(
                "H/2 x W/4 x 32", "at W = 8 (accepted) the width is 4, not 2",
                "floor(H/8) + 1 x floor(W/8) x 128", "at H = 8 (accepted) the height is 1, not 2",
                "H x W x 16", "the channels are 32, not 16",
                "H/2 x W x 1", "at H = 8 (accepted) the height is 8, not 4");
        assertEquals(expected.size(), diagnostics.size(), diagnostics.toString());
        String[] lines = text.split("\n", -1);
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            int line = 0;
            while (!lines[line].contains("=> " + entry.getKey())) {
                line++;
            }
            int column = lines[line].indexOf("=> " + entry.getKey()) + 4;
            int at = line + 1;
            Diagnostic diagnostic = diagnostics.stream().filter(d -> d.span().line() == at).findFirst().orElseThrow();
            assertEquals(Code.E0700, diagnostic.code());
            assertEquals(column, diagnostic.span().column(), diagnostic.toString());
            assertTrue(diagnostic.message().contains(entry.getValue()), diagnostic.message());
        }
    }

    /**
     * Generated models with variables, every grid row asserted: with the report's formula, and with it
     * changed (floor and ceil swapped, 1 added, doubled, a ratio's rounding written out). Each assertion's
     * verdict by brute force (the checker's shape at every accepted size from 1 to 512 against the formula)
     * is the verdict cnnc gives, and each E0700's "at X = x (accepted)" is an accepted size where the
     * formula is not the checker's shape.
     */
    @Test
    void everyVerdictAgreesWithTheCheckerAtEverySize() throws IOException {
        RandomModels random = new RandomModels(91);
        List<String> models = new ArrayList<>(random.generate(10, c -> c.model().input() instanceof Shape.Grid));
        models.addAll(random.generateGraphs(10, c -> c.model().input() instanceof Shape.Grid));
        models.add(unet(Map.of()));
        Random pick = new Random(5);
        int holds = 0;
        int fails = 0;
        for (String model : models) {
            String text = model.replaceFirst("input (\\d+)x(\\d+)x(\\d+)x(\\d+)\\n", "input DxHxWx$4\n")
                    .replaceFirst("input (\\d+)x(\\d+)x(\\d+)\\n", "input HxWx$3\n")
                    .replaceFirst("input (\\d+)x(\\d+)\\n", "input Lx$2\n");
            AcceptedSizes.Answer answer = AcceptedSizes.analyze(parse(text), "test", new SourceFile("test", text));
            if (!answer.isStated()) {
                continue;
            }
            for (int variant = 0; variant < 3; variant++) {
                String asserted = asserted(text, answer, variant == 0 ? null : pick);
                Set<Integer> wrongByHand = bruteForce(asserted, answer);
                List<Diagnostic> diagnostics = Compiler.compile(new SourceFile("test", asserted)).diagnostics();
                Set<Integer> wrongByCnnc = new TreeSet<>();
                for (Diagnostic diagnostic : diagnostics) {
                    assertEquals(Code.E0700, diagnostic.code(), diagnostic + "\n" + asserted);
                    wrongByCnnc.add(diagnostic.span().line());
                    counterexample(asserted, answer, diagnostic);
                }
                assertEquals(wrongByHand, wrongByCnnc, asserted);
                int claims = (int) asserted.lines().filter(l -> l.contains("=>")).count();
                fails += wrongByHand.size();
                holds += claims - wrongByHand.size();
            }
        }
        assertTrue(holds >= 60 && fails >= 20, holds + " held, " + fails + " failed");
    }

    /** The text with every top-level line that makes a grid asserted: the report's formulas, or (given a random) changed ones. */
    private static String asserted(String text, AcceptedSizes.Answer answer, Random change) {
        CheckResult first = Checker.check(AcceptedSizes.bind(parse(text), answer.at()), "test", false);
        Map<Integer, Integer> lastRow = new TreeMap<>();
        for (CheckedLayer layer : first.model().layers()) {
            if (layer.usedAt().isEmpty()) {
                lastRow.merge(layer.layer().span().line(), layer.index(), Math::max);
            }
        }
        String[] lines = text.split("\n", -1);
        for (Map.Entry<Integer, Integer> entry : lastRow.entrySet()) {
            CheckedLayer layer = first.model().layers().get(entry.getValue() - 1);
            String line = lines[entry.getKey() - 1];
            String shape = answer.rows().get(layer.index() - 1).shape();
            if (!(layer.outputShape() instanceof Shape.Grid) || line.contains("=>") || line.contains("#")
                    || line.trim().endsWith("}") && !line.contains("{") || !shape.matches(".*[A-Z].*")) {
                continue; // a shape of numbers only is asserted at one size, by the checker
            }
            lines[entry.getKey() - 1] = line + " => " + (change == null ? shape : changed(shape, change));
        }
        return String.join("\n", lines);
    }

    private static String changed(String shape, Random change) {
        List<String> axes = new ArrayList<>(List.of(shape.split(" x ")));
        int axis = change.nextInt(axes.size());
        String formula = axes.get(axis);
        axes.set(axis, switch (change.nextInt(5)) {
            case 0 -> formula.contains("floor(") ? formula.replace("floor(", "ceil(") : formula.replace("ceil(", "floor(");
            case 1 -> formula + " + 1";
            case 2 -> "2*(" + formula + ")";
            case 3 -> formula.matches("[A-Z]/[0-9]+") ? "floor(" + formula + ")" : formula.replace("/", "/2/");
            default -> formula;
        });
        return String.join(" x ", axes);
    }

    /** The lines whose assertion is not the checker's shape at some accepted size from 1 to 512 of a variable. */
    private static Set<Integer> bruteForce(String text, AcceptedSizes.Answer answer) {
        Description description = parse(text);
        Map<Integer, String> claims = claims(text);
        Set<Integer> wrong = new TreeSet<>();
        for (AcceptedSizes.Variable variable : answer.variables()) {
            wrong.addAll(java.util.stream.LongStream.rangeClosed(1, RANGE).parallel().mapToObj(x -> {
                Map<String, Long> values = new LinkedHashMap<>(answer.at());
                values.put(variable.name(), x);
                return wrongAt(description, claims, values);
            }).flatMap(Set::stream).collect(Collectors.toSet()));
        }
        return wrong;
    }

    /** The lines whose formulas are not the checker's shape at these sizes (none when the checker refuses them). */
    private static Set<Integer> wrongAt(Description description, Map<Integer, String> claims, Map<String, Long> values) {
        CheckResult result = Checker.check(AcceptedSizes.bind(description, values), "test", false, List.copyOf(values.keySet()), true);
        Set<Integer> wrong = new TreeSet<>();
        if (result.diagnostics().stream().anyMatch(Diagnostic::isError)) {
            return wrong;
        }
        Map<Integer, Integer> rows = new TreeMap<>();
        result.claims().forEach(claim -> rows.put(claim.span().line(), claim.row()));
        claims.forEach((line, formula) -> {
            int row = rows.get(line);
            List<Long> dims = row == 0 ? result.model().input().dims() : result.model().layers().get(row - 1).outputShape().dims();
            String[] parts = formula.split(" x ");
            for (int i = 0; i < parts.length; i++) {
                OptionalLong value = AcceptedSizesTest.Formula.whole(parts[i], values);
                if (value.isEmpty() || value.getAsLong() != dims.get(i)) {
                    wrong.add(line);
                }
            }
        });
        return wrong;
    }

    private static final Pattern AT = Pattern.compile("at ([A-Z]) = (\\d+) \\(accepted\\)");

    /** The size an E0700 names is accepted by the checker, and there the formula is not the shape. */
    private static void counterexample(String text, AcceptedSizes.Answer answer, Diagnostic diagnostic) {
        Matcher at = AT.matcher(diagnostic.message());
        if (!at.find()) {
            assertTrue(diagnostic.message().contains("the channels are") || diagnostic.message().contains(", not of "),
                    diagnostic.message());
            return;
        }
        Map<String, Long> values = new LinkedHashMap<>(answer.at());
        values.put(at.group(1), Long.parseLong(at.group(2)));
        Description description = parse(text);
        CheckResult result = Checker.check(AcceptedSizes.bind(description, values), "test", false, List.copyOf(values.keySet()), true);
        assertTrue(result.diagnostics().stream().noneMatch(Diagnostic::isError), "accepted at " + values);
        assertTrue(wrongAt(description, claims(text), values).contains(diagnostic.span().line()), diagnostic.message());
    }

    /** Each asserted line's formula text. */
    private static Map<Integer, String> claims(String text) {
        Map<Integer, String> claims = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int arrow = lines[i].indexOf("=> ");
            if (arrow >= 0) {
                claims.put(i + 1, lines[i].substring(arrow + 3).replaceAll("([A-Z])x([A-Z])x", "$1 x $2 x "));
            }
        }
        return claims;
    }

    /** samples/unet.cnn with input HxWx1, each assertion replaced by its formula (left out where none is given). */
    private static String unet(Map<String, String> formulas) throws IOException {
        String text = Files.readString(Path.of("samples/unet.cnn")).replace("input 128x128x1\n", "input HxWx1\n");
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            Matcher m = Pattern.compile("=> ([0-9x]+)$").matcher(line);
            if (m.find()) {
                String formula = formulas.get(m.group(1));
                line = formula == null ? line.substring(0, m.start()).stripTrailing() : line.substring(0, m.start()) + "=> " + formula;
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** The claims the checker reads at 8 x 8 (accepted). */
    private static List<cnnc.check.AssertedFormula> readClaims(String text) {
        return Checker.check(AcceptedSizes.bind(parse(text), Map.of("H", 8L, "W", 8L)), "unet", false, List.of("H", "W"),
                false).claims();
    }

    private static Description parse(String text) {
        return DescriptionParser.parse(new SourceFile("test", text)).description();
    }
}
