package cnnc.backend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CSV and markdown reports read back by parsers written here (RFC 4180 for CSV, the pipe table
 * for markdown) carry the JSON report's figures, row for row; at a {@code --depth}, a folded block
 * instance's row carries the sums of its layers as the JSON report lists them, and its shapes in and out.
 */
class ReportFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> samples() {
        return Stream.of("samples/seed.cnn", "samples/lenet5.cnn", "samples/unet.cnn", "samples/small-modern.cnn",
                "samples/zoo/resnet50.cnn", "samples/zoo/inceptionv3.cnn", "samples/zoo/efficientnetb0.cnn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void csvCarriesTheJsonFigures(String sample) throws Exception {
        JsonNode json = json(sample);
        List<Map<String, String>> rows = records(csv(run("report", "--format", "csv", "--columns", "all", sample)));
        assertEquals(json.get("layers").size() + 1 + subtotals(json), rows.size());
        for (Map<String, String> row : rows) {
            if (row.get("row").isEmpty()) {
                continue;
            }
            int index = Integer.parseInt(row.get("row"));
            if (index == 0) {
                assertEquals(shape(json.get("input")), row.get("output"));
                continue;
            }
            JsonNode layer = json.get("layers").get(index - 1);
            assertEquals(layer.get("line").asText(), row.get("line"));
            assertEquals(shape(layer.get("outputShape")), row.get("output"));
            assertEquals(layer.get("params").asText(), row.get("params"));
            assertEquals(layer.get("macs").asText(), row.get("macs"));
            assertEquals(layer.get("flops").asText(), row.get("flops"));
            assertEquals(String.valueOf(layer.get("outputElements").asLong() * 4), row.get("memory"), "float32, batch 1");
            JsonNode field = layer.get("receptiveField");
            assertEquals(field.get("wholeInput").asBoolean() ? "all" : square(field), row.get("rf"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void markdownCarriesTheJsonFigures(String sample) throws Exception {
        JsonNode json = json(sample);
        String markdown = run("report", "--format", "markdown", sample);
        List<Map<String, String>> rows = records(markdownTable(markdown));
        assertEquals(json.get("layers").size() + 1 + subtotals(json), rows.size());
        for (Map<String, String> row : rows) {
            if (row.get("#").isEmpty() || row.get("#").equals("0")) {
                continue;
            }
            JsonNode layer = json.get("layers").get(Integer.parseInt(row.get("#")) - 1);
            assertEquals(shape(layer.get("outputShape")), row.get("output"));
            assertEquals(layer.get("params").asLong(), plain(row.get("params")));
            assertEquals(layer.get("macs").asLong(), plain(row.get("macs")));
        }
        assertTrue(Pattern.compile("\ntotal params +" + grouped(json.get("totals").get("params").asLong()) + " ")
                .matcher(markdown).find(), markdown);
    }

    /** At depth 0, a row per top-level statement; each instance's row sums its layers (added up here from the JSON). */
    @Test
    void depthZeroFoldsEachTopLevelInstanceIntoItsSums() throws Exception {
        String sample = "samples/zoo/resnet50.cnn";
        JsonNode json = json(sample);
        List<Map<String, String>> rows = records(csv(run("report", "--format", "csv", "--depth", "0", "--columns",
                "all", sample)));
        Set<String> units = new LinkedHashSet<>();
        for (JsonNode layer : json.get("layers")) {
            String block = layer.get("block").asText();
            units.add(block.isEmpty() ? "row " + layer.get("index").asText() : block.split("/")[0]);
        }
        assertEquals(1 + units.size(), rows.size(), "the input, then 7 top-level layers and 4 stages");
        assertEquals(1 + 6 + 4 + 2, rows.size());
        int folded = 0;
        for (JsonNode instance : json.get("blocks")) {
            String name = instance.get("name").asText();
            Map<String, String> row = rows.stream().filter(r -> r.get("layer").startsWith(name + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + name));
            long params = 0;
            long macs = 0;
            long flops = 0;
            int first = Integer.MAX_VALUE;
            int last = 0;
            for (JsonNode layer : json.get("layers")) {
                String block = layer.get("block").asText();
                if (block.equals(name) || block.startsWith(name + "/")) {
                    params += layer.get("params").asLong();
                    macs += layer.get("macs").asLong();
                    flops += layer.get("flops").asLong();
                    first = Math.min(first, layer.get("index").asInt());
                    last = Math.max(last, layer.get("index").asInt());
                }
            }
            assertEquals(first + "-" + last, row.get("row"));
            assertEquals(String.valueOf(params), row.get("params"));
            assertEquals(String.valueOf(macs), row.get("macs"));
            assertEquals(String.valueOf(flops), row.get("flops"));
            assertEquals(params, instance.get("params").asLong());
            assertEquals(first, instance.get("firstRow").asInt());
            assertEquals(last, instance.get("lastRow").asInt());
            assertEquals(shape(instance.get("inputShape")) + " -> " + shape(instance.get("outputShape")), row.get("output"));
            assertEquals(instance.get("line").asText(), row.get("line"));
            folded++;
        }
        assertEquals(4, folded);
        // stage1 is stage(64, 3, s=1): three bottlenecks of 64, 64 and 256 filters on 56x56, worked out by hand
        long down = (64 * 64 + 64) + 4 * 64 + (9 * 64 * 64 + 64) + 4 * 64 + (64 * 256 + 256) + 4 * 256
                + (64 * 256 + 256) + 4 * 256;
        long keep = (256 * 64 + 64) + 4 * 64 + (9 * 64 * 64 + 64) + 4 * 64 + (64 * 256 + 256) + 4 * 256;
        assertEquals(String.valueOf(down + 2 * keep), rows.get(7).get("params"));
        assertEquals("56x56x64 -> 56x56x256", rows.get(7).get("output"));
    }

    /** At depth 1 the stages are open (with their subtotals) and their block uses are folded. */
    @Test
    void depthOneShowsTheStagesBlocks() throws Exception {
        List<Map<String, String>> rows = records(markdownTable(run("report", "--format", "markdown", "--depth", "1",
                "samples/zoo/resnet50.cnn")));
        List<String> layers = rows.stream().map(r -> r.get("layer")).toList();
        assertEquals(1 + 6 + 16 + 4 + 2, rows.size(), "input, stem, 16 bottlenecks, 4 subtotals, head");
        assertEquals("down1: down(f=64, s=1), 12 layers", layers.get(7));
        assertEquals("= stage1 subtotal", layers.get(10));
        assertEquals("7-18", rows.get(7).get("#"));
    }

    @Test
    void csvQuotesWhatNeedsIt() {
        assertEquals("plain", CsvReport.field("plain"));
        assertEquals("\"a, b\"", CsvReport.field("a, b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvReport.field("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvReport.field("two\nlines"));
        assertEquals(List.of(List.of("a, b", "say \"hi\"", "two\nlines", "")),
                csv("\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n"));
    }

    // ---- readers written for the test ----

    /** RFC 4180: fields separated by commas, records by CRLF; a quoted field may hold commas, CRLF and doubled quotes. */
    static List<List<String>> csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertEquals(0, field.length(), "a quote inside an unquoted field at " + i);
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertEquals('\n', text.charAt(i + 1), "CR without LF at " + i);
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                assertTrue(c != '\n', "a bare LF at " + i);
                field.append(c);
            }
        }
        assertTrue(!quoted && field.length() == 0 && record.isEmpty(), "the text ends inside a record");
        return records;
    }

    /** The first pipe table of a markdown text: the heading row, the alignment row, then rows; {@code \|} is a pipe. */
    static List<List<String>> markdownTable(String markdown) {
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            for (int i = 1; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                    cell.append('|');
                    i++;
                } else if (c == '|') {
                    cells.add(cell.toString().strip());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            if (rows.size() == 1) {
                assertTrue(cells.stream().allMatch(c -> c.matches(":?-{3,}:?")), "the alignment row: " + line);
                rows.add(null);
                continue;
            }
            rows.add(cells);
        }
        rows.remove(1);
        return rows;
    }

    /** Rows as maps from the heading row's names. */
    private static List<Map<String, String>> records(List<List<String>> table) {
        List<String> names = table.get(0);
        List<Map<String, String>> records = new ArrayList<>();
        for (List<String> row : table.subList(1, table.size())) {
            assertEquals(names.size(), row.size(), "cells in " + row);
            Map<String, String> record = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                record.put(names.get(i), row.get(i));
            }
            records.add(record);
        }
        return records;
    }

    /** One subtotal row per top-level block instance that made layers. */
    private static int subtotals(JsonNode json) {
        Set<String> top = new LinkedHashSet<>();
        json.get("layers").forEach(l -> {
            if (!l.get("block").asText().isEmpty()) {
                top.add(l.get("block").asText().split("/")[0]);
            }
        });
        return top.size();
    }

    private static String shape(JsonNode dims) {
        List<String> parts = new ArrayList<>();
        dims.forEach(d -> parts.add(d.asText()));
        return String.join("x", parts);
    }

    private static String square(JsonNode field) {
        long height = field.get("height").asLong();
        long width = field.get("width").asLong();
        return height == width ? String.valueOf(height) : height + "x" + width;
    }

    private static long plain(String grouped) {
        assertTrue(grouped.matches("\\d{1,3}(,\\d{3})*"), grouped);
        return Long.parseLong(grouped.replace(",", ""));
    }

    private static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    private static JsonNode json(String sample) throws Exception {
        return JSON.readTree(run("report", "--format", "json", sample));
    }

    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, exit, err.toString());
        return out.toString();
    }
}
