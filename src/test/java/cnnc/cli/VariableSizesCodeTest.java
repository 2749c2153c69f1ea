package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.keras.KerasEnvironment;
import cnnc.backend.torch.TorchEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code for an input with size variables, run in the frameworks at sizes the model accepts: the U-Net of
 * samples/unet.cnn with {@code input HxWx1}, which accepts H and W multiples of 8 (AcceptedSizesTest
 * derives it by hand). Keras builds it once with {@code keras.Input((None, None, 1))}, and each of its
 * layers' output shape at 16x24 and at 24x8 is the one cnnc's report gives with {@code --at}, as the
 * conformance suite compares them; at 12x16 (12 is no multiple of 8) Keras refuses it too. PyTorch's
 * module runs at both sizes and gives N x 1 x H x W. Where the code would change with the sizes, E0802
 * names the line.
 */
class VariableSizesCodeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ACCEPTED = List.of("16x24", "24x8");

    @TempDir
    Path dir;

    private Path unet() throws IOException {
        String text = Files.readString(Path.of("samples/unet.cnn"));
        assertTrue(text.contains("input 128x128x1\n"));
        Path file = dir.resolve("unet.cnn");
        Files.writeString(file, text.replace("input 128x128x1\n", "input HxWx1\n").replaceAll("(?m)[ \\t]*=>.*$", ""));
        return file;
    }

    @Test
    void kerasTakesNoneAndEveryLayerHasTheReportsShapeAtTwoSizes() throws IOException {
        Path model = unet();
        CliTest.Run generated = CliTest.run("keras", model.toString(), "-o", dir.resolve("unet.py").toString());
        assertEquals(0, generated.exit(), generated.err());
        String python = Files.readString(dir.resolve("unet.py"));
        assertTrue(python.contains("keras.Input(shape=(None, None, 1))"), python);
        assertTrue(python.contains("# Input HxWx1, "), python);
        Path script = dir.resolve("probe.py");
        Files.writeString(script, """
                import importlib.util, json, sys
                import numpy as np
                import keras
                spec = importlib.util.spec_from_file_location("generated", sys.argv[1])
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                model = module.build_model()
                layers = model.layers[1:]
                probe = keras.Model(model.inputs, [layer.output for layer in layers])
                answer = {"params": model.count_params(), "sizes": {}}
                for size in sys.argv[2:]:
                    h, w = map(int, size.split("x"))
                    try:
                        outputs = probe.predict(np.zeros((1, h, w, 1), "float32"), verbose=0)
                        answer["sizes"][size] = {l.name: list(o.shape[1:]) for l, o in zip(layers, outputs)}
                    except Exception as refused:
                        answer["sizes"][size] = "refused: " + type(refused).__name__
                print(json.dumps(answer))
                """);
        KerasEnvironment.Run run = KerasEnvironment.run(List.of(KerasEnvironment.python().toString(), script.toString(),
                dir.resolve("unet.py").toString(), "16x24", "24x8", "12x16"), Duration.ofMinutes(10));
        assertEquals(0, run.exit(), run.output());
        JsonNode keras = lastJson(run.output());
        for (String size : ACCEPTED) {
            JsonNode report = report(model, size);
            assertEquals(report.get("totals").get("params").asLong(), keras.get("params").asLong(), size);
            int compared = 0;
            for (JsonNode layer : report.get("layers")) {
                JsonNode shape = keras.get("sizes").get(size).get(layer.get("name").asText());
                if (shape != null) {
                    assertEquals(layer.get("outputShape"), shape, layer.get("name") + " at " + size);
                    compared++;
                }
            }
            assertEquals(report.get("layers").size(), compared, "every row has its Keras layer at " + size);
        }
        assertTrue(keras.get("sizes").get("12x16").asText().startsWith("refused"), keras.toString());
    }

    @Test
    void torchsModuleRunsAtTwoSizes() throws IOException {
        Path model = unet();
        CliTest.Run generated = CliTest.run("torch", model.toString(), "-o", dir.resolve("unet_torch.py").toString());
        assertEquals(0, generated.exit(), generated.err());
        assertTrue(Files.readString(dir.resolve("unet_torch.py")).contains("# Input N x 1 x H x W "));
        Path script = dir.resolve("probe.py");
        Files.writeString(script, """
                import importlib.util, json, sys
                import torch
                spec = importlib.util.spec_from_file_location("generated", sys.argv[1])
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                model = module.build_model().eval()
                answer = {"params": sum(p.numel() for p in model.parameters()), "sizes": {}}
                with torch.no_grad():
                    for size in sys.argv[2:]:
                        h, w = map(int, size.split("x"))
                        answer["sizes"][size] = list(model(torch.zeros(1, 1, h, w)).shape)
                print(json.dumps(answer))
                """);
        List<String> command = new java.util.ArrayList<>(List.of(TorchEnvironment.VENV.python().toString(),
                script.toString(), dir.resolve("unet_torch.py").toString()));
        command.addAll(ACCEPTED);
        var run = TorchEnvironment.VENV.run(command, Duration.ofMinutes(10));
        assertEquals(0, run.exit(), run.output());
        JsonNode torch = lastJson(run.output());
        for (String size : ACCEPTED) {
            JsonNode report = report(model, size);
            assertEquals(report.get("totals").get("params").asLong(), torch.get("params").asLong(), size);
            String[] hw = size.split("x");
            // the U-Net gives back an image of its input's size, one channel: N x 1 x H x W
            assertEquals(JSON.readTree("[1, 1, " + hw[0] + ", " + hw[1] + "]"), torch.get("sizes").get(size), size);
        }
    }

    /**
     * A "same" 3x3 /2 convolution: PyTorch's padding for it depends on the size's parity (Keras puts the odd
     * zero at the bottom and right), so the code changes with H and E0802 names that line; DL4J's input type
     * holds the sizes.
     */
    @Test
    void codeThatChangesWithTheSizesIsRefusedAtTheInput() throws IOException {
        Path file = dir.resolve("same.cnn");
        Files.writeString(file, "input HxWx3\nconv 8@3 /2 same\nconv 4@3 same\n");
        CliTest.Run torch = CliTest.run("torch", file.toString());
        assertEquals(1, torch.exit());
        assertTrue(torch.err().contains(":1:1: error[E0802]: the code changes with the sizes"), torch.err());
        assertTrue(torch.out().isEmpty());
        CliTest.Run dl4j = CliTest.run("dl4j", file.toString());
        assertEquals(1, dl4j.exit());
        assertTrue(dl4j.err().contains("InputType.convolutional("), dl4j.err());
        CliTest.Run keras = CliTest.run("keras", file.toString());
        assertEquals(0, keras.exit(), keras.err());
        assertTrue(keras.out().contains("keras.Input(shape=(None, None, 3))"), keras.out());
    }

    private static JsonNode report(Path model, String size) throws IOException {
        CliTest.Run run = CliTest.run("report", model.toString(), "--at", size, "--format", "json");
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out());
    }

    private static JsonNode lastJson(String output) throws IOException {
        List<String> lines = output.lines().filter(line -> line.startsWith("{")).toList();
        assertTrue(!lines.isEmpty(), output);
        return JSON.readTree(lines.get(lines.size() - 1));
    }
}
