package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code report -o FILE} in every format: what is written, and what a failed run leaves (nothing,
 * except the HTML page of a model with errors, which shows the diagnostics); the SVG as XML.
 */
class ReportFilesTest {
    private static final String BROKEN = "input 5x5x1\nconv 60@7x7\n";

    @Test
    void everyFormatWritesItsFile(@TempDir Path dir) throws Exception {
        for (String format : new String[] {"text", "json", "markdown", "csv", "html", "svg"}) {
            Path file = dir.resolve("seed." + format);
            CliTest.Run run = CliTest.run("report", "--format", format, "samples/seed.cnn", "-o", file.toString());
            assertEquals(0, run.exit(), run.err());
            assertEquals("", run.out(), "nothing on standard output with -o");
            assertEquals(CliTest.run("report", "--format", format, "samples/seed.cnn").out(),
                    Files.readString(file, StandardCharsets.UTF_8), format);
        }
    }

    @Test
    void aModelWithErrorsWritesNoFileButTheHtmlPageAndJson(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("broken.cnn");
        Files.writeString(model, BROKEN);
        for (String format : new String[] {"text", "markdown", "csv", "svg"}) {
            Path file = dir.resolve("out." + format);
            Files.writeString(file, "the previous report");
            CliTest.Run run = CliTest.run("report", "--format", format, model.toString(), "-o", file.toString());
            assertEquals(1, run.exit());
            assertTrue(run.err().contains("error[E0400]"), run.err());
            assertEquals("the previous report", Files.readString(file), format + " must leave the file alone");
            assertFalse(Files.exists(dir.resolve("out2." + format)));
        }
        Path page = dir.resolve("broken.html");
        CliTest.Run run = CliTest.run("report", "--format", "html", model.toString(), "-o", page.toString());
        assertEquals(1, run.exit(), "the command still fails");
        String html = Files.readString(page);
        assertTrue(html.contains("1 error, 0 warnings"), html);
        assertTrue(html.contains("error[E0400]: a 7x7 kernel on a 5x5x1 input gives an output of -1x-1"), html);
        assertTrue(html.contains(" 2 | conv 60@7x7"), "the source excerpt");
        assertFalse(html.contains("<svg"), "no diagram for a model with errors");
        Path json = dir.resolve("broken.json");
        assertEquals(1, CliTest.run("report", "--format", "json", model.toString(), "-o", json.toString()).exit());
        assertTrue(Files.readString(json).contains("\"code\": \"E0400\""));
    }

    @Test
    void badOptionsAndUnwritableFiles(@TempDir Path dir) {
        assertEquals(2, CliTest.run("report", "--depth", "-1", "samples/seed.cnn").exit());
        assertEquals(2, CliTest.run("report", "--depth", "deep", "samples/seed.cnn").exit());
        assertEquals(2, CliTest.run("report", "--format", "pdf", "samples/seed.cnn").exit());
        assertEquals(2, CliTest.run("report", "--explain", "--format", "csv", "samples/seed.cnn").exit());
        CliTest.Run run = CliTest.run("report", "--format", "svg", "samples/seed.cnn", "-o",
                dir.resolve("missing/seed.svg").toString());
        assertEquals(3, run.exit());
        assertTrue(run.err().contains("cannot write"), run.err());
    }

    /**
     * The svg and html reports are written to the temporary file as they are made: a failure while making them
     * (a bug, a stack overflow) leaves neither half a file nor the temporary one, and a file written over as it was.
     */
    @Test
    void aReportThatFailsWhileItIsWrittenLeavesNoFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        java.io.PrintWriter stdout = new java.io.PrintWriter(java.io.Writer.nullWriter());
        assertThrows(IllegalStateException.class, () -> Outputs.write(file.toString(), writer -> {
            try {
                writer.write("<!DOCTYPE html>\n".repeat(20_000)); // more than the writer's buffer: some reaches the file
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            throw new IllegalStateException("the report's code failed");
        }, stdout));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(), files.toList(), "no file, and no temporary file");
        }
        Files.writeString(file, "the previous report");
        assertThrows(StackOverflowError.class, () -> Outputs.write(file.toString(), writer -> {
            throw new StackOverflowError();
        }, stdout));
        assertEquals("the previous report", Files.readString(file));
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList(), "no temporary file");
        }
    }

    /** The SVG is XML with a box per layer (and the input), an outline per block instance, an arrow per input. */
    @Test
    void svgHasABoxPerLayerAndAFramePerBlockInstance() throws Exception {
        Document svg = xml(CliTest.run("report", "--format", "svg", "samples/zoo/resnet50.cnn").out());
        NodeList groups = svg.getElementsByTagName("g");
        int boxes = 0;
        int frames = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            Element group = (Element) groups.item(i);
            boxes += group.getAttribute("class").startsWith("layer ") ? 1 : 0;
            frames += group.getAttribute("class").equals("block") ? 1 : 0;
        }
        assertEquals(176 + 1, boxes);
        // 4 stages, each with a down and n-1 keeps (3, 4, 6, 3), each with a residual
        assertEquals(4 + 2 * (3 + 4 + 6 + 3), frames);
        String width = svg.getDocumentElement().getAttribute("width");
        assertTrue(Double.parseDouble(width) <= 1900, "a screen's width, not " + width);
    }

    /** The boxes' rectangles do not overlap, and each arrow's ends touch a box or a frame. */
    @Test
    void boxesDoNotOverlap() {
        String svg = CliTest.run("report", "--format", "svg", "samples/unet.cnn").out();
        Matcher matcher = Pattern.compile("<g class=\"layer [A-Z]+\" data-row=\"\\d+\"><title>[^<]*</title><rect x=\"([\\d.]+)\" "
                + "y=\"([\\d.]+)\" width=\"([\\d.]+)\" height=\"([\\d.]+)\"").matcher(svg);
        java.util.List<double[]> boxes = new java.util.ArrayList<>();
        while (matcher.find()) {
            boxes.add(new double[] {Double.parseDouble(matcher.group(1)), Double.parseDouble(matcher.group(2)),
                Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4))});
        }
        assertEquals(25, boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                assertTrue(apart, "boxes " + i + " and " + j + " overlap");
            }
        }
    }

    static Document xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
