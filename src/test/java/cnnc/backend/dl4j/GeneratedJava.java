package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles generated Java files in this JVM against the test classpath (so against Deeplearning4j)
 * and loads them. One javac run for many files: a compiler start-up per model would dominate.
 */
public final class GeneratedJava {
    private GeneratedJava() {
    }

    /** @param sources the code of each class, by qualified name; every one must compile */
    public static ClassLoader compile(Map<String, String> sources, Path workDir) {
        Compiled compiled = compileEach(sources, workDir);
        if (!compiled.errors().isEmpty()) {
            fail("the generated Java does not compile:\n" + String.join("\n", compiled.errors().values()));
        }
        return compiled.loader();
    }

    /**
     * The classes that compile, and javac's errors for those that do not: one javac run for all of them, and
     * only when that fails one run for each, so that a model whose code does not compile fails its own tests
     * and no other's.
     *
     * @param sources the code of each class, by qualified name
     */
    public static Compiled compileEach(Map<String, String> sources, Path workDir) {
        try {
            Path sourceDir = Files.createDirectories(workDir.resolve("src"));
            Map<String, Path> files = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : sources.entrySet()) {
                Path file = sourceDir.resolve(entry.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                files.put(entry.getKey(), file);
            }
            Path together = Files.createDirectories(workDir.resolve("classes"));
            if (javac(List.copyOf(files.values()), together).isEmpty()) {
                return new Compiled(loader(List.of(together)), Map.of());
            }
            List<Path> classDirs = new ArrayList<>();
            Map<String, String> errors = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, Path> file : files.entrySet()) {
                Path classDir = Files.createDirectories(workDir.resolve("classes-" + i++));
                String failure = javac(List.of(file.getValue()), classDir);
                if (failure.isEmpty()) {
                    classDirs.add(classDir);
                } else {
                    errors.put(file.getKey(), failure);
                }
            }
            return new Compiled(loader(classDirs), errors);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param errors javac's errors for each class that does not compile, by qualified name */
    public record Compiled(ClassLoader loader, Map<String, String> errors) {
        /** The class, loaded; a failure with javac's errors when it did not compile. */
        public Class<?> load(String qualifiedName) {
            if (errors.containsKey(qualifiedName)) {
                fail("the generated Java of " + qualifiedName + " does not compile:\n" + errors.get(qualifiedName));
            }
            return GeneratedJava.load(loader, qualifiedName);
        }
    }

    public static Class<?> load(ClassLoader loader, String qualifiedName) {
        try {
            return Class.forName(qualifiedName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the generated class " + qualifiedName + " was not compiled", e);
        }
    }

    private static ClassLoader loader(List<Path> classDirs) throws IOException {
        URL[] urls = new URL[classDirs.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = classDirs.get(i).toUri().toURL();
        }
        return new URLClassLoader(urls, GeneratedJava.class.getClassLoader());
    }

    /** javac's errors, "" when the files compile. */
    private static String javac(List<Path> files, Path classDir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", classpath(), "-d", classDir.toString(), "-proc:none",
                    "-Xlint:all,-path", "-Werror");
            boolean ok = javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            return ok ? "" : diagnostics.getDiagnostics().stream()
                    .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
        }
    }

    /** Surefire may start the tests from a manifest-only jar; it keeps the real path in this property. */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
