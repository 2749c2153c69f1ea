package cnnc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What the Keras and PyTorch training tests share: every model of {@link TrainingModels} written as a
 * module with --loss, a manifest for the framework's {@code train.py}, which trains them all in one
 * process, and the checks of its answer: each step's loss finite, the loss changing, and the framework's
 * parameter count the report's.
 */
public final class PythonTraining {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PythonTraining() {
    }

    /**
     * Writes the modules and the manifest into {@code work}; returns the manifest's path.
     *
     * @param module the generated module of a model, with its training functions
     */
    public static Path prepare(Path work, Function<TrainingModels.Model, String> module) {
        try {
            Files.createDirectories(work);
            ArrayNode manifest = JSON.createArrayNode();
            for (TrainingModels.Model model : TrainingModels.ALL) {
                Path file = work.resolve(model.name() + ".py");
                Files.writeString(file, module.apply(model));
                ObjectNode entry = manifest.addObject().put("name", model.name()).put("module", file.toString())
                        .put("loss", model.loss()).put("steps", TrainingModels.STEPS).put("batch", TrainingModels.BATCH);
                model.compilation().model().input().dims().forEach(entry.putArray("input")::add);
                List<cnnc.check.CheckedLayer> layers = model.compilation().model().layers();
                layers.get(layers.size() - 1).outputShape().dims().forEach(entry.putArray("output")::add);
            }
            Path path = work.resolve("manifest.json");
            JSON.writeValue(path.toFile(), manifest);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The "RESULT" line of train.py's output, by model name. */
    public static JsonNode results(int exit, String output) {
        String line = output.lines().filter(l -> l.startsWith("RESULT ")).reduce((a, b) -> b).orElse(null);
        if (exit != 0 || line == null) {
            fail("train.py failed (exit " + exit + "):\n" + output);
        }
        try {
            return JSON.readTree(line.substring("RESULT ".length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks one model's answer: finite losses that change, and {@code params} (the figure of the report
     * the framework counts) equal to the framework's count.
     */
    public static void check(String framework, JsonNode results, TrainingModels.Model model,
                             ToLongFunction<TrainingModels.Model> params) {
        JsonNode result = results.get(model.name());
        List<Double> losses = new ArrayList<>();
        result.get("losses").forEach(value -> losses.add(value.isNumber() ? value.asDouble() : Double.NaN));
        System.out.println(framework + " " + model.name() + " --loss " + model.loss() + ": losses " + losses);
        assertEquals(TrainingModels.STEPS, losses.size());
        assertTrue(losses.stream().allMatch(Double::isFinite), model.name() + ": losses " + losses);
        assertNotEquals(losses.get(0), losses.get(losses.size() - 1), model.name() + ": the loss does not change: " + losses);
        assertEquals(params.applyAsLong(model), result.get("params").asLong(), model.name() + ": parameters");
    }
}
