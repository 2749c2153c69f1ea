package cnnc.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.FunctionKind;
import cnnc.backend.dl4j.Dl4jBackend;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.torch.TorchBackend;
import cnnc.source.SourceFile;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A block's sizes with decimals and functions, which the Python backends write as Python expressions
 * of the block's parameters where Python's doubles give cnnc's exact value, and as values where they
 * do not. That the written code builds the model is the conformance suites' and TimmModelsTest's; the
 * tie below is run in torch by TorchConformanceTest.
 */
public class PythonExpressionsTest {
    /**
     * 3 x 0.8 + 0.1 is 2.5 exactly, which cnnc rounds to the even 2; in doubles 0.8 is a little above
     * 0.8 and the sum is 2.5000000000000004, which Python's round makes 3. 5 x 0.8 + 0.1 is 4.1 either way.
     */
    public static final String TIE = """
            input 8x8x1
            block b(f) { conv round(f*0.8 + 0.1)@1 }
            b(3)
            b(5)
            """;

    /** A use of each function in a block's size, with the Python the backends write for it. */
    private static final Map<FunctionKind, String[]> EXAMPLES = Map.of(
            FunctionKind.MIN, new String[] {"min(f, 24)", "min(f, 24)"},
            FunctionKind.MAX, new String[] {"max(f, in.c)", "max(f, in_channels)"},
            FunctionKind.ROUND, new String[] {"round(f*1.5)", "round(f * 1.5)"},
            FunctionKind.DIVISIBLE, new String[] {"divisible(f*0.25, 8)", "make_divisible(f * 0.25, 8)"},
            // a list's length is a number in the block's code, which is written branch by branch
            FunctionKind.LEN, new String[] {"f*len(ks)", "f * 2"});

    @Test
    void everyFunctionIsWrittenInPython() {
        for (FunctionKind kind : FunctionKind.values()) {
            if (kind.inAssertionsOnly()) {
                Compilation refused = Compiler.compile(new SourceFile("b.cnn",
                        "input 8x8x16\nblock b(f) { conv " + kind.word() + "(f/3)@1 }\nb(40)\n"));
                assertTrue(refused.diagnostics().stream().anyMatch(d -> d.code() == cnnc.diag.Code.E0803),
                        kind + " is refused in a block's size:\n" + refused.diagnostics());
                continue;
            }
            String[] example = EXAMPLES.get(kind);
            assertTrue(example != null, kind + " was added to FunctionKind: write it in ExprText.call and compute it in "
                    + "PythonArithmetic.call as Python does, then give it an example here");
            Compilation compilation = compile("input 8x8x16\nblock b(f, ks) { conv " + example[0] + "@1 }\nb(40, [3, 5])\nb(48, [3, 5])\n");
            String torch = TorchBackend.generate(compilation).python().orElseThrow();
            String keras = KerasBackend.generate(compilation).python().orElseThrow();
            assertTrue(torch.contains("nn.Conv2d(in_channels, " + example[1] + ", 1)"), kind + ":\n" + torch);
            assertTrue(keras.contains("layers.Conv2D(" + example[1] + ", 1, "), kind + ":\n" + keras);
            assertEquals(1, count(torch, "\nclass B"), kind + ": one class serves both uses:\n" + torch);
            assertEquals(kind == FunctionKind.DIVISIBLE, torch.contains("\ndef make_divisible("), kind + ": the helper, where it is used");
            assertEquals(kind == FunctionKind.DIVISIBLE, keras.contains("\ndef make_divisible("), kind + ": the helper, where it is used");
        }
    }

