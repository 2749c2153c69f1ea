package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.dl4j.GeneratedJava;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cnnc dl4j} from the command line: what it writes, where, and its exit codes. */
class Dl4jCommandTest {
    /** The seed question's answer, as the issue states it: 3,000 + 150,100 + 50,625,250 + 50,200 + 201. */
    private static final long SEED_PARAMETERS = 50_828_751L;

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run cnnc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void theSeedModelCompilesAgainstDl4jAndItsSummaryCountsTheIssuesTotal() throws Exception {
        Path java = dir.resolve("Seed.java");
        Run run = cnnc("dl4j", "samples/seed.cnn", "-o", java.toString());
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertEquals("", run.out());

        ClassLoader loader = GeneratedJava.compile(Map.of("Seed", Files.readString(java)), dir.resolve("build"));
        String summary = printedBy(GeneratedJava.load(loader, "Seed"));
        Matcher total = Pattern.compile("Total Parameters:\\s+([0-9,]+)").matcher(summary);
        assertTrue(total.find(), summary);
        assertEquals(SEED_PARAMETERS, Long.parseLong(total.group(1).replace(",", "")), summary);
    }

    /** keras.applications.ResNet50's published parameter count (model.count_params(), 25.6M in the Keras Applications table). */
    private static final long RESNET50_PARAMETERS = 25_636_712L;
    /** keras.applications.InceptionV3's published parameter count (23.9M in the Keras Applications table). */
    private static final long INCEPTIONV3_PARAMETERS = 23_851_784L;

    @Test
    void resnet50IsAComputationGraphWhoseSummaryCountsKerasPublishedTotal() throws Exception {
        String code = assertSummaryTotal("samples/zoo/resnet50.cnn", "ResNet50", RESNET50_PARAMETERS);
        assertTrue(code.contains("public static ComputationGraphConfiguration configuration()"), code);
        assertTrue(code.contains("new ElementWiseVertex(ElementWiseVertex.Op.Add)"), code);
    }

    /** InceptionV3's 'bn noscale' and concats: DL4J's summary, SameDiff layers included, counts Keras's figure. */
    @Test
    void inceptionV3SummaryCountsKerasPublishedTotal() throws Exception {
        String code = assertSummaryTotal("samples/zoo/inceptionv3.cnn", "InceptionV3", INCEPTIONV3_PARAMETERS);
        assertTrue(code.contains("new MergeVertex()"), code);
    }

    /** Writes the class with -o, compiles it, runs its main and checks DL4J's printed total; returns the code. */
    private String assertSummaryTotal(String sample, String className, long published) throws Exception {
        Path java = dir.resolve(className + ".java");
        Run run = cnnc("dl4j", sample, "-o", java.toString());
        assertEquals(ExitCode.OK, run.exit(), run.err());
        String code = Files.readString(java);
        ClassLoader loader = GeneratedJava.compile(Map.of(className, code), dir.resolve("build-" + className));
        String summary = printedBy(GeneratedJava.load(loader, className));
        Matcher total = Pattern.compile("Total Parameters:\\s+([0-9,]+)").matcher(summary);
        assertTrue(total.find(), summary);
        assertEquals(published, Long.parseLong(total.group(1).replace(",", "")));
        return code;
    }

    /**
     * A statement that spans lines is written back as one comment line; what a comment inside it holds
     * (a unicode escape that javac would read as a line break, a comment end) stays inside the comment.
     * Block names and output names are plain words, and DL4J layer names are the report's (add1, conv2).
     */
    @Test
    void aStatementOverSeveralLinesCannotInjectCodeThroughItsComments() throws Exception {
        Path description = file("Branchy.cnn", "input 4x4x2\nblock evil_block(f) { conv f@1 }\n"
                + "add { evil_block(2) # \\u000a } class Evil { } /* */\n"
                + "    | identity } as evil_name\ngap\ndense 2\n");
        Run run = cnnc("dl4j", description.toString(), "--package", "injection");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().contains("graph.addVertex(\"add1\""), run.out());
        ClassLoader loader = GeneratedJava.compile(Map.of("injection.Branchy", run.out()), dir.resolve("build"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("injection.Evil", false, loader));
        assertTrue(printedBy(GeneratedJava.load(loader, "injection.Branchy")).contains("add1"));
    }

