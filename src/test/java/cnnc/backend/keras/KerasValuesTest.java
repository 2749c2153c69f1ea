package cnnc.backend.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.source.SourceFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the channel layers (and a max pool's -inf padding) compute in real Keras, on small inputs worked out by
 * hand (shapes and counts, which the conformance suite checks, cannot tell one order of channels from another,
 * nor -inf from zeros): the generated
 * modules run by values.py in one Keras process.
 */
class KerasValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, double[]> OUTPUTS = new LinkedHashMap<>();

    @TempDir
    static Path work;

    private record Case(String name, String description, List<Integer> input, double[] values,
                        Map<String, double[][]> weights) {
    }

    private static final List<Case> CASES = List.of(
            new Case("shuffle", "input 1x1x6\nshuffle 2\n", List.of(1, 1, 6), new double[] {0, 1, 2, 3, 4, 5}, Map.of()),
            new Case("shuffleimage", "input 2x1x4\nshuffle 2\n", List.of(2, 1, 4),
                    new double[] {0, 1, 2, 3, 10, 11, 12, 13}, Map.of()),
            new Case("split", "input 1x1x6\nconcat { split 3 take 3 | split 3 take 1 }\n", List.of(1, 1, 6),
                    new double[] {10, 11, 12, 13, 14, 15}, Map.of()),
            new Case("slices", "input 1x1x6\nconcat { split 1, 3, 2 take 3 | split 1, 3, 2 take 1 | split 1, 3, 2 take 2 }\n",
                    List.of(1, 1, 6), new double[] {10, 11, 12, 13, 14, 15}, Map.of()),
            new Case("slopes", "input 1x1x3\nleakyrelu 0.01\nleakyrelu\nprelu\n", List.of(1, 1, 3),
                    new double[] {-100, 5, -3}, Map.of()),
            new Case("trainedslopes", "input 1x1x3\nprelu\n", List.of(1, 1, 3), new double[] {-100, 5, -3},
                    Map.of("prelu1", new double[][] {{0.5, 2, 3}})),
            new Case("convslope", "input 1x1x1\nconv 1@1 nobias leakyrelu 0.5\n", List.of(1, 1, 1), new double[] {-3},
                    Map.of("conv1", new double[][] {{2}})),
            new Case("constants", "input 1x1x2\nnormalize mean 1 -2 variance 4 4\nlayerscale\n", List.of(1, 1, 2),
                    new double[] {5, 0}, Map.of("layerscale1", new double[][] {{3, 10}})),
            new Case("densekeep", "input 1x2x2\ndense 1 keep\n", List.of(1, 2, 2), new double[] {1, 10, 100, 1000},
                    Map.of("dense1", new double[][] {{2, 3}, {1}})),
            new Case("maxpoolpad", "input 4x4x1\nmaxpool 3 /2 pad 1\n", List.of(4, 4, 1),
                    new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16}, Map.of()),
            new Case("maxpoolceil", "input 3x3x1\nmaxpool 2 /2 ceil\n", List.of(3, 3, 1),
                    new double[] {-1, -2, -3, -4, -5, -6, -7, -8, -9}, Map.of()));

    @BeforeAll
    static void runInKeras() throws IOException {
        ArrayNode manifest = JSON.createArrayNode();
        Map<String, String> names = new LinkedHashMap<>();
        for (Case c : CASES) {
            Compilation compilation = Compiler.compile(new SourceFile(c.name() + ".cnn", c.description()));
            Path module = work.resolve(c.name() + ".py");
            Files.writeString(module, KerasBackend.generate(compilation).python().orElseThrow());
            ObjectNode item = manifest.addObject();
            item.put("module", module.toString());
            c.input().forEach(item.putArray("input")::add);
            for (double v : c.values()) {
                item.withArray("values").add(v);
            }
            ObjectNode weights = item.putObject("weights");
            c.weights().forEach((layer, tensors) -> {
                ArrayNode list = weights.putArray(layer);
                for (double[] tensor : tensors) {
                    ArrayNode values = list.addArray();
                    for (double v : tensor) {
                        values.add(v);
                    }
                }
            });
            names.put(module.toString(), c.name());
        }
        Path file = work.resolve("values.json");
        JSON.writeValue(file.toFile(), manifest);
        KerasEnvironment.Run run = KerasEnvironment.script("values.py", List.of(file.toString()), Duration.ofMinutes(5));
        assertEquals(0, run.exit(), run.output());
        String output = run.output().strip();
        JsonNode results = JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
        results.fields().forEachRemaining(e -> OUTPUTS.put(names.get(e.getKey()),
                JSON.convertValue(e.getValue(), double[].class)));
    }

    /** torch's channel_shuffle(x, 2) of channels 0..5 gives 0 3 1 4 2 5 (torch 2.13, run by hand). */
    @Test
    void aShuffleInterleavesTheGroupsAsTorch() {
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, OUTPUTS.get("shuffle"), 0);
    }

    /** Each pixel's channels shuffled on their own: 0 1 2 3 gives 0 2 1 3. */
    @Test
    void aShuffleShufflesEachPixel() {
        assertArrayEquals(new double[] {0, 2, 1, 3, 10, 12, 11, 13}, OUTPUTS.get("shuffleimage"), 0);
    }

    /** Of 6 channels in 3 parts, part 3 is channels 4 and 5, part 1 channels 0 and 1. */
    @Test
    void aSplitTakesItsPartOfTheChannels() {
        assertArrayEquals(new double[] {14, 15, 10, 11}, OUTPUTS.get("split"), 0);
    }

    /** Parts of 1, 3 and 2 channels: part 3 is channels 4 and 5, part 1 channel 0, part 2 channels 1 to 3. */
    @Test
    void unevenSlicesTakeTheirChannels() {
        assertArrayEquals(new double[] {14, 15, 10, 11, 12, 13}, OUTPUTS.get("slices"), 0);
    }

    /** -100 times 0.01, then Keras's 0.2, then the trained slopes' start, 0.25 (torch's): -0.05; 5 stays; -3 gives -0.0015. */
    @Test
    void leakyReluTakesItsSlopeAndPreluStartsAtAQuarter() {
        assertArrayEquals(new double[] {-100 * 0.01 * 0.2 * 0.25, 5, -3 * 0.01 * 0.2 * 0.25}, OUTPUTS.get("slopes"), 1e-6);
    }

    /** One slope per channel: 0.5, 2 and 3. */
    @Test
    void preluTrainsOneSlopePerChannel() {
        assertArrayEquals(new double[] {-100 * 0.5, 5, -3 * 3}, OUTPUTS.get("trainedslopes"), 1e-5);
    }

    /** Weight 2 on -3 gives -6, times the slope 0.5. */
    @Test
    void aLayersLeakyReluTakesItsSlope() {
        assertArrayEquals(new double[] {-3}, OUTPUTS.get("convslope"), 1e-6);
    }

    /** (5 - 1) / sqrt(4) = 2 and (0 + 2) / 2 = 1, times the gammas 3 and 10. */
    @Test
    void constantNormalisationThenLayerScale() {
        assertArrayEquals(new double[] {2 * 3, 1 * 10}, OUTPUTS.get("constants"), 1e-6);
    }

    /**
     * PyTorch's padding of a max pool never wins (the module's MaxPoolPadding pads with -inf): on -1 .. -16 (rows of
     * 4), 3x3 windows of stride 2 from the padding's corner read rows and columns 0-1 and 1-3; where zeros were
     * padded, three of the four maxima would be 0.
     */
    @Test
    void aMaxPoolsPaddingIsNeverTheMaximum() {
        assertArrayEquals(new double[] {-1, -2, -5, -6}, OUTPUTS.get("maxpoolpad"), 0);
    }

    /** Ceil mode on -1 .. -9 (rows of 3): 2x2 windows of stride 2, the last row's and column's cut short at one. */
    @Test
    void aMaxPoolsCeilModeReadsOnlyTheInputPastTheEnd() {
        assertArrayEquals(new double[] {-1, -3, -7, -9}, OUTPUTS.get("maxpoolceil"), 0);
    }

    /** Weights 2 and 3, bias 1, at each pixel: 2a + 3b + 1. */
    @Test
    void aDenseLayerThatKeepsTheImageActsOnEachPosition() {
        assertArrayEquals(new double[] {2 + 30 + 1, 200 + 3000 + 1}, OUTPUTS.get("densekeep"), 1e-3);
    }
}
