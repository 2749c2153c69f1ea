package cnnc.backend.torch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.keras.KerasEnvironment;
import cnnc.testing.KindsCovered;
import cnnc.testing.PythonVenv;
import cnnc.testing.RandomGraphs;
import cnnc.testing.RandomModels;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The PyTorch module and the Keras module of a description are the same function: for the zoo and
 * {@value #RANDOM} random chains and graphs (and a few written by hand), {@code keras/weights.py} (Keras
 * on jax) draws every weight, runs the Keras module on a random input and saves weights, input and output
 * in an .npz file;
 * {@code torch/equivalence.py} (torch) copies the weights into the PyTorch module, kernels transposed,
 * runs it on the same input, channels first, and the outputs must agree within {@value #TOLERANCE} of
 * the largest output value. Two processes, one per framework, each started once.
 */
class TorchEquivalenceTest {
    static final int RANDOM = 100;
    static final double TOLERANCE = 1e-4;
    private static final long SEED = 17;
    private static final Path WORK = Path.of("target", "torch-equivalence").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<TorchRun.Case> CASES = new ArrayList<>();
    /**
     * The mappings the random corpora reach seldom: uneven "same" paddings of every sliding layer (the odd
     * row cropped from a transposed convolution, a narrow window's output_padding, -inf and averaging
     * over real inputs only), and every activation word as a layer.
     */
    private static final List<String> WRITTEN = List.of(
            "input 6x6x4\nmatmul { avgpool 3; conv 36@1 softmax | identity }\nselect { conv 4@1 | identity | conv 4@3 same relu } by { conv 12@1 }\nflatten\ndense 2\n",
            "input 5x4x3\nmultiply { identity | matmul { conv 1@1; reshape 1x1x20; softmax | identity }; conv 2@1; ln; relu; conv 3@1; sigmoid }\nselect { conv 3@3 same nobias; bn; relu | conv 3@3 same dil 2 } by { gap keep; conv 4@1; relu; conv 6@1 }\ngap\ndense 2\n",
            // issue 25's forms: the file's defaults, a branch per value of a list, the functions of expressions
            "defaults bn eps 0.00002 momentum 0.2\ninput 9x9x6\n"
                    + "block tap(f, k) { conv f@k pad (k/2) nobias }\n"
                    + "block mix(ks, f) { concat for i, k in ks { split len(ks) take i; tap(f/len(ks), k) } }\n"
                    + "block se(r=0.25) { multiply { identity | gap keep; conv divisible(in.c * r, 4)@1 relu; conv in.c@1 hardsigmoid } }\n"
                    + "mix([1, 3, 5], 12)\nbn\nrelu\nse\nmix([3], max(2, min(9, round(6.5))))\nbn momentum 0.5\nln\ngap\ndense 3\n",
            // a padding per axis: torch's padding=(1, 2), Keras's ZeroPadding2D((1, 2)) and -inf or zeros before a pool
            "input 9x11x3\nconv 4@3x5 pad 1x2\nmaxpool 3x5 /2 pad 1x2\navgpool 3 /1 pad 0x1\ndwconv 3x5 pad 0x2 mult 2\n"
                    + "sepconv 4@3 pad 1x0\nmaxpool 2 /1 pad 1x0 ceil\nflatten\ndense 3\n",
            "input 7x9x3\ndeconv 4@3 /2 same\ndeconv 2@1x2 /3 valid relu\ndeconv 3@5 /2 same\ndeconv 2@4 /2 same\n",
            "input 9x10x2\navgpool 2 /2 same\nmaxpool 3 /2 same\navgpool 3 /1 same\nconv 4@3 /2 same\n"
                    + "dwconv 4 /3 same mult 2\nsepconv 3@2 /2 same\nflatten\ndense 5 softmax\n",
            "input 6x6x2\nconv 3@3 same gelu\nhardsigmoid\nleakyrelu\nelu\nselu\nsoftplus\nsoftsign\nmish\nrelu6\n"
                    + "swish\ntanh\nsigmoid\nbn eps 0.01\nln\ngap\ndense 4 softmax\n",
            "input 6x5x5\nconv 6@3 same leakyrelu 0.01\nprelu\nconcat { split 2, 4 take 2; leakyrelu .3 | split 2, 4 take 1; conv 3@1 leakyrelu 0.1 }\n"
                    + "prelu\ngap\ndense 3 leakyrelu 0.05\nprelu\n");
    private static JsonNode kerasErrors;
    private static JsonNode results;
    private static Duration kerasTime;
    private static Duration torchTime;

    @BeforeAll
    static void runBothFrameworks() throws IOException {
        for (Path path : Samples.under("zoo")) {
            CASES.add(TorchRun.generate("zoo", path.toString(), Samples.compile(path)));
        }
        CASES.addAll(TorchRun.texts("chains", "model", new RandomModels(SEED).generate(RANDOM / 2,
                TorchEquivalenceTest::bothExpress)));
        CASES.addAll(TorchRun.texts("graphs", "graph", new RandomGraphs(SEED).generate(RANDOM / 2,
                TorchEquivalenceTest::bothExpress)));
        CASES.addAll(TorchRun.texts("written", "written", WRITTEN));
        Files.createDirectories(WORK);
        ObjectNode kerasManifest = JSON.createObjectNode();
        ObjectNode torchManifest = JSON.createObjectNode();
        ArrayNode kerasCases = kerasManifest.putArray("cases");
        ArrayNode torchCases = torchManifest.putArray("cases");
        for (int i = 0; i < CASES.size(); i++) {
            TorchRun.Case c = CASES.get(i);
            Path npz = WORK.resolve("w" + i + ".npz");
            Files.deleteIfExists(npz);
            Path keras = Files.writeString(WORK.resolve("k" + i + ".py"),
                    KerasBackend.generate(c.compilation()).python().orElseThrow());
            Path torch = Files.writeString(WORK.resolve("t" + i + ".py"), c.python());
            kerasCases.addObject().put("title", c.title()).put("module", keras.toString()).put("npz", npz.toString())
                    .put("seed", i);
            torchCases.addObject().put("title", c.title()).put("module", torch.toString()).put("npz", npz.toString());
        }
        Path kerasFile = WORK.resolve("keras-manifest.json");
        Path torchFile = WORK.resolve("torch-manifest.json");
        Path resultFile = WORK.resolve("results.json");
        JSON.writeValue(kerasFile.toFile(), kerasManifest);
        JSON.writeValue(torchFile.toFile(), torchManifest);
        Files.deleteIfExists(resultFile);
        KerasEnvironment.python();
        long start = System.nanoTime();
        KerasEnvironment.Run keras = KerasEnvironment.script("weights.py", List.of(kerasFile.toString()),
                Duration.ofMinutes(10));
        kerasTime = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, keras.exit(), keras.output());
        String output = keras.output().strip();
        kerasErrors = JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
        TorchEnvironment.VENV.python();
        start = System.nanoTime();
        PythonVenv.Run torch = TorchEnvironment.script("equivalence.py", List.of(torchFile.toString(),
                resultFile.toString()), Duration.ofMinutes(10));
        torchTime = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(0, torch.exit(), torch.output());
        results = JSON.readTree(resultFile.toFile());
    }

    private static boolean bothExpress(Compilation compilation) {
        return TorchRun.expressible(compilation) && KerasBackend.generate(compilation).python().isPresent();
    }

    @TestFactory
    Stream<DynamicTest> theZoo() {
        return tests("zoo");
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
    Stream<DynamicTest> handWrittenModels() {
        return tests("written");
    }

    @Test
    void everyModelWasCompared() {
        long zoo = CASES.stream().filter(c -> c.group().equals("zoo")).count();
        assertEquals(Samples.under("zoo").size(), zoo, "every model of the zoo");
        assertTrue(zoo >= 9, "VGG16, ResNet50, MobileNetV2, DenseNet121, InceptionV3, EfficientNetB0, NASNetMobile, "
                + "ConvNeXtTiny, MobileNetV3Small: " + zoo);
        assertEquals(RANDOM, CASES.stream().filter(c -> c.group().equals("chains") || c.group().equals("graphs")).count(),
                "random models");
        double largest = 0;
        for (TorchRun.Case c : CASES) {
            JsonNode error = results.get(c.title()).get("error");
            largest = Math.max(largest, error.isNumber() ? error.asDouble() : Double.POSITIVE_INFINITY);
        }
        System.out.printf("torch equivalence: %d models, largest difference %.2e of the output; Keras %.1f s, torch %.1f s%n",
                CASES.size(), largest, kerasTime.toMillis() / 1000.0, torchTime.toMillis() / 1000.0);
    }

    @Test
    void everyKindAndActivationIsComparedWithKeras() {
        KindsCovered.assertEveryKindAndActivation("the torch equivalence suite", CASES.stream()
                .map(TorchRun.Case::compilation).toList(), "TorchEquivalenceTest.WRITTEN");
    }

    private static Stream<DynamicTest> tests(String group) {
        return TorchRun.tests(CASES, group, c -> {
            assertTrue(kerasErrors.get(c.title()).isNull(), "Keras failed: " + kerasErrors.get(c.title()).asText());
            JsonNode result = results.get(c.title());
            TorchRun.assertNoProblems(result == null ? null : result.get("problems"), c, "the weights do not fit");
            double error = result.get("error").asDouble();
            assertTrue(error <= TOLERANCE, c.title() + ": torch's output differs from Keras's by " + error
                    + " of its largest value\n" + c.python());
        });
    }
}
