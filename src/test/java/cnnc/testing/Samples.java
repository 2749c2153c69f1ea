package cnnc.testing;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample descriptions under samples/, found from the folder so a new file is a new test. */
public final class Samples {
    public static final Path ROOT = Path.of("samples");

    private Samples() {
    }

    /** Every .cnn file under the folder (relative to samples/), recursively, in name order. */
    public static List<Path> under(String folder) {
        try (Stream<Path> files = Files.walk(ROOT.resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".cnn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The good samples: every .cnn file under samples/ except samples/errors/. */
    public static List<Path> good() {
        return under("").stream().filter(p -> !p.startsWith(ROOT.resolve("errors"))).toList();
    }

    public static SourceFile source(Path path) {
        try {
            return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Compilation compile(Path path) {
        return Compiler.compile(source(path));
    }

    public static Compilation compile(String name, String text) {
        return Compiler.compile(new SourceFile(name, text));
    }

    /**
     * A sample against a framework's figures: its parameters (cnnc's trainable count, as the running
     * statistics are buffers in PyTorch) and its MACs for a batch of 1.
     */
    public static void assertFigures(Path file, long parameters, long macs) {
        Compilation compilation = compile(file);
        org.junit.jupiter.api.Assertions.assertFalse(compilation.hasErrors(), () -> file + ": " + compilation.diagnostics());
        org.junit.jupiter.api.Assertions.assertEquals(parameters, compilation.model().totals().trainableParams(), file + " parameters");
        org.junit.jupiter.api.Assertions.assertEquals(macs, compilation.analysis().orElseThrow().macs(), file + " MACs");
    }
}
