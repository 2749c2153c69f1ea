package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.testing.Chromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTML report in a real browser (Debian's headless Chromium, through the DevTools protocol; one
 * browser for the whole class): ResNet50's and the U-Net's pages load with no console error and no
 * request but the page itself, hold a box per layer, a click on a box selects its row and its
 * source line, a folded block instance hides its rows, the table sorts and filters. Screenshots go
 * to target/screenshots/ for a person to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HtmlPageTest {
    private static final Path PAGES = Path.of("target/html-pages");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private Chromium browser;

    @BeforeAll
    void startBrowser() throws Exception {
        browser = Chromium.start(PAGES.resolve("profile-" + ProcessHandle.current().pid()));
        browser.call("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 1400, "height", 900,
                "deviceScaleFactor", 1, "mobile", false));
    }

    @AfterAll
    void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void resnet50() throws Exception {
        JsonNode report = open("samples/zoo/resnet50.cnn", "resnet50");
        clickBoxSelectsRowAndLine(report, 50);
        browser.screenshot(SCREENSHOTS.resolve("resnet50-selected.png"));
        foldingHidesTheRows("stage2", report);
        browser.screenshot(SCREENSHOTS.resolve("resnet50-stage2-folded.png"));
        sortingAndFiltering(report);
        noErrorsNorRequests("samples/zoo/resnet50.cnn");
    }

    @Test
    void unet() throws Exception {
        JsonNode report = open("samples/unet.cnn", "unet");
        clickBoxSelectsRowAndLine(report, 13);
        foldingHidesTheRows("twice3", report);
        browser.screenshot(SCREENSHOTS.resolve("unet.png"));
        noErrorsNorRequests("samples/unet.cnn");
    }

    @Test
    void depthZeroStartsFolded() throws Exception {
        Path page = PAGES.resolve("resnet50-depth0.html");
        write(page, "report", "--format", "html", "--depth", "0", "samples/zoo/resnet50.cnn");
        browser.open(page.toUri().toString());
        assertEquals(1 + 6 + 4 + 2, browser.evaluate("[...document.querySelectorAll('#layers tbody tr')]"
                + ".filter(r => getComputedStyle(r).display !== 'none').length").asInt(), "the input, stem, 4 stages, head");
        noErrorsNorRequests("the depth-0 page");
    }

    @Test
    void errorsPageShowsTheDiagnostics() throws Exception {
        Path model = PAGES.resolve("broken.cnn");
        Files.createDirectories(PAGES);
        Files.writeString(model, "input 5x5x1\nconv 60@7x7\ndense 10\n");
        Path page = PAGES.resolve("broken.html");
        CliTest.Run run = CliTest.run("report", "--format", "html", model.toString(), "-o", page.toString());
        assertEquals(1, run.exit());
        browser.open(page.toUri().toString());
        assertEquals("1 error, 0 warnings", browser.evaluate("document.querySelector('h1').textContent.split(': ')[1]")
                .asText());
        assertTrue(browser.evaluate("document.querySelector('pre.diagnostic').textContent").asText()
                .contains(" 2 | conv 60@7x7"));
        browser.screenshot(SCREENSHOTS.resolve("errors.png"));
        noErrorsNorRequests("the errors page");
    }

    /**
     * On a narrow window, a diagnostic's long lines (the message, a help line) wrap at the page's edge, with
     * nothing to scroll sideways, while the source line and its carets stay one line each.
     */
    @Test
    void longDiagnosticLinesWrap() throws Exception {
        Path model = PAGES.resolve("rounding.cnn");
        Files.createDirectories(PAGES);
        Files.writeString(model, "input 45x45x3\nmaxpool 2x2\nconv 4@3 /2 same sideways\n");
        Path page = PAGES.resolve("rounding.html");
        assertEquals(1, CliTest.run("report", "--format", "html", model.toString(), "-o", page.toString()).exit());
        browser.call("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 640, "height", 700,
                "deviceScaleFactor", 1, "mobile", false));
        try {
            browser.open(page.toUri().toString());
            assertEquals(2, browser.evaluate("document.querySelectorAll('pre.diagnostic').length").asInt());
            assertEquals(0, browser.evaluate("[...document.querySelectorAll('pre.diagnostic')]"
                    + ".filter(p => p.scrollWidth > p.clientWidth).length").asInt(), "nothing to scroll sideways");
            double line = browser.evaluate("parseFloat(getComputedStyle(document.querySelector('pre.diagnostic')).lineHeight)")
                    .asDouble();
            double help = browser.evaluate("[...document.querySelectorAll('pre.diagnostic span.text')]"
                    + ".find(s => s.textContent.includes('= help: ')).getBoundingClientRect().height").asDouble();
            assertTrue(help > 1.5 * line, "the help line wraps onto " + help / line + " lines");
            double caret = browser.evaluate("[...document.querySelectorAll('pre.diagnostic span.excerpt')]"
                    + ".find(s => s.textContent.includes('^')).getBoundingClientRect().height").asDouble();
            assertTrue(caret < 1.5 * line, "the carets stay one line");
            browser.screenshot(SCREENSHOTS.resolve("errors-narrow.png"));
            noErrorsNorRequests("the narrow errors page");
        } finally {
            browser.call("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 1400, "height", 900,
                    "deviceScaleFactor", 1, "mobile", false));
        }
    }

    /**
     * A concat of 70 branches reads 70 rows: its "from" cell listed them on one line, as wide as the pane, and
     * pushed the layer, shape and figures off to the right. The cell now wraps after a comma, never inside a
     * number, and the table fits its pane.
     */
    @Test
    void aLongListOfRowsWrapsInItsCell() throws Exception {
        Path model = PAGES.resolve("concat70.cnn");
        Files.createDirectories(PAGES);
        Files.writeString(model, "input 32x32x8\nconv 8@3 same\nconcat { "
                + String.join(" | ", java.util.Collections.nCopies(70, "conv 4@1; relu")) + " }\ngap\ndense 10\n");
        Path page = PAGES.resolve("concat70.html");
        assertEquals(0, CliTest.run("report", "--format", "html", model.toString(), "-o", page.toString()).exit());
        browser.open(page.toUri().toString());
        // rows: the input 0, the conv 1, the branches' conv and relu 2 to 141 (each relu the branch's end), the
        // concat 142
        String listed = java.util.stream.IntStream.rangeClosed(1, 70).mapToObj(i -> String.valueOf(1 + 2 * i))
                .collect(java.util.stream.Collectors.joining(","));
        assertEquals(listed, browser.evaluate("document.querySelector('#row-142 td.from').textContent").asText());
        assertEquals(0, browser.evaluate("[...document.querySelectorAll('#details')]"
                + ".filter(pane => pane.scrollWidth > pane.clientWidth).length").asInt(), "nothing to scroll sideways");
        double line = browser.evaluate("parseFloat(getComputedStyle(document.querySelector('#layers td')).lineHeight)")
                .asDouble();
        assertTrue(browser.evaluate("document.querySelector('#row-142 td.from').getBoundingClientRect().height")
                .asDouble() > 10 * line, "the list wraps onto many lines");
        // each line of the cell ends at a comma or the list's end: no number is cut
        JsonNode lines = browser.evaluate("(() => { const cell = document.querySelector('#row-142 td.from');"
                + " const range = document.createRange(); const tops = new Map();"
                + " for (const node of cell.childNodes) { if (node.nodeType !== 3) continue;"
                + "   range.selectNodeContents(node); const top = Math.round(range.getBoundingClientRect().top);"
                + "   tops.set(top, (tops.get(top) || '') + node.textContent); }"
                + " return [...tops.values()]; })()");
        for (JsonNode text : lines) {
            assertTrue(text.asText().endsWith(",") || text.asText().endsWith("141"), "a line of the cell: " + text);
        }
        assertTrue(lines.size() > 10, lines.size() + " lines");
        browser.screenshot(SCREENSHOTS.resolve("concat70-table.png"));
        noErrorsNorRequests("the concat of 70 branches");
    }

    /**
     * The diagrams of the models that test the layout most, drawn whole into target/screenshots/diagram-*.png for
     * a person to look at (DiagramLayoutTest measures them: labels clear, no empty bands, branches in order).
     */
    @Test
    void diagramsToLookAt() throws Exception {
        for (String sample : List.of("samples/zoo/resnet50.cnn", "samples/zoo/inceptionv3.cnn", "samples/unet.cnn",
                "samples/zoo/densenet121.cnn", "samples/torchvision/googlenet.cnn", "samples/zoo/mobilenetv3small.cnn")) {
            String name = Path.of(sample).getFileName().toString().replace(".cnn", "");
            Path svg = PAGES.resolve(name + ".svg");
            write(svg, "report", "--format", "svg", sample);
            browser.open(svg.toUri().toString());
            JsonNode size = browser.evaluate("[document.documentElement.width.baseVal.value, "
                    + "document.documentElement.height.baseVal.value]");
            browser.screenshot(SCREENSHOTS.resolve("diagram-" + name + ".png"), size.get(0).asDouble(),
                    Math.min(size.get(1).asDouble(), 8000));
        }
        noErrorsNorRequests("the diagrams");
    }

    private JsonNode open(String sample, String name) throws Exception {
        Path page = PAGES.resolve(name + ".html");
        write(page, "report", "--format", "html", sample);
        browser.open(page.toUri().toString());
        JsonNode report = JSON.readTree(CliTest.run("report", "--format", "json", sample).out());
        int layers = report.get("layers").size();
        assertEquals(layers + 1, browser.evaluate("document.querySelectorAll('.cnnc-diagram g.layer').length").asInt(),
                "a box per layer and one for the input");
        assertEquals(layers + 1, browser.evaluate("document.querySelectorAll('#layers tr[data-row]').length").asInt());
        browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
        return report;
    }

    private void clickBoxSelectsRowAndLine(JsonNode report, int row) throws Exception {
        JsonNode point = browser.evaluate("(() => { const box = document.querySelector('.cnnc-diagram g.layer[data-row=\""
                + row + "\"] rect'); box.scrollIntoView({block: 'center', inline: 'center'});"
                + " const r = box.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        browser.click(point.get(0).asDouble(), point.get(1).asDouble());
        assertEquals(String.valueOf(row), browser.evaluate("document.querySelector('#layers tr.selected').dataset.row")
                .asText());
        int line = report.get("layers").get(row - 1).get("line").asInt();
        assertEquals("line-" + line, browser.evaluate("document.querySelector('#source .line.selected').id").asText());
        assertTrue(browser.evaluate("document.querySelector('.cnnc-diagram g.layer[data-row=\"" + row
                + "\"]').classList.contains('selected')").asBoolean());
    }

    private void foldingHidesTheRows(String path, JsonNode report) throws Exception {
        List<Integer> inside = new ArrayList<>();
        for (JsonNode layer : report.get("layers")) {
            String block = layer.get("block").asText();
            if (block.equals(path) || block.startsWith(path + "/")) {
                inside.add(layer.get("index").asInt());
            }
        }
        String visible = "[...document.querySelectorAll('#layers tr[data-row]')].filter(r => getComputedStyle(r).display"
                + " !== 'none').map(r => Number(r.dataset.row))";
        JsonNode point = browser.evaluate("(() => { const b = [...document.querySelectorAll('#layers tr.block')]"
                + ".find(r => r.dataset.path === '" + path + "').querySelector('button.fold');"
                + " b.scrollIntoView({block: 'center'}); const r = b.getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        browser.click(point.get(0).asDouble(), point.get(1).asDouble());
        List<Integer> shown = new ArrayList<>();
        browser.evaluate(visible).forEach(n -> shown.add(n.asInt()));
        assertEquals(report.get("layers").size() + 1 - inside.size(), shown.size());
        assertTrue(inside.stream().noneMatch(shown::contains), "a folded instance's rows are hidden");
        browser.click(point.get(0).asDouble(), point.get(1).asDouble());
        assertEquals(report.get("layers").size() + 1, browser.evaluate(visible).size(), "unfolded again");
        browser.click(point.get(0).asDouble(), point.get(1).asDouble());
    }

    private void sortingAndFiltering(JsonNode report) throws Exception {
        browser.evaluate("document.getElementById('expand').click()");
        long most = 0;
        for (JsonNode layer : report.get("layers")) {
            most = Math.max(most, layer.get("params").asLong());
        }
        browser.evaluate("document.querySelector('th[data-column=\"params\"]').click()");
        browser.evaluate("document.querySelector('th[data-column=\"params\"]').click()");
        assertEquals(String.valueOf(most), browser.evaluate("[...document.querySelectorAll('#layers tbody tr')]"
                + ".find(r => getComputedStyle(r).display !== 'none').cells[5].dataset.value").asText(),
                "sorted by parameters, the largest first");
        browser.evaluate("document.querySelector('th[data-column=\"row\"]').click()");
        browser.evaluate("(() => { const f = document.getElementById('filter'); f.value = 'dense';"
                + " f.dispatchEvent(new Event('input')); })()");
        assertEquals(1, browser.evaluate("[...document.querySelectorAll('#layers tbody tr')]"
                + ".filter(r => getComputedStyle(r).display !== 'none').length").asInt(), "ResNet50 has one dense layer");
        browser.evaluate("(() => { const f = document.getElementById('filter'); f.value = '';"
                + " f.dispatchEvent(new Event('input')); })()");
    }

    /** No console error, no exception, and no request but the page's own file since it was opened. */
    private void noErrorsNorRequests(String what) {
        assertEquals(List.of(), browser.problems((url, type) -> url.startsWith("file:") && type.equals("Document")), what);
    }

    private static void write(Path page, String... args) throws Exception {
        Files.createDirectories(page.getParent());
        CliTest.Run run = CliTest.run(args);
        assertEquals(0, run.exit(), run.err());
        Files.writeString(page, run.out(), StandardCharsets.UTF_8);
    }
}
