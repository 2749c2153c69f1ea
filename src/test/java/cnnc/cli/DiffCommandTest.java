package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnnc diff}: the layers matched, the figures of each change worked out by hand or taken from published
 * parameter counts, and every figure against the difference of the two models' JSON reports.
 */
class DiffCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESNET50 = "samples/zoo/resnet50.cnn";
    private static final String RESNET101 = "samples/zoo/resnet101.cnn";
    /** keras.applications' ResNet50 and ResNet101 (keras.io/api/applications; KerasZooTest builds both in Keras). */
    private static final long RESNET50_PARAMS = 25_636_712;
    private static final long RESNET101_PARAMS = 44_707_176;

    @TempDir
    Path folder;

    @Test
    void aModelAgainstItselfIsTheSame() throws Exception {
        CliTest.Run text = CliTest.run("diff", RESNET50, RESNET50);
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("the models are the same: 176 layers alike"), text.out());
        assertFalse(text.out().lines().anyMatch(line -> line.startsWith("+ ") || line.startsWith("- ")), text.out());
        JsonNode json = json("diff", "--format", "json", RESNET50, RESNET50);
        assertTrue(json.get("same").asBoolean());
        assertEquals(176, json.get("layers").get("same").asLong());
        assertEquals(0, json.get("layers").get("changed").asLong() + json.get("layers").get("inserted").asLong()
                + json.get("layers").get("removed").asLong());
        for (JsonNode entry : flatten(json.get("entries"))) {
            assertEquals("same", entry.get("change").asText(), entry.toString());
        }
        assertEquals(0, json.get("totals").get("params").get("change").asLong());
    }

    @Test
    void resNet101IsResNet50WithSeventeenMoreBlocksInItsThirdStage() throws Exception {
        JsonNode json = json("diff", "--format", "json", RESNET50, RESNET101);
        assertFalse(json.get("same").asBoolean());
        // ResNet101 has 23 blocks in stage 3 where ResNet50 has 6: 17 keep blocks more, each of 10 layers (the
        // residual's conv, bn, relu, conv, bn, relu, conv, bn, then add and relu), nothing else changes
        assertEquals(17 * 10, json.get("layers").get("inserted").asLong());
        assertEquals(0, json.get("layers").get("changed").asLong());
        assertEquals(0, json.get("layers").get("removed").asLong());
        assertEquals(176, json.get("layers").get("same").asLong());
        long keep256 = 1024 * 256 + 256 + 4 * 256         // conv 256@1 on 1024 channels, bn
                + 3 * 3 * 256 * 256 + 256 + 4 * 256          // conv 256@3 same, bn
                + 256 * 1024 + 1024 + 4 * 1024;              // conv 1024@1, bn
        assertEquals(RESNET101_PARAMS - RESNET50_PARAMS, 17 * keep256, "the published counts' difference");
        assertEquals(RESNET101_PARAMS - RESNET50_PARAMS, json.get("totals").get("params").get("change").asLong());
        assertEquals(RESNET50_PARAMS, json.get("totals").get("params").get("before").asLong());
        assertEquals(RESNET101_PARAMS, json.get("totals").get("params").get("after").asLong());
        long keep256Macs = 14 * 14 * (1024 * 256 + 3 * 3 * 256 * 256 + 256 * 1024); // on 14x14 positions
        assertEquals(17 * keep256Macs, json.get("totals").get("macs").get("change").asLong());

        JsonNode stage3 = json.get("entries").get(8); // zeropad, conv, bn, relu, zeropad, maxpool, stage1, stage2
        assertEquals("changed", stage3.get("change").asText());
        assertEquals("stage(f=256, n=6, s=2)", stage3.get("before").get("usage").asText());
        assertEquals("stage(f=256, n=23, s=2)", stage3.get("after").get("usage").asText());
        assertTrue(list(stage3.get("changed")).containsAll(List.of("arguments", "layers", "params")));
        List<String> inserted = new ArrayList<>();
        for (JsonNode entry : stage3.get("entries")) {
            if (entry.get("change").asText().equals("inserted")) {
                inserted.add(entry.get("after").get("path").asText());
                assertEquals(keep256, entry.get("params").asLong(), entry.get("after").get("path").asText());
            } else {
                assertEquals("same", entry.get("change").asText(), entry.toString());
            }
        }
        List<String> expected = new ArrayList<>();
        for (int k = 6; k <= 22; k++) {
            expected.add("stage3/keep" + k);
        }
        assertEquals(expected, inserted);

        CliTest.Run text = CliTest.run("diff", RESNET50, RESNET101);
        assertEquals(1, text.exit(), text.err());
        List<String> plus = text.out().lines().filter(line -> line.startsWith("+ ")).toList();
        assertEquals(2, plus.size(), "stage3's new use, and the seventeen blocks in one line: " + text.out());
        assertTrue(plus.get(1).contains("143-312  stage3/keep6..keep22  17 x keep(f=256)"), plus.get(1));
        // what changed, under the name: the table fits in 100 columns
        assertTrue(text.out().contains("\n            changed: arguments, layers, params +19,070,464, macs +3,712,221,184, "
                + "flops\n"), text.out());
        assertTrue(text.out().lines().allMatch(line -> line.length() <= 100), text.out());
        assertTrue(text.out().contains("+19,070,464"), text.out());
        assertFiguresAreTheReportsDifference(RESNET50, RESNET101, json);
    }

    @Test
    void aChannelChangeInsideABlockChangesEveryUseOfIt() throws Exception {
        Path wider = write("wider.cnn", Files.readString(Path.of(RESNET50))
                .replace("conv f@3 same", "conv 2*f@3 same"));
        JsonNode json = json("diff", "--format", "json", RESNET50, wider.toString());
        // each of the 16 residual instances: its 3x3 conv (f -> 2f filters), the bn after it (4 per channel), the
        // relu (its shape), and the 1x1 conv that reads it (2f input channels)
        assertEquals(16 * 4, json.get("layers").get("changed").asLong());
        assertEquals(0, json.get("layers").get("inserted").asLong() + json.get("layers").get("removed").asLong());
        long change = 0;
        int[][] stages = {{64, 3}, {128, 4}, {256, 6}, {512, 3}};
        for (int[] stage : stages) {
            long f = stage[0];
            long conv = (3 * 3 * f * 2 * f + 2 * f) - (3 * 3 * f * f + f);
            long bn = 4 * 2 * f - 4 * f;
            long next = (2 * f * 4 * f + 4 * f) - (f * 4 * f + 4 * f);
            change += stage[1] * (conv + bn + next);
        }
        assertEquals(change, json.get("totals").get("params").get("change").asLong());
        List<String> changed = new ArrayList<>();
        for (JsonNode entry : flatten(json.get("entries"))) {
            if (entry.get("type").asText().equals("layer") && entry.get("change").asText().equals("changed")) {
                changed.add(entry.get("after").get("name").asText().replaceAll(".*\\.", ""));
            }
        }
        for (int k = 0; k < changed.size(); k += 4) {
            assertEquals(List.of("conv2", "bn2", "relu2", "conv3"), changed.subList(k, k + 4));
        }
        JsonNode first = flatten(json.get("entries")).stream().filter(e -> e.get("change").asText().equals("changed")
                && e.get("type").asText().equals("layer")).findFirst().orElseThrow();
        assertEquals("stage1.down1.residual1.conv2", first.get("before").get("name").asText());
        assertEquals(List.of("arguments", "shape", "params", "macs", "flops"), list(first.get("changed")));
        assertEquals(List.of(56L, 56L, 128L), longs(first.get("after").get("outputShape")));
        assertFiguresAreTheReportsDifference(RESNET50, wider.toString(), json);
    }

    @Test
    void aRenamedLayerIsChangedInItsName() throws Exception {
        String model = "model small\ninput 32x32x3\nconv 16@3 same as stem\nconv 16@3 same\nadd { identity | from stem }\n"
                + "gap\ndense 10 softmax\n";
        Path before = write("stem.cnn", model);
        Path after = write("trunk.cnn", model.replace("stem", "trunk"));
        JsonNode json = json("diff", "--format", "json", before.toString(), after.toString());
        assertEquals(1, json.get("layers").get("changed").asLong());
        assertEquals(4, json.get("layers").get("same").asLong());
        JsonNode conv = json.get("entries").get(0);
        assertEquals(List.of("name"), list(conv.get("changed")));
        assertEquals("stem", conv.get("before").get("as").asText());
        assertEquals("trunk", conv.get("after").get("as").asText());
        CliTest.Run text = CliTest.run("diff", before.toString(), after.toString());
        assertEquals(1, text.exit());
        assertTrue(text.out().contains("conv 16@3 same as stem") && text.out().contains("conv 16@3 same as trunk"),
                text.out());
    }

    @Test
    void aRenamedBlockChangesEveryUseOfItInItsBlock() throws Exception {
        Path renamed = write("double.cnn", Files.readString(Path.of("samples/unet.cnn")).replace("twice", "double"));
        JsonNode json = json("diff", "--format", "json", "samples/unet.cnn", renamed.toString());
        List<String> uses = new ArrayList<>();
        for (JsonNode entry : flatten(json.get("entries"))) {
            if (entry.get("change").asText().equals("changed") && entry.get("type").asText().equals("block")
                    && entry.get("before").get("block").asText().equals("twice")) {
                assertEquals("double", entry.get("after").get("block").asText());
                assertEquals(List.of("block"), list(entry.get("changed")));
                uses.add(entry.get("after").get("path").asText());
            }
        }
        // four uses at the top level, one in each of the three up blocks
        assertEquals(List.of("double1", "double2", "double3", "double4", "up1/double1", "up2/double1", "up3/double1"),
                uses);
        assertEquals(0, json.get("layers").get("changed").asLong() + json.get("layers").get("inserted").asLong()
                + json.get("layers").get("removed").asLong(), "no layer changes");
    }

    @Test
    void aLayerInsertedInTheMiddleIsTheOnlyOneInserted() throws Exception {
        String seed = Files.readString(Path.of("samples/seed.cnn"));
        Path deeper = write("deeper.cnn", seed.replace("conv 100@5x5 valid;", "conv 100@5x5 valid; conv 100@3x3 valid;"));
        JsonNode json = json("diff", "--format", "json", "samples/seed.cnn", deeper.toString());
        List<String> changes = new ArrayList<>();
        for (JsonNode entry : json.get("entries")) {
            changes.add(entry.get("change").asText() + " " + (entry.get("after").isNull()
                    ? entry.get("before").get("layer").asText() : entry.get("after").get("layer").asText()));
        }
        // 100x100 -> conv 7x7 valid 94 -> conv 5x5 valid 90 -> the new conv 3x3 valid 88 -> maxpool 2 44, so the
        // flatten has 44 x 44 x 100 values, not 45 x 45 x 100
        // (layers as their values print them: valid, the default padding, left out)
        assertEquals(List.of("same conv 60@7x7", "same conv 100@5x5",
                "inserted conv 100@3x3", "changed maxpool 2x2", "changed (flatten, implicit)",
                "changed dense 250", "same dense 200", "same dense 1 sigmoid"), changes);
        JsonNode conv = json.get("entries").get(2);
        assertEquals(3 * 3 * 100 * 100 + 100, conv.get("params").asLong());
        assertEquals(List.of(88L, 88L, 100L), longs(conv.get("after").get("outputShape")));
        JsonNode maxpool = json.get("entries").get(3);
        // no MACs, no parameters: its FLOPs (comparisons, per output value; cost.md) follow its shape
        assertEquals(List.of("shape", "flops"), list(maxpool.get("changed")));
        JsonNode dense = json.get("entries").get(5);
        assertEquals((44L * 44 * 100 + 1) * 250 - (45L * 45 * 100 + 1) * 250, dense.get("params").asLong());
        assertEquals(List.of("params", "macs", "flops"), list(dense.get("changed")));
        assertFiguresAreTheReportsDifference("samples/seed.cnn", deeper.toString(), json);
    }

    @Test
    void aLayerOfAnotherKindInItsPlaceIsChangedInItsKind() throws Exception {
        String seed = Files.readString(Path.of("samples/seed.cnn"));
        Path average = write("average.cnn", seed.replace("maxpool 2x2", "avgpool 2x2"));
        JsonNode json = json("diff", "--format", "json", "samples/seed.cnn", average.toString());
        JsonNode pool = json.get("entries").get(2);
        // the same shape and no parameters; the FLOPs differ, which cost.md counts per kind
        assertEquals("kind", list(pool.get("changed")).get(0));
        assertFalse(list(pool.get("changed")).contains("shape") || list(pool.get("changed")).contains("params"));
        assertEquals("maxpool", pool.get("before").get("op").asText());
        assertEquals("avgpool", pool.get("after").get("op").asText());
    }

    /**
     * --expand: each of the seventeen inserted keep(f=256) instances on its line, then what it makes: its
     * residual instance, that instance's eight layers (conv, bn, relu, conv, bn, relu, conv, bn), and its own add
     * and relu; 12 lines each, after stage3's changed line. ResNet101's rows 143-312 are theirs, ten each.
     */
    @Test
    void expandListsEveryLayerOfTheInsertedInstances() {
        CliTest.Run run = CliTest.run("diff", "--expand", RESNET50, RESNET101);
        assertEquals(1, run.exit(), run.err());
        List<String> plus = run.out().lines().filter(line -> line.startsWith("+ ")).toList();
        assertEquals(1 + 17 * 12, plus.size(), run.out());
        assertTrue(plus.get(1).matches("\\+ +143-152 +stage3/keep6 +keep\\(f=256\\) .*"), plus.get(1));
        assertTrue(plus.get(2).matches("\\+ +143-150 +stage3/keep6/residual1 +residual\\(f=256, s=1\\) .*"), plus.get(2));
        assertTrue(plus.get(3).matches("\\+ +143 +stage3\\.keep6\\.residual1\\.conv1 +conv 256@1 .*"), plus.get(3));
        assertTrue(plus.get(12).matches("\\+ +152 +stage3\\.keep6\\.relu1 +relu .*"), plus.get(12));
        assertTrue(plus.get(plus.size() - 1).matches("\\+ +312 +stage3\\.keep22\\.relu1 +relu .*"), plus.get(plus.size() - 1));
        CliTest.Run markdown = CliTest.run("diff", "--expand", "--format", "md", RESNET50, RESNET101);
        assertEquals(1 + 17 * 12, markdown.out().lines().filter(line -> line.startsWith("| + |")).count());
        assertEquals(2, CliTest.run("diff", "--expand", "--format", "json", RESNET50, RESNET101).exit());
    }

    @Test
    void markdownIsATableForAPullRequest() {
        CliTest.Run run = CliTest.run("diff", "--format", "md", RESNET50, RESNET101);
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().startsWith("## diff resnet50 -> resnet101\n"), run.out());
        assertTrue(run.out().contains("| + | 143-312 | stage3/keep6..keep22 | 17 x keep(f=256) |"), run.out());
        // as GitHub renders it: two tables, the changes (a heading row, stage3 before and after, the folded
        // blocks) and the totals (a heading row, 9 totals, the memory line, the input and the output)
        org.commonmark.node.Node document = org.commonmark.parser.Parser.builder()
                .extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create())).build().parse(run.out());
        List<Integer> rows = new ArrayList<>();
        for (org.commonmark.node.Node node = document.getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof org.commonmark.ext.gfm.tables.TableBlock table) {
                int count = 0;
                for (org.commonmark.node.Node part = table.getFirstChild(); part != null; part = part.getNext()) {
                    for (org.commonmark.node.Node row = part.getFirstChild(); row != null; row = row.getNext()) {
                        count++;
                    }
                }
                rows.add(count);
            }
        }
        assertEquals(List.of(1 + 3, 1 + 9 + 1 + 2), rows);
    }

    @Test
    void aModelWithErrorsIsExitSixAndWritesNothing() throws Exception {
        Path broken = write("broken.cnn", "input 28x28x1\nconv 8@5\nconv 8@30\ndense 10\n");
        Path out = folder.resolve("diff.txt");
        CliTest.Run run = CliTest.run("diff", "-o", out.toString(), "samples/seed.cnn", broken.toString());
        assertEquals(ExitCode.DIFF_MODEL_ERRORS, run.exit());
        assertEquals(6, run.exit());
        assertEquals("", run.out());
        CliTest.Run check = CliTest.run("check", broken.toString());
        assertEquals(check.err(), run.err(), "the errors as check prints them");
        assertFalse(Files.exists(out));
    }

    @Test
    void outputGoesToTheFileNamed() throws Exception {
        Path out = folder.resolve("diff.json");
        CliTest.Run run = CliTest.run("diff", "--format", "json", "-o", out.toString(), RESNET50, RESNET101);
        assertEquals(1, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals(CliTest.run("diff", "--format", "json", RESNET50, RESNET101).out(),
                Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void aBadCommandLineIsExitTwo() {
        for (String[] args : List.of(new String[] {"diff", RESNET50}, new String[] {"diff", "-", "-"},
                new String[] {"diff", "-o", RESNET50, "samples/seed.cnn", RESNET50},
                new String[] {"diff", "--format", "csv", RESNET50, RESNET101},
                new String[] {"diff", RESNET50, RESNET101, "samples/seed.cnn"})) {
            CliTest.Run run = CliTest.run(args);
            assertEquals(2, run.exit(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.err().startsWith("cnnc: ") && run.err().strip().endsWith("see cnnc diff --help"), run.err());
            assertEquals("", run.out());
        }
    }

    @Test
    void anUnreadableFileIsExitThree() {
        CliTest.Run run = CliTest.run("diff", RESNET50, "no/such.cnn");
        assertEquals(3, run.exit());
        assertEquals("cnnc: cannot read no/such.cnn: no such file\n", run.err());
    }

    /**
     * Every figure the diff gives against the two JSON reports: each entry's before and after against the report's
     * row (or, for a block instance, its {@code blocks} entry), each change their difference, and the totals.
     */
    private static void assertFiguresAreTheReportsDifference(String before, String after, JsonNode diff)
            throws Exception {
        JsonNode a = json("report", "--format", "json", before);
        JsonNode b = json("report", "--format", "json", after);
        for (String key : List.of("params", "trainableParams", "nonTrainableParams", "macs", "flops")) {
            JsonNode total = diff.get("totals").get(key);
            assertEquals(a.get("totals").get(key).asLong(), total.get("before").asLong(), key);
            assertEquals(b.get("totals").get(key).asLong(), total.get("after").asLong(), key);
            assertEquals(b.get("totals").get(key).asLong() - a.get("totals").get(key).asLong(),
                    total.get("change").asLong(), key);
        }
        for (String key : List.of("parameterBytes", "peakActivationBytes", "trainingBytes")) {
            assertEquals(b.get("totals").get("memory").get(key).asLong() - a.get("totals").get("memory").get(key).asLong(),
                    diff.get("totals").get(key).get("change").asLong(), key);
        }
        assertEquals(a.get("layers").size(), diff.get("totals").get("layers").get("before").asLong());
        assertEquals(b.get("layers").size(), diff.get("totals").get("layers").get("after").asLong());
        for (JsonNode entry : flatten(diff.get("entries"))) {
            long change = 0;
            for (String side : List.of("before", "after")) {
                JsonNode item = entry.get(side);
                if (item.isNull()) {
                    continue;
                }
                JsonNode report = side.equals("before") ? a : b;
                JsonNode row = entry.get("type").asText().equals("layer")
                        ? report.get("layers").get(item.get("index").asInt() - 1) : block(report.get("blocks"),
                        item.get("path").asText());
                assertEquals(row.get("params").asLong(), item.get("params").asLong(), item.toString());
                assertEquals(row.get("macs").asLong(), item.get("macs").asLong(), item.toString());
                assertEquals(row.get("flops").asLong(), item.get("flops").asLong(), item.toString());
                assertEquals(row.get("outputShape"), item.get("outputShape"), item.toString());
                assertEquals(row.get("name"), item.get("name"), item.toString());
                change += (side.equals("before") ? -1 : 1) * row.get("params").asLong();
            }
            assertEquals(change, entry.get("params").asLong(), entry.toString());
        }
    }

    private static JsonNode block(JsonNode blocks, String path) {
        for (JsonNode block : blocks) {
            if (block.get("path").asText().equals(path)) {
                return block;
            }
            if (path.startsWith(block.get("path").asText() + "/")) {
                return block(block.get("blocks"), path);
            }
        }
        throw new AssertionError("no block " + path);
    }

    /** Every entry, those inside block instances included, in order. */
    private static List<JsonNode> flatten(JsonNode entries) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode entry : entries) {
            all.add(entry);
            if (entry.has("entries")) {
                all.addAll(flatten(entry.get("entries")));
            }
        }
        return all;
    }

    private static JsonNode json(String... args) throws Exception {
        CliTest.Run run = CliTest.run(args);
        assertTrue(run.exit() <= 1, run.err());
        return JSON.readTree(run.out());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<Long> longs(JsonNode array) {
        List<Long> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asLong()));
        return values;
    }
}
