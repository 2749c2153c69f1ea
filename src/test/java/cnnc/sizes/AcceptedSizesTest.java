package cnnc.sizes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.ast.Description;
import cnnc.check.CheckResult;
import cnnc.check.CheckedLayer;
import cnnc.check.Checker;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.parse.DescriptionParser;
import cnnc.source.SourceFile;
import cnnc.testing.RandomModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/**
 * Every statement of the accepted sizes, and every formula, against the concrete checker run at every
 * size from 1 to {@link #RANGE} of each variable, the others held at a size the model accepts (the axes are
 * independent: every rule acts on one axis, and the analysis reports a layer that mixes them rather than
 * state anything). The formulas are read back by the evaluator below, written for this test, which knows
 * nothing of {@link SizeFunction}: it computes with exact fractions, so a "/" outside floor and ceil must
 * come out whole at every accepted size.
 */
class AcceptedSizesTest {
    private static final int RANGE = 512;
    /**
     * The larger zoo models' H, and ResNet50's W (the same rules as its H), are checked at 1 to 96 and then
     * every 13th size to 512: a check of ResNet50 takes about 10 ms, and every size of every variable of
     * every zoo model took over a minute on two cores.
     */
    private static final LongPredicate SAMPLED = x -> x <= 96 || x % 13 == 0;

    /**
     * samples/unet.cnn with input HxWx1. By hand: three 2x2 poolings (floor(n/2) each) take H to floor(H/2),
     * floor(H/4), floor(H/8); the third needs floor(H/4) >= 2, so H >= 8. Each decoder step doubles
     * (deconv /2 same: 2n) and joins the skip of the level above, of size s: 2*floor(s/2) = s only
     * when s is even, for s = floor(H/4), floor(H/2) and H. All three even is H a multiple of 8; so H is
     * accepted exactly when it is a multiple of 8 (8, 16, 24, ...), and the same for W.
     */
    @Test
    void unetAcceptsMultiplesOfEight() throws IOException {
        String text = variables("samples/unet.cnn", "128x128x1", "HxWx1");
        AcceptedSizes.Answer answer = proven(text, Map.of("H", x -> x % 8 == 0, "W", x -> x % 8 == 0));
        assertEquals("a multiple of 8", answer.variables().get(0).accepted().describe("H"));
        assertEquals("a multiple of 8", answer.variables().get(1).accepted().describe("W"));
        // the deepest rows by hand: three halvings, then back up
        assertEquals("H/8 x W/8 x 256", row(answer, "twice4.conv2").shape());
        assertEquals("H x W x 1", row(answer, "conv1").shape());
        // 3x3 x 32 x 64 weights per position: 18,432 MACs at each of (H/2)(W/2)
        assertEquals("18432*H/2*W/2", row(answer, "twice2.conv1").macs());
    }

    /**
     * A U-Net of four 2x2 poolings, as the issue states it: H and W multiples of 16 (the same argument as
     * above, one level deeper: floor(H/8) >= 2 and H, floor(H/2), floor(H/4), floor(H/8) even).
     */
    @Test
    void fourPoolingsMakeMultiplesOfSixteen() {
        String text = """
                input HxWx3
                block twice(f) { conv f@3 same relu; conv f@3 same relu }
                block up(f, skip) { deconv f@2 /2 same; concat { identity | from skip }; twice(f) }
                twice(16) as e1; maxpool 2
                twice(32) as e2; maxpool 2
                twice(64) as e3; maxpool 2
                twice(128) as e4; maxpool 2
                twice(256)
                up(128, skip=e4)
                up(64, skip=e3)
                up(32, skip=e2)
                up(16, skip=e1)
                conv 2@1 softmax
                """;
        AcceptedSizes.Answer answer = proven(text, Map.of("H", x -> x % 16 == 0, "W", x -> x % 16 == 0));
        assertEquals("a multiple of 16", answer.variables().get(0).accepted().describe("H"));
    }

