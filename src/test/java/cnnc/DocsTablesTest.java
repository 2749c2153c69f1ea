package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.training.Loss;
import cnnc.ast.LayerKind;
import cnnc.ast.Modifier;
import cnnc.check.TensorName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The documentation tells what the program does from the same lists the program reads: the layer and
 * modifier tables of docs/language.md are LayerKind's and Modifier's words (the parser's checks and hints
 * read the same lists), the JSON contract names every op and tensor name the report can write, the loss
 * names of docs/training.md are Loss's, docs/diagnostics.md has a row for every code, docs/cost.md's FLOPs rules and
 * each backend page's mappings name every kind. (What the
 * commands of the README and docs print is DocsCommandsIT's.)
 */
class DocsTablesTest {
    private static final Path LANGUAGE = Path.of("docs/language.md");
    private static final Path JSON = Path.of("docs/json.md");
    private static final Path COST = Path.of("docs/cost.md");
    private static final Path TRAINING = Path.of("docs/training.md");
    private static final Path DIAGNOSTICS = Path.of("docs/diagnostics.md");

    @Test
    void layerTableIsLayerKinds() throws IOException {
        assertSection(LANGUAGE, "layers", layerTable());
    }

    @Test
    void modifierTableIsModifiers() throws IOException {
        assertSection(LANGUAGE, "modifiers", modifierTable());
    }

    @Test
    void functionTableIsFunctionKinds() throws IOException {
        assertSection(LANGUAGE, "functions", functionTable());
    }

    @Test
    void lossNamesAreLosses() throws IOException {
        assertSection(TRAINING, "loss names", lossNamesTable());
    }

    @Test
    void jsonContractListsEveryOp() throws IOException {
        List<String> documented = backticked(line(JSON, "- `op` is one of"));
        assertEquals(Arrays.stream(LayerKind.values()).map(LayerKind::op).sorted().toList(),
                documented.stream().sorted().toList(), JSON + "'s JSON contract, the line '- `op` is one of', against "
                        + "ast/LayerKind.java");
    }

    @Test
    void jsonContractListsEveryTensorName() throws IOException {
        List<String> documented = backticked(line(JSON, "- Tensor names:"));
        assertEquals(Arrays.stream(TensorName.values()).map(TensorName::word).sorted().toList(),
                documented.stream().sorted().toList());
    }

    @Test
    void diffContractListsEveryAspectInOrder() throws IOException {
        List<String> documented = new ArrayList<>(backticked(line(JSON, "- `changed` lists")));
        documented.remove("changed");
        assertEquals(Arrays.stream(cnnc.backend.diff.Aspect.values()).map(cnnc.backend.diff.Aspect::word).toList(),
                documented, JSON + "'s diff contract, the line '- `changed` lists', against backend/diff/Aspect.java");
    }

    /** The cost rules name every kind: its FLOPs are a row of the table (its MACs, where it has any, the rows above). */
    @Test
    void flopsTableNamesEveryKind() throws IOException {
        List<String> lines = Files.readAllLines(COST, StandardCharsets.UTF_8);
        int header = lines.indexOf("| layer | FLOPs per example |");
        assertTrue(header >= 0, COST + " has no table '| layer | FLOPs per example |'");
        Set<String> named = new HashSet<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            named.addAll(Arrays.asList(lines.get(i).split("\\|")[1].split("[^a-z]+")));
        }
        List<String> missing = Arrays.stream(LayerKind.values()).map(LayerKind::op).filter(op -> !named.contains(op)).toList();
        assertEquals(List.of(), missing, "kinds whose FLOPs " + COST + "'s cost rules ('| layer | FLOPs per example |') "
                + "do not give: the rule is the kind's method in check/LayerRules.java");
    }

    /**
     * Each backend's page says how every kind is written: its mappings, the list that starts at the line
     * {@code - `conv` -> }, name each kind's word in backticks (an activation layer as "activation words").
     */
    @Test
    void backendPagesMapEveryKind() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String backend : List.of("keras", "torch", "dl4j")) {
            Path page = Path.of("docs/" + (backend.equals("torch") ? "pytorch" : backend) + ".md");
            String mappings = mappings(page);
            List<String> unnamed = Arrays.stream(LayerKind.values()).map(LayerKind::op)
                    .filter(op -> !Pattern.compile(op.equals("activation") ? "activation words" : "`" + op + "[` ]")
                            .matcher(mappings).find()).toList();
            if (!unnamed.isEmpty()) {
                missing.add(page + ": " + unnamed + " (as backend/" + backend + "/LayerTranslator.java writes them)");
            }
        }
        assertEquals(List.of(), missing, "kinds the backend pages' mappings (each page's list from '- `conv` ->') "
                + "do not name");
    }

    /** The lines of a page's list of mappings, from its first item on {@code conv} to the blank line after it. */
    private static String mappings(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        int from = 0;
        while (from < lines.size() && !lines.get(from).startsWith("- `conv")) {
            from++;
        }
        assertTrue(from < lines.size(), page + " has no list of mappings starting '- `conv` ->'");
        int to = from;
        while (to < lines.size() && !lines.get(to).isBlank()) {
            to++;
        }
        return String.join("\n", lines.subList(from, to));
    }

    /** A row of the table of codes for every code, and no row for a code there is not. */
    @Test
    void everyDiagnosticCodeHasItsRow() throws IOException {
        List<String> rows = Files.readAllLines(DIAGNOSTICS, StandardCharsets.UTF_8).stream()
                .filter(l -> l.matches("\\| [EW]\\d{4} \\|.*")).map(l -> l.substring(2, 7)).sorted().toList();
        assertEquals(Arrays.stream(cnnc.diag.Code.values()).map(Enum::name).sorted().toList(), rows);
    }

    static String lossNamesTable() {
        StringBuilder table = new StringBuilder("| `--loss` | Keras's names | PyTorch's names |\n|---|---|---|\n");
        for (Loss loss : Loss.values()) {
            table.append("| `").append(loss.word()).append("` | ").append(names(loss.kerasNames())).append(" | ")
                    .append(names(loss.torchNames())).append(" |\n");
        }
        return table.toString();
    }

    private static String names(List<String> names) {
        return names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
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

    static String functionTable() {
        StringBuilder table = new StringBuilder("| function | meaning |\n|---|---|\n");
        for (cnnc.ast.FunctionKind function : cnnc.ast.FunctionKind.values()) {
            table.append("| ").append(function.form()).append(" | ").append(function.meaning()).append(" |\n");
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

    private static void assertSection(Path page, String name, String expected) throws IOException {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String start = "<!-- " + name + ": generated from the program's lists, checked by DocsTablesTest -->\n";
        String end = "<!-- end of " + name + " -->";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, page + " needs the markers " + start + " and " + end);
        assertEquals(expected, text.substring(from + start.length(), to),
                page + "'s " + name + " table differs from the program's; put this between its markers:\n" + expected);
    }

    private static String line(Path page, String start) throws IOException {
        return Files.readAllLines(page, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError(page + " has no line starting with " + start));
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
