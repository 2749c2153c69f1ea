package cnnc.bench;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.backend.dl4j.Dl4jBackend;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.report.Column;
import cnnc.backend.report.CsvReport;
import cnnc.backend.report.Explanation;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.Table;
import cnnc.backend.report.TextReport;
import cnnc.backend.torch.TorchBackend;
import cnnc.cli.Main;
import cnnc.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Every output but the diagram at the language's limits (issue 29): models of 1,000 to 20,000 layers in
 * each mix of chains, blocks, repetitions and merges, and descriptions of 1 MiB, each output's time in
 * this JVM after warm-up, so that a time growing faster than the model shows; {@code bench/limits.sh}
 * times the same files as processes of {@code ./cnnc}, with their peak memory. Not a test: speed is
 * measured here, its figures in docs/speed.md.
 *
 * <pre>
 *   java -cp target/cnnc.jar:target/test-classes cnnc.bench.LimitsBenchmark [RUNS]      in-process medians
 *   java -cp target/cnnc.jar:target/test-classes cnnc.bench.LimitsBenchmark write DIR   the files, for limits.sh
 *   java -XX:TieredStopAtLevel=1 -cp target/cnnc.jar:target/test-classes cnnc.bench.LimitsBenchmark allocated DIR
 *   java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn32m -cp target/cnnc.jar:target/test-classes \
 *       cnnc.bench.LimitsBenchmark warm RUNS COMMAND... FILE
 * </pre>
 * The last gives the bytes each command of limits.sh allocates on each file of DIR, as the command line runs it: a
 * figure that, unlike a time, the machine's other work does not move, and what a cold run's collector works through.
 * With C1 alone, as the launcher runs, since C2 would take some allocations away (escape analysis) that a run of a
 * second never has compiled by C2. The last runs one command RUNS times in this JVM, as the launcher runs a large
 * file (C1, the serial collector, its young generation), and prints the median CPU time of the last half: the
 * program's own work, without the start and the compiling a cold run adds, and less moved by the machine's load.
 */
public final class LimitsBenchmark {
    static final int[] SIZES = {1_000, 5_000, 10_000, 20_000};
    /** Runs before the timed ones, per model and output: the code is warm from the models before it. */
    private static final int WARM_UP = 2;
    private static final int MIB = 1 << 20;
    private static final java.lang.management.ThreadMXBean THREAD = java.lang.management.ManagementFactory.getThreadMXBean();

    private LimitsBenchmark() {
    }

    /** A model of exactly {@code layers} layers in one mix. */
    interface Mix {
        String text(int layers);
    }

    /** The mixes, by name: each gives exactly the layers asked for (checked when compiled). */
    static Map<String, Mix> mixes() {
        Map<String, Mix> mixes = new LinkedHashMap<>();
        // conv, bn, relu, then the head: gap, dense
        mixes.put("chain", layers -> "input 32x32x3\n" + cycle(layers - 2, "conv 8@3 same", "bn", "relu")
                + "gap\ndense 10 softmax\n");
        // the 'c() x4000': one block of three layers used many times, as one statement
        mixes.put("blocks", layers -> "input 32x32x8\nblock c() {\n  conv 8@3 same; bn; relu\n}\nc() x" + (layers - 2) / 3
                + "\n" + "relu\n".repeat((layers - 2) % 3) + "gap\ndense 10 softmax\n");
        // ResNet's shape: blocks in blocks, named outputs, add and concat merges, assertions
        mixes.put("nested", layers -> "input 32x32x8\n"
                + "block unit(f) {\n  conv f@1 same as a\n  add { conv f@3 same; bn | from a } => 32x32x8\n  relu\n}\n"
                + "block stage(f) {\n  unit(f) x4\n  concat { conv 4@1 same | conv 4@3 same } => 32x32x8\n}\n"
                + "stage(8) x" + (layers - 2) / 23 + "\n" + "relu\n".repeat((layers - 2) % 23) + "gap\ndense 10 softmax\n");
        // one merge after another, each of two branches
        mixes.put("merges", layers -> "input 32x32x8\n" + "add { conv 8@3 same; relu | identity }\n".repeat((layers - 2) / 3)
                + "relu\n".repeat((layers - 2) % 3) + "gap\ndense 10 softmax\n");
        // one layer repeated
        mixes.put("repeat", layers -> "input 32x32x3\nconv 8@3 same\nrelu x" + (layers - 3) + "\ngap\ndense 10 softmax\n");
        // one concat of thousands of branches
        mixes.put("wide", layers -> "input 32x32x8\nconcat { " + String.join(" | ",
                java.util.Collections.nCopies(layers - 3, "conv 1@1")) + " }\ngap\ndense 10 softmax\n");
        return mixes;
    }

