package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every command the README and the pages of docs/ show in a {@code console} block, run as a reader runs
 * it, in order, and what it prints compared with what the page shows. In a block, a line starting
 * {@code $ } is a command, continued by the lines starting {@code > } (a heredoc, a Python program); the
 * lines after it, up to the next command, are what it prints (standard output and error), {@code ...}
 * standing for any number of lines; a command followed by no lines may print anything. A command must
 * exit 0, or 1 where what it shows holds an error diagnostic or is a {@code cnnc diff} of models that differ.
 *
 * <p>Each command runs in a new bash, in a fresh folder holding links to this checkout's {@code cnnc} and
 * {@code samples/} (so files a command writes stay there), with {@code HOME} a folder of its own kept
 * under target/ between runs (the recipes' virtual environments are made there once) and
 * {@code ~/.local/bin} on the {@code PATH} (where the README installs {@code cnnc}); the user's pip configuration
 * is kept, and Maven's local repository is the user's (Java's {@code user.home} is not {@code HOME}). A command shown on
 * several pages runs once. {@code mvn -B verify}, the command that runs this test, is not run.
 */
class DocsCommandsIT {
    private static final Path ROOT = Path.of("target", "docs-commands").toAbsolutePath();
    private static final String FENCE = "```";

    /** A command of a page, what the page shows it prints, and where. */
    private record Command(Path page, int line, String text, List<String> shown) {
        String name() {
            return page + ":" + line + ": " + text.lines().findFirst().orElse("");
        }
    }

    /** What a command printed and how it ended. */
    private record Run(int exit, List<String> output) {
    }

    @TestFactory
    Stream<DynamicTest> everyShownCommandWorksAndPrintsWhatIsShown() throws IOException {
        Path work = ROOT.resolve("work");
        deleteTree(work);
        Files.createDirectories(work);
        Files.createDirectories(ROOT.resolve("home"));
        Files.createSymbolicLink(work.resolve("cnnc"), Path.of("cnnc").toAbsolutePath());
        Files.createSymbolicLink(work.resolve("samples"), Path.of("samples").toAbsolutePath());
        List<Command> commands = new ArrayList<>();
        for (Path page : pages()) {
            commands.addAll(commands(page));
        }
        assertTrue(commands.size() > 20, "the pages show commands: " + commands.size());
        Map<String, Run> runs = new HashMap<>();
        return commands.stream().filter(command -> !command.text().equals("mvn -B verify"))
                .map(command -> DynamicTest.dynamicTest(command.name(), () -> {
                    Run run = runs.containsKey(command.text()) ? runs.get(command.text()) : run(command, work);
                    runs.put(command.text(), run);
                    boolean error = command.shown().stream().anyMatch(line -> line.contains(": error["));
                    // cnnc diff exits 1, as diff(1) does, when the models differ
                    boolean different = command.text().contains("cnnc diff ")
                            && command.shown().stream().noneMatch(line -> line.startsWith("the models are the same"));
                    assertEquals(error || different ? 1 : 0, run.exit(), command.name() + " printed:\n"
                            + String.join("\n", run.output()));
                    if (!command.shown().isEmpty()) {
                        assertTrue(matches(command.shown(), run.output()), command.name() + "\nshows:\n"
                                + String.join("\n", command.shown()) + "\nbut printed:\n" + String.join("\n", run.output()));
                    }
                }));
    }

    /** The README, then the pages of docs/ by name. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(page -> page.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    static List<Command> commands(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<Command> commands = new ArrayList<>();
        boolean console = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(FENCE)) {
                console = !console && line.equals(FENCE + "console");
                continue;
            }
            if (!console || !line.startsWith("$ ")) {
                continue;
            }
            StringBuilder text = new StringBuilder(line.substring(2));
            int next = i + 1;
            for (; next < lines.size() && lines.get(next).startsWith("> "); next++) {
                text.append('\n').append(lines.get(next).substring(2));
            }
            List<String> shown = new ArrayList<>();
            for (; next < lines.size() && !lines.get(next).startsWith("$ ") && !lines.get(next).startsWith(FENCE); next++) {
                shown.add(lines.get(next));
            }
            commands.add(new Command(page, i + 1, text.toString(), shown));
            i = next - 1;
        }
        return commands;
    }

    private static Run run(Command command, Path work) throws IOException, InterruptedException {
        Path home = ROOT.resolve("home");
        Path log = Files.createTempFile(ROOT, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command.text()).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("PATH", home.resolve(".local/bin") + ":" + System.getenv("PATH"));
        // the user's pip configuration (a package index of the machine's own, say) is kept, though HOME is not;
        // and pip is not to retry an index the machine cannot reach
        for (String config : List.of(".config/pip/pip.conf", ".pip/pip.conf")) {
            Path file = Path.of(System.getProperty("user.home")).resolve(config);
            if (Files.isRegularFile(file) && !builder.environment().containsKey("PIP_CONFIG_FILE")) {
                builder.environment().put("PIP_CONFIG_FILE", file.toString());
            }
        }
        builder.environment().put("PIP_RETRIES", "0");
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command.name() + " did not finish in 30 minutes");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
        Files.delete(log);
        List<String> lines = new ArrayList<>(output.lines().toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return new Run(process.exitValue(), lines);
    }

    /**
     * True if {@code actual} is {@code shown}, where a line {@code ...} stands for any number of lines: each
     * run of shown lines between them is found, in order, the first at the start and the last at the end
     * unless a {@code ...} comes before or after it.
     */
    static boolean matches(List<String> shown, List<String> actual) {
        List<List<String>> runs = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String line : shown) {
            if (line.equals("...")) {
                runs.add(current);
                current = new ArrayList<>();
            } else {
                current.add(line);
            }
        }
        runs.add(current);
        int at = 0;
        for (int r = 0; r < runs.size(); r++) {
            List<String> run = runs.get(r);
            boolean first = r == 0;
            boolean last = r == runs.size() - 1;
            int found = -1;
            for (int start = at; start + run.size() <= actual.size(); start++) {
                if (actual.subList(start, start + run.size()).equals(run) && (!first || start == 0)
                        && (!last || start + run.size() == actual.size())) {
                    found = start;
                    break;
                }
                if (first) {
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            at = found + run.size();
        }
        return true;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
