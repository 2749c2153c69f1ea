package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.ast.LayerKind;
import cnnc.ast.Modifier;
import cnnc.check.TensorName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README tells what the program does from the same lists the program reads: the layer and
 * modifier tables are LayerKind's and Modifier's words (the parser's checks and hints read the same
 * lists), and the JSON contract names every op and tensor name the report can write.
 */
class ReadmeTablesTest {
    private static final Path README = Path.of("README.md");

    @Test
    void layerTableIsLayerKinds() throws IOException {
        assertSection("layers", layerTable());
    }

    @Test
    void modifierTableIsModifiers() throws IOException {
        assertSection("modifiers", modifierTable());
    }

    @Test
    void jsonContractListsEveryOp() throws IOException {
        List<String> documented = backticked(line("- `op` is one of"));
        assertEquals(Arrays.stream(LayerKind.values()).map(LayerKind::op).sorted().toList(),
                documented.stream().sorted().toList(), "README.md's JSON contract, the line '- `op` is one of', against "
                        + "ast/LayerKind.java");
    }

    @Test
    void jsonContractListsEveryTensorName() throws IOException {
        List<String> documented = backticked(line("- Tensor names:"));
        assertEquals(Arrays.stream(TensorName.values()).map(TensorName::word).sorted().toList(),
                documented.stream().sorted().toList());
    }

    /** The cost rules name every kind: its FLOPs are a row of the table (its MACs, where it has any, the rows above). */
    @Test
    void flopsTableNamesEveryKind() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int header = lines.indexOf("| layer | FLOPs per example |");
        assertTrue(header >= 0, "README.md has no table '| layer | FLOPs per example |'");
        java.util.Set<String> named = new java.util.HashSet<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            named.addAll(Arrays.asList(lines.get(i).split("\\|")[1].split("[^a-z]+")));
        }
        List<String> missing = Arrays.stream(LayerKind.values()).map(LayerKind::op).filter(op -> !named.contains(op)).toList();
        assertEquals(List.of(), missing, "kinds whose FLOPs README.md's cost rules ('| layer | FLOPs per example |') "
                + "do not give: the rule is the kind's method in check/LayerRules.java");
    }

    /** The README's examples are what the program prints: the seed's report and its explanation. */
    @Test
    void examplesAreTheProgramsOutput() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Compilation seed = cnnc.testing.Samples.compile(Path.of("samples/seed.cnn"));
        for (String output : List.of(cnnc.backend.report.TextReport.render(seed, cnnc.backend.report.Column.DEFAULT),
                cnnc.backend.report.Explanation.text(seed))) {
            String indented = output.stripTrailing().lines().map(l -> l.isEmpty() ? "" : "    " + l)
                    .collect(Collectors.joining("\n"));
            assertTrue(readme.contains(indented), "README.md should show, indented by four spaces:\n" + indented);
        }
    }

    static String layerTable() {
        StringBuilder table = new StringBuilder("| layer | form | example | modifiers | meaning |\n|---|---|---|---|---|\n");
        for (LayerKind kind : LayerKind.values()) {
            if (kind.isMerge()) {
                continue;
            }
            String modifiers = kind.modifiers().stream().map(m -> m == Modifier.STRIDE ? "`/S`"
                    : m == Modifier.ACTIVATION ? "activation" : "`" + m.word() + "`").collect(Collectors.joining(" "));
            table.append("| ").append(kind.op()).append(" | ").append(kind.form()).append(" | ").append(kind.example())
                    .append(" | ").append(modifiers).append(" | ").append(kind.meaning()).append(" |\n");
        }
        return table.toString();
    }

    static String modifierTable() {
        StringBuilder table = new StringBuilder("| modifier | layers | meaning |\n|---|---|---|\n");
        for (Modifier modifier : Modifier.values()) {
            String layers = Arrays.stream(LayerKind.values()).filter(k -> k.modifiers().contains(modifier))
                    .map(LayerKind::op).collect(Collectors.joining(", "));
            table.append("| ").append(modifier.form()).append(" | ").append(layers).append(" | ")
                    .append(modifier.help()).append(" |\n");
        }
        return table.toString();
    }

    private static void assertSection(String name, String expected) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String start = "<!-- " + name + ": generated from the program's lists, checked by ReadmeTablesTest -->\n";
        String end = "<!-- end of " + name + " -->";
        int from = readme.indexOf(start);
        int to = readme.indexOf(end);
        assertTrue(from >= 0 && to > from, "README.md needs the markers " + start + " and " + end);
        assertEquals(expected, readme.substring(from + start.length(), to),
                "README.md's " + name + " table differs from the program's; put this between its markers:\n" + expected);
    }

    private static String line(String start) throws IOException {
        return Files.readAllLines(README, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("README.md has no line starting with " + start));
    }

    /** The words in backticks on a line, each split at spaces ({@code `conv dwconv`} is two). */
    private static List<String> backticked(String line) {
        List<String> words = new ArrayList<>();
        Matcher matcher = Pattern.compile("`([^`]+)`").matcher(line);
        while (matcher.find()) {
            words.addAll(Arrays.asList(matcher.group(1).trim().split("\\s+")));
        }
        words.remove("op");
        return words;
    }
}
