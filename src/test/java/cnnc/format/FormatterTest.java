package cnnc.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.check.CheckedLayer;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.parse.DescriptionParser;
import cnnc.source.SourceFile;
import cnnc.testing.Cases;
import cnnc.testing.RandomGraphs;
import cnnc.testing.RandomModels;
import cnnc.testing.Samples;
import cnnc.testing.SyntaxTrees;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * cnnc fmt's formatter: every sample formats to itself or to a description of the same model, a
 * second run changes nothing, comments stay, and a description with a syntax error is refused.
 */
class FormatterTest {
    /**
     * The samples already in the canonical layout. The others differ in spaces only: a line whose
     * {@code =>} or comment is a column off the others (inceptionv3, efficientnetb0, resnet18,
     * mobilenetv2), four-space indentation (convnexttiny, nasnetmobile), spaces in expressions
     * (nasnetmobile), two spaces after a {@code ;} (unet, densenet121), a {@code ;} at the end of
     * seed.cnn's line.
     */
    private static final List<String> FORMATTED_AS_WRITTEN = List.of("samples/alexnet.cnn", "samples/lenet5.cnn",
            "samples/seed-lines.cnn", "samples/seed-scaled.cnn", "samples/small-modern.cnn",
            "samples/torchvision/alexnet.cnn", "samples/torchvision/googlenet.cnn", "samples/torchvision/resnet50.cnn",
            "samples/torchvision/shufflenetv2.cnn", "samples/torchvision/vgg16.cnn", "samples/zoo/mobilenetv2.cnn",
            "samples/zoo/mobilenetv3small.cnn", "samples/zoo/resnet50.cnn", "samples/zoo/resnet101.cnn",
            "samples/zoo/vgg16.cnn", "samples/attention.cnn",
            "samples/unet3d.cnn", "samples/torchvision/r3d_18.cnn", "samples/torchvision/mc3_18.cnn",
            "samples/torchvision/r2plus1d_18.cnn", "samples/torchvision/s3d.cnn");
    /** Folders whose files are all written as {@code cnnc fmt} writes them: timm's models, added to by many; audio. */
    private static final List<Path> FORMATTED_FOLDERS = List.of(Path.of("samples", "timm"), Path.of("samples", "audio"));