    @Test
    void aTieThatPythonsDoublesRoundOtherwiseIsWrittenAsItsValue() {
        Compilation compilation = compile(TIE);
        assertEquals(java.util.List.of(2L, 4L), compilation.model().layers().stream()
                .map(layer -> layer.outputShape().dims().get(2)).toList(), "cnnc's exact values, a half to the even 2");
        String torch = TorchBackend.generate(compilation).python().orElseThrow();
        assertTrue(torch.contains("class B(nn.Module):"), torch);
        assertTrue(torch.contains("class B2(nn.Module):"), torch);
        assertTrue(torch.contains("nn.Conv2d(in_channels, 2, 1)"), "b(3) written with its value:\n" + torch);
        assertTrue(torch.contains("nn.Conv2d(in_channels, round(f * 0.8 + 0.1), 1)"), "b(5) as the block writes it:\n" + torch);
        String keras = KerasBackend.generate(compilation).python().orElseThrow();
        assertTrue(keras.contains("layers.Conv2D(2, 1, "), keras);
        assertTrue(keras.contains("layers.Conv2D(round(f * 0.8 + 0.1), 1, "), keras);
    }

    /** A list is not a parameter of the Python code (its branches are written out): its length at a call is a number. */
    @Test
    void aListsLengthInAnArgumentIsItsNumber() {
        Compilation compilation = compile("input 8x8x4\nblock tap(f, k) { conv f@k pad (k/2) nobias }\n"
                + "block mix(ks, f) { concat for i, k in ks { split len(ks) take i; tap(f/len(ks), k) } }\nmix([1, 3], 12)\n");
        String torch = TorchBackend.generate(compilation).python().orElseThrow();
        assertEquals(2, count(torch, "(in_channels // 2, f // 2, "), torch);
        String keras = KerasBackend.generate(compilation).python().orElseThrow();
        assertEquals(2, count(keras, ", f // 2, "), keras);
        // the description's len(ks) is written as its number (the Keras module's own Split class reads its list's
        // length, len(self.parts), in its code, which is no expression of the description)
        assertFalse(torch.contains("len(") || keras.replace("len(self.parts)", "").contains("len("), torch + keras);
    }

    @Test
    void pythonArithmeticIsPythons() {
        PythonArithmetic python = new PythonArithmetic(Map.of(), null);
        // 3 * 0.8 + 0.1 in doubles (Python prints 2.5000000000000004), and Python's round of it
        assertEquals(2.5000000000000004, python.value(expression("3*0.8 + 0.1")));
        assertEquals(3L, python.value(expression("round(3*0.8 + 0.1)")));
        assertEquals(2L, python.value(expression("round(2.5)")), "a half to the even number");
        assertEquals(-4L, python.value(expression("(0 - 7)/2")), "// rounds down");
        // Python: 7.5 // 2 == 3.0 (cnnc's / of a decimal divides; ExprText writes it /), -7.5 % 2 == 0.5,
        // make_divisible(13.5, 8) == 16, make_divisible(10, 8) == 16 (8 is below 0.9 x 10)
        assertEquals(3.75, python.value(expression("7.5/2")));
        assertEquals(0.5, python.value(expression("(0 - 7.5) % 2")));
        assertEquals(16L, python.value(expression("divisible(13.5, 8)")));
        assertEquals(16L, python.value(expression("divisible(10, 8)")));
        assertEquals(8L, python.value(expression("divisible(10, 8, 0, 0.5)")));
        assertEquals(2.5, python.value(expression("min(3, 2.5)")));
        assertEquals(3L, python.value(expression("max(3, 3.0)")), "the first of equals, as Python's max");
    }

    @Test
    void dl4jWritesTheValueOfADecimalOrAFunction() {
        // DL4J keeps a method per value: Java's arithmetic would need its own checks and helpers
        String java = Dl4jBackend.generate(compile(TIE), new cnnc.backend.dl4j.JavaClassName("", "Tie")).javaSource().orElseThrow();
        assertFalse(java.contains("0.8"), java);
    }

    /** An expression as the parser reads it: a parameter's default, in a file that does not use the block. */
    private static cnnc.ast.Expr expression(String text) {
        Compilation compilation = compile("input 8x8x1\nblock b(g=(" + text + ")) { identity }\ndense 1\n");
        return compilation.syntax().blocks().get(0).params().get(0).defaultValue();
    }

    private static Compilation compile(String text) {
        Compilation compilation = Compiler.compile(new SourceFile("test.cnn", text));
        assertFalse(compilation.hasErrors(), () -> compilation.diagnostics().toString());
        return compilation;
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
