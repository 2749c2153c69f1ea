package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.report.Column;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.TextReport;
import cnnc.diag.Diagnostic;
import cnnc.diag.DiagnosticRenderer;
import cnnc.source.SourceFile;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reproducers of issue 13, as a hostile user wrote them: each ends in a diagnostic at its place,
 * quickly, where it used to hang, take quadratic time or overflow the stack. Times are generous bounds
 * for a loaded 2-core machine; the cases took seconds to minutes, or never ended, before.
 */
class HostileInputTest {
    private static final Duration QUICK = Duration.ofSeconds(5);

    @Test
    void statementsWithoutLayersRepeatedWithoutEndStopAtTheStepLimit() {
        for (String text : List.of("input 4\nidentity x9223372036854775807\n",
                "input 4\nblock e() { }\ne x9223372036854775807\n",
                "input 4\nblock b() { conv @ }\nb x9223372036854775807\n",
                "input 4\ndense q x9223372036854775807\n")) {
            Compilation compilation = quickly(text);
            Diagnostic limit = only(compilation, "E0710");
            assertTrue(limit.message().contains("more than 200,000 statements"), limit.message());
            int last = text.lines().toList().size();
            // at the repeated statement, or inside the block it uses, with a note at the repetition
            assertTrue(limit.span().line() == last || limit.notes().stream().anyMatch(n -> n.span().line() == last), text);
        }
    }

    @Test
    void anUnknownLayerRepeatedIsReportedOnceWithoutASuggestionSearchPerRepetition() {
        Compilation compilation = quickly("input 4\nfoo x1000000\n");
        assertEquals(List.of("E0200", "E0710"), codes(compilation));
        assertEquals(2, only(compilation, "E0200").span().line());
    }

    @Test
    void rowsStopAtTwentyThousand() {
        Compilation atLimit = quickly("input 4\nrelu x20000\n");
        assertFalse(atLimit.hasErrors());
        assertEquals(20_000, atLimit.model().layers().size());
        Compilation beyond = quickly("input 4\nblock r() { relu }\nr x20001\n");
        assertTrue(only(beyond, "E0710").message().contains("more than 20,000 layers"));
    }

    @Test
    void blockSubtotalsOfTheTextReportTakeOnePass() {
        // the report of 19,000 top-level block instances, each closed by a subtotal row, used to take minutes
        Compilation compilation = quickly("input 4\nblock r() { relu }\nr x19000\n");
        String report = assertTimeoutPreemptively(QUICK, () -> TextReport.render(compilation, Column.DEFAULT));
        assertEquals(19_000, report.lines().filter(l -> l.contains("subtotal")).count());
    }

    @Test
    void deeplyNestedMergesAreReportedAtTheLevelBeyondTheLimitWithoutParsing() {
        int depth = 8_000;
        String text = "input 4x4x1\n" + "add { ".repeat(depth) + "relu" + " | identity }".repeat(depth) + "\n";
        Diagnostic nested = only(quickly(text), "E0104");
        assertEquals(2, nested.span().line());
        assertEquals("add { ".length() * 64 + 5, nested.span().column(), "at the 65th '{'");
    }

