package cnnc.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.AstPrinter;
import cnnc.format.Formatter;
import cnnc.backend.dl4j.Dl4jBackend;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.torch.TorchBackend;
import cnnc.backend.report.Column;
import cnnc.backend.report.CsvReport;
import cnnc.backend.report.Explanation;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.TextReport;
import cnnc.diag.Diagnostic;
import cnnc.diag.DiagnosticRenderer;
import cnnc.parse.DescriptionParser;
import cnnc.parse.LexerComparison;
import cnnc.parse.ParseResult;
import cnnc.source.SourceFile;
import cnnc.testing.SyntaxTrees;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the whole pipeline with Jazzer: any bytes, as a file would hold them,
 * through the compiler, both reports, both code generators and the printer, seeded with every sample
 * (copied into this class's inputs directory by the build). Properties: no exception or error of any
 * kind, every diagnostic inside the file and printable, the round trip exact, and no input taking
 * more than two seconds of CPU per started 100 KB.
 *
 * <p>{@code mvn -B verify} fuzzes for a minute (and then runs the seeds and past findings as
 * regression tests); for hours, {@code fuzz/run.sh 3600} runs the same target through Jazzer's own
 * driver (see docs/tests.md).
 */
public class CompilerFuzzTest {
    /**
     * Two seconds: under Jazzer's coverage instrumentation, on a loaded 2-core machine, HRNet's sample (4 KB, every
     * step above on about 300 layers) took 1.1 to 1.2 s in its first fuzzing run (CI and the hour-long run,
     * 2026-12-07), where a quadratic path in a file of 100 KB takes minutes.
     */
    private static final long NANOS_PER_100_KB = 2_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Once, before any input is timed: every sample through every step, so that each class the steps use is
     * loaded (and instrumented, under Jazzer), which would otherwise be counted against the first input to
     * reach it (the fuzz run of 2026-12-07 stopped at HRNet's sample, 1.2 s, in the formatter's first use);
     * then twice more through the compiler, reports and code generators, the most of the work, so that
     * their code is compiled.
     */
    private enum Warm {
        UP;

        Warm() {
            for (java.nio.file.Path sample : cnnc.testing.Samples.good()) {
                try {
                    everyStep(java.nio.file.Files.readAllBytes(sample));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            for (int round = 0; round < 2; round++) {
                for (java.nio.file.Path sample : cnnc.testing.Samples.good()) {
                    reportAndGenerate(Compiler.compile(cnnc.testing.Samples.source(sample)));
                }
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void everyCommand(byte[] input) {
        fuzzerTestOneInput(input);
    }

    /**
     * The target, also as Jazzer's standalone driver calls it. Time is the thread's CPU time, so that
     * other work on the machine does not count, after a warm-up run that loads and compiles the code.
     */
    public static void fuzzerTestOneInput(byte[] input) {
        Warm.UP.hashCode();
        long start = THREADS.getCurrentThreadCpuTime();
        everyStep(input);
        long allowed = NANOS_PER_100_KB * (1 + input.length / 100_000);
        long took = THREADS.getCurrentThreadCpuTime() - start;
        assertTrue(took <= allowed, () -> "took " + took / 1_000_000 + " ms for " + input.length + " bytes");
    }

    private static void everyStep(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        SourceFile source = new SourceFile("fuzz.cnn", text);
        LexerComparison.assertSameTokens(text); // the hand-written scanner against the generated lexer
        Compilation compilation = Compiler.compile(source);
        int lines = text.split("\r\n|\r|\n", -1).length;
        for (Diagnostic d : compilation.diagnostics()) {
            assertTrue(d.span().line() >= 1 && d.span().line() <= lines && d.span().end() <= text.length(),
                    () -> d + " outside the file");
            for (Diagnostic.Note note : d.notes()) {
                assertTrue(note.span().line() >= 1 && note.span().line() <= lines, () -> note + " outside the file");
            }
            String rendered = DiagnosticRenderer.render(source, d);
            assertFalse(rendered.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'), rendered);
        }
        reportAndGenerate(compilation);
        if (!compilation.hasErrors()) {
            roundTrip(source);
        }
        formatTwice(source);
    }

    private static void reportAndGenerate(Compilation compilation) {
        JsonReport.render(compilation, true, new PrintWriter(Writer.nullWriter()));
        if (!compilation.hasErrors()) {
            TextReport.render(compilation, EnumSet.allOf(Column.class));
            Explanation.text(compilation);
            CsvReport.render(compilation, EnumSet.allOf(Column.class), 0);
            KerasBackend.generate(compilation);
            TorchBackend.generate(compilation);
            Dl4jBackend.generate(compilation, new JavaClassName("fuzz", "Model"));
        }
    }

    /**
     * cnnc fmt on anything without a syntax error: the same tokens (the formatter checks that itself,
     * and throws), the same tree when the words are right, and a second run that changes nothing.
     */
    private static void formatTwice(SourceFile source) {
        Optional<String> once = Formatter.format(source).text();
        if (once.isEmpty()) {
            return;
        }
        SourceFile formatted = new SourceFile("formatted.cnn", once.get());
        assertEquals(once, Formatter.format(formatted).text(), () -> "formatted as\n" + once.get());
        ParseResult first = DescriptionParser.parse(source);
        if (first.diagnostics().isEmpty()) {
            assertEquals(SyntaxTrees.withoutSpans(first.description()),
                    SyntaxTrees.withoutSpans(DescriptionParser.parse(formatted).description()), () -> "formatted as\n" + once.get());
        }
    }

    private static void roundTrip(SourceFile source) {
        ParseResult first = DescriptionParser.parse(source);
        String printed = AstPrinter.print(first.description());
        ParseResult second = DescriptionParser.parse(new SourceFile("printed.cnn", printed));
        assertTrue(second.diagnostics().isEmpty(), () -> "printed as\n" + printed + "\n" + second.diagnostics());
        assertEquals(SyntaxTrees.withoutSpans(first.description()), SyntaxTrees.withoutSpans(second.description()),
                () -> "printed as\n" + printed);
    }
}
