package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.backend.report.JsonReport;
import cnnc.backend.report.TextReport;
import cnnc.diag.Diagnostic;
import cnnc.diag.DiagnosticRenderer;
import cnnc.source.SourceFile;
import cnnc.testing.Samples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No input, however malformed, makes the compiler throw: it always answers with diagnostics that
 * point inside the file, or with a model the reports can print.
 */
class JunkInputTest {
    private static final String[] PIECES = {
        "input", "conv", "maxpool", "avgpool", "dense", "dropout", "model", "flatten", "bn", "gap", "gmp",
        "relu", "same", "valid", "pad", "dil", "groups", "nobias", "scaled", "@", "/", "x", ";", "\n", " ",
        "3", "3x3", "100x100x1", "0", "0.5", ".5", "7.", "99999999999999999999", "9223372036854775807",
        "4294967296x4294967296x4294967296", "#", "\"", "\"name\"", "\\", "\r", "\t", "-", "(", ")", "{", "}",
        "\u00e9", "\ud83d\ude00", "\u0000", "\ufffd", "block b(f, s=1) {", "b(2)", "b", "|", "=>", "as", "from",
        "x3", "x(", "in.c", "add {", "concat {", "multiply", ",", "=", "*", "+", "%", "f", "identity", "dwconv",
        "sepconv", "deconv", "upsample", "zeropad", "crop", "reshape", "ln", "keep", "noscale", "mult",
        "split", "take", "shuffle", "layerscale", "normalize", "mean", "variance", "-1.5", "split 2 take 1",
    };

    @Test
    void emptyAndBlankFilesReportAMissingInput() {
        for (String text : List.of("", " ", "\n\n", "# only a comment", ";;;", "\r\n\r\n", "\ufeff")) {
            Compilation compilation = survive(text);
            assertEquals(List.of("E0300"), compilation.diagnostics().stream().map(d -> d.code().name()).toList(), text);
        }
    }

    @Test
    void randomBytes() {
        Random random = new Random(1);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            survive(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Test
    void randomTokenSoup() {
        Random random = new Random(2);
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextBoolean()) {
                    text.append(' ');
                }
            }
            survive(text.toString());
        }
    }

    @Test
    void mutatedSamples() {
        Random random = new Random(3);
        List<String> samples = Samples.good().stream().map(p -> Samples.source(p).text()).toList();
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder(samples.get(random.nextInt(samples.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && text.length() > 0; e++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, PIECES[random.nextInt(PIECES.length)]);
                    default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
                }
            }
            survive(text.toString());
        }
    }

    @Test
    void deepNestingLongLinesAndHugeNumbers() {
        for (String piece : List.of("(", "[", "{", "@", "x", "/", "\"", "#", "9", "a")) {
            survive(piece.repeat(10_000));
            survive("input 8x8x1\nconv " + piece.repeat(10_000) + "\n");
        }
        survive("input " + "9".repeat(5000) + "\ndense 1\n");
        survive("input 8\ndense " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n");
        survive("input 8\ndense " + "1+".repeat(10_000) + "1\n");
        survive("input 8\n" + "add { ".repeat(3_000) + "dense 1" + " | identity }".repeat(3_000) + "\n");
        survive("input 8\n" + "{ ".repeat(10_000) + "dense 1" + " } x2".repeat(10_000) + "\n");
        survive("input 8\n{ { { dense 1; relu } x1000000 } x1000000 } x9223372036854775807\n");
        survive("block a() { b() }\nblock b() { a() }\ninput 8\na()\n");
        survive("block a(n) { dense 2 x(n) }\ninput 8\na(1000000) x1000000\n");
        survive("input 9223372036854775807x9223372036854775807x9223372036854775807\nconv 9223372036854775807@3 pad 9223372036854775807\ngap\n");
        survive("input 9223372036854775807\ndense 9223372036854775807\ndense 9223372036854775807\n");
        survive("input 8x8x9223372036854775807\nconv 9223372036854775807@9223372036854775807x9223372036854775807 dil 9223372036854775807 same\n");
        survive("input 8x8x3\nconv 8@3 /9223372036854775807 same\nmaxpool 9223372036854775807 same\n");
        survive("dense 1\n".repeat(20_000));
    }

    @Test
    void tenThousandLayersCompile() {
        String text = "input 64x64x3\n" + "conv 8@3x3 same relu\nbn\n".repeat(5_000) + "gap\ndense 10\n";
        Compilation compilation = survive(text);
        assertFalse(compilation.hasErrors());
        assertEquals(10_002, compilation.model().layers().size());
    }

    /** Compiles, renders every diagnostic and, without errors, every report and explanation; fails on any exception. */
    private static Compilation survive(String text) {
        SourceFile source = new SourceFile("junk.cnn", text);
        Compilation compilation;
        try {
            compilation = Compiler.compile(source);
            int lines = text.split("\r\n|\r|\n", -1).length;
            for (Diagnostic d : compilation.diagnostics()) {
                assertTrue(d.span().line() >= 1 && d.span().line() <= lines + 1, () -> d + " outside the file");
                String rendered = DiagnosticRenderer.render(source, d);
                assertTrue(rendered.startsWith("junk.cnn:" + d.span().line() + ":" + d.span().column() + ": "), rendered);
                assertFalse(rendered.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t'), "control characters in " + rendered);
            }
            if (!compilation.hasErrors()) {
                TextReport.render(compilation, java.util.EnumSet.allOf(cnnc.backend.report.Column.class));
                TextReport.markdown(compilation, cnnc.backend.report.Column.DEFAULT);
                cnnc.backend.report.Explanation.text(compilation);
                cnnc.backend.report.Explanation.markdown(compilation);
            }
            JsonReport.render(compilation, true);
        } catch (RuntimeException | StackOverflowError e) {
            fail("input " + abbreviate(text) + " threw", e);
            throw e;
        }
        return compilation;
    }

    private static String abbreviate(String text) {
        return '"' + (text.length() > 200 ? text.substring(0, 200) + "..." : text) + '"';
    }
}