    /** Descriptions of 1 MiB, the most a description may be. */
    static Map<String, String> mebibytes() {
        Map<String, String> files = new LinkedHashMap<>();
        StringBuilder named = new StringBuilder("input 32x32x8\n");
        for (int i = 0; i < 20_000 - 3; i++) {
            named.append("conv 8@3 same as layer_").append(i).append(" => 32x32x8  # a note\n");
        }
        named.append("gap\ndense 10 softmax\n");
        // 20,000 named and asserted layers, without errors: every command is timed on it
        files.put("named-mib", filled(named));
        // issue 29's finding: 200,000 lines of an unknown word, 5.5 s and 1.1 GB
        files.put("mib-unknown", filled(new StringBuilder("input 8x8x1\n" + "blah\n".repeat(200_000))));
        StringBuilder blocks = new StringBuilder("input 4\n");
        for (int i = 0; i < 35_000; i++) {
            blocks.append("block b").append(i).append("() { relu }\n");
        }
        for (int i = 0; blocks.length() < MIB - 20; i++) {
            blocks.append('c').append(i).append("()\n");
        }
        files.put("mib-misspelt-blocks", filled(blocks));
        StringBuilder outputs = new StringBuilder("input 4\n");
        for (int i = 0; i < 15_000; i++) {
            outputs.append("relu as a").append(i).append('\n');
        }
        for (int i = 0; outputs.length() < MIB - 40; i++) {
            outputs.append("add { from q").append(i).append(" | identity }\n");
        }
        files.put("mib-unknown-outputs", filled(outputs));
        StringBuilder parameters = new StringBuilder("input 4\nblock b(");
        for (int i = 0; i < 20_000; i++) {
            parameters.append(i == 0 ? "" : ", ").append('p').append(i).append("=1");
        }
        parameters.append(") { relu }\n");
        files.put("mib-parameters", filled(parameters.append("b()\n".repeat((MIB - parameters.length()) / 4 - 1))));
        files.put("mib-one-line", filled(new StringBuilder("input 4; " + "relu x2; ".repeat(9_000) + "identity; ".repeat(90_000))));
        return files;
    }

    /** The text, then a comment that brings it to 1 MiB. */
    private static String filled(StringBuilder text) {
        int room = MIB - text.toString().getBytes(StandardCharsets.UTF_8).length - 2;
        if (room < 0) {
            throw new IllegalStateException("a generated description passes 1 MiB by " + -room + " bytes");
        }
        return text.append('#').append("x".repeat(room)).append('\n').toString();
    }

