package cnnc.backend.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.testing.PythonVenv;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sample (the zoo, samples/torchvision and the U-Net included), {@value TorchRun#RANDOM_CHAINS}
 * random chains and {@value TorchRun#RANDOM_GRAPHS} random graphs, through the generated Python and
 * real torch in one process ({@code conform.py}): row by row, the parameters, buffer values, output
 * shape (a forward hook) and MACs (FlopCounterMode's FLOPs halved) must be the JSON report's, and so
 * must the totals.
 */
class TorchConformanceTest {

    @TestFactory
    Stream<DynamicTest> samples() {
        return tests("samples");
    }

    @TestFactory
    Stream<DynamicTest> randomChains() {
        return tests("chains");
    }

    @TestFactory
    Stream<DynamicTest> randomGraphs() {
        return tests("graphs");
    }

    @TestFactory
    Stream<DynamicTest> sequencesAndVolumes() {
        return tests("ranks");
    }

    @Test
    void everyKindOfAGridRunsInTorchOnASequenceAndAVolume() {
        // and the merges that Keras writes for images only
        java.util.Set<cnnc.ast.LayerKind> kinds = java.util.EnumSet.copyOf(cnnc.testing.KindsCovered.GRID_KINDS);
        kinds.addAll(java.util.List.of(cnnc.ast.LayerKind.MATMUL, cnnc.ast.LayerKind.SELECT));
        cnnc.testing.KindsCovered.assertEveryRank("the torch conformance suite", TorchRun.get().cases.stream()
                .filter(c -> c.python() != null).map(TorchRun.Case::compilation).toList(), kinds,
                "src/test/java/cnnc/testing/RankModels.java");
    }

    @Test
    void theCorporaAreAsLargeAsPromisedAndTheSamplesAllTranslate() {
        TorchRun run = TorchRun.get();
        long generated = run.cases.stream().filter(c -> !c.group().equals("samples")).filter(c -> c.python() != null)
                .count();
        assertTrue(generated >= 300, "generated models checked in torch: " + generated);
        List<String> samples = new ArrayList<>();
        run.cases.stream().filter(c -> c.group().equals("samples") && c.python() != null).forEach(c -> samples.add(c.title()));
        assertTrue(samples.containsAll(List.of("samples/unet.cnn", "samples/zoo/resnet50.cnn", "samples/audio/m5.cnn",
                "samples/unet3d.cnn", "samples/torchvision/r2plus1d_18.cnn",
                "samples/zoo/nasnetmobile.cnn", "samples/torchvision/resnet50.cnn")), samples.toString());
        assertEquals(run.cases.stream().filter(c -> c.group().equals("samples")).count(), samples.size(),
                "every sample translates");
        System.out.printf("torch conformance: %d models (%d generated) in one Python process, %.1f s%n",
                run.problems.size(), generated, run.pythonTime.toMillis() / 1000.0);
    }

    /** torchvision's published parameter counts (its model documentation), summed by torch over parameters(). */
    @ParameterizedTest
    @CsvSource({"resnet18, 11689512", "resnet50, 25557032", "mobilenetv2, 3504872", "alexnet, 61100840"})
    void theTorchvisionSamplesHaveTorchvisionsParameterCounts(String name, long published) {
        JsonNode totals = TorchRun.get().totals.get("samples/torchvision/" + name + ".cnn");
        assertNotNull(totals, name + " was not run in torch");
        assertEquals(published, totals.get(0).asLong(), name + ": sum of parameters()");
    }

    /** torch's own answers: a window or stride of 2^31 overflows its pooling's ints, 2^31 - 1 does not. */
    @Test
    void torchsPoolingTakesThirtyTwoBitWindowsAndStrides() {
        TorchRun run = TorchRun.get();
        String overflow = "value cannot be converted to type int without overflow";
        assertTrue(run.limits.get("max pool window 2^31").contains(overflow), run.limits.toString());
        assertTrue(run.limits.get("avg pool stride 2^31").contains(overflow), run.limits.toString());
        assertTrue(!run.limits.get("max pool window 2^31 - 1").contains(overflow), run.limits.toString());
        assertTrue(!run.limits.get("avg pool stride 2^31 - 1").contains(overflow), run.limits.toString());
    }

    /** The seed question's 50,828,751 parameters, and its one sigmoid output for a batch of one. */
    @Test
    void theSeedsModuleRunAsAScriptPrintsItsParameterCountAndOutputShape() throws IOException {
        Path module = Files.createDirectories(Path.of("target", "torch-conformance")).resolve("seed_script.py");
        Files.writeString(module, TorchBackend.generate(Samples.compile(Path.of("samples", "seed.cnn"))).python().orElseThrow());
        PythonVenv.Run run = TorchEnvironment.VENV.run(List.of(TorchEnvironment.VENV.python().toString(),
                module.toAbsolutePath().toString()), Duration.ofMinutes(2));
        assertEquals(0, run.exit(), run.output());
        assertEquals("50,828,751 parameters\noutput shape (1, 1)", run.output().strip());
    }

    /**
     * cnnc's round(3 x 0.8 + 0.1) is 2 (2.5 exactly, a half to the even number), Python's is 3 (its
     * doubles make 2.5000000000000004): the class for b(3) holds the 2, and the module has 1 x 2 + 2 + 2 x 4 + 4
     * = 16 parameters, the output N x 4 x 8 x 8.
     */
    @Test
    void aTieThatPythonRoundsOtherwiseIsWrittenAsCnncsValue() throws IOException {
        Path module = Files.createDirectories(Path.of("target", "torch-conformance")).resolve("tie_script.py");
        Files.writeString(module, TorchBackend.generate(cnnc.Compiler.compile(new cnnc.source.SourceFile("tie.cnn",
                cnnc.backend.PythonExpressionsTest.TIE))).python().orElseThrow());
        PythonVenv.Run python = TorchEnvironment.VENV.run(List.of(TorchEnvironment.VENV.python().toString(), "-c",
                "print(round(3 * 0.8 + 0.1))"), Duration.ofMinutes(2));
        assertEquals("3", python.output().strip(), "Python's own rounding, which the module must not use for b(3)");
        PythonVenv.Run run = TorchEnvironment.VENV.run(List.of(TorchEnvironment.VENV.python().toString(),
                module.toAbsolutePath().toString()), Duration.ofMinutes(2));
        assertEquals(0, run.exit(), run.output());
        // torch's warnings on this machine's CPU (NNPACK's "[W...] Could not initialize") share the output
        assertEquals(List.of("16 parameters", "output shape (1, 4, 8, 8)"), run.output().strip().lines()
                .filter(line -> !line.startsWith("[W")).toList(), run.output());
    }


    private static Stream<DynamicTest> tests(String group) {
        TorchRun run = TorchRun.get();
        return TorchRun.tests(run.cases, group, c -> {
            assertTrue(!c.compilation().hasErrors(), c.title() + ": " + c.compilation().diagnostics());
            assertNotNull(c.python(), c.title() + " is not translated: "
                    + TorchBackend.generate(c.compilation()).diagnostics());
            TorchRun.assertNoProblems(run.problems.get(c.title()), c, "differs in torch");
        });
    }
}
