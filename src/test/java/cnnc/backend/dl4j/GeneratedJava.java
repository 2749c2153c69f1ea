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

    /** @param sources the code of each class, by qualified name */
    public static ClassLoader compile(Map<String, String> sources, Path workDir) {
        try {
            Path sourceDir = Files.createDirectories(workDir.resolve("src"));
            Path classDir = Files.createDirectories(workDir.resolve("classes"));
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> entry : sources.entrySet()) {
                Path file = sourceDir.resolve(entry.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
                files.add(file);
            }
            javac(files, classDir);
            return new URLClassLoader(new URL[] {classDir.toUri().toURL()}, GeneratedJava.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Class<?> load(ClassLoader loader, String qualifiedName) {
        try {
            return Class.forName(qualifiedName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("the generated class " + qualifiedName + " was not compiled", e);
        }
    }

    private static void javac(List<Path> files, Path classDir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", classpath(), "-d", classDir.toString(), "-proc:none",
                    "-Xlint:all,-path", "-Werror");
            boolean ok = javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                fail("the generated Java does not compile:\n" + diagnostics.getDiagnostics().stream()
                        .map(d -> d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n")));
            }
        }
    }

    /** Surefire may start the tests from a manifest-only jar; it keeps the real path in this property. */
    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