    /**
     * ResNet50 (samples/zoo/resnet50.cnn without its assertions). By hand: zeropad 3 and the 7x7 /2 give
     * floor((H + 6 - 7)/2) + 1 = ceil(H/2) >= 1; zeropad 1 and the 3x3 /2 pooling ceil(ceil(H/2)/2) =
     * ceil(H/4); each stage's first block halves with 1x1 /2 convolutions, floor((n - 1)/2) + 1 = ceil(n/2),
     * and its residual's 3x3 is "same": no size is ever below 1 or unequal to its shortcut's. So every
     * H >= 1 is accepted, and the last stage is ceil(H/32). (keras.applications.ResNet50 refuses inputs
     * below 32 by a check of its own, obtain_input_shape's min_size, not because a layer cannot take them.)
     */
    @Test
    void resnet50AcceptsEverySize() throws IOException {
        String text = variables("samples/zoo/resnet50.cnn", "224x224x3", "HxWx3");
        AcceptedSizes.Answer answer = AcceptedSizes.analyze(parse(text), "resnet50", new SourceFile("r", text));
        proveVariable(text, answer, answer.variables().get(0), x -> true, x -> true);
        proveVariable(text, answer, answer.variables().get(1), x -> true, SAMPLED);
        assertEquals("any", answer.variables().get(0).accepted().describe("H"));
        assertEquals("any", answer.variables().get(1).accepted().describe("W"));
        assertEquals("ceil(H/32) x ceil(W/32) x 2048", row(answer, "stage4.keep2.relu1").shape());
        assertEquals("ceil(H/2) x ceil(W/2) x 64", row(answer, "conv1").shape());
    }

    /** The other zoo models, H only over the whole range (their W is the same rule; ResNet50 and the U-Net check both). */
    @Test
    void zooModels() throws IOException {
        for (String name : List.of("vgg16", "mobilenetv2", "densenet121", "inceptionv3", "efficientnetb0",
                "convnexttiny", "mobilenetv3small")) {
            String path = "samples/zoo/" + name + ".cnn";
            String input = Files.readString(Path.of(path)).replaceAll("(?s).*?\\ninput ([0-9x]+)\\n.*", "$1");
            String text = variables(path, input, "HxW" + input.substring(input.lastIndexOf('x')));
            AcceptedSizes.Answer answer = AcceptedSizes.analyze(parse(text), name, new SourceFile(name, text));
            assertTrue(answer.isStated(), name + ": " + answer.problems());
            proveVariable(text, answer, answer.variables().get(0), name.equals("vgg16") ? x -> x >= 32 : null, SAMPLED);
            if (name.equals("vgg16")) {
                // five valid 2x2 poolings: floor(H/32) >= 1; the first dense layer reads 512 channels at each position
                assertEquals("at least 32", answer.variables().get(0).accepted().describe("H"));
                assertEquals("4096*(floor(H/32)*floor(W/32)*512) + 4096", row(answer, "dense1").params());
            }
        }
    }

    /** NASNet reads in.h and in.w (its padding depends on the sizes' parity): nothing is stated, W0510 says why. */
    @Test
    void sizesReadByExpressionsAreNotGuessed() throws IOException {
        String text = variables("samples/zoo/nasnetmobile.cnn", "224x224x3", "HxWx3");
        AcceptedSizes.Answer answer = AcceptedSizes.analyze(parse(text), "nasnet", new SourceFile("n", text));
        assertFalse(answer.isStated());
        assertEquals(Code.W0510, answer.problems().get(0).code());
    }

    @Test
    void randomModels() {
        RandomModels random = new RandomModels(28);
        List<String> models = new ArrayList<>(random.generate(12, c -> c.model().input() instanceof Shape.Grid));
        models.addAll(random.generateGraphs(12, c -> c.model().input() instanceof Shape.Grid));
        int stated = 0;
        for (String model : models) {
            String text = model.replaceFirst("input (\\d+)x(\\d+)x(\\d+)x(\\d+)\\n", "input DxHxWx$4\n")
                    .replaceFirst("input (\\d+)x(\\d+)x(\\d+)\\n", "input HxWx$3\n")
                    .replaceFirst("input (\\d+)x(\\d+)\\n", "input Lx$2\n");
            AcceptedSizes.Answer answer = AcceptedSizes.analyze(parse(text), "random", new SourceFile("r", text));
            if (!answer.isStated()) {
                assertFalse(answer.problems().isEmpty(), text);
                continue;
            }
            stated++;
            for (AcceptedSizes.Variable variable : answer.variables()) {
                proveVariable(text, answer, variable, null, x -> true);
            }
        }
        assertTrue(stated >= 20, "stated for " + stated + " of " + models.size());
    }

