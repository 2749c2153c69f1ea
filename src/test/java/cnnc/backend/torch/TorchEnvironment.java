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

    /** A manifest run in two steps, in one process: the results of each step, and how long the process took. */
    record TwoStepRun(com.fasterxml.jackson.databind.JsonNode results, com.fasterxml.jackson.databind.JsonNode then,
                      Duration time) {
    }

    /**
     * Runs a script of src/test/resources/timm as {@link #timmManifest} does, with {@code --then}: once the
     * script has written its results.json and printed {@code cnnc: traced}, {@code then} makes a second manifest
     * from those results, which the same process runs (it reads the paths of then.json and then-results.json on
     * its standard input). The whole process may take {@code timeout}.
     */
    static TwoStepRun timmManifestThen(String name, java.nio.file.Path work,
                                       com.fasterxml.jackson.databind.node.ObjectNode manifest,
                                       java.util.function.Function<com.fasterxml.jackson.databind.JsonNode,
                                               com.fasterxml.jackson.databind.node.ObjectNode> then,
                                       Duration timeout) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.nio.file.Path manifestFile = work.resolve("manifest.json");
        java.nio.file.Path resultFile = work.resolve("results.json");
        java.nio.file.Path thenFile = work.resolve("then.json");
        java.nio.file.Path thenResultFile = work.resolve("then-results.json");
        json.writeValue(manifestFile.toFile(), manifest);
        for (java.nio.file.Path old : List.of(resultFile, thenFile, thenResultFile)) {
            java.nio.file.Files.deleteIfExists(old);
        }
        TIMM.python();
        long start = System.nanoTime();
        Process process = TIMM.start("timm", name, List.of(manifestFile.toString(), resultFile.toString(), "--then"));
        // a process that runs too long is ended; its output then ends, and the test fails with it
        java.util.concurrent.CompletableFuture.delayedExecutor(timeout.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                .execute(process::destroyForcibly);
        StringBuilder output = new StringBuilder();
        try (java.io.BufferedReader lines = process.inputReader(java.nio.charset.StandardCharsets.UTF_8);
             java.io.BufferedWriter input = process.outputWriter(java.nio.charset.StandardCharsets.UTF_8)) {
            boolean traced = false;
            String line;
            while (!traced && (line = lines.readLine()) != null) {
                traced = line.equals("cnnc: traced");
                output.append(traced ? "" : line + "\n");
            }
            com.fasterxml.jackson.databind.JsonNode results = null;
            if (traced) {
                results = json.readTree(resultFile.toFile());
                json.writeValue(thenFile.toFile(), then.apply(results));
                input.write(thenFile + "\t" + thenResultFile + "\n");
                input.flush();
            }
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
            }
            int exit = process.waitFor();
            Duration time = Duration.ofNanos(System.nanoTime() - start);
            if (exit != 0 || !traced || !java.nio.file.Files.exists(thenResultFile)) {
                throw new AssertionError(name + " exited with " + exit + (time.compareTo(timeout) >= 0
                        ? " after more than " + timeout : "") + ":\n" + output);
            }
            return new TwoStepRun(results, json.readTree(thenResultFile.toFile()), time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + name, e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Runs a script of src/test/resources/torch with the venv's python. */
    static PythonVenv.Run script(String name, List<String> arguments, Duration timeout) {
        return VENV.script("torch", name, arguments, timeout);
    }
}
