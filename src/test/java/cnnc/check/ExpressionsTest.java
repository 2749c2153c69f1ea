package cnnc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.Layer;
import cnnc.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The functions and decimals of expressions, and the file's defaults, against values worked out by
 * hand here: timm's make_divisible and Python's round, step by step, in each comment.
 */
class ExpressionsTest {

    /** The filters of each conv of a model whose convs write one expression each, on a 4x4x8 input. */
    private static List<Long> filters(String... convs) {
        StringBuilder text = new StringBuilder("input 4x4x8\n");
        for (String conv : convs) {
            text.append("conv ").append(conv).append("@1\n");
        }
        Compilation compilation = Compiler.compile(new SourceFile("t.cnn", text.toString()));
        assertFalse(compilation.hasErrors(), () -> compilation.diagnostics().toString());
        return compilation.model().layers().stream().map(l -> ((Shape.Grid) l.outputShape()).channels()).toList();
    }

    @Test
    void divisibleIsTimmsMakeDivisible() {
        assertEquals(List.of(
                        24L, // 72 * 0.25 = 18; int(18 + 8/2) = 22; 22 // 8 * 8 = 16; 16 < 0.9 * 18 = 16.2, so 16 + 8
                        32L, // 120 * 0.25 = 30; int(30 + 4) = 34; 34 // 8 * 8 = 32; 32 >= 27
                        16L, // 16 * 1.0 = 16.0; int(16.0 + 4) = 20; 20 // 8 * 8 = 16; 16 >= 14.4
                        64L, // 67.5: int(67.5 + 4) = 71; 71 // 8 * 8 = 64; round_limit 0: no 90 % rule
                        12L, // min_value 12: max(12, int(5 + 4) // 8 * 8 = 8) = 12
                        40L), // int(37 + 4/2) = 39; 39 // 4 * 4 = 36; 36 >= 0.9 * 37 = 33.3; then 36 + 4
                filters("divisible(72 * 0.25, 8)", "divisible(120 * 0.25, 8)", "divisible(16 * 1.0, 8)",
                        "divisible(67.5, 8, 0, 0)", "divisible(5, 8, 12)", "divisible(37, 4) + 4"));
    }

    @Test
    void roundIsPythonsRoundAndMinMaxPickOne() {
        assertEquals(List.of(
                        38L, // ReXNet's fourth width: round(16 + 2 * 11.25) = round(38.5) = 38, a half to the even one
                        50L, // round(16 + 3 * 11.25) = round(49.75) = 50
                        3L, // round(2.5) = 2 (even), + 1
                        7L, // min(7, 9)
                        9L, // max(7, 9)
                        5L), // 10 / 3 = 3 (rounding down, whole numbers) + 2
                filters("round(16 + 2 * 11.25)", "round(16 + 3 * 11.25)", "round(2.5) + 1", "min(7, 9)", "max(7, 9)",
                        "10 / 3 + 2"));
    }

    @Test
    void aDecimalBlockParameterTakesPartInExpressions() {
        Compilation compilation = Compiler.compile(new SourceFile("t.cnn", """
                input 4x4x96
                block se(c, ratio=0.25) { conv divisible(c * ratio, 8)@1 relu; conv c@1 hardsigmoid }
                se(96)
                """));
        assertFalse(compilation.hasErrors(), () -> compilation.diagnostics().toString());
        // 96 * 0.25 = 24; int(24 + 4) = 28; 28 // 8 * 8 = 24; 24 >= 21.6
        assertEquals(24, ((Shape.Grid) compilation.model().layers().get(0).outputShape()).channels());
    }

    @Test
    void theDefaultsReachEveryBatchNormWithoutItsOwnValues() {
        Compilation compilation = Compiler.compile(new SourceFile("t.cnn", """
                defaults torch bn momentum 0.2
                input 4x4x3
                block b() { bn }
                b
                bn eps 0.001
                gap
                ln
                """));
        assertFalse(compilation.hasErrors(), () -> compilation.diagnostics().toString());
        List<Layer> layers = compilation.model().layers().stream().map(CheckedLayer::layer).toList();
        Layer.BatchNorm inBlock = (Layer.BatchNorm) layers.get(0);
        assertEquals(List.of("0.00001", "0.2", "0.8"), List.of(inBlock.epsilon(), inBlock.momentum(), inBlock.keepRate()));
        Layer.BatchNorm written = (Layer.BatchNorm) layers.get(1);
        assertEquals(List.of("0.001", "0.2"), List.of(written.epsilon(), written.momentum()));
        assertEquals("0.00001", ((Layer.LayerNorm) layers.get(3)).epsilon());
    }
}
