package cnnc.imports.keras;

import cnnc.Compilation;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.keras.KerasEnvironment;
import cnnc.testing.Samples;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one Python process of the import's tests ({@code export.py}): every sample's generated Keras
 * module built and saved with to_json, a few also saved as .keras archives and loaded back, and
 * keras.applications' models saved (to_json, one also as a .keras archive) with Keras's own figures. Made
 * once per test JVM; a later run in the same target/ whose modules, applications and export.py are the same
 * text reuses the files Keras wrote (a fresh clone always runs Keras).
 */
final class KerasExport {
    static final List<String> APPLICATIONS = List.of("ResNet50", "MobileNetV2", "DenseNet121", "EfficientNetB0",
            "Xception", "InceptionV3", "ConvNeXtTiny", "VGG16", "NASNetMobile", "ResNet50V2", "ResNet101", "MobileNet",
            "DenseNet201", "EfficientNetV2B0", "ConvNeXtSmall", "MobileNetV3Small", "InceptionResNetV2");
    static final List<String> ARCHIVES = List.of("MobileNetV2");
    /**
     * Samples whose modules hold cnnc's MaxPoolPadding (DPN68's 'pad 1', M5's 1-D 'ceil'), saved with weights as
     * .keras archives and loaded back with keras.models.load_model, their outputs compared (export.py's "reloads").
     */
    static final List<String> RELOADS = List.of("timm/dpn68.cnn", "audio/m5.cnn");
    /** Small models written for the import's tests, src/test/resources/keras/blocks_NAME.py, by NAME. */
    static final List<String> HAND_MADE = List.of("widths", "structure");
    private static final Path WORK = Path.of("target", "keras-import").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KerasExport instance;
    private static Error failure;

    /** Each sample with a generated module, by its path under samples/: its compilation. */
    final Map<String, Compilation> samples = new LinkedHashMap<>();
    /** The samples cnnc keras refuses (no module), by path. */
    final Map<String, String> notGenerated = new LinkedHashMap<>();
    final JsonNode results;

    private KerasExport(JsonNode results, Map<String, Compilation> samples, Map<String, String> notGenerated) {
        this.results = results;
        this.samples.putAll(samples);
        this.notGenerated.putAll(notGenerated);
    }

    static synchronized KerasExport get() {
        if (failure != null) {
            throw new AssertionError("the export failed before (see the first test that asked for it)", failure);
        }
        if (instance == null) {
            try {
                instance = run();
            } catch (RuntimeException | Error e) {
                failure = e instanceof Error error ? error : new AssertionError(e);
                throw e;
            }
        }
        return instance;
    }

    /** The to_json text of a hand-made model of {@link #HAND_MADE}. */
    String handMadeJson(String name) {
        return sampleJson("hand-made/" + name);
    }

    /** The to_json text of a sample's module. */
    String sampleJson(String sample) {
        String path = results.get("modules").get(sample).asText();
        if (path.startsWith("error: ")) {
            throw new AssertionError(sample + ": Keras could not build its module: " + path);
        }
        return read(Path.of(path));
    }

    static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KerasExport run() {
        try {
            Files.createDirectories(WORK);
            Map<String, Compilation> samples = new LinkedHashMap<>();
            Map<String, String> notGenerated = new LinkedHashMap<>();
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("folder", WORK.toString());
            ObjectNode modules = manifest.putObject("modules");
            int i = 0;
            for (Path path : Samples.good()) {
                String name = Samples.ROOT.relativize(path).toString();
                Compilation compilation = Samples.compile(path);
                var generated = KerasBackend.generate(compilation);
                if (generated.python().isEmpty()) {
                    notGenerated.put(name, generated.diagnostics().toString());
                    continue;
                }
                Path module = WORK.resolve("sample" + i++ + ".py");
                Files.writeString(module, generated.python().get());
                modules.put(name, module.toString());
                samples.put(name, compilation);
            }
            StringBuilder handMade = new StringBuilder();
            for (String name : HAND_MADE) {
                String file = "blocks_" + name + ".py";
                String text = Files.readString(Path.of("src", "test", "resources", "keras", file));
                Files.writeString(WORK.resolve(file), text);
                modules.put("hand-made/" + name, WORK.resolve(file).toString());
                handMade.append(text);
            }
            APPLICATIONS.forEach(manifest.putArray("applications")::add);
            ARCHIVES.forEach(manifest.putArray("archives")::add);
            RELOADS.forEach(manifest.putArray("reloads")::add);
            Path manifestFile = WORK.resolve("manifest.json");
            Path resultsFile = WORK.resolve("results.json");
            Path inputsFile = WORK.resolve("inputs.txt");
            String inputs = manifest.toString() + samples.values().stream()
                    .map(c -> KerasBackend.generate(c).python().orElseThrow()).toList() + handMade
                    + Files.readString(Path.of("src", "test", "resources", "keras", "export.py"));
            if (Files.exists(resultsFile) && Files.exists(inputsFile) && Files.readString(inputsFile).equals(inputs)) {
                // the same modules and applications as the last run in this target/: Keras's files are still there
                return new KerasExport(JSON.readTree(resultsFile.toFile()), samples, notGenerated);
            }
            JSON.writeValue(manifestFile.toFile(), manifest);
            Files.deleteIfExists(resultsFile);
            Files.deleteIfExists(inputsFile);
            KerasEnvironment.Run run = KerasEnvironment.script("export.py", List.of(manifestFile.toString(),
                    resultsFile.toString()), Duration.ofMinutes(30));
            if (run.exit() != 0 || !Files.exists(resultsFile)) {
                throw new AssertionError("export.py exited with " + run.exit() + ":\n" + run.output());
            }
            Files.writeString(inputsFile, inputs);
            return new KerasExport(JSON.readTree(resultsFile.toFile()), samples, notGenerated);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