    /** {@code input HxHx1}: one variable on two axes, the sizes both axes accept. */
    @Test
    void oneVariableOnTwoAxes() {
        String text = "input HxHx1\nconv 4@3 /2\nmaxpool 2\ncrop 0 1 0 0\nconv 2@1\n";
        // by hand: floor((H - 3)/2) + 1 = floor((H - 1)/2) >= 2 for the pooling, floor(that/2) = floor((H - 1)/4),
        // which is ceil(H/4) - 1 (H = 4k + r: k - 1 for r = 0, k for r = 1, 2, 3); the crop takes a row off the
        // height only: ceil(H/4) - 2 >= 1, so H >= 9
        AcceptedSizes.Answer answer = proven(text, Map.of("H", x -> x >= 9));
        assertEquals("at least 9", answer.variables().get(0).accepted().describe("H"));
        assertEquals("ceil(H/4) - 2 x ceil(H/4) - 1 x 4", row(answer, "crop1").shape());
    }

    /**
     * Conditions that differ per axis, which no size with H = W meets. By hand: the 2x1 pooling and the 2x1
     * upsampling give 2*floor(H/2) rows, which the first concat joins with the H rows of 'a': H even (and
     * H >= 2 for the pooling's window). The 1x2 "same" pooling and the 1x2 upsampling give 2*ceil(W/2)
     * columns, which the second concat joins with W + 1 (a column of zeros on the right): W odd. So the
     * smallest sizes are H = 2, W = 1, and every pair of sizes is accepted exactly when H is even and W odd,
     * checked here at every pair from 1 to 40 as well as each variable from 1 to 512.
     */
    @Test
    void conditionsThatDifferPerAxis() {
        String text = """
                input HxWx1
                conv 4@1 as a
                maxpool 2x1; upsample 2x1
                concat { identity | from a } as b
                maxpool 1x2 same; upsample 1x2
                concat { identity | from b; zeropad 0 0 0 1 }
                conv 2@1
                """;
        AcceptedSizes.Answer answer = proven(text, Map.of("H", x -> x % 2 == 0, "W", x -> x % 2 == 1));
        assertEquals(Map.of("H", 2L, "W", 1L), answer.at());
        assertEquals("a multiple of 2", answer.variables().get(0).accepted().describe("H"));
        Description description = parse(text);
        for (long h = 1; h <= 40; h++) {
            for (long w = 1; w <= 40; w++) {
                Map<String, Long> values = Map.of("H", h, "W", w);
                CheckResult result = Checker.check(AcceptedSizes.bind(description, values), "test", false);
                boolean accepted = result.diagnostics().stream().noneMatch(Diagnostic::isError);
                assertEquals(h % 2 == 0 && w % 2 == 1, accepted, "by hand at " + values);
                assertEquals(answer.variables().get(0).accepted().contains(h)
                        && answer.variables().get(1).accepted().contains(w), accepted, "stated at " + values);
            }
        }
    }

    /** The analysis, and each variable's verdicts against the checker and against {@code expected}, written by hand. */
    private static AcceptedSizes.Answer proven(String text, Map<String, LongPredicate> expected) {
        AcceptedSizes.Answer answer = AcceptedSizes.analyze(parse(text), "test", new SourceFile("test", text));
        assertTrue(answer.isStated(), answer.problems().toString());
        for (AcceptedSizes.Variable variable : answer.variables()) {
            proveVariable(text, answer, variable, expected.get(variable.name()), x -> true);
        }
        return answer;
    }

    private static void proveVariable(String text, AcceptedSizes.Answer answer, AcceptedSizes.Variable variable,
                                      LongPredicate expected, LongPredicate tried) {
        Description description = parse(text);
        // the sizes in parallel: the two cores halve the time
        int checkedFormulas = java.util.stream.LongStream.rangeClosed(1, RANGE).filter(tried).parallel().mapToObj(x -> {
            Map<String, Long> values = new LinkedHashMap<>(answer.at());
            values.put(variable.name(), x);
            CheckResult result = Checker.check(AcceptedSizes.bind(description, values), "test", false);
            boolean accepted = result.diagnostics().stream().noneMatch(Diagnostic::isError);
            assertEquals(accepted, variable.accepted().contains(x), variable.name() + " = " + x + " in\n" + text);
            if (expected != null) {
                assertEquals(expected.test(x), accepted, variable.name() + " = " + x + " by hand");
            }
            return accepted ? formulas(answer, result, values) : 0;
        }).mapToInt(Integer::intValue).sum();
        assertTrue(checkedFormulas > 0 || variable.accepted().isEmpty());
    }

