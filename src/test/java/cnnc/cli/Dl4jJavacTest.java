package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.dl4j.GeneratedJava;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every model {@code cnnc dl4j} accepts is Java that javac accepts; what DL4J's int-sized builders
 * cannot take is rejected at its line, and names javac or the JVM would refuse are a bad command line.
 */
class Dl4jJavacTest {
    @TempDir
    Path dir;

    private static CliTest.Run cnnc(String... args) {
        return CliTest.run(args);
    }

    /** 850 layers overflowed javac's stack as one fluent expression, 5,000 were "code too large". */
    @ParameterizedTest
    @ValueSource(ints = {850, 5_000})
    void longChainsAreSplitIntoMethodsThatJavacCompiles(int layers) throws Exception {
        Path description = Files.writeString(dir.resolve("long.cnn"), "input 8\n" + "dense 8 relu\n".repeat(layers));
        CliTest.Run run = cnnc("dl4j", description.toString(), "--class", "LongChain");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        // 60 layers a method: ceil(layers / 60) methods
        assertEquals((layers + 59) / 60, run.out().lines().filter(l -> l.contains("private static void layers")).count());
        ClassLoader loader = GeneratedJava.compile(Map.of("LongChain", run.out()), dir.resolve("build"));
        assertEquals("long", GeneratedJava.load(loader, "LongChain").getField("MODEL_NAME").get(null));
    }

    /**
     * Each of these sizes is 2^31 or more (46,341^2 = 2,147,488,281 values flattened): the checker takes
     * it (64 bits), DL4J's builders take ints.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "input 4                | dense 3000000000 nobias",
        "input 8x8x1            | conv 1@3000000000x1 same",
        "input 8x8x1            | conv 1@1 /3000000000 same",
        "input 8x8x1            | conv 1@3 same dil 3000000000",
        "input 8x8x1            | maxpool 3000000000 same",
        "input 8x8x1            | conv 1@1 /3000000000 pad 3000000000",
        "input 46341x46341x1    | flatten",
        "input 8x1              | conv 1@1 /3000000000 same",
        "input 4x4x4x1          | maxpool 3000000000x1x1 same",
        "input 4x4x4x1          | upsample 3000000000x1x1",
    })
    void sizesBeyondAnIntAreRejectedAtTheirLine(String input, String layer) throws Exception {
        Path description = Files.writeString(dir.resolve("big.cnn"), input + "\n" + layer + "\n");
        CliTest.Run run = cnnc("dl4j", description.toString(), "-o", dir.resolve("Big.java").toString());
        assertEquals(ExitCode.MODEL_ERRORS, run.exit(), run.err());
        assertTrue(run.err().startsWith(description + ":2:1: error[E0601]: DL4J cannot express this layer: its builders "
                + "take sizes of at most 2,147,483,647"), run.err());
        assertFalse(Files.exists(dir.resolve("Big.java")));
    }

    @Test
    void aVectorInputBeyondAnIntWithoutLayersIsRejectedAtTheInput() throws Exception {
        Path description = Files.writeString(dir.resolve("wide.cnn"), "input 3000000000\n");
        CliTest.Run run = cnnc("dl4j", description.toString());
        assertEquals(ExitCode.MODEL_ERRORS, run.exit(), run.err());
        assertTrue(run.err().startsWith(description + ":1:1: error[E0601]: DL4J cannot express this input"), run.err());
    }

    /** A 48-byte description made 376 MB of Java in 19 s: a slice and a convolution per group. */
    @Test
    void theLayersOfAGroupedConvolutionCountAgainstTheLayerLimit() throws Exception {
        Path description = Files.writeString(dir.resolve("groups.cnn"), "input 1x1x2000000\nconv 2000000@1 groups 1000000\n");
        CliTest.Run run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> cnnc("dl4j", description.toString()));
        assertEquals(ExitCode.MODEL_ERRORS, run.exit(), run.err());
        // 1,000,000 slices + 1,000,000 convolutions + 1 merge
        assertTrue(run.err().contains("error[E0710]: DL4J needs 2,000,001 layers for this convolution of 1,000,000 groups"),
                run.err());
        assertEquals("", run.out());
    }

    /** An internal error (exit 4, a long overflow) in the DL4J backend before the checker caught it. */
    @Test
    void aDilationBeyondSixtyFourBitsIsTheCheckersError() throws Exception {
        Path description = Files.writeString(dir.resolve("dil.cnn"), "input 8x8x4\nconv 4@3 same dil 9223372036854775807\n");
        CliTest.Run run = cnnc("dl4j", description.toString());
        assertEquals(ExitCode.MODEL_ERRORS, run.exit(), run.err());
        assertTrue(run.err().startsWith(description + ":2:1: error[E0406]"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang", "java.util.concurrent", "javax.tools", "java", "java.nonexistent", "sun.misc",
        "caf\u00e9.models"})
    void packagesJavacOrTheJvmRefuseAreABadCommandLine(String name) {
        CliTest.Run run = cnnc("dl4j", "samples/seed.cnn", "--package", name);
        assertEquals(ExitCode.USAGE, run.exit(), name + ": " + run.err());
        assertTrue(run.err().contains("is not a usable Java package name"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void nonAsciiClassNamesAreABadCommandLine() {
        assertEquals(ExitCode.USAGE, cnnc("dl4j", "samples/seed.cnn", "--class", "Mod\u00e8le").exit());
        assertEquals(ExitCode.USAGE, cnnc("dl4j", "samples/seed.cnn", "-o", dir.resolve("Mod\u00e8le.java").toString()).exit());
        assertFalse(Files.exists(dir.resolve("Mod\u00e8le.java")));
    }
}
