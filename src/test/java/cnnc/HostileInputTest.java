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
 * The reproducers of issues 13 and 29, as a hostile user wrote them: each ends in a diagnostic at its
 * place, quickly, where it used to hang, take quadratic time or memory, overflow the stack, or say the
 * wrong thing. Times are generous bounds for a loaded 2-core machine; the cases took seconds to minutes,
 * or never ended, before. Where a case's cost is the finding, the memory the compilation allocates is
 * bounded too: unlike time, it does not depend on what else the machine runs.
 */
class HostileInputTest {
    /**
     * A hang guard, not a speed test (speed is LimitsBenchmark's): 5 s failed on the 2-core build machine
     * under a load average of 13, on cases that take 3 s of CPU; the cases that hung never ended.
     */
    private static final Duration QUICK = Duration.ofSeconds(30);

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

    /** Issue 29: {@code input 8x8x1 => 8x8x1} gave "comes before the input" and "belongs at the top". */
    @Test
    void anAssertionOnTheInputIsCheckedLikeAnyOther() {
        assertEquals(List.of(), codes(quickly("input 8x8x1 => 8x8x1\ndense 2\n")));
        Diagnostic wrong = only(quickly("input 8x8x1 => 8x8x2\ndense 2\n"), "E0700");
        assertTrue(wrong.message().contains("8x8x2, but it is 8x8x1"), wrong.message());
        assertEquals(List.of("E0700"), codes(quickly("input 8x8x1 => 8x8x2\ndense 2\n")));
        // what applies to neither input nor model name: one error each, at the word that does not apply
        assertEquals(List.of("E0709"), codes(quickly("input 4 x2\ndense 2\n")));
        assertEquals(List.of("E0709"), codes(quickly("input 4 as img\ndense 2\n")));
        Compilation named = quickly("model m => 3x3\ninput 4\ndense 2\n");
        assertEquals(List.of("E0709"), codes(named));
        assertEquals("m", named.model().name(), "the model is still named");
        assertEquals("model m => 3x3".indexOf("3x3") + 1, only(named, "E0709").span().column());
    }

    /** Issue 29: a lone CR was a line break for positions and cnnc fmt but not for W0502. */
    @Test
    void aLoneCarriageReturnEndsALineForW0502() {
        assertEquals(List.of(), codes(quickly("input 8x8x1\rrelu x2\rdense 2\r")), "relu x2 is alone on its line");
        Diagnostic warning = only(quickly("input 8x8x1\rconv 4@3; relu x2\rdense 2\r"), "W0502");
        assertTrue(warning.message().contains("not the line 'conv 4@3; relu'"), warning.message());
        assertEquals(2, warning.span().line());
        // fmt's layout of the same text keeps the same warnings
        String formatted = cnnc.format.Formatter.format(new SourceFile("cr.cnn", "input 8x8x1\rconv 4@3; relu x2\rdense 2\r"))
                .text().orElseThrow();
        assertEquals(List.of("W0502"), codes(quickly(formatted)));
    }

    /** A line of 60,000 repetitions: each warning quoted the whole line before it (gigabytes, then out of memory). */
    @Test
    void aLineOfThousandsOfRepetitionsIsWarnedInLinearTimeAndSpace() {
        Compilation compilation = within(400, "input 4; " + "relu x2; ".repeat(60_000));
        // every repetition follows 'input 4' on its line; 120,001 layers pass the limit too (E0710, once)
        List<Diagnostic> warnings = compilation.diagnostics().stream().filter(d -> d.code().name().equals("W0502")).toList();
        assertEquals(60_000, warnings.size());
        assertEquals(List.of("E0710"), compilation.diagnostics().stream().filter(Diagnostic::isError)
                .map(d -> d.code().name()).toList());
        for (Diagnostic warning : warnings) {
            assertTrue(warning.message().length() < 200 && warning.hints().get(0).length() < 200, warning.message());
        }
    }

    /** Issue 29: 200,000 lines of an unknown word (800 KB, inside every limit) took 5.5 s of CPU and 1.1 GB. */
    @Test
    void twoHundredThousandLinesOfAnUnknownWordTakeLinearTimeAndSpace() {
        Compilation compilation = within(600, "input 8x8x1\n" + "blah\n".repeat(200_000));
        assertEquals(200_000, compilation.diagnostics().size());
        Diagnostic last = compilation.diagnostics().get(199_999);
        assertEquals("unknown layer or block 'blah'", last.message());
        assertEquals(200_001, last.span().line());
    }

    /**
     * Found in the eighth session: a normalize of 100,000 unknown words (400 KB) ran for more than ten minutes, each
     * word looked up by walking the statement's children again (20,000 words took 41 s of CPU).
     */
    @Test
    void aNormalizeOfAHundredThousandWordsIsReadInOnePass() {
        Compilation compilation = quickly("input 8x8x3\nnormalize " + "foo ".repeat(100_000) + "\n");
        assertEquals(100_000, compilation.diagnostics().size());
        Diagnostic last = compilation.diagnostics().get(99_999);
        assertEquals("unknown word 'foo' for 'normalize'", last.message());
        // "normalize " is 10 characters, and each "foo " 4: the last word starts at column 11 + 4 x 99,999
        assertEquals(2, last.span().line());
        assertEquals(11 + 4 * 99_999, last.span().column());
    }