    /** Every row's shape, parameter and MAC formula at these sizes against the checker's figures. */
    private static int formulas(AcceptedSizes.Answer answer, CheckResult result, Map<String, Long> values) {
        int checked = 0;
        for (AcceptedSizes.Row row : answer.rows()) {
            CheckedLayer layer = result.model().layers().get(row.index() - 1);
            List<Long> dims = layer.outputShape().dims();
            String[] parts = row.shape().split(" x ");
            assertEquals(dims.size(), parts.length, row.shape());
            for (int i = 0; i < parts.length; i++) {
                assertEquals(dims.get(i), Formula.value(parts[i], values), row.name() + " " + row.shape() + " at " + values);
            }
            assertEquals(layer.params(), Formula.value(row.params(), values), row.name() + " params " + row.params());
            assertEquals(layer.cost().macs(), Formula.value(row.macs(), values), row.name() + " MACs " + row.macs());
            checked++;
        }
        return checked;
    }

    private static AcceptedSizes.Row row(AcceptedSizes.Answer answer, String name) {
        return answer.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static String variables(String path, String input, String with) throws IOException {
        String text = Files.readString(Path.of(path));
        assertTrue(text.contains("input " + input + "\n"), path);
        return text.replace("input " + input + "\n", "input " + with + "\n").replaceAll("(?m)[ \\t]*=>.*$", "");
    }

    private static Description parse(String text) {
        return DescriptionParser.parse(new SourceFile("test", text)).description();
    }

    /**
     * The formulas' arithmetic in exact fractions: numbers, variables, + - * /, floor( ) and ceil( ),
     * parentheses. A result that is not whole fails the test.
     */
    static final class Formula {
        private final String text;
        private final Map<String, Long> values;
        private int at;

        private Formula(String text, Map<String, Long> values) {
            this.text = text.replace(" ", "");
            this.values = values;
        }

        /** The value, or none where it is not whole. */
        static java.util.OptionalLong whole(String text, Map<String, Long> values) {
            Formula formula = new Formula(text, values);
            long[] v = formula.sum();
            assertEquals(formula.text.length(), formula.at, "read all of " + text);
            return v[0] % v[1] == 0 ? java.util.OptionalLong.of(v[0] / v[1]) : java.util.OptionalLong.empty();
        }

        static long value(String text, Map<String, Long> values) {
            Formula formula = new Formula(text, values);
            long[] v = formula.sum();
            assertEquals(formula.text.length(), formula.at, "read all of " + text);
            assertEquals(0, v[0] % v[1], text + " is not whole at " + values);
            return v[0] / v[1];
        }

        private long[] sum() {
            long[] v = product();
            while (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                char op = text.charAt(at++);
                long[] w = product();
                v = reduce(op == '+' ? v[0] * w[1] + w[0] * v[1] : v[0] * w[1] - w[0] * v[1], v[1] * w[1]);
            }
            return v;
        }

        private long[] product() {
            long[] v = primary();
            while (at < text.length() && (text.charAt(at) == '*' || text.charAt(at) == '/')) {
                char op = text.charAt(at++);
                long[] w = primary();
                v = op == '*' ? reduce(v[0] * w[0], v[1] * w[1]) : reduce(v[0] * w[1], v[1] * w[0]);
            }
            return v;
        }

        private long[] primary() {
            if (text.startsWith("floor(", at) || text.startsWith("ceil(", at)) {
                boolean floor = text.startsWith("floor(", at);
                at += floor ? 6 : 5;
                long[] v = sum();
                at++; // ')'
                return new long[] {floor ? Math.floorDiv(v[0], v[1]) : -Math.floorDiv(-v[0], v[1]), 1};
            }
            if (text.charAt(at) == '(') {
                at++;
                long[] v = sum();
                at++;
                return v;
            }
            int start = at;
            while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                at++;
            }
            String word = text.substring(start, at);
            assertTrue(Character.isDigit(word.charAt(0)) || values.containsKey(word), "'" + word + "' in " + text);
            return new long[] {Character.isDigit(word.charAt(0)) ? Long.parseLong(word) : values.get(word), 1};
        }

        private static long[] reduce(long n, long d) {
            long g = SizeFunction.gcd(n, d);
            g = g == 0 ? 1 : g;
            return d < 0 ? new long[] {-n / g, -d / g} : new long[] {n / g, d / g};
        }
    }
}
