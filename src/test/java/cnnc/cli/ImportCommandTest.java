package cnnc.cli;

import static cnnc.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.cli.CliTest.Run;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnnc import}'s refusals, on small hand-written Keras 3 configurations: each layer or option the
 * language cannot express is an error with its code at the Keras layer's name (line and column in the
 * JSON), exit 1, and no file written; the import of what it can express is the description written out
 * here by hand.
 */
class ImportCommandTest {
    /** A Keras 3 functional model on 8x8x3 whose layers are given, each reading the one before. */
    private static String functional(String... layers) {
        StringBuilder json = new StringBuilder("{\"module\": \"keras\", \"class_name\": \"Functional\", \"config\": "
                + "{\"name\": \"small\", \"trainable\": true, \"layers\": [{\"class_name\": \"InputLayer\", \"config\": "
                + "{\"batch_shape\": [null, 8, 8, 3], \"name\": \"input\"}, \"name\": \"input\", \"inbound_nodes\": []}");
        String before = "input";
        String shape = "[null, 8, 8, 3]";
        for (String layer : layers) {
            String name = layer.replaceAll("(?s).*\"name\": \"([^\"]*)\".*", "$1");
            json.append(",\n").append(layer, 0, layer.length() - 1).append(", \"name\": \"").append(name)
                    .append("\", \"inbound_nodes\": [{\"args\": [").append(tensor(before, shape)).append("], \"kwargs\": {}}]}");
            before = name;
            shape = "[null, 8, 8, 4]";
        }
        return json.append("], \"input_layers\": [\"input\", 0, 0], \"output_layers\": [\"").append(before)
                .append("\", 0, 0]}}").toString();
    }

    private static String tensor(String layer, String shape) {
        return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": " + shape
                + ", \"dtype\": \"float32\", \"keras_history\": [\"" + layer + "\", 0, 0]}}";
    }

    private static final String CONV = "{\"class_name\": \"Conv2D\", \"config\": {\"name\": \"c1\", \"trainable\": true, "
            + "\"filters\": 4, \"kernel_size\": [3, 3], \"strides\": [1, 1], \"padding\": \"same\", \"data_format\": "
            + "\"channels_last\", \"dilation_rate\": [1, 1], \"groups\": 1, \"activation\": \"relu\", \"use_bias\": true, "
            + "\"kernel_regularizer\": null}}";

    private static Run imports(Path dir, String json) throws Exception {
        Path file = Files.writeString(dir.resolve("model.json"), json);
        return run("import", file.toString(), "-o", dir.resolve("out.cnn").toString());
    }

    /** The error's first line: the JSON file, the line and column of the layer's name there, the code, the message. */
    private static void assertRefused(Path dir, Run run, String json, String layer, String code, String message) {
        assertEquals(1, run.exit(), run.err());
        String at = "\"name\": \"" + layer + "\"";
        int offset = json.indexOf(at) + "\"name\": \"".length();
        int line = (int) json.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        int column = offset - json.lastIndexOf('\n', offset - 1);
        String first = run.err().lines().findFirst().orElse("");
        assertEquals(dir.resolve("model.json") + ":" + line + ":" + column + ": error[" + code + "]: " + message, first);
        assertFalse(Files.exists(dir.resolve("out.cnn")), "a failed import writes nothing");
        assertEquals("", run.out());
    }

    @Test
    void importsWhatTheLanguageExpresses(@TempDir Path dir) throws Exception {
        String json = functional(CONV, "{\"class_name\": \"MaxPooling2D\", \"config\": {\"name\": \"p1\", \"pool_size\": "
                + "[2, 2], \"strides\": [2, 2], \"padding\": \"valid\", \"data_format\": \"channels_last\"}}",
                "{\"class_name\": \"GlobalAveragePooling2D\", \"config\": {\"name\": \"g1\", \"keepdims\": false}}");
        Run run = imports(dir, json);
        assertEquals(0, run.exit(), run.err());
        assertEquals("model small\ninput 8x8x3\nconv 4@3 same relu; maxpool 2; gap\n",
                Files.readString(dir.resolve("out.cnn")));
    }

    @Test
    void consecutiveLayersAlikeAreARepetition(@TempDir Path dir) throws Exception {
        String json = functional(CONV, CONV.replace("c1", "c2"), CONV.replace("c1", "c3"),
                "{\"class_name\": \"GlobalAveragePooling2D\", \"config\": {\"name\": \"g1\", \"keepdims\": false}}");
        Run run = imports(dir, json);
        assertEquals(0, run.exit(), run.err());
        assertEquals("model small\ninput 8x8x3\nconv 4@3 same relu x3\ngap\n", Files.readString(dir.resolve("out.cnn")));
    }

