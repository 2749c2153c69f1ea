package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertFalse;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.source.SourceFile;
import cnnc.testing.RandomModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample and a fixed corpus of random models, through the generated Java and real
 * Deeplearning4j: parameter counts and output shapes must be those of cnnc's report. A sample DL4J
 * cannot express must be rejected with E0601 for one of its known limits (see {@link Dl4jRejectionTest}).
 */
class Dl4jConformanceTest {
    private static final long SEED = 5;
    private static final int RANDOM_MODELS = 100;

    @TempDir
    Path work;

    /** A model and the class written for it. */
    private record Case(String title, Compilation compilation, JavaClassName className, String java) {
    }

    @TestFactory
    Stream<DynamicTest> samples() {
        Map<String, Case> cases = new LinkedHashMap<>();
        for (Path path : sampleFiles()) {
            Compilation compilation = Compiler.compile(source(path));
            if (compilation.hasErrors()) {
                continue;
            }
            JavaClassName className = new JavaClassName("generated.samples",
                    Dl4jBackend.defaultClassName(compilation.model().name()));
            Dl4jBackend.Result result = Dl4jBackend.generate(compilation, className);
            cases.put(className.qualified(), new Case(path.toString(), compilation, className,
                    result.javaSource().orElse(null)));
        }
        assertFalse(cases.isEmpty(), "no good samples under samples/");
        return run(cases);
    }

    @TestFactory
    Stream<DynamicTest> randomModels() {
        Map<String, Case> cases = new LinkedHashMap<>();
        List<String> texts = new RandomModels(SEED).generate(RANDOM_MODELS, Dl4jConformanceTest::expressible);
        for (int i = 0; i < texts.size(); i++) {
            Compilation compilation = Compiler.compile(new SourceFile("model" + i + ".cnn", texts.get(i)));
            JavaClassName className = new JavaClassName("generated.random", "Model" + i);
            String java = Dl4jBackend.generate(compilation, className).javaSource().orElseThrow();
            cases.put(className.qualified(), new Case("model" + i + ": " + texts.get(i).replace('\n', ';'),
                    compilation, className, java));
        }
        return run(cases);
    }

    static boolean expressible(Compilation compilation) {
        return Dl4jBackend.generate(compilation, new JavaClassName("", "Probe")).javaSource().isPresent();
    }

    private Stream<DynamicTest> run(Map<String, Case> cases) {
        Map<String, String> sources = new LinkedHashMap<>();
        cases.values().stream().filter(c -> c.java() != null).forEach(c -> sources.put(c.className().qualified(), c.java()));
        ClassLoader loader = sources.isEmpty() ? null : GeneratedJava.compile(sources, work);
        return cases.values().stream().map(c -> DynamicTest.dynamicTest(c.title(), () -> {
            if (c.java() == null) {
                Dl4jRejectionTest.assertRejectedForKnownLimits(c.compilation());
                return;
            }
            MultiLayerConfiguration configuration = configuration(GeneratedJava.load(loader, c.className().qualified()));
            new NetworkComparison(c.compilation().model(), configuration).assertSameAsReport();
        }));
    }

    static MultiLayerConfiguration configuration(Class<?> generated) {
        try {
            return (MultiLayerConfiguration) generated.getMethod("configuration").invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError("configuration() of " + generated.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(generated.getName() + " has no static configuration()", e);
        }
    }

    /** Every .cnn file under samples/, found from the folder so that a new sample is a new test. */
    static List<Path> sampleFiles() {
        try (Stream<Path> files = Files.walk(Path.of("samples"))) {
            return files.filter(p -> p.toString().endsWith(".cnn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceFile source(Path path) {
        try {
            return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
