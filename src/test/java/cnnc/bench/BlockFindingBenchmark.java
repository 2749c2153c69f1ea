package cnnc.bench;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.check.CheckedLayer;
import cnnc.imports.DescriptionWriter;
import cnnc.imports.Statements;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The imports' block finding on large models (issue 27): what both imports (Keras's and PyTorch's) run once a
 * graph is mapped, {@link DescriptionWriter#write} (branches, names, then {@code BlockFinder}'s blocks and
 * repetitions), on generated flat statement lists of 1,000 to 20,000 layers (the language's limit; a statement is
 * one layer, or a merge of several), in mixes from no repetition to one unit again and again, so that a time
 * growing faster than the list shows.
 * Each written description is checked (formatted and compiled) and must have the flat list's layers and
 * parameters: what is timed is a block finding that is right. Not a test: speed is measured here, its figures in
 * docs/import.md.
 *
 * <pre>
 *   java -cp target/cnnc.jar:target/test-classes:$(cat target/bench.classpath) cnnc.bench.BlockFindingBenchmark [RUNS]
 * </pre>
 */
public final class BlockFindingBenchmark {
    /** Layers: 20,000 is the language's limit. */
    static final int[] SIZES = {1_000, 2_000, 5_000, 10_000, 20_000};
    private static final int WARM_UP = 1;
    private static final java.lang.management.ThreadMXBean THREAD = java.lang.management.ManagementFactory.getThreadMXBean();

    private BlockFindingBenchmark() {
    }

    /**
     * The mixes, by name: each gives statements of exactly the layers asked for (checked when compiled), single
     * layers to make up what a unit leaves over.
     */
    public static Map<String, IntFunction<List<String>>> mixes() {
        Map<String, IntFunction<List<String>>> mixes = new LinkedHashMap<>();
        // no two statements alike, even up to their numbers (a leaky relu's slope is no block parameter): no block
        mixes.put("distinct", layers -> units(layers, s -> List.of(), 0));
        // VGG's unit, the same every time: one statement a layer, one repetition
        mixes.put("one unit", layers -> units(layers, s -> List.of("conv 64@3 same", "bn", "relu"), 0));
        // a stage of 1 to 3 such units, widths 16 to 64 in turn: blocks with parameters, repetitions in blocks
        mixes.put("stages", layers -> units(layers, s -> stage(s, List.of("conv #@3 same", "bn", "relu")), 0));
        // ResNet's stages (a projected unit, then 1 to 3 residual units, each a merge and a relu), widths in turn
        mixes.put("resnet stages", layers -> units(layers, BlockFindingBenchmark::resnetStage, 0));
        // ResNet's stages with 5 statements alike to no other between each two
        mixes.put("resnet, distinct", layers -> units(layers, BlockFindingBenchmark::resnetStage, 5));
        // single layers drawn at random from four kinds, widths among four: short runs alike up to their numbers
        // come again everywhere, none for long (an irregular model, a searched architecture written flat)
        mixes.put("random", layers -> {
            java.util.Random random = new java.util.Random(27);
            List<String> kinds = List.of("conv #@3 same", "conv #@1", "bn", "relu");
            List<String> statements = new ArrayList<>();
            for (int i = 0; i < layers; i++) {
                statements.add(kinds.get(random.nextInt(kinds.size())).replace("#", String.valueOf(16 << random.nextInt(4))));
            }
            return statements;
        });
        return mixes;
    }

    /** Stage after stage (each its statements and its layers), then {@code between} distinct layers, to the layers. */
    private static List<String> units(int layers, IntFunction<List<String>> stage, int between) {
        List<String> statements = new ArrayList<>();
        int made = 0;
        int distinct = 0;
        for (int s = 0; ; s++) {
            List<String> unit = stage.apply(s);
            int size = unit.stream().mapToInt(BlockFindingBenchmark::layersOf).sum();
            if (unit.isEmpty() || made + size + between > layers) {
                break;
            }
            statements.addAll(unit);
            made += size;
            for (int i = 0; i < between; i++) {
                statements.add(distinct(distinct++));
            }
            made += between;
        }
        while (made < layers) {
            statements.add(distinct(distinct++));
            made++;
        }
        return statements;
    }

    /** A statement's layers: each in a merge's branches (not {@code identity}) and the merge. */
    private static int layersOf(String statement) {
        if (!statement.contains("{")) {
            return 1;
        }
        int layers = 1;
        for (String part : statement.substring(statement.indexOf('{') + 1, statement.lastIndexOf('}')).split("[;|]")) {
            layers += part.strip().equals("identity") ? 0 : 1;
        }
        return layers;
    }