    @Test
    void deepParenthesesAndLongExpressionsAreReportedWhereTheyPassTheLimit() {
        Diagnostic parentheses = only(quickly("input 8\ndense " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n"),
                "E0104");
        assertEquals("dense ".length() + 65, parentheses.span().column());
        Diagnostic operators = only(quickly("input 8\ndense " + "1+".repeat(10_000) + "1\n"), "E0104");
        assertEquals("dense ".length() + "1+".length() * 257, operators.span().column(), "at the 257th '+'");
    }

    @Test
    void blocksUsingBlocksMoreThanSixtyFourDeepAreReportedAtTheCall() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("block b").append(i).append("() { b").append(i + 1).append(" }\n");
        }
        text.append("block b100() { relu }\ninput 4\nb0\n");
        Diagnostic deep = only(quickly(text.toString()), "E0710");
        assertEquals(64, deep.span().line(), "b63's body uses b64 inside 64 blocks, b0 to b63");
        assertTrue(deep.message().contains("nest more than 64 deep"), deep.message());
    }

    @Test
    void aHugeWordIsQuotedByItsLengthOnly() {
        String word = "a".repeat(10_000_000);
        Compilation compilation = quickly("input 4\n" + word + "\n");
        Diagnostic tooLong = only(compilation, "E0104");
        assertTrue(tooLong.message().contains("10,000,000 characters"), tooLong.message());
        String rendered = DiagnosticRenderer.render(compilation.source(), tooLong);
        assertTrue(rendered.length() < 1_000, "a bounded message, not the word: " + rendered.length() + " characters");
    }

    @Test
    void floorDivisionOfTheSmallestNumberByMinusOneOverflows() {
        Compilation compilation = quickly("input 4\ndense (0 - 9223372036854775807 - 1) / (0 - 1)\n");
        assertTrue(only(compilation, "E0708").message().contains("overflows 64 bits"));
    }

    @Test
    void oneStraySymbolDoesNotHideTheDiagnosticsAfterIt() {
        Compilation compilation = quickly("input 4\n@ dense 2\ndense 0\nfoo 3\n");
        assertEquals(List.of("E0100", "E0403", "E0200"), codes(compilation));
        assertEquals(List.of(2, 3, 4), compilation.diagnostics().stream().map(d -> d.span().line()).toList());
    }

    @Test
    void controlCharactersInTheModelNameAreEscapedInTheTextReport() {
        Compilation compilation = quickly("model \"\u001b[31mred\u0007\"\ninput 4\ndense 2\n");
        assertFalse(compilation.hasErrors(), compilation.diagnostics().toString());
        String report = TextReport.render(compilation, EnumSet.allOf(Column.class));
        assertTrue(report.startsWith("model \\u{1b}[31mred\\u{7}: 1 layer"), report);
        assertTrue(report.chars().noneMatch(c -> c < 0x20 && c != '\n'), report);
        assertTrue(JsonReport.render(compilation).contains("\"model\": \"\\u001b[31mred\\u0007\""));
    }

    /**
     * Columns count characters (code points), not UTF-16 units: an emoji before a mistake counts one.
     * The caret lines up by the cells characters take on a terminal: two for a wide one.
     */
    @Test
    void columnsCountCharactersAndTheCaretFollowsTheirWidth() {
        String line = "model \"\u4e2d\ud83d\ude00\"; dense 0";
        Compilation compilation = quickly("input 4\n" + line + "\n");
        Diagnostic zero = only(compilation, "E0403");
        // m o d e l ' ' " \u4e2d \ud83d\ude00 " ; ' ' d e n s e ' ': 18 characters before the 0
        assertEquals(19, zero.span().column());
        assertEquals(line.codePointCount(0, line.indexOf('0')) + 1, zero.span().column());
        List<String> rendered = DiagnosticRenderer.render(compilation.source(), zero).lines().toList();
        assertTrue(rendered.get(0).startsWith("hostile.cnn:2:19: error[E0403]"), rendered.get(0));
        assertEquals(" 2 | " + line, rendered.get(1));
        // 16 narrow characters and 2 wide ones (the CJK character and the emoji): 20 cells before the caret
        assertEquals("   | " + " ".repeat(20) + "^", rendered.get(2));
    }

    /** A 100,000-character model name made Java that javac refused ("constant string too long"). */
    @Test
    void aHugeModelNameIsBeyondTheTokenLimit() {
        Diagnostic name = only(quickly("model \"" + "n".repeat(100_000) + "\"\ninput 4\n"), "E0104");
        assertEquals(1, name.span().line());
        assertEquals("model ".length() + 1, name.span().column());
    }

    /**
     * Block paths a few kilobytes long on every one of 16,384 layers (14 levels of blocks with
     * 200-character names, each used twice), from a 3 KB description: the JSON report is streamed.
     */
    @Test
    void longBlockPathsOnManyLayersAreStreamedInTime() {
        StringBuilder text = new StringBuilder();
        for (int level = 0; level < 14; level++) {
            String name = "b" + level + "_" + "n".repeat(200);
            String inner = level == 13 ? "relu" : "b" + (level + 1) + "_" + "n".repeat(200) + " x2";
            text.append("block ").append(name).append("() { ").append(inner).append(" }\n");
        }
        text.append("input 4\nb0_").append("n".repeat(200)).append(" x2\n");
        Compilation compilation = quickly(text.toString());
        assertFalse(compilation.hasErrors(), compilation.diagnostics().toString());
        assertEquals(1 << 14, compilation.model().layers().size(), "2^14 relus: two uses at each of 14 levels");
        long[] written = new long[1];
        java.io.Writer counting = new java.io.Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                written[0] += length;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> JsonReport.render(compilation, false,
                new java.io.PrintWriter(counting)));
        assertTrue(written[0] > (1 << 14) * 14L * 200, written[0] + " characters");
    }

    private static Compilation quickly(String text) {
        return assertTimeoutPreemptively(QUICK, () -> Compiler.compile(new SourceFile("hostile.cnn", text)));
    }

    private static Diagnostic only(Compilation compilation, String code) {
        List<Diagnostic> found = compilation.diagnostics().stream().filter(d -> d.code().name().equals(code)).toList();
        assertEquals(1, found.size(), code + " in " + codes(compilation));
        return found.get(0);
    }

    private static List<String> codes(Compilation compilation) {
        return compilation.diagnostics().stream().map(d -> d.code().name()).toList();
    }
}