    @TestFactory
    Stream<DynamicTest> everySampleFormatsToTheSameModelAndStaysFormatted() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path path : Samples.under("")) {
            tests.add(Cases.named(path.toString(), () -> sample(path)));
        }
        return tests.stream();
    }

    private static void sample(Path path) {
        SourceFile source = Samples.source(path);
        List<Diagnostic> syntaxErrors = DescriptionParser.syntax(source).errors();
        Formatted formatted = Formatter.format(source);
        if (!syntaxErrors.isEmpty()) {
            assertTrue(formatted.text().isEmpty(), "a file with a syntax error is refused");
            assertEquals(syntaxErrors, formatted.errors());
            return;
        }
        String text = formatted.text().orElseThrow();
        if (FORMATTED_AS_WRITTEN.contains(path.toString()) || FORMATTED_FOLDERS.stream().anyMatch(path::startsWith)) {
            assertEquals(source.text(), text, "formats to itself");
        } else if (!path.startsWith("samples/errors")) {
            assertFalse(text.equals(source.text()), "now formats to itself: add it to FORMATTED_AS_WRITTEN");
        }
        assertSameDescription(source.text(), text);
    }

    @TestFactory
    Stream<DynamicTest> generatedDescriptionsFormatToTheSameTree() {
        List<String> models = new RandomModels(17).generate(200, c -> true);
        List<String> graphs = new RandomGraphs(18).generate(200, c -> true);
        return Stream.of(Cases.named("200 generated models", () -> models.forEach(FormatterTest::messedUp)),
                Cases.named("200 generated graphs", () -> graphs.forEach(FormatterTest::messedUp)));
    }

    /** The description as generated and with its spaces, blank lines and separators disturbed. */
    private static void messedUp(String text) {
        assertSameDescription(text, format(text));
        String disturbed = text.replace(" ", "   ").replace("\n", " ;\n").replace("\n\n", "\n\n\n").replace("{ ", "{").replace("(", "( ");
        assertSameDescription(disturbed, format(disturbed));
        assertEquals(format(text), format(disturbed), "one layout whatever the spacing");
    }

    /** Same syntax tree, same checked model (or the same diagnostics), and a second run changes nothing. */
    private static void assertSameDescription(String original, String formatted) {
        assertEquals(formatted, format(formatted), "formatting twice gives the same text");
        assertEquals(SyntaxTrees.withoutSpans(DescriptionParser.parse(new SourceFile("a.cnn", original)).description()),
                SyntaxTrees.withoutSpans(DescriptionParser.parse(new SourceFile("a.cnn", formatted)).description()),
                () -> original + "\nformatted as\n" + formatted);
        Compilation before = Samples.compile("a.cnn", original);
        Compilation after = Samples.compile("a.cnn", formatted);
        assertEquals(before.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList(),
                after.diagnostics().stream().map(d -> d.code() + " " + d.message()).toList());
        assertEquals(before.model().layers().size(), after.model().layers().size());
        for (int i = 0; i < before.model().layers().size(); i++) {
            CheckedLayer was = before.model().layers().get(i);
            CheckedLayer is = after.model().layers().get(i);
            assertEquals(was.name() + " " + was.outputShape() + " " + was.params(),
                    is.name() + " " + is.outputShape() + " " + is.params());
        }
        assertEquals(before.model().totals(), after.model().totals());
    }

    private static String format(String text) {
        return Formatter.format(new SourceFile("a.cnn", text)).text()
                .orElseThrow(() -> new AssertionError("refused:\n" + text));
    }

    /**
     * Lines of random widths with their {@code =>} and comments at random columns: the columns the
     * first run sets are the ones a second run keeps.
     */
    @Test
    void randomColumnsSettleInOneRun() {
        java.util.Random random = new java.util.Random(14);
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder("input 8\n");
            int lines = 1 + random.nextInt(6);
            for (int line = 0; line < lines; line++) {
                StringBuilder statement = new StringBuilder("dense 8");
                for (int more = random.nextInt(4); more > 0; more--) {
                    statement.append("; dense ").append(1 + random.nextInt(20_000));
                }
                text.append(statement);
                if (random.nextBoolean()) {
                    text.append(" ".repeat(1 + random.nextInt(30))).append("=> 8");
                }
                if (random.nextBoolean()) {
                    text.append(" ".repeat(1 + random.nextInt(30))).append("# a comment");
                }
                text.append(random.nextInt(8) == 0 ? "\n\n" : "\n");
            }
            String once = format(text.toString());
            assertEquals(once, format(once), text::toString);
        }
    }

    @Test
    void spacesSeparatorsAndBlankLines() {
        assertEquals("input 8x8x3; conv 4@3 relu\n\n# a comment\nconv 2*4@3 /2 same; dense 10\n",
                format("\n\n  input  8x8x3 ;conv 4 @ 3   relu;;\n\n\n\t# a comment\nconv 2 * 4@3  / 2 same ; dense 10;\n\n"));
        assertEquals("block b(f, s=1) { conv f@3 /s; relu }\ninput 8x8x3\nb(4, s=2) x2; b(f=2) x(2-1)\n",
                format("block b ( f,s = 1 ){conv f@3/s;relu}\ninput 8x8x3\nb( 4 , s=2 )x2;b(f=2)x( 2 - 1 )"));
        assertEquals("input 8\nrescale 1/127.5 offset -1; normalize mean 0.5 -1 variance 2\n",
                format("input 8\nrescale 1 / 127.5 offset - 1;normalize mean 0.5 - 1 variance 2"));
        assertEquals("input 8x8x3\nconv 4@3 x 1; reshape 1 x 1 x in.c\n", format("input 8x8x3\nconv 4@3 x 1;reshape 1 x 1 x in.c\n"));
        assertEquals("block b(p) { conv 4@3 pad p x 1 }\ninput 8x8x3\nb(2); conv 4@3x5 pad 1x2\n",
                format("block b(p){conv 4@3 pad p x 1}\ninput 8x8x3\nb(2);conv 4@3x5 pad  1x2\n"), "a padding per axis");
        assertEquals("input 4\r\ndense 2\r\n", format("input 4 \r\ndense 2"), "the file's line break is kept");
        assertEquals("", format("\n\n"));
    }

    @Test
    void blocksAndMergesAreIndented() {
        String indented = """
                block b(f) {
                  conv f@3 same
                  add {
                    identity
                  | conv f@1
                  }
                  concat { conv f@1
                         | maxpool 3 /1 same; conv f@1
                           relu
                         }
                }
                """;
        String flat = indented.lines().map(String::strip).collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(indented, format(flat), "the lines without their indentation get it back");
        assertEquals(indented, format(flat.replace("\n", "\n    ")), "and with too much");
    }

    @Test
    void assertionsAndCommentsAlignInTheColumnMostLinesUse() {
        String written = "input 8x8x3        # an image\nconv 4@3 same => 8x8x4   # first\n"
                + "conv 4@3 same; relu     => 8x8x4 # second\nmaxpool 2   => 4x4x4\ngap              # to a vector\n"
                + "dense 10 softmax\n\ndense 2 => 2\n";
        assertEquals("""
                input 8x8x3             # an image
                conv 4@3 same           => 8x8x4   # first
                conv 4@3 same; relu     => 8x8x4   # second
                maxpool 2               => 4x4x4
                gap                     # to a vector
                dense 10 softmax

                dense 2 => 2
                """, format(written), "the comments fit no column written, so they follow their lines by three spaces");
        assertEquals("input 8\ndense 2      => 2\ndense 3      => 3\ndense 1000 softmax   => 1000\n",
                format("input 8\ndense 2      => 2\ndense 3      => 3\ndense 1000 softmax => 1000\n"),
                "a line too long for the column most lines use keeps three spaces, and the column");
        assertEquals("input 8\ndense 2            => 2\ndense 1000 softmax => 1000\n",
                format("input 8\ndense 2 => 2\ndense 1000 softmax => 1000\n"), "a tie: the rightmost column");
    }

    @Test
    void commentsStayWhereTheyWere() {
        String text = """
                # first
                input 8x8x3   # the input
                block b() {   # after a brace
                  # inside
                  conv 4@3
                  add { identity   # a branch
                      | relu }  # the end of the merge
                }
                b
                # last, without a line break""";
        String formatted = format(text);
        assertEquals(List.of("# first", "# the input", "# after a brace", "# inside", "# a branch", "# the end of the merge",
                "# last, without a line break"), formatted.lines().filter(l -> l.contains("#"))
                .map(l -> l.substring(l.indexOf('#'))).toList());
        assertTrue(formatted.endsWith("# last, without a line break\n"), formatted);
        assertEquals(formatted, format(formatted));
    }

    @Test
    void wordsThatNameNoLayerKeepTheirSpacing() {
        assertEquals("input 8\nfrobnicate 3x@ (4\n", format("input 8\n  frobnicate  3x@ (4;\n"));
    }

    @Test
    void aWordAfterTheInputsSizesThatIsNoSizeKeepsItsSpace() {
        // the hour-long fuzz run of 2026-12-07: fmt joined x3l and reu into one word and stopped with an internal error
        assertEquals("input x3l reu   #         3\r\n", format("input x3l reu #         3\r\n"),
                "the comment three spaces behind, its text as written");
        assertEquals("input Hx3 W\n", format("input Hx3 W\n"));
        assertEquals("input 224 x3\n", format("input 224 x3\n"), "224x3 would be one token, the sizes 224 and 3");
        assertEquals("input 224x224 x3\n", format("input 224x224 x3\n"));
        assertEquals("input 8 e3\n", format("input 8 e3\n"));
        assertEquals("input 224xWx3\n", format("input 224 xWx3\n"), "the sizes' variables follow their number tight");
        assertEquals("input 224x224xC\n", format("input 224x224 xC\n"));
    }

    @Test
    void aSyntaxErrorIsRefusedWithItsDiagnostics() {
        Formatted refused = Formatter.format(new SourceFile("bad.cnn", "input 28x28x1\nconv 32 3x3 relu\n"));
        assertTrue(refused.text().isEmpty());
        assertEquals(1, refused.errors().size());
        assertEquals(Code.E0100, refused.errors().get(0).code());
        assertEquals(2, refused.errors().get(0).span().line());
        assertTrue(Formatter.format(new SourceFile("bad.cnn", "input 4 $\n")).text().isEmpty(), "a stray character");
    }
}
