package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline as the folders show it: each package reads only the stages before it (the backends the
 * checked model, never the parse tree), and no two packages read each other, directly or around a cycle.
 * Read from the sources' imports and qualified names.
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(cnnc(?:\\.[a-z0-9]+)*)\\.[A-Z]");

    /** What each package may read besides itself (cnnc.grammar is ANTLR's generated parser). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("cnnc.source", Set.of()),
            Map.entry("cnnc.diag", Set.of("cnnc.source")),
            Map.entry("cnnc.ast", Set.of("cnnc.source")),
            Map.entry("cnnc.parse", Set.of("cnnc.source", "cnnc.diag", "cnnc.ast", "cnnc.grammar")),
            Map.entry("cnnc.check", Set.of("cnnc.source", "cnnc.diag", "cnnc.ast")),
            Map.entry("cnnc.analysis", Set.of("cnnc.source", "cnnc.diag", "cnnc.ast", "cnnc.check")),
            // the accepted sizes run the checker at many sizes; the lexer's tokens give the numbers assertions state
            Map.entry("cnnc.sizes", Set.of("cnnc.source", "cnnc.diag", "cnnc.ast", "cnnc.parse", "cnnc.check",
                    "cnnc.grammar")));

    /** What the backends never read: the parse tree, and the programs built on the compiler (command line, editors, page). */
    private static final Set<String> FRONT_ENDS = Set.of("cnnc.parse", "cnnc.grammar", "cnnc.cli", "cnnc.lsp",
            "cnnc.editor", "cnnc.web");

    @Test
    void eachStageReadsOnlyTheStagesBeforeIt() throws IOException {
        Map<String, Set<String>> reads = reads();
        List<String> wrong = new ArrayList<>();
        ALLOWED.forEach((from, allowed) -> {
            for (String to : reads.getOrDefault(from, Set.of())) {
                if (!allowed.contains(to)) {
                    wrong.add(from + " reads " + to);
                }
            }
        });
        for (String from : reads.keySet()) {
            if (from.startsWith("cnnc.backend")) {
                reads.get(from).stream().filter(FRONT_ENDS::contains).forEach(to -> wrong.add(from + " reads " + to));
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void noPackagesReadEachOtherAroundACycle() throws IOException {
        Map<String, Set<String>> reads = reads();
        assertTrue(reads.size() > 10, "packages found: " + reads.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : reads.keySet()) {
            List<String> path = cycle(start, start, reads, new ArrayList<>(), new TreeSet<>());
            if (path != null) {
                cycles.add(String.join(" -> ", path));
            }
        }
        assertEquals(List.of(), cycles);
    }

    /** A path from {@code at} back to {@code start}, or null. */
    private static List<String> cycle(String start, String at, Map<String, Set<String>> reads, List<String> path,
                                      Set<String> seen) {
        path.add(at);
        for (String next : reads.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                List<String> found = new ArrayList<>(path);
                found.add(start);
                return found;
            }
            if (seen.add(next)) {
                List<String> found = cycle(start, next, reads, path, seen);
                if (found != null) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    /** Each package of cnnc's main sources and the packages its classes name. */
    private static Map<String, Set<String>> reads() throws IOException {
        Map<String, Set<String>> reads = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("cnnc"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file.getParent()).toString().replace('/', '.').replace('\\', '.');
                Set<String> targets = reads.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (reference.find()) {
                    if (!reference.group(1).equals(from)) {
                        targets.add(reference.group(1));
                    }
                }
            }
        }
        return reads;
    }
}
