package cnnc.bench;

import cnnc.backend.report.JsonReport;
import cnnc.backend.torch.TorchEnvironment;
import cnnc.imports.torch.TorchImport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * timm's CNN architectures imported by {@code cnnc import}, each against torch's own figures: the survey
 * docs/timm.md shows, written by {@code bench/timm-survey.sh}.
 *
 * <pre>
 *   TimmSurvey --python             provisions target/timm-venv (as the suite does) and prints its python
 *   TimmSurvey RESULTS.json... DOCS.md  writes the survey's section of DOCS.md from timm_survey.py's results
 *   TimmSurvey RESULTS.json... -        prints it
 * </pre>
 *
 * <p>{@code src/test/resources/timm/timm_survey.py} picks the architectures and runs, for each one's
 * model, cnnc's tracer ({@code trace.py}'s {@code graph}, what {@code cnnc import} runs in the user's
 * Python) and torch's counts; here each graph goes through {@link TorchImport#fromGraph}, what
 * {@code cnnc import} does with the tracer's output, and the description's JSON report is compared with
 * torch's figures. {@code TimmModelsTest} measures a few rows again in the suite with {@link #outcome}.
 */
public final class TimmSurvey {
    /** Where docs/timm.md's written section starts and ends. */
    static final String BEGIN = "<!-- survey: written by bench/timm-survey.sh, do not edit -->";
    static final String END = "<!-- end of survey -->";
    /** The outcomes, in the order the counts are given. */
    public static final List<String> OUTCOMES = List.of("exact", "differs", "refused", "tracer failed");
    /** Why timm_survey.py left a module out, by its kind. */
    private static final Map<String, String> LEFT_OUT = Map.of(
            "attention", "attention (a product of two activations: transformers, hybrids)",
            "recurrent", "a recurrent layer",
            "mlp", "at most two convolutions (a patch embedding, then MLPs over tokens)",
            "none", "no model but timm's test miniatures",
            "failed", "timm's model does not run here on its default input");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile(
            "\\| `([a-z0-9_]+)` \\| `([a-z0-9_.]+)` \\| (\\S+) \\| (exact|differs|refused|tracer failed) \\| (.*) \\|");

    private TimmSurvey() {
    }