    /** Runs the generated main in this JVM and returns what it printed. */
    private static String printedBy(Class<?> generated) throws ReflectiveOperationException {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            generated.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutOutputTheClassGoesToStandardOutputNamedAfterTheModel() {
        Run run = cnnc("dl4j", "samples/seed.cnn");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().contains("public final class Seed {"), run.out());
        assertFalse(run.out().contains("package "), run.out());
    }

    @Test
    void packageAndClassAreTheOnesGiven() {
        Run run = cnnc("dl4j", "samples/seed.cnn", "--package", "org.example.nets", "--class", "SeedNet");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().contains("\npackage org.example.nets;\n"), run.out());
        assertTrue(run.out().contains("public final class SeedNet {"), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "org.example; class X {}", "1abc", "org..example", "org.class", "", "a.b.",
        "a/b", "a\\u002eb"})
    void aPackageThatIsNotAJavaPackageNameIsACommandLineError(String packageName) {
        assertUsageError(cnnc("dl4j", "samples/seed.cnn", "--package", packageName));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X{", "int", "_", "a.B", "", "Seed Net", "DenseLayer", "String", "X\\u0020",
        "ComputationGraph", "MergeVertex", "KerasLayerNormalization", "KerasPerChannel", "KerasBroadcast", "NoOp"})
    void aClassNameThatIsNotUsableIsACommandLineError(String className) {
        assertUsageError(cnnc("dl4j", "samples/seed.cnn", "--class", className));
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.txt", "my-model.java", "class.java", ".java"})
    void anOutputFileThatNoPublicClassCanLiveInIsACommandLineError(String name) {
        assertUsageError(cnnc("dl4j", "samples/seed.cnn", "-o", dir.resolve(name).toString()));
        assertFalse(Files.exists(dir.resolve(name)));
    }

    @Test
    void aClassNameThatDiffersFromTheOutputFileIsACommandLineError() {
        assertUsageError(cnnc("dl4j", "samples/seed.cnn", "-o", dir.resolve("Seed.java").toString(), "--class", "Other"));
        assertFalse(Files.exists(dir.resolve("Seed.java")));
    }

    private static void assertUsageError(Run run) {
        assertEquals(ExitCode.USAGE, run.exit(), run.err());
        assertEquals("", run.out());
        assertFalse(run.err().isBlank());
    }

    /** The diagnostic is expected where {@code marker} starts in the layer's line (the last occurrence). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "conv 6@5x5 sideways | sideways | E0201 | unknown modifier",
        "gap keep; dwconv 1 | dwconv | E0601 | DL4J cannot run this convolution on a 1x1x4 output",
    })
    void aModelWithErrorsOrBeyondDl4jGetsDiagnosticsAtItsPlaceAndNoFile(String layer, String marker, String code,
                                                                       String message) throws IOException {
        Path description = file("model.cnn", "input 32x32x4\n" + layer + "\n");
        Path java = dir.resolve("Model.java");
        Run run = cnnc("dl4j", description.toString(), "-o", java.toString());
        assertEquals(ExitCode.MODEL_ERRORS, run.exit());
        String place = description + ":2:" + (layer.lastIndexOf(marker) + 1) + ": error[" + code + "]: " + message;
        assertTrue(run.err().contains(place), run.err());
        assertEquals("", run.out());
        assertFalse(Files.exists(java));
    }

    @Test
    void aFileThatCannotBeReadOrWrittenExitsWith3() {
        assertEquals(ExitCode.IO, cnnc("dl4j", dir.resolve("missing.cnn").toString()).exit());
        Run run = cnnc("dl4j", "samples/seed.cnn", "-o", dir.resolve("no/such/folder/Seed.java").toString());
        assertEquals(ExitCode.IO, run.exit(), run.err());
    }

    /**
     * Model names are free text: whatever they hold, the generated file compiles and keeps the name
     * exactly, in a string constant. The names close a string, start a unicode escape (javac reads
     * {@code \u000a} as a line break even in comments), end a block comment, and hold a line break.
     */
    @Test
    void aModelNameCannotInjectCode() throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("Quote", "x\"); System.exit(1); (\"");
        names.put("Escape", "a\\u000a System.exit(2); // \\u0022");
        names.put("Comment", "*/ class Evil { } /*");
        names.put("Controls", "tab\there\nnew line \u00e9\u4e2d\ud83d\ude00");
        Map<String, String> sources = new LinkedHashMap<>();
        for (Map.Entry<String, String> name : names.entrySet()) {
            Path description = file(name.getKey() + ".cnn", "model " + quoted(name.getValue()) + "\ninput 4\ndense 2\n");
            Run run = cnnc("dl4j", description.toString(), "--class", name.getKey(), "--package", "injection");
            assertEquals(ExitCode.OK, run.exit(), run.err());
            assertTrue(run.out().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), "not plain ASCII: " + run.out());
            sources.put("injection." + name.getKey(), run.out());
        }
        ClassLoader loader = GeneratedJava.compile(sources, dir.resolve("build"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("injection.Evil", false, loader));
        for (Map.Entry<String, String> name : names.entrySet()) {
            Class<?> generated = GeneratedJava.load(loader, "injection." + name.getKey());
            assertEquals(name.getValue(), generated.getField("MODEL_NAME").get(null));
        }
    }

    /** A cnnc string: a backslash keeps the next character, and {@code \n} and {@code \t} are a newline and a tab. */
    private static String quoted(String name) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    /**
     * {@code --project DIR}: a pom for Java 17 with DL4J 1.0.0-M2.1, the class as {@code -o} writes it, and with
     * {@code --loss} a training class; the pom read as XML. Dl4jProjectIT builds and runs such projects.
     */
    @Test
    void aProjectHoldsAPomTheClassAndWithALossATrainingClass() throws Exception {
        Path project = dir.resolve("seed-dl4j");
        Run run = cnnc("dl4j", "samples/seed.cnn", "--loss", "xent", "--project", project.toString());
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals(cnnc("dl4j", "samples/seed.cnn", "--loss", "xent").out(),
                Files.readString(project.resolve("src/main/java/Seed.java")));
        String training = Files.readString(project.resolve("src/main/java/SeedTraining.java"));
        assertTrue(training.contains("new MultiLayerNetwork(Seed.configuration())"), training);
        org.w3c.dom.Document pom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(project.resolve("pom.xml").toFile());
        assertEquals("17", pom.getElementsByTagName("maven.compiler.release").item(0).getTextContent());
        assertEquals("1.0.0-M2.1", pom.getElementsByTagName("dl4j.version").item(0).getTextContent());
        assertEquals("SeedTraining", pom.getElementsByTagName("mainClass").item(0).getTextContent());
        String artifacts = pom.getElementsByTagName("dependencies").item(0).getTextContent();
        assertTrue(artifacts.contains("deeplearning4j-nn") && artifacts.contains("nd4j-native"), artifacts);
        try (java.util.stream.Stream<Path> files = Files.walk(project)) {
            assertEquals(3, files.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void aProjectIsWrittenWholeOrNotAtAll() throws IOException {
        Path project = dir.resolve("model-dl4j");
        Path broken = file("broken.cnn", "input 8x8x1\nconv 4@9\n");
        Run errors = cnnc("dl4j", broken.toString(), "--project", project.toString());
        assertEquals(ExitCode.MODEL_ERRORS, errors.exit(), errors.err());
        assertFalse(Files.exists(project), "no half-written project");
        Run mismatch = cnnc("dl4j", "samples/seed.cnn", "--loss", "mcxent", "--project", project.toString());
        assertEquals(ExitCode.MODEL_ERRORS, mismatch.exit(), mismatch.err());
        assertFalse(Files.exists(project));

        Files.createDirectories(project);
        Files.writeString(project.resolve("notes.txt"), "mine");
        Run occupied = cnnc("dl4j", "samples/seed.cnn", "--project", project.toString());
        assertEquals(ExitCode.IO, occupied.exit(), occupied.err());
        assertTrue(occupied.err().startsWith("cnnc: cannot write the project " + project + ": the folder is not empty"),
                occupied.err());
        try (java.util.stream.Stream<Path> files = Files.list(project)) {
            assertEquals(List.of(project.resolve("notes.txt")), files.toList());
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary folder left");
        }

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals(ExitCode.OK, cnnc("dl4j", "samples/seed.cnn", "--project", empty.toString()).exit());
        assertTrue(Files.exists(empty.resolve("pom.xml")));
        assertEquals(ExitCode.USAGE, cnnc("dl4j", "samples/seed.cnn", "-o", dir.resolve("Seed.java").toString(),
                "--project", dir.resolve("other").toString()).exit());
        assertEquals(ExitCode.IO, cnnc("dl4j", "samples/seed.cnn", "--project", dir.resolve("no/such/dir").toString()).exit());
    }
}
