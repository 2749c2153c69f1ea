package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import cnnc.testing.Cases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The text cnnc writes, pinned in files under src/test/resources/golden: reports (default and every
 * column, JSON, markdown, CSV, the SVG diagram, the HTML page, at a --depth) and generated Keras and
 * DL4J code of a few samples. A change that alters any of them
 * fails here and leaves the new text beside the old as {@code NAME.actual} for review; once it is
 * right, refresh them all with
 *
 * <pre>mvn -B test -Dtest=GoldenFilesTest -Dgolden.update=true</pre>
 *
 * The figures in these files are checked elsewhere, by hand and by real frameworks; these files only
 * make a change visible in review.
 */
class GoldenFilesTest {
    private static final Path FOLDER = Path.of("src/test/resources/golden");
    private static final List<String> SAMPLES = List.of("samples/seed.cnn", "samples/lenet5.cnn",
            "samples/zoo/resnet50.cnn", "samples/unet.cnn", "samples/attention.cnn");

    /** A golden file's name, the command whose standard output it holds, and the command's exit code. */
    private record Output(String file, List<String> command, int exit) {
        Output(String file, List<String> command) {
            this(file, command, 0);
        }
    }

    @TestFactory
    Stream<DynamicTest> outputsAreTheCheckedInOnes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String sample : SAMPLES) {
            String name = Path.of(sample).getFileName().toString().replace(".cnn", "");
            for (Output output : List.of(
                    new Output(name + ".txt", List.of("report", sample)),
                    new Output(name + ".all.txt", List.of("report", "--columns", "all", "--batch", "8", "--dtype",
                            "float16", sample)),
                    new Output(name + ".json", List.of("report", "--format", "json", sample)),
                    new Output(name + ".csv", List.of("report", "--format", "csv", sample)),
                    new Output(name + ".svg", List.of("report", "--format", "svg", sample)),
                    new Output(name + ".py", List.of("keras", sample)),
                    new Output(name + ".java", List.of("dl4j", sample)))) {
                tests.add(Cases.named(output.file(), () -> compare(output)));
            }
        }
        for (Output output : List.of(
                new Output("seed.torch.py", List.of("torch", "samples/seed.cnn")),
                // issue 25's forms: defaults torch in the heading, MixNet's branch per kernel size in each framework
                new Output("mixnet_s.txt", List.of("report", "samples/timm/mixnet_s.cnn")),
                new Output("mixnet_s.torch.py", List.of("torch", "samples/timm/mixnet_s.cnn")),
                new Output("mixnet_s.py", List.of("keras", "samples/timm/mixnet_s.cnn")),
                new Output("mixnet_s.java", List.of("dl4j", "samples/timm/mixnet_s.cnn")),
                new Output("resnet50.torch.py", List.of("torch", "samples/zoo/resnet50.cnn")),
                // blocks that declare several outputs, in every backend, and a report whose block rows read several rows
                new Output("hrnet_w18.torch.py", List.of("torch", "samples/timm/hrnet_w18.cnn")),
                new Output("hrnet_w18.py", List.of("keras", "samples/timm/hrnet_w18.cnn")),
                new Output("hrnet_w18.java", List.of("dl4j", "samples/timm/hrnet_w18.cnn")),
                new Output("hrnet_w18.depth0.txt", List.of("report", "--depth", "0", "samples/timm/hrnet_w18.cnn")),
                new Output("seed.loss.py", List.of("keras", "--loss", "xent", "samples/seed.cnn")),
                new Output("lenet5.loss.torch.py", List.of("torch", "--loss", "mcxent", "--optimizer", "sgd",
                        "samples/lenet5.cnn")),
                new Output("unet.loss.java", List.of("dl4j", "--loss", "xent", "samples/unet.cnn")),
                new Output("seed.explain.txt", List.of("report", "--explain", "samples/seed.cnn")),
                new Output("seed-scaled.explain.txt", List.of("report", "--explain", "samples/seed-scaled.cnn")),
                new Output("seed.explain.md", List.of("report", "--explain", "--format", "markdown", "samples/seed.cnn")),
                new Output("seed.explain.json", List.of("report", "--explain", "--format", "json", "samples/seed.cnn")),
                new Output("seed.md", List.of("report", "--format", "markdown", "samples/seed.cnn")),
                new Output("unet.explain.txt", List.of("report", "--explain", "samples/unet.cnn")),
                new Output("attention.explain.txt", List.of("report", "--explain", "samples/attention.cnn")),
                new Output("attention.torch.py", List.of("torch", "samples/attention.cnn")),
                new Output("resnet50.depth0.txt", List.of("report", "--depth", "0", "samples/zoo/resnet50.cnn")),
                // a sequence and a volume, each row's shape, parameters and MACs checked against torch
                new Output("m5.txt", List.of("report", "samples/audio/m5.cnn")),
                new Output("unet3d.txt", List.of("report", "samples/unet3d.cnn")),
                // and their DL4J code: a sequence's pooling rounded up, a volume's batch norm and cropping
                new Output("m5.java", List.of("dl4j", "samples/audio/m5.cnn")),
                // and its Keras module: the pooling rounded up as a MaxPoolPadding, the module's class of -inf
                new Output("m5.py", List.of("keras", "samples/audio/m5.cnn")),
                new Output("unet3d.java", List.of("dl4j", "samples/unet3d.cnn")),
                new Output("resnet50.depth1.md", List.of("report", "--depth", "1", "--format", "markdown",
                        "samples/zoo/resnet50.cnn")),
                new Output("resnet50.depth1.csv", List.of("report", "--depth", "1", "--columns", "all", "--format", "csv",
                        "samples/zoo/resnet50.cnn")),
                new Output("unet.md", List.of("report", "--format", "markdown", "samples/unet.cnn")),
                new Output("seed.html", List.of("report", "--format", "html", "samples/seed.cnn")),
                new Output("unet.depth0.html", List.of("report", "--format", "html", "--depth", "0", "samples/unet.cnn")),
                // cnnc diff, exit 1 as the models differ: the seventeen blocks ResNet101 adds to stage 3, folded
                new Output("resnet50-resnet101.diff.txt", List.of("diff", "samples/zoo/resnet50.cnn",
                        "samples/zoo/resnet101.cnn"), 1),
                new Output("resnet50-resnet101.diff.md", List.of("diff", "--format", "markdown",
                        "samples/zoo/resnet50.cnn", "samples/zoo/resnet101.cnn"), 1),
                // the same, each inserted instance with its layers
                new Output("resnet50-resnet101.expand.diff.txt", List.of("diff", "--expand", "samples/zoo/resnet50.cnn",
                        "samples/zoo/resnet101.cnn"), 1))) {
            tests.add(Cases.named(output.file(), () -> compare(output)));
        }
        // a DL4J project's own files (its class is the one pinned above): a graph's, trained with a per-pixel loss
        for (String file : List.of("pom.xml", "src/main/java/UnetTraining.java")) {
            String golden = "unet.project." + Path.of(file).getFileName();
            tests.add(DynamicTest.dynamicTest(golden, () -> {
                Path project = Path.of("target", "golden-project", "unet");
                if (!Files.exists(project.resolve(file))) {
                    deleteTree(project);
                    Files.createDirectories(project.getParent());
                    CliTest.Run run = CliTest.run("dl4j", "--loss", "xent", "samples/unet.cnn", "--project", project.toString());
                    assertEquals(0, run.exit(), run.err());
                }
                compare(golden, List.of("dl4j", "--loss", "xent", "samples/unet.cnn", "--project", "DIR", "(" + file + ")"),
                        Files.readString(project.resolve(file), StandardCharsets.UTF_8));
            }));
        }
        return tests.stream();
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void compare(Output output) throws IOException {
        CliTest.Run run = CliTest.run(output.command().toArray(String[]::new));
        assertEquals(output.exit(), run.exit(), run.err());
        compare(output.file(), output.command(), run.out());
    }

    private static void compare(String file, List<String> command, String text) throws IOException {
        Output output = new Output(file, command);
        Path golden = FOLDER.resolve(output.file());
        Path actual = FOLDER.resolve(output.file() + ".actual");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(FOLDER);
            Files.writeString(golden, text, StandardCharsets.UTF_8);
            Files.deleteIfExists(actual);
            return;
        }
        String expected = Files.exists(golden) ? Files.readString(golden, StandardCharsets.UTF_8) : null;
        if (text.equals(expected)) {
            Files.deleteIfExists(actual);
            return;
        }
        Files.writeString(actual, text, StandardCharsets.UTF_8);
        fail("cnnc " + String.join(" ", output.command()) + " differs from " + golden + " (or it is missing); the new "
                + "text is in " + actual + ". Compare them, and if the change is right, refresh the golden files with "
                + "mvn -B test -Dtest=GoldenFilesTest -Dgolden.update=true" + firstDifference(expected, text));
    }

    private static String firstDifference(String expected, String actual) {
        if (expected == null) {
            return "";
        }
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(end)";
            String y = i < b.length ? b[i] : "(end)";
            if (!x.equals(y)) {
                return "\nfirst difference, line " + (i + 1) + ":\n- " + x + "\n+ " + y;
            }
        }
        return "";
    }

}