    /** A row of the table: the architecture (timm's module), its model, input, outcome and what it says. */
    public record Row(String module, String model, String input, String outcome, String detail) {
        String markdown() {
            return "| `" + module + "` | `" + model + "` | " + input + " | " + outcome + " | " + detail + " |";
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--python")) {
            System.out.println(TorchEnvironment.TIMM.python());
            return;
        }
        if (args.length < 2) {
            System.err.println("usage: TimmSurvey --python | TimmSurvey RESULTS.json... DOCS.md|-");
            System.exit(2);
        }
        JsonNode results = merged(Arrays.asList(args).subList(0, args.length - 1));
        String target = args[args.length - 1];
        if (target.equals("-")) {
            System.out.print(section(results));
            return;
        }
        Path docs = Path.of(target);
        String text = Files.readString(docs);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(docs + " has no section between " + BEGIN + " and " + END);
        }
        String section = section(results);
        Files.writeString(docs, text.substring(0, begin + BEGIN.length()) + "\n" + section + text.substring(end));
        System.out.print(section);
    }

    /** The results of several timm_survey.py processes (each given part of the modules) as one, by module. */
    static JsonNode merged(List<String> files) throws IOException {
        ObjectNode merged = null;
        List<JsonNode> modules = new ArrayList<>();
        for (String file : files) {
            JsonNode results = JSON.readTree(Path.of(file).toFile());
            if (merged == null) {
                merged = results.deepCopy();
            } else if (!merged.get("timm").equals(results.get("timm")) || !merged.get("torch").equals(results.get("torch"))) {
                throw new IllegalStateException(file + " was run with other versions of timm and torch");
            }
            results.get("modules").forEach(modules::add);
        }
        modules.sort(Comparator.comparing(entry -> entry.get("module").asText()));
        merged.putArray("modules").addAll(modules);
        return merged;
    }

    /** The section of docs/timm.md: the run, the counts, the table of CNN architectures, the modules left out. */
    static String section(JsonNode results) {
        List<Row> rows = new ArrayList<>();
        Map<String, List<String>> others = new LinkedHashMap<>();
        for (JsonNode entry : results.get("modules")) {
            String kind = entry.get("kind").asText();
            if (kind.equals("cnn")) {
                rows.add(row(entry));
            } else {
                String model = entry.has("model") ? " (`" + entry.get("model").asText() + "`)" : "";
                String why = entry.has("why") ? ": " + cell(entry.get("why").asText()) : "";
                others.computeIfAbsent(LEFT_OUT.getOrDefault(kind, kind), k -> new ArrayList<>())
                        .add("`" + entry.get("module").asText() + "`" + model + why);
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("Run on %s with timm %s and torch %s: %d model modules, %d of them CNN architectures.%n%n",
                results.get("date").asText(), results.get("timm").asText(), results.get("torch").asText(),
                results.get("modules").size(), rows.size()));
        out.append("| outcome | architectures |\n|---|---|\n");
        for (String outcome : OUTCOMES) {
            out.append("| ").append(outcome).append(" | ").append(rows.stream().filter(r -> r.outcome().equals(outcome))
                    .count()).append(" |\n");
        }
        out.append("\n| architecture | model | input | outcome | figures, what differs, or why |\n|---|---|---|---|---|\n");
        rows.forEach(row -> out.append(row.markdown()).append('\n'));
        out.append("\nLeft out, by the rule above, with the model that decided:\n\n");
        others.forEach((kind, modules) -> out.append("- ").append(kind).append(": ").append(String.join(", ", modules))
                .append('\n'));
        return out.toString();
    }

    /** The row of a CNN architecture's entry in timm_survey.py's results. */
    public static Row row(JsonNode entry) {
        JsonNode sizes = entry.get("sizes");
        String input = sizes.get(1).asInt() + "x" + sizes.get(2).asInt() + "x" + sizes.get(0).asInt();
        String[] outcome = outcome(entry);
        return new Row(entry.get("module").asText(), entry.get("model").asText(), input, outcome[0], outcome[1]);
    }

    /**
     * What cnnc import makes of an entry's model against torch's figures: the outcome and what it says
     * (the figures when exact; which differ; the first error, its place and how many more).
     */
    public static String[] outcome(JsonNode entry) {
        String spec = entry.get("spec").asText();
        JsonObject graph = JsonParser.parseString(entry.get("graph").toString()).getAsJsonObject();
        if (graph.get("error") instanceof JsonObject error) {
            String file = error.get("file").getAsString();
            String at = file.isEmpty() ? "" : " (" + relative(file) + ":" + error.get("line").getAsInt() + ")";
            return new String[] {"tracer failed", cell(error.get("code").getAsString() + " "
                    + firstLine(error.get("message").getAsString()) + at)};
        }
        TorchImport.Result result = TorchImport.fromGraph(spec, graph, entry.get("module").asText() + ".cnn");
        if (result.compilation().isEmpty()) {
            TorchImport.Located first = result.diagnostics().get(0);
            String at = first.source().name().equals(spec) ? ""
                    : " (" + relative(first.source().name()) + ":" + first.diagnostic().span().line() + ")";
            int more = result.diagnostics().size() - 1;
            return new String[] {"refused", cell(first.diagnostic().code() + " " + firstLine(first.diagnostic().message())
                    + at + (more > 0 ? "; " + more + " more" : ""))};
        }
        JsonNode report;
        try {
            report = JSON.readTree(JsonReport.render(result.compilation().get()));
        } catch (IOException e) {
            throw new IllegalStateException("cnnc's own JSON report does not read", e);
        }
        JsonNode totals = report.get("totals");
        long params = entry.get("params").asLong();
        long buffers = entry.get("buffers").asLong();
        List<String> differ = new ArrayList<>();
        differs(differ, "parameters and buffer values", params + buffers, totals.get("params").asLong());
        differs(differ, "trainable", params, totals.get("trainableParams").asLong());
        if (entry.get("macs").isNull()) {
            differ.add("MACs: FlopCounterMode counts an odd number of FLOPs");
        } else {
            differs(differ, "MACs", entry.get("macs").asLong(), totals.get("macs").asLong());
        }
        JsonNode layers = report.get("layers");
        String cnncOutput = layers.get(layers.size() - 1).get("outputShape").toString();
        String torchOutput = channelsLast(entry.get("output")).toString();
        if (!cnncOutput.equals(torchOutput)) {
            differ.add("output: torch " + torchOutput + ", cnnc " + cnncOutput);
        }
        if (differ.isEmpty()) {
            return new String[] {"exact", String.format("%,d + %,d buffer values, %,d MACs, %d lines", params, buffers,
                    entry.get("macs").asLong(), result.text().orElseThrow().lines().count())};
        }
        return new String[] {"differs", cell(String.join("; ", differ))};
    }

    private static void differs(List<String> differ, String what, long torch, long cnnc) {
        if (torch != cnnc) {
            differ.add(String.format("%s: torch %,d, cnnc %,d", what, torch, cnnc));
        }
    }

    /** A shape as cnnc writes it: torch's channels first moved last. */
    private static List<Integer> channelsLast(JsonNode shape) {
        List<Integer> sizes = new ArrayList<>();
        shape.forEach(d -> sizes.add(d.asInt()));
        if (sizes.size() > 1) {
            sizes.add(sizes.remove(0));
        }
        return sizes;
    }

    /** A file of the tracer's places as the docs give it: from the package folder on (timm/layers/norm.py). */
    private static String relative(String file) {
        int packages = file.lastIndexOf("site-packages/");
        return packages >= 0 ? file.substring(packages + "site-packages/".length()) : Path.of(file).getFileName().toString();
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("").strip();
    }

    /** A table cell: paths of this machine cut to the package's; bars, stars and tags escaped for markdown. */
    private static String cell(String text) {
        return text.replaceAll("/[^ :]*site-packages/", "").replace("|", "\\|").replace("*", "\\*")
                .replace("<", "&lt;");
    }

    /** The table's rows in a docs page's survey section. */
    public static List<Row> rows(String docs) {
        List<Row> rows = new ArrayList<>();
        for (String line : section(docs).lines().toList()) {
            Matcher matcher = ROW.matcher(line);
            if (matcher.matches()) {
                rows.add(new Row(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4), matcher.group(5)));
            }
        }
        return rows;
    }

    /** The counts table's figure for each outcome in a docs page's survey section. */
    public static Map<String, Integer> counts(String docs) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String line : section(docs).lines().toList()) {
            Matcher matcher = Pattern.compile("\\| (exact|differs|refused|tracer failed) \\| (\\d+) \\|").matcher(line);
            if (matcher.matches()) {
                counts.put(matcher.group(1), Integer.valueOf(matcher.group(2)));
            }
        }
        return counts;
    }

    private static String section(String docs) {
        int begin = docs.indexOf(BEGIN);
        int end = docs.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("no survey section between " + BEGIN + " and " + END);
        }
        return docs.substring(begin, end);
    }
}