    /** 35,000 blocks and 30,000 misspelt uses of them asked "did you mean" a billion comparisons. */
    @Test
    void didYouMeanAmongThousandsOfNamesStopsAtABudget() {
        StringBuilder text = new StringBuilder("input 4\n");
        for (int i = 0; i < 35_000; i++) {
            text.append("block b").append(i).append("() { relu }\n");
        }
        for (int i = 0; i < 30_000; i++) {
            text.append('c').append(i).append("()\n");
        }
        Compilation compilation = within(600, text.toString());
        List<Diagnostic> unknown = compilation.diagnostics();
        assertEquals(30_000, unknown.size());
        assertEquals(List.of("did you mean 'b0'?"), unknown.get(0).hints(), "c0 is b0 with one letter changed");
        Diagnostic late = unknown.get(29_999);
        assertTrue(late.hints().get(0).startsWith("the blocks defined here are: b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, "
                + "and 34990 more"), late.hints().toString());
        // 10,000 named outputs and 9,000 merges from misspelt ones: 19,000 layers, inside the limit of 20,000
        StringBuilder outputs = new StringBuilder("input 4\n");
        for (int i = 0; i < 10_000; i++) {
            outputs.append("relu as a").append(i).append('\n');
        }
        for (int i = 0; i < 9_000; i++) {
            outputs.append("add { from q").append(i).append(" | identity }\n");
        }
        List<Diagnostic> misspelt = within(400, outputs.toString()).diagnostics();
        assertEquals(9_000, misspelt.stream().filter(d -> d.code().name().equals("E0707")).count());
        assertEquals(List.of("did you mean 'a0'?"), misspelt.get(0).hints());
    }

    /**
     * Found in the tenth session: 32,768 unknown words made of "Aa" and "BB", which have the same hash (1 MB, inside
     * the limit), took 3 min 41 s of CPU: "did you mean"'s answers were kept by a key no map could order, so each
     * word was compared with every word before it (the same count of words without equal hashes, 0.65 s).
     */
    @Test
    void unknownWordsWithEqualHashesAreLookedUpInLogarithmicTime() {
        StringBuilder text = new StringBuilder("input 4\n");
        for (int i = 0; i < 1 << 15; i++) {
            for (int bit = 14; bit >= 0; bit--) {
                text.append((i >> bit & 1) == 0 ? "Aa" : "BB"); // "Aa".hashCode() == "BB".hashCode() == 2112
            }
            text.append('\n');
        }
        Compilation compilation = quickly(text.toString());
        assertEquals(1 << 15, compilation.diagnostics().size());
        Diagnostic last = compilation.diagnostics().get((1 << 15) - 1);
        assertEquals("unknown layer or block '" + "BB".repeat(15) + "'", last.message());
        assertEquals(1 + (1 << 15), last.span().line());
        assertEquals("AaAa".hashCode(), "BBBB".hashCode(), "the words' hashes collide, as the case needs");
    }

    /** A block of 10,000 parameters, each with a default, used 100,000 times: each use bound them all. */
    @Test
    void parametersBoundCountTowardsTheStepLimit() {
        StringBuilder text = new StringBuilder("input 4\nblock b(");
        for (int i = 0; i < 10_000; i++) {
            text.append(i == 0 ? "" : ", ").append('p').append(i).append("=1");
        }
        text.append(") { relu }\n").append("b()\n".repeat(100_000));
        Diagnostic limit = only(within(300, text.toString()), "E0710");
        assertTrue(limit.message().contains("more than 200,000 statements, counting each parameter bound"), limit.message());
        // and a wrong use quotes a few of them, not all (15 uses of 10,000 parameters stay under the limit)
        String wrong = text.toString().replace("b()\n".repeat(100_000), "b(1, 2, q=3)\n".repeat(15));
        List<Diagnostic> unknownNames = within(300, wrong).diagnostics();
        assertEquals(15, unknownNames.size());
        assertEquals("'b' takes (p0=1, p1=1, p2=1, p3=1, p4=1, p5=1, p6=1, p7=1, and 9992 more)",
                unknownNames.get(0).hints().get(0));
    }

    /** Under a Turkish locale, where I lowers to a dotless i, 'sigmoid' was no activation ("did you mean 'sıgmoıd'?"). */
    @Test
    void wordsAreTheSameInEveryLocale() {
        java.util.Locale saved = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
        try {
            Compilation compilation = quickly("input 8x8x1\nconv 4@3 hardsigmoid\ndense 2 sigmoid\n");
            assertEquals(List.of(), codes(compilation));
        } finally {
            java.util.Locale.setDefault(saved);
        }
    }

    /**
     * The compilation, run in this thread with a generous time bound (a hang guard for a loaded machine),
     * allocating at most {@code megabytes}: a bound on the work that does not move with the machine's load.
     */
    private static Compilation within(long megabytes, String text) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Compilation compilation = org.junit.jupiter.api.Assertions.assertTimeout(Duration.ofSeconds(60),
                () -> Compiler.compile(new SourceFile("hostile.cnn", text)));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < megabytes << 20, allocated / (1 << 20) + " MB allocated, more than " + megabytes);
        return compilation;
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