    private static String cycle(int count, String... statements) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(statements[i % statements.length]).append('\n');
        }
        return text.toString();
    }

    /** The outputs, each as a function of a compilation; check is the compilation alone. */
    static Map<String, Function<Compilation, Object>> outputs() {
        Map<String, Function<Compilation, Object>> outputs = new LinkedHashMap<>();
        Writer nowhere = Writer.nullWriter();
        outputs.put("text", c -> TextReport.render(c, Column.DEFAULT));
        outputs.put("json", c -> {
            JsonReport.render(c, false, new PrintWriter(nowhere)); // streamed, as the command line writes it
            return c;
        });
        outputs.put("csv", c -> CsvReport.render(c, Column.DEFAULT, Table.ALL_DEPTHS));
        outputs.put("markdown", c -> TextReport.markdown(c, Column.DEFAULT));
        outputs.put("explain", Explanation::text);
        outputs.put("explain-json", c -> {
            JsonReport.render(c, true, new PrintWriter(nowhere));
            return c;
        });
        outputs.put("keras", KerasBackend::generate);
        outputs.put("torch", TorchBackend::generate);
        outputs.put("dl4j", c -> Dl4jBackend.generate(c, new JavaClassName("", "Model")));
        return outputs;
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("write")) {
            write(Path.of(args[1]));
            return;
        }
        if (args.length == 2 && args[0].equals("allocated")) {
            allocated(Path.of(args[1]));
            return;
        }
        if (args.length >= 4 && args[0].equals("warm")) {
            warm(Integer.parseInt(args[1]), Arrays.copyOfRange(args, 2, args.length));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        System.out.printf(Locale.ROOT, "in-process, the thread's CPU time, medians of %d runs after %d warm-up runs; ms, "
                + "and in brackets microseconds per layer%n", runs, WARM_UP);
        List<String> columns = new ArrayList<>(List.of("check"));
        columns.addAll(outputs().keySet());
        System.out.printf(Locale.ROOT, "%-24s%s%n", "model", String.join("", columns.stream()
                .map(c -> String.format(Locale.ROOT, "%16s", c)).toList()));
        for (Map.Entry<String, Mix> mix : mixes().entrySet()) {
            for (int layers : SIZES) {
                row(mix.getKey() + " " + layers, mix.getValue().text(layers), layers, runs);
            }
        }
        for (Map.Entry<String, String> file : mebibytes().entrySet()) {
            row(file.getKey(), file.getValue(), -1, runs);
        }
    }

    /** One model's line: the compilation's time, then each output's (for a model without errors). */
    private static void row(String name, String text, int layers, int runs) {
        SourceFile source = new SourceFile(name.replace(' ', '-') + ".cnn", text);
        Compilation compilation = Compiler.compile(source);
        if (layers > 0 && (compilation.hasErrors() || compilation.model().layers().size() != layers)) {
            throw new IllegalStateException(name + " gave " + compilation.model().layers().size() + " layers: "
                    + compilation.diagnostics().stream().limit(3).toList());
        }
        int count = compilation.model().layers().size();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s", name));
        line.append(cell(median(runs, () -> Compiler.compile(source)), count));
        for (Function<Compilation, Object> output : outputs().values()) {
            line.append(compilation.hasErrors() ? String.format(Locale.ROOT, "%16s", "-")
                    : cell(median(runs, () -> output.apply(compilation)), count));
        }
        System.out.println(line);
    }

    private static String cell(double millis, int layers) {
        return String.format(Locale.ROOT, "%16s", layers == 0 ? String.format(Locale.ROOT, "%.1f", millis)
                : String.format(Locale.ROOT, "%.1f (%.1f)", millis, 1000 * millis / layers));
    }

    /** The median CPU time of the work on this thread: the machine's other work, the JIT's and the GC's aside. */
    private static double median(int runs, java.util.function.Supplier<Object> work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.get();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = THREAD.getCurrentThreadCpuTime();
            work.get();
            nanos[i] = THREAD.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1e6;
    }

    /** Every model at 1,000 and 20,000 layers and every 1 MiB description, as files for limits.sh. */
    private static void write(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, Mix> mix : mixes().entrySet()) {
            for (int layers : new int[] {1_000, 20_000}) {
                Files.writeString(folder.resolve(mix.getKey() + "-" + layers + ".cnn"), mix.getValue().text(layers));
            }
        }
        for (Map.Entry<String, String> file : mebibytes().entrySet()) {
            Files.writeString(folder.resolve(file.getKey() + ".cnn"), file.getValue());
        }
    }

    /** The commands of bench/limits.sh; the files with errors only with check, as there. */
    private static final List<String> COMMANDS = List.of("check", "report", "report --format json", "report --format csv",
            "report --format markdown", "report --explain", "report --explain --format json", "keras", "torch", "dl4j");

    /**
     * The bytes this thread allocates for each command of limits.sh on each file of {@code folder}, run as the
     * command line runs it ({@link Main#run}, its output thrown away); the second of two runs, so that what the
     * first use of a class makes once is left out.
     */
    private static void allocated(Path folder) throws IOException {
        boolean c1 = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .contains("-XX:TieredStopAtLevel=1");
        System.out.println("bytes allocated by the command's thread, MB" + (c1 ? "" : " (without -XX:TieredStopAtLevel=1: "
                + "C2's escape analysis may take some away that a run of the launcher makes)"));
        com.sun.management.ThreadMXBean thread = (com.sun.management.ThreadMXBean) THREAD;
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        List<Path> files;
        try (var listed = Files.list(folder)) {
            files = listed.filter(f -> f.toString().endsWith(".cnn")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            for (String command : COMMANDS) {
                if (name.startsWith("mib-") && !command.equals("check")) {
                    continue;
                }
                List<String> words = new ArrayList<>(List.of(command.split(" ")));
                words.add(file.toString());
                String[] arguments = words.toArray(String[]::new);
                long bytes = 0;
                for (int run = 0; run < 2; run++) {
                    long before = thread.getCurrentThreadAllocatedBytes();
                    Main.run(arguments, nowhere, nowhere);
                    bytes = thread.getCurrentThreadAllocatedBytes() - before;
                }
                System.out.printf(Locale.ROOT, "%-28s %-34s %8.1f%n", name, command, bytes / 1e6);
            }
        }
    }

    /**
     * The median CPU time of the last half of {@code runs} runs of one command line, and every run's, in ms. What
     * it prints goes to /dev/null through the writer the command line writes its standard output with (its
     * encoding is part of the work), diagnostics nowhere.
     */
    private static void warm(int runs, String[] arguments) throws java.io.IOException {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        long[] times = new long[runs];
        for (int run = 0; run < runs; run++) {
            try (PrintWriter out = Main.writer(new java.io.FileOutputStream("/dev/null"))) {
                long before = THREAD.getCurrentThreadCpuTime();
                Main.run(arguments, out, nowhere);
                out.flush();
                times[run] = (THREAD.getCurrentThreadCpuTime() - before) / 1_000_000;
            }
        }
        long[] last = Arrays.copyOfRange(times, runs / 2, runs);
        Arrays.sort(last);
        System.out.printf(Locale.ROOT, "%s: %d ms, the median of the last %d of %d runs (each: %s)%n",
                String.join(" ", arguments), last[last.length / 2], last.length, runs, Arrays.toString(times));
    }
}
