package cnnc.backend.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.Layer;
import cnnc.ast.Size;
import cnnc.backend.PythonBackend;
import cnnc.check.CheckedLayer;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import cnnc.source.Span;
import cnnc.testing.RandomGraphs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What Keras cannot express is reported at its place with E0600, every instance in one run, and
 * nothing is written; Keras itself (in the run of {@link KerasRun}) refuses each rejected form and
 * accepts its neighbours.
 */
class KerasRejectionTest {
    private static final long SEED = 23;

    private static PythonBackend.Result generate(String text) {
        Compilation compilation = Compiler.compile(new SourceFile("model.cnn", text));
        assertFalse(compilation.hasErrors(), compilation.diagnostics().toString());
        return KerasBackend.generate(compilation);
    }

    private static List<Diagnostic> rejections(PythonBackend.Result result) {
        return result.diagnostics().stream().filter(d -> d.code() == Code.E0600).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"conv 4@3 /2 dil 2 relu", "conv 4@3 /1x2 same dil 3", "deconv 4@3 /2 dil 2"})
    void aStrideWithADilationIsRejectedAtItsLayer(String layer) {
        PythonBackend.Result result = generate("input 16x16x3\n" + layer + "\nflatten\n");
        assertTrue(result.python().isEmpty());
        List<Diagnostic> rejections = rejections(result);
        assertEquals(1, rejections.size(), result.diagnostics().toString());
        assertEquals(2, rejections.get(0).span().line());
        assertEquals(1, rejections.get(0).span().column());
        assertTrue(rejections.get(0).message().startsWith("Keras cannot combine stride "), rejections.get(0).message());
        assertTrue(rejections.get(0).message().contains("refuses strides > 1 together with dilation_rate > 1"));
    }

    @Test
    void everyRejectionIsReportedInOneRunAndABlockUsedTwiceOnceAtItsLine() {
        PythonBackend.Result result = generate("block down(f) { conv f@3 /2 dil 2 }\ninput 32x32x3\n"
                + "conv 4@3 /2 dil 2\ndown(4)\ndown(4)\ndeconv 2@2 /2 dil 3\n");
        List<Diagnostic> rejections = rejections(result);
        assertEquals(List.of(1, 3, 6), rejections.stream().map(d -> d.span().line()).toList());
        // the one inside the block also points at its first use, as the checker's errors do
        Diagnostic inBlock = rejections.get(0);
        assertEquals(1, inBlock.notes().size());
        assertEquals(4, inBlock.notes().get(0).span().line());
        assertTrue(inBlock.notes().get(0).message().contains("in block 'down' (f=4), used here"), inBlock.notes().get(0).message());
    }

    @Test
    void theNeighboursOfTheRejectedFormsAreAccepted() {
        assertTrue(generate("input 16x16x3\nconv 4@3 dil 2\nconv 4@3 /2\ndeconv 4@3 dil 2\n").python().isPresent());
        assertTrue(generate("input 16x16x3\ndwconv 3 /2 dil 2\nsepconv 4@3 /2 dil 2\n").python().isPresent());
    }

    /**
     * Over random graphs with and without the refused forms: a model is rejected exactly when it has
     * a conv or deconv with both a stride and a dilation above 1, or interpolates a sequence or a volume,
     * or multiplies or selects among them, at each such layer's place.
     */
    @Test
    void randomGraphsAreRejectedExactlyAtTheirStridedDilatedConvolutions() {
        int rejected = 0;
        for (String text : new RandomGraphs(SEED).generate(400, compilation -> true)) {
            Compilation compilation = Compiler.compile(new SourceFile("graph.cnn", text));
            PythonBackend.Result result = KerasBackend.generate(compilation);
            Set<Span> expected = new HashSet<>();
            for (CheckedLayer layer : compilation.model().layers()) {
                if (stridedAndDilated(layer.layer()) || imageOnly(layer)) {
                    expected.add(layer.layer().span());
                }
            }
            Set<Span> found = new HashSet<>();
            rejections(result).forEach(d -> found.add(d.span()));
            assertEquals(expected, found, text);
            assertEquals(expected.isEmpty(), result.python().isPresent(), text);
            rejected += expected.isEmpty() ? 0 : 1;
        }
        assertTrue(rejected >= 3, "the corpus reaches the refused form: " + rejected);
    }

    /** UpSampling1D and UpSampling3D do not interpolate; cnnc's Keras MatMul and Select read an image's height and width. */
    private static boolean imageOnly(CheckedLayer row) {
        boolean otherRank = row.inputShape() instanceof cnnc.check.Shape.Grid grid && grid.rank() != 2;
        return otherRank && (row.layer() instanceof Layer.Upsample upsample && upsample.bilinear()
                || row.layer() instanceof Layer.Join join && (join.merging() == cnnc.ast.MergeKind.MATMUL
                        || join.merging() == cnnc.ast.MergeKind.SELECT));
    }

    private static boolean stridedAndDilated(Layer layer) {
        if (layer instanceof Layer.Conv conv) {
            return !isOne(conv.stride()) && conv.dilation().value() > 1;
        }
        return layer instanceof Layer.TransposedConv deconv && !isOne(deconv.stride()) && deconv.dilation().value() > 1;
    }

    private static boolean isOne(Size size) {
        return size.written().stream().allMatch(n -> n.value() == 1);
    }

    @Test
    void kerasRefusesExactlyTheRejectedForms() {
        var limits = KerasRun.get().limits;
        for (String refused : List.of("conv stride and dilation", "conv stride in one dimension and dilation",
                "deconv stride and dilation")) {
            assertTrue(limits.get(refused).startsWith("ValueError: `strides > 1` not supported in conjunction with "
                    + "`dilation_rate > 1`"), refused + ": " + limits.get(refused));
        }
        for (String accepted : List.of("conv dilation alone", "conv stride alone", "dwconv stride and dilation",
                "sepconv stride and dilation", "deconv dilation alone")) {
            assertEquals("accepted", limits.get(accepted), accepted);
        }
        assertEquals(KerasRun.LIMITS.keySet(), limits.keySet());
    }
}