    private static String distinct(int i) {
        return "leakyrelu 0." + (100_000 + i);
    }

    /** Stage s: 1 to 3 units, # its width, 16 to 64 in turn. */
    private static List<String> stage(int s, List<String> unit) {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < 1 + s % 3; i++) {
            unit.forEach(statement -> statements.add(statement.replace("#", String.valueOf(16 * (1 + s % 4)))));
        }
        return statements;
    }

    private static List<String> resnetStage(int s) {
        List<String> statements = new ArrayList<>(List.of(
                "add { conv #@3 same; bn; relu; conv #@3 same; bn | conv #@1; bn }", "relu"));
        statements.addAll(stage(s, List.of("add { identity | conv #@3 same; bn; relu; conv #@3 same; bn }", "relu")));
        int f = 16 * (1 + s % 4);
        return statements.stream().map(statement -> statement.replace("#", String.valueOf(f))).toList();
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.printf(Locale.ROOT, "DescriptionWriter.write (block finding) on flat statement lists: the thread's "
                + "CPU time, median of %d runs after %d warm-up run%n", runs, WARM_UP);
        System.out.printf(Locale.ROOT, "%-18s %8s %8s %8s %12s %10s %8s%n", "mix", "layers", "stmts", "lines", "ms",
                "us/stmt", "growth");
        for (Map.Entry<String, IntFunction<List<String>>> mix : mixes().entrySet()) {
            double before = 0;
            int size = 0;
            for (int layers : SIZES) {
                List<String> statements = mix.getValue().apply(layers);
                int count = statements.size();
                String written = write(statements);
                int lines = checked(mix.getKey(), statements, written, layers);
                double millis = median(runs, () -> write(statements));
                // the exponent k of time ~ statements^k between this size and the one before: 1 linear, 2 quadratic
                String growth = size == 0 ? "" : String.format(Locale.ROOT, "%.2f",
                        Math.log(millis / before) / Math.log((double) count / size));
                System.out.printf(Locale.ROOT, "%-18s %,8d %,8d %8d %12.1f %10.1f %8s%n", mix.getKey(), layers, count,
                        lines, millis, 1000 * millis / count, growth);
                before = millis;
                size = count;
            }
        }
    }

    /** The statements as an import's graph, one layer reading the one before, written as a description. */
    public static String write(List<String> statements) {
        List<DescriptionWriter.Step> order = new ArrayList<>();
        DescriptionWriter.Step input = new DescriptionWriter.Step("input", "input");
        input.text = "input 32x32x64";
        order.add(input);
        Map<DescriptionWriter.Step, Long> channels = new HashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            // places as torch's module paths are: a unit's statements share a prefix, so seams are found
            DescriptionWriter.Step step = new DescriptionWriter.Step("n" + i, "layer" + i / 2 + "_" + i % 2);
            step.text = statements.get(i);
            step.inputs.add(order.get(order.size() - 1));
            channels.put(order.get(order.size() - 1), 64L);
            order.add(step);
        }
        return DescriptionWriter.write("m", "", order, order.get(order.size() - 1), channels, "n_");
    }

    /** The written description's lines, once it is checked to be the flat list's model: its layers, its parameters. */
    public static int checked(String mix, List<String> statements, String written, int layers) {
        Statements.Checked found = Statements.check(written, mix + ".cnn");
        if (found.text().isEmpty()) {
            throw new IllegalStateException(mix + ": the written description does not check: " + found.failure());
        }
        Compilation flat = Compiler.compile(new SourceFile("flat.cnn", "model m\ninput 32x32x64\n"
                + String.join("\n", statements) + "\n"));
        Compilation blocks = found.compilation().orElseThrow();
        if (flat.hasErrors() || layers(flat) != layers || layers(blocks) != layers || params(flat) != params(blocks)) {
            throw new IllegalStateException(mix + ": " + layers(flat) + " layers and " + params(flat) + " parameters "
                    + "flat, " + layers(blocks) + " and " + params(blocks) + " written with blocks");
        }
        return (int) found.text().get().lines().count();
    }

    private static int layers(Compilation compilation) {
        return compilation.model().layers().size();
    }

    private static long params(Compilation compilation) {
        return compilation.model().layers().stream().mapToLong(CheckedLayer::params).sum();
    }

    private static double median(int runs, Runnable work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = THREAD.getCurrentThreadCpuTime();
            work.run();
            nanos[i] = THREAD.getCurrentThreadCpuTime() - start;
        }
        java.util.Arrays.sort(nanos);
        return nanos[runs / 2] / 1e6;
    }
}
