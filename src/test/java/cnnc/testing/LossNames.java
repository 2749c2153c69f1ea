package cnnc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.analysis.Optimizer;
import cnnc.ast.ActivationKind;
import cnnc.backend.training.Loss;
import cnnc.backend.training.TrainingSetup;
import cnnc.source.SourceFile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Keras and PyTorch names {@code --loss} takes ({@link Loss#kerasNames()}, {@link Loss#torchNames()}), each
 * written as a module of a one-layer model whose output the loss fits, for the framework's {@code
 * loss_names.py}: that script computes the framework's own loss of that name beside the module's, on the same
 * random data, and the two must agree.
 */
public final class LossNames {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The output classes of both models. */
    private static final int CLASSES = 4;

    private LossNames() {
    }

    /**
     * Writes a module per name into {@code work} and a manifest of them; returns the manifest's path.
     *
     * @param names  the framework's names of a loss
     * @param module the module written for a compilation with a training set-up
     */
    public static Path prepare(Path work, Function<Loss, List<String>> names,
                               BiFunction<Compilation, TrainingSetup, String> module) {
        try {
            Files.createDirectories(work);
            ArrayNode manifest = JSON.createArrayNode();
            for (Loss loss : Loss.values()) {
                for (String name : names.apply(loss)) {
                    Loss named = Loss.fromWord(name).orElseThrow();
                    assertEquals(loss, named, name);
                    String last = named.needs().orElse(ActivationKind.SIGMOID).word();
                    Compilation compilation = Compiler.compile(new SourceFile(name + ".cnn",
                            "input 6\ndense " + CLASSES + " " + last + "\n"));
                    Path file = work.resolve("loss_" + name + ".py");
                    Files.writeString(file, module.apply(compilation, new TrainingSetup(named, Optimizer.SGD, 0.01)));
                    manifest.addObject().put("name", name).put("module", file.toString()).put("classes", CLASSES);
                }
            }
            Path path = work.resolve("loss-names.json");
            JSON.writeValue(path.toFile(), manifest);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every name's two values agree, to float32's precision, and every name was computed. */
    public static void check(String framework, Function<Loss, List<String>> names, JsonNode results) {
        List<String> expected = new ArrayList<>();
        for (Loss loss : Loss.values()) {
            expected.addAll(names.apply(loss));
        }
        assertEquals(expected.size(), results.size(), results.toString());
        for (String name : expected) {
            JsonNode result = results.get(name);
            double ours = result.get("ours").asDouble();
            double theirs = result.get("theirs").asDouble();
            assertTrue(Double.isFinite(theirs) && Math.abs(ours - theirs) <= 1e-5 * Math.max(1, Math.abs(theirs)),
                    framework + "'s " + name + " is " + theirs + ", cnnc's --loss " + name + " " + ours);
        }
    }
}
