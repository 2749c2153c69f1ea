package cnnc.backend.torch;

import cnnc.testing.PythonVenv;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real PyTorch for the tests: a Python virtual environment at {@code target/torch-venv} with torch
 * 2.13.0 (the CPU build, from the pip mirror) and numpy, which reads the Keras suite's weights
 * ({@link PythonVenv}: made by the test run itself the first time it is needed). torchvision is not
 * installed: the mirror's build does not import with this torch.
 *
 * <p>timm's models have a venv of their own, {@code target/timm-venv}, so that the torch suites keep
 * running where torch alone is installed: the same packages, then timm, torchvision (the build made for
 * torch 2.13.0; {@code timm/timm_models.py} lets it import) and pillow, which torchvision imports, pinned
 * and installed without what they require: huggingface_hub and safetensors, which timm imports only when
 * they are there, to fetch weights the tests never fetch, and their own dozen requirements.
 */
public final class TorchEnvironment {
    public static final PythonVenv VENV = new PythonVenv("torch-venv", List.of("torch==2.13.0", "numpy"),
            "import torch; print('torch', torch.__version__)", Map.of());
    public static final PythonVenv TIMM = new PythonVenv("timm-venv", List.of("torch==2.13.0", "numpy"),
            List.of("timm==1.0.29", "torchvision==0.28.0", "pillow==12.3.0"),
            "import torch, importlib.metadata as m; print('torch', torch.__version__, 'timm', m.version('timm'))",
            Map.of());

    private TorchEnvironment() {
    }

    /** A manifest run: the script's results, and how long its one Python process took. */
    record ManifestRun(com.fasterxml.jackson.databind.JsonNode results, Duration time) {
    }

    /**
     * Writes {@code manifest} to {@code work}/manifest.json, runs a script of src/test/resources/timm on it
     * with the timm venv's python (one process for every model), and reads its results.json.
     */
    static ManifestRun timmManifest(String name, java.nio.file.Path work,
                                    com.fasterxml.jackson.databind.node.ObjectNode manifest) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.nio.file.Path manifestFile = work.resolve("manifest.json");
        java.nio.file.Path resultFile = work.resolve("results.json");
        json.writeValue(manifestFile.toFile(), manifest);
        java.nio.file.Files.deleteIfExists(resultFile);
        TIMM.python();
        long start = System.nanoTime();
        PythonVenv.Run run = TIMM.script("timm", name, List.of(manifestFile.toString(), resultFile.toString()),
                Duration.ofMinutes(10));
        Duration time = Duration.ofNanos(System.nanoTime() - start);
        if (run.exit() != 0) {
            throw new AssertionError(name + " exited with " + run.exit() + ":\n" + run.output());
        }
        return new ManifestRun(json.readTree(resultFile.toFile()), time);
    }

    /** Runs a script of src/test/resources/torch with the venv's python. */
    static PythonVenv.Run script(String name, List<String> arguments, Duration timeout) {
        return VENV.script("torch", name, arguments, timeout);
    }
}
