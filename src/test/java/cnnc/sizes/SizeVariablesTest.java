package cnnc.sizes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.analysis.Options;
import cnnc.ast.Expr;
import cnnc.ast.Input;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.parse.DescriptionParser;
import cnnc.parse.ParseResult;
import cnnc.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Size variables as written in the input, and what the compiler does with them. */
class SizeVariablesTest {

    @Test
    void compactFormsSplitIntoNumbersAndVariables() {
        assertEquals(List.of("H", "W", "3"), dims("input HxWx3"));
        assertEquals(List.of("L", "1"), dims("input Lx1"));
        assertEquals(List.of("D", "H", "W", "3"), dims("input DxHxWx3"));
        assertEquals(List.of("224", "W", "3"), dims("input 224xWx3"));
        assertEquals(List.of("16", "112", "W", "3"), dims("input 16x112xWx3"));
        assertEquals(List.of("height", "width", "3"), dims("input height x width x 3"));
        assertEquals(List.of("28", "28", "1"), dims("input 28x28x1"));
    }

    @Test
    void theSameLetterTwiceIsOneVariable() {
        Input input = input("input HxHx1");
        assertEquals(List.of("H"), input.variables());
    }

    @Test
    void eachVariableHasItsOwnPlace() {
        Input input = input("input 224xWx3");
        Expr.Ref w = (Expr.Ref) input.dims().get(1);
        assertEquals(11, w.span().column()); // "input 224x" is 10 characters
        assertEquals(1, w.span().length());
    }

    @Test
    void aWordAfterTheSizesIsStillASyntaxError() {
        ParseResult parsed = DescriptionParser.parse(new SourceFile("t", "input 28x28x1 foo\nconv 8@3\n"));
        assertEquals(Code.E0100, parsed.diagnostics().get(0).code());
    }

    @Test
    void channelsAreANumber() {
        Compilation compilation = Compiler.compile(new SourceFile("t", "input HxWxC\nconv 8@3\n"));
        assertEquals(List.of(Code.E0800), compilation.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(11, compilation.diagnostics().get(0).span().column());
    }

    @Test
    void aModelWithVariablesIsCheckedAtTheSmallestSizesItAccepts() {
        // conv 3x3 valid then 2x2 pooling: H - 2 >= 2, so H >= 4
        Compilation compilation = Compiler.compile(new SourceFile("t", "input HxWx1\nconv 8@3\nmaxpool 2\n"));
        assertTrue(compilation.diagnostics().isEmpty(), compilation.diagnostics().toString());
        assertEquals("4x4x1", compilation.model().input().toString());
    }

    @Test
    void givenSizesAreChecked() {
        Compilation compilation = Compiler.compile(new SourceFile("t", "input HxWx1\nconv 8@3\nmaxpool 2\n"),
                Options.DEFAULT, Map.of("H", 3L, "W", 10L));
        assertEquals(Code.E0400, compilation.diagnostics().get(0).code());
        assertEquals(3, compilation.diagnostics().get(0).span().line()); // the pooling, on a 1x8 input
    }

    /** H even and W odd (by hand: a concat joins 2*floor(H/2) rows with H, another 2*ceil(W/2) columns with W + 1). */
    @Test
    void eachVariableGetsItsOwnSmallestSize() {
        Compilation compilation = Compiler.compile(new SourceFile("t", "input HxWx1\nconv 4@1 as a\n"
                + "maxpool 2x1; upsample 2x1\nconcat { identity | from a } as b\nmaxpool 1x2 same; upsample 1x2\n"
                + "concat { identity | from b; zeropad 0 0 0 1 }\n"));
        assertTrue(compilation.diagnostics().isEmpty(), compilation.diagnostics().toString());
        assertEquals("2x1x1", compilation.model().input().toString());
    }

    @Test
    void noSizeAcceptedOfTwoVariablesIsE0801() {
        Compilation compilation = Compiler.compile(new SourceFile("t", "input HxWx1\nconv 8@3\nreshape 5\n"));
        assertEquals(Code.E0801, compilation.diagnostics().get(0).code());
    }

    @Test
    void noSizeAcceptedIsE0801() {
        Compilation compilation = Compiler.compile(new SourceFile("t", "input Hx1\nconv 8@3\nreshape 5\n"));
        assertEquals(Code.E0801, compilation.diagnostics().get(0).code());
    }

    @Test
    void theFormatterKeepsSizesTogether() {
        for (String input : List.of("input 224xWx3\n", "input HxWx3\n", "input 16x112xWx3\n")) {
            assertEquals(input, cnnc.format.Formatter.format(new SourceFile("t", input)).text().orElseThrow());
        }
    }

    private static Input input(String text) {
        return AcceptedSizes.input(DescriptionParser.parse(new SourceFile("t", text + "\n")).description()).orElseThrow();
    }

    private static List<String> dims(String text) {
        return input(text).dims().stream()
                .map(d -> d instanceof Expr.Ref ref ? ref.name() : Long.toString(d.value())).toList();
    }
}
