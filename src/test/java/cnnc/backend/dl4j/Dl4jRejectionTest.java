package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.Layer;
import cnnc.check.CheckedLayer;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import cnnc.testing.RandomModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What DL4J cannot express is reported at its place with E0601, every instance in one run, and nothing is written. */
class Dl4jRejectionTest {

    private static Dl4jBackend.Result generate(String text) {
        Compilation compilation = Compiler.compile(new SourceFile("model.cnn", text));
        assertFalse(compilation.hasErrors(), compilation.diagnostics().toString());
        return Dl4jBackend.generate(compilation, new JavaClassName("", "Model"));
    }

    private static List<Diagnostic> rejections(Dl4jBackend.Result result) {
        return result.diagnostics().stream().filter(d -> d.code() == Code.E0601).toList();
    }

    /** 1-based column where {@code marker} starts in {@code line}: no hand-counted columns. */
    private static int column(String line, String marker) {
        return line.indexOf(marker) + 1;
    }

    @Test
    void aGroupedConvolutionIsRejectedAtItsGroupsModifier() {
        Dl4jBackend.Result result = generate("input 8x8x4\nconv 8@3x3 groups 2 relu\n");
        assertTrue(result.javaSource().isEmpty());
        Diagnostic rejection = rejections(result).get(0);
        assertEquals(2, rejection.span().line());
        assertEquals(column("conv 8@3x3 groups 2 relu", "groups 2"), rejection.span().column());
        assertTrue(rejection.message().startsWith("DL4J cannot express a grouped convolution with 2 groups on 4 channels"),
                rejection.message());
        assertEquals(List.of("use groups 1, or groups 4 (one per input channel), which DL4J has as DepthwiseConvolution2D"),
                rejection.hints());
    }

    @Test
    void everyRejectionIsReportedInOneRun() {
        Dl4jBackend.Result result = generate("input 8x8x4\nconv 8@3x3 groups 2\nconv 8@3x3 groups 4\ndense 3\n");
        assertEquals(List.of(2, 3), rejections(result).stream().map(d -> d.span().line()).toList());
    }

    @Test
    void scaledPoolingDownToOnePixelIsRejected() {
        Dl4jBackend.Result result = generate("input 2x2x3\nmaxpool 2x2 scaled\n");
        assertTrue(result.javaSource().isEmpty());
        Diagnostic rejection = rejections(result).get(0);
        assertEquals(2, rejection.span().line());
        assertTrue(rejection.message().contains("fails on a batch of one example"), rejection.message());
    }

    @Test
    void aOneByOneDepthwiseConvolutionDownToOnePixelIsRejected() {
        assertEquals(1, rejections(generate("input 1x1x4\nconv 4@1x1 groups 4\n")).size());
    }

    @Test
    void theNeighboursOfEachRejectedFormAreAccepted() {
        assertTrue(generate("input 8x8x4\nconv 8@3x3 groups 1\n").javaSource().isPresent());
        assertTrue(generate("input 8x8x4\nconv 8@3x3 groups 4\n").javaSource().isPresent());
        assertTrue(generate("input 4x4x3\nmaxpool 2x2 scaled\n").javaSource().isPresent());
        assertTrue(generate("input 1x1x4\nconv 8@1x1 groups 4\n").javaSource().isPresent());
    }

    @Test
    void warningsOfTheCheckerAreKeptBesideTheSource() {
        Dl4jBackend.Result result = generate("input 5x5x1\nmaxpool 2x2\n");
        assertTrue(result.javaSource().isPresent());
        assertEquals(List.of(Code.W0500), result.diagnostics().stream().map(Diagnostic::code).toList());
    }

    /** The random models the conformance suite leaves out are turned down for these reasons only. */
    @Test
    void randomModelsAreRejectedOnlyForTheKnownLimits() {
        List<String> rejected = new RandomModels(5).generate(20, c -> !Dl4jConformanceTest.expressible(c));
        for (String text : rejected) {
            assertRejectedForKnownLimits(Compiler.compile(new SourceFile("model.cnn", text)));
        }
    }

    /** Every E0601 lies on a layer that {@link #isKnownLimit} names, and there is at least one. */
    static void assertRejectedForKnownLimits(Compilation compilation) {
        List<Diagnostic> rejections = rejections(Dl4jBackend.generate(compilation, new JavaClassName("", "Model")));
        assertFalse(rejections.isEmpty(), compilation.source().text());
        for (Diagnostic rejection : rejections) {
            CheckedLayer row = compilation.model().layers().stream()
                    .filter(r -> !r.implicit() && r.layer().span().start() <= rejection.span().start()
                            && rejection.span().end() <= r.layer().span().end())
                    .findFirst().orElseThrow();
            assertTrue(isKnownLimit(row), "unexpected rejection of " + row.name() + ": " + rejection.message()
                    + "\n" + compilation.source().text());
        }
    }

    /**
     * The two things DL4J 1.0.0-M2.1 cannot do: a grouped convolution other than depthwise, and a 1x1
     * depthwise convolution with one filter per channel (LeNet scaling, or groups = filters = channels)
     * on a 1x1 output.
     */
    static boolean isKnownLimit(CheckedLayer row) {
        Shape.Image out = (Shape.Image) row.outputShape();
        boolean onePixel = out.height() == 1 && out.width() == 1;
        if (row.layer() instanceof Layer.Conv conv) {
            long channels = ((Shape.Image) row.inputShape()).channels();
            long groups = conv.groups().value();
            boolean pointwiseDepthwise = groups == channels && conv.filters().value() == groups
                    && conv.kernel().height().value() == 1 && conv.kernel().width().value() == 1;
            return (groups != 1 && groups != channels) || (groups > 1 && pointwiseDepthwise && onePixel);
        }
        return row.layer() instanceof Layer.Pool pool && pool.scaled() && onePixel;
    }
}