    /** An epsilon every layer norm writes alike is written once, as the batch norms' is. */
    @Test
    void aValueEveryLayerNormWritesIsADefault(@TempDir Path dir) throws Exception {
        String norm = "{\"class_name\": \"LayerNormalization\", \"config\": {\"name\": \"n1\", \"axis\": -1, "
                + "\"epsilon\": 1e-06, \"center\": true, \"scale\": true}}";
        String json = functional(CONV, norm, CONV.replace("c1", "c2").replace("relu", "linear"), norm.replace("n1", "n2"));
        Run run = imports(dir, json);
        assertEquals(0, run.exit(), run.err());
        assertEquals("model small\ndefaults ln eps 0.000001\ninput 8x8x3\nconv 4@3 same relu; ln; conv 4@3 same; ln\n",
                Files.readString(dir.resolve("out.cnn")));
    }

    /** Keras names are text of any kind; the description quotes and escapes what is not a word of its own. */
    @Test
    void namesThatAreNotWordsAreWrittenSafely(@TempDir Path dir) throws Exception {
        String json = functional(CONV).replace("\"name\": \"small\"", "\"name\": \"conv \\\"x\\\"\\n\\\\ 2\"");
        Run run = imports(dir, json);
        assertEquals(0, run.exit(), run.err());
        assertEquals("model \"conv \\\"x\\\"_\\\\ 2\"\ninput 8x8x3\nconv 4@3 same relu\n",
                Files.readString(dir.resolve("out.cnn")));
    }

    @Test
    void aLayerWithoutALanguageLayerIsE0821(@TempDir Path dir) throws Exception {
        String json = functional(CONV, "{\"class_name\": \"Lambda\", \"config\": {\"name\": \"half\", \"function\": "
                + "{\"class_name\": \"__lambda__\"}}}");
        assertRefused(dir, imports(dir, json), json, "half", "E0821",
                "Keras layer half is a Lambda, which the language has no layer for");
    }

    @Test
    void anOptionTheLanguageCannotSayIsE0822(@TempDir Path dir) throws Exception {
        String causal = CONV.replace("\"same\"", "\"causal\"");
        String json = functional(causal);
        assertRefused(dir, imports(dir, json), json, "c1", "E0822", "Keras layer c1 (Conv2D) has padding=\"causal\": "
                + "the language pads valid or same (or with a layer of its own), not causal");
        String regularized = functional(CONV.replace("\"kernel_regularizer\": null", "\"kernel_regularizer\": "
                + "{\"class_name\": \"L2\", \"config\": {\"l2\": 0.01}}"));
        assertRefused(dir, imports(dir, regularized), regularized, "c1", "E0822", "Keras layer c1 (Conv2D) has "
                + "kernel_regularizer={\"class_name\":\"L2\",\"config\":{\"l2\":0.01}}: it changes training, which a "
                + "description does not hold");
        String frozen = functional(CONV.replace("\"trainable\": true", "\"trainable\": false"));
        assertRefused(dir, imports(dir, frozen), frozen, "c1", "E0822", "Keras layer c1 (Conv2D) has trainable=false: "
                + "a frozen layer, which a description cannot mark (its parameters would count as trainable)");
        String unknown = functional(CONV.replace("\"groups\": 1", "\"groups\": 1, \"lora_rank\": 4"));
        assertRefused(dir, imports(dir, unknown), unknown, "c1", "E0822", "Keras layer c1 (Conv2D) has lora_rank=4: "
                + "cnnc's import does not read this option, so the description would not say it");
        String channelsFirst = functional(CONV.replace("channels_last", "channels_first"));
        assertRefused(dir, imports(dir, channelsFirst), channelsFirst, "c1", "E0822", "Keras layer c1 (Conv2D) has "
                + "data_format=\"channels_first\": the language's shapes are channels last, as Keras's default");
        String activation = functional(CONV.replace("\"relu\"", "\"exponential\""));
        assertTrue(imports(dir, activation).err().contains("has activation=\"exponential\": the language's activations "
                + "are linear, relu, relu6"));
    }

