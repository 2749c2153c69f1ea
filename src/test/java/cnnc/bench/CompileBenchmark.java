package cnnc.bench;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.source.SourceFile;
import java.util.Arrays;

/**
 * In-process compile time (parse + check) of a generated description with many layers. Run by
 * bench/run.sh; not a test. Warms up first, then reports the median and the fastest of the runs.
 */
public final class CompileBenchmark {
    private CompileBenchmark() {
    }

    public static void main(String[] args) {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        SourceFile source = new SourceFile("generated.cnn", generate(layers));
        for (int i = 0; i < runs; i++) {
            compileOnce(source, layers);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            compileOnce(source, layers);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("compile %,d layers (%,d bytes): median %.1f ms, fastest %.1f ms over %d runs after %d warm-up runs%n",
                layers, source.text().length(), nanos[runs / 2] / 1e6, nanos[0] / 1e6, runs, runs);
    }

    /** Convolutions with batch norm and activations, padded so shapes stay fixed for any depth. */
    static String generate(int layers) {
        StringBuilder text = new StringBuilder("model generated\ninput 224x224x3\n");
        for (int i = 0; i < layers - 2; i++) {
            text.append(switch (i % 4) {
                case 0 -> "conv 64@3x3 same nobias";
                case 1 -> "bn";
                case 2 -> "relu";
                default -> "conv 64@3x3 pad 1 relu";
            }).append('\n');
        }
        return text.append("gap\ndense 1000 softmax\n").toString();
    }

    private static void compileOnce(SourceFile source, int layers) {
        Compilation compilation = Compiler.compile(source);
        if (compilation.hasErrors() || compilation.model().layers().size() != layers) {
            throw new IllegalStateException("the generated description did not compile: " + compilation.diagnostics());
        }
    }
}
