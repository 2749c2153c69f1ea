package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes the DL4J backend writes into generated code are the Java files under {@code src/main/dl4j}, which
 * the build compiles against DL4J with the tests: one file for each {@link Helper} and a helper for each file,
 * and each one's nested copy compiles in a class of its own with javac's every warning an error, whether or
 * not a sample uses it. What they compute is {@code Dl4jSemanticsTest}'s.
 */
class Dl4jHelpersTest {
    private static final Path FOLDER = Path.of("src/main/dl4j/cnnc/backend/dl4j/helpers");

    @TempDir
    Path work;

    @Test
    void eachHelperIsAFileOfItsOwnAndEachFileAHelper() throws IOException {
        TreeSet<String> files = new TreeSet<>();
        try (Stream<Path> listed = Files.list(FOLDER)) {
            listed.forEach(file -> files.add(file.getFileName().toString()));
        }
        TreeSet<String> helpers = new TreeSet<>();
        for (Helper helper : Helper.values()) {
            helpers.add(helper.simpleName() + ".java");
        }
        assertEquals(helpers, files, "src/main/dl4j/cnnc/backend/dl4j/helpers/ against backend/dl4j/Helper.java");
    }

    @Test
    void everyHelpersNestedCopyCompilesWithoutAWarning() throws Exception {
        TreeSet<String> imports = new TreeSet<>();
        StringBuilder nested = new StringBuilder();
        for (Helper helper : Helper.values()) {
            imports.addAll(helper.imports());
            nested.append('\n').append(helper.nested());
        }
        StringBuilder source = new StringBuilder("package nested;\n\n");
        imports.forEach(name -> source.append("import ").append(name).append(";\n"));
        source.append("\npublic final class Holder {").append(nested).append("}\n");
        ClassLoader loader = GeneratedJava.compile(Map.of("nested.Holder", source.toString()), work);
        List<String> loaded = new ArrayList<>();
        for (Helper helper : Helper.values()) {
            Class<?> type = loader.loadClass("nested.Holder$" + helper.simpleName());
            assertTrue(java.lang.reflect.Modifier.isStatic(type.getModifiers()), helper + " is a static nested class");
            type.getConstructor().newInstance(); // DL4J's JSON configuration makes them so
            loaded.add(type.getSimpleName());
        }
        assertEquals(Helper.values().length, loaded.size());
    }
}