    @Test
    void everyRefusedLayerIsReportedInOneRun(@TempDir Path dir) throws Exception {
        String json = functional(CONV.replace("\"same\"", "\"causal\""),
                "{\"class_name\": \"BatchNormalization\", \"config\": {\"name\": \"b1\", \"axis\": -1, \"center\": false}}",
                "{\"class_name\": \"Subtract\", \"config\": {\"name\": \"s1\"}}");
        Run run = imports(dir, json);
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("error[E0822]: Keras layer c1 (Conv2D) has padding=\"causal\""), run.err());
        assertTrue(run.err().contains("error[E0822]: Keras layer b1 (BatchNormalization) has center=false: the "
                + "language's bn always has beta"), run.err());
        assertTrue(run.err().contains("error[E0821]: Keras layer s1 is a Subtract"), run.err());
        assertTrue(run.err().endsWith("model.json: 3 errors, 0 warnings\n"), run.err());
    }

    @Test
    void aGraphTheLanguageCannotSayIsE0823(@TempDir Path dir) throws Exception {
        String shared = functional(CONV).replace("\"inbound_nodes\": [{\"args\": [" + tensor("input", "[null, 8, 8, 3]")
                + "], \"kwargs\": {}}]", "\"inbound_nodes\": [{\"args\": [], \"kwargs\": {}}, {\"args\": [], \"kwargs\": {}}]");
        assertRefused(dir, imports(dir, shared), shared, "c1", "E0823", "Keras layer c1 is called 2 times: a description "
                + "makes a layer for each use, so shared weights cannot be written");
        String unsized = functional(CONV).replace("[null, 8, 8, 3]", "[null, null, null, 3]");
        assertRefused(dir, imports(dir, unsized), unsized, "input", "E0823", "input's input has a size that is not "
                + "fixed ([null,null,null,3]): a description's sizes are numbers");
        String twoOutputs = functional(CONV).replace("\"output_layers\": [\"c1\", 0, 0]",
                "\"output_layers\": [[\"c1\", 0, 0], [\"input\", 0, 0]]");
        Run run = imports(dir, twoOutputs);
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith(dir.resolve("model.json") + ":1:1: error[E0823]: the Keras model has 2 outputs "
                + "(c1, input): a description has one output"), run.err());
    }

    @Test
    void whatIsNotAKerasModelIsE0820(@TempDir Path dir) throws Exception {
        Run notJson = imports(dir, "{\"class_name\": \"Functional\",\n \"config\": [1, 2,, }");
        assertEquals(1, notJson.exit());
        assertTrue(notJson.err().startsWith(dir.resolve("model.json") + ":2:"), notJson.err());
        assertTrue(notJson.err().contains("error[E0820]: this is not JSON"), notJson.err());
        assertFalse(notJson.err().contains("com.google.gson") || notJson.err().contains("https://"),
                "gson's class names and links are not for cnnc's reader: " + notJson.err());
        String strange = functional(CONV.replace("\"filters\": 4", "\"filters\": [4, 5]"));
        assertRefused(dir, imports(dir, strange), strange, "c1", "E0822", "Keras layer c1 (Conv2D) has filters=[4,5]: "
                + "Keras writes a whole number of 1 or more here, up to 9,223,372,036,854,775,807");
        // a list where Keras writes a word: named by the option, not by gson's "Array must have size 1"
        String listed = functional(CONV.replace("\"padding\": \"same\"", "\"padding\": [1, 2]"));
        assertRefused(dir, imports(dir, listed), listed, "c1", "E0820", "Keras layer c1 (Conv2D) has padding=[1,2], of "
                + "another form than Keras writes");
        Run layer = imports(dir, "{\"class_name\": \"Dense\", \"config\": {\"units\": 3}}");
        assertTrue(layer.err().contains("error[E0820]: this is not a Keras model's configuration: its class is Dense, "
                + "not Functional or Sequential"), layer.err());
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("metadata.json"));
            zip.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        Path archive = Files.write(dir.resolve("model.keras"), zipped.toByteArray());
        Run noConfig = run("import", archive.toString());
        assertEquals(1, noConfig.exit());
        assertTrue(noConfig.err().contains("error[E0820]: this is not a Keras model file: the zip archive holds no "
                + "config.json"), noConfig.err());
        assertEquals(3, run("import", dir.resolve("absent.json").toString()).exit());
        assertEquals(3, run("import", dir.toString()).exit());
    }

    @Test
    void aKerasArchiveIsReadFromItsConfig(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("config.json"));
            zip.write(functional(CONV.replace("\"same\"", "\"causal\"")).getBytes(StandardCharsets.UTF_8));
        }
        Path archive = Files.write(dir.resolve("model.keras"), zipped.toByteArray());
        Run run = run("import", archive.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith(archive + "!config.json:2:"), run.err());
    }
}
