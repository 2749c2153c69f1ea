package cnnc.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.cli.Main;
import cnnc.testing.Chromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The playground (target/playground, which the package phase builds) in Debian's headless Chromium, driven
 * through the DevTools protocol with real keys and clicks: opened from the file system, and from a static
 * server on loopback (where the clipboard may be used). Screenshots go to target/screenshots/playground-*.png
 * for a person to look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaygroundPageIT {
    static final Path FOLDER = Path.of("target/playground");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private Chromium browser;
    private HttpServer server;

    @BeforeAll
    void start() throws Exception {
        browser = Chromium.start(Path.of("target/playground-profile-" + ProcessHandle.current().pid()));
        browser.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 900, "deviceScaleFactor", 1,
                "mobile", false));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            Path file = FOLDER.resolve(name.isEmpty() ? "index.html" : name).normalize();
            if (!file.startsWith(FOLDER) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String type = name.endsWith(".css") ? "text/css" : name.endsWith(".js") ? "text/javascript" : "text/html";
            exchange.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
            byte[] bytes = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.stop(0);
        }
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshPage() throws Exception {
        browser.open("about:blank");
    }

    private String fileUrl() {
        return FOLDER.resolve("index.html").toAbsolutePath().toUri().toString();
    }

    private String httpUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/index.html";
    }

    /** Opens the page and waits for its first compilation to be shown. */
    private void open(String url) throws Exception {
        browser.open(url);
        waitFor("Number(document.body.dataset.compiled || 0) >= 1", "the first compilation");
    }

    @Test
    void theSeedFromTheFileSystemWithoutErrorsOrOutsideRequests() throws Exception {
        open(fileUrl());
        assertEquals("wasm", eval("document.body.dataset.engine"), "Chromium runs the compiler as WebAssembly");
        // the README's seed report: 50,828,751 parameters; the last dense layer's output is 1
        assertTrue(eval("document.getElementById('summary').textContent").contains("50,828,751"));
        assertEquals("[\"=> 1\"]", browser.evaluate("JSON.stringify(shapes().map(s => s.label))".replace("shapes()",
                SHAPES)).asText());
        assertEquals(8, browser.evaluate("document.querySelectorAll('#table tr[data-row]').length").asInt(),
                "the input and 7 layers");
        browser.screenshot(SCREENSHOTS.resolve("playground-seed.png"));
        noErrorsNorOutsideRequests(FOLDER.toAbsolutePath().toUri().toString());
    }

    @Test
    void typingAMistakeShowsItAtItsLineAndFixingItClearsIt() throws Exception {
        open(fileUrl());
        replaceText("input 28x28x1\nconv 16@3 same => 28x28x16\ndense 10 softmax\n");
        waitFor("document.getElementById('status').textContent.startsWith('ok')", "the model compiles");
        // the cursor after "same" on line 2; the word deleted and "valid" typed, key by key
        placeCursor("input 28x28x1\nconv 16@3 same".length());
        for (int i = 0; i < 4; i++) {
            key("Backspace", "Backspace", 8);
        }
        type("valid");
        settle("input 28x28x1\nconv 16@3 valid => 28x28x16\ndense 10 softmax\n");
        assertEquals(1, browser.evaluate("document.querySelectorAll('.cm-lintRange-error').length").asInt());
        // 28 - 3 + 1 = 26: the valid convolution gives 26x26x16, which the assertion on line 2 refuses
        String problem = eval("document.querySelector('#problems .problem.error').textContent");
        assertTrue(problem.startsWith("seed.cnn:2:"), problem);
        assertTrue(problem.contains("26x26x16"), problem);
        assertEquals("2", eval("document.querySelector('#problems .problem').dataset.line"));
        assertEquals("28x28x16", eval("document.querySelector('.cm-lintRange-error').textContent"));
        browser.screenshot(SCREENSHOTS.resolve("playground-mistake.png"));
        for (int i = 0; i < 5; i++) {
            key("Backspace", "Backspace", 8);
        }
        type("same");
        settle("input 28x28x1\nconv 16@3 same => 28x28x16\ndense 10 softmax\n");
        assertEquals(0, browser.evaluate("document.querySelectorAll('.cm-lintRange-error').length").asInt());
        assertTrue(browser.evaluate("document.getElementById('problems').hidden").asBoolean());
        assertTrue(eval("document.getElementById('status').textContent").startsWith("ok"));
    }

    /**
     * ResNet50's sample with its assertions taken out: the shapes the editor shows at the ends of the lines are
     * those of keras.applications.ResNet50's layers (its summary() prints them, batch first, under these names).
     */
    @Test
    void resnet50sShapesAreKerasOwn() throws Exception {
        open(fileUrl());
        chooseSample("zoo/resnet50.cnn");
        String text = eval("window.cnncPlayground.view.state.doc.toString()");
        replaceText(text.replaceAll(" *=> *[0-9x]+", ""));
        waitFor("document.getElementById('status').textContent.startsWith('ok')", "ResNet50 compiles");
        List<String> keras = List.of(
                "=> 112x112x64", // conv1_relu (None, 112, 112, 64)
                "=> 56x56x64", // pool1_pool (None, 56, 56, 64)
                "=> 56x56x256", // conv2_block3_out (None, 56, 56, 256)
                "=> 28x28x512", // conv3_block4_out (None, 28, 28, 512)
                "=> 14x14x1024", // conv4_block6_out (None, 14, 14, 1024)
                "=> 7x7x2048", // conv5_block3_out (None, 7, 7, 2048)
                "=> 2048", // avg_pool (None, 2048)
                "=> 1000"); // predictions (None, 1000)
        List<String> shown = new ArrayList<>();
        browser.evaluate(SHAPES).forEach(shape -> shown.add(shape.get("label").asText()));
        assertEquals(keras, shown);
        browser.screenshot(SCREENSHOTS.resolve("playground-resnet50.png"));
    }

    @Test
    void aFoldedBlockHidesItsRowsAndTheDepthFolds() throws Exception {
        open(fileUrl());
        chooseSample("zoo/resnet50.cnn");
        waitFor("window.cnncPlayground.table().rows.some(r => r.classList.contains('block'))", "ResNet50's table");
        int rows = browser.evaluate(SHOWN_ROWS).asInt();
        int inside = browser.evaluate(TABLE + ".rows.filter(r =>"
                + " r.dataset.path.startsWith('stage2/') || r.dataset.row && r.dataset.path === 'stage2').length").asInt();
        // stage2 = stage(128, 4): 4 blocks of 3 convolutions, 3 batch norms, 2 relus, an add and a relu, and the
        // first block's shortcut convolution and batch norm (42 rows); the rows of its 8 instances inside (a down
        // and 3 keeps, each with its residual)
        assertEquals(4 * (3 + 3 + 2 + 1 + 1) + 2 + 8, inside);
        clickElement(foldButton("stage2"));
        assertEquals(rows - inside, browser.evaluate(SHOWN_ROWS).asInt(), "stage2's rows hidden");
        assertEquals(0, browser.evaluate("[...document.querySelectorAll('#table tbody tr[data-path]')].filter(r =>"
                + " r.dataset.path.startsWith('stage2/')).length").asInt(), "none of them in the page");
        browser.screenshot(SCREENSHOTS.resolve("playground-folded.png"));
        // typing changes the table in place: what is folded stays folded (1000 classes to 10: two rows fewer, as
        // dense 10 softmax has the same number of rows)
        String text = eval("window.cnncPlayground.view.state.doc.toString()");
        placeCursor(text.indexOf("dense 1000") + "dense 1".length());
        key("Delete", "Delete", 46);
        key("Delete", "Delete", 46);
        settle(text.replace("dense 1000", "dense 10"));
        assertEquals(rows - inside, browser.evaluate(SHOWN_ROWS).asInt(), "stage2 still folded after an edit");
        assertTrue(eval(TABLE + ".rows.at(-1).textContent").contains("20,490"),
                "the dense layer's row changed: 2048 x 10 + 10 = 20,490 parameters");
        clickElement(foldButton("stage2"));
        assertEquals(rows, browser.evaluate(SHOWN_ROWS).asInt(), "unfolded again");
        browser.evaluate("(() => { const d = document.getElementById('depth'); d.value = '0';"
                + " d.dispatchEvent(new Event('change')); })()");
        assertEquals(1 + 6 + 4 + 2, browser.evaluate(SHOWN_ROWS).asInt(),
                "at depth 0: the input, the stem's 6 layers, 4 stages, gap and dense");
        assertEquals(1 + 6 + 4 + 2, browser.evaluate("document.querySelectorAll('#table tbody tr[data-path]').length")
                .asInt(), "all of them in the page");
    }

    /**
     * The table puts in the page only the rows in view and a margin around them (a browser styles and lays out every
     * row a page holds, at each change): scrolled to its end with the mouse's wheel, ResNet50's table shows its last
     * row, the classifier of keras.applications.ResNet50 ("predictions": 1000 outputs, 2048 x 1000 + 1000 =
     * 2,049,000 parameters), with a bounded number of rows in the page and the columns as wide as at the top; the row
     * under the editor's cursor scrolls into view, and typing keeps the rows in view where they are.
     */
    @Test
    void onlyTheRowsInViewAreInThePage() throws Exception {
        open(fileUrl());
        chooseSample("zoo/resnet50.cnn");
        int rows = browser.evaluate(TABLE + ".rows.length").asInt();
        // 176 layers, the input and the rows of 16 blocks' and 4 stages' instances, and the stem's
        assertTrue(rows > 190, rows + " rows");
        String widths = "[...document.querySelectorAll('#table th')].map(th => Math.round(th.getBoundingClientRect().width))"
                + ".join(' ')";
        String atTheTop = eval(widths);
        JsonNode at = browser.evaluate("(() => { const r = document.getElementById('tab-report').getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        for (int i = 0; i < 40; i++) {
            browser.call("Input.dispatchMouseEvent", Map.of("type", "mouseWheel", "x", at.get(0).asDouble(), "y",
                    at.get(1).asDouble(), "deltaX", 0, "deltaY", 400));
        }
        waitFor("(() => { const t = document.getElementById('tab-report'); return t.scrollTop + t.clientHeight"
                + " >= t.scrollHeight - 1; })()", "the table scrolled to its end");
        waitFor("[...document.querySelectorAll('#table tbody tr[data-path]')].at(-1) === " + TABLE + ".rows.at(-1)",
                "the last row in the page");
        JsonNode last = browser.evaluate("(() => { const row = [...document.querySelectorAll('#table tbody tr[data-path]')]"
                + ".at(-1); const cell = c => row.cells[[...document.querySelectorAll('#table th')]"
                + ".findIndex(th => th.dataset.column === c)].textContent.trim();"
                + " const r = row.getBoundingClientRect(), t = document.getElementById('tab-report').getBoundingClientRect();"
                + " return {layer: cell('layer'), output: cell('output'), params: cell('params'),"
                + " inView: r.top >= t.top && r.bottom <= t.bottom, html: row.outerHTML}; })()");
        assertEquals("dense 1000 softmax", last.get("layer").asText(), last.get("html").asText());
        assertEquals("1000", last.get("output").asText());
        assertEquals("2,049,000", last.get("params").asText());
        assertTrue(last.get("inView").asBoolean(), "the last row is in view");
        assertEquals(atTheTop, eval(widths), "the columns keep their widths as other rows come into the page");
        browser.screenshot(SCREENSHOTS.resolve("playground-table-end.png"));
        // the rows the tab's height holds, and a margin above and below (table.js's MARGIN, 15 rows each)
        JsonNode inPage = browser.evaluate("(() => { const rows = document.querySelectorAll('#table tbody tr[data-path]');"
                + " const fit = document.getElementById('tab-report').clientHeight / rows[0].getBoundingClientRect().height;"
                + " return [rows.length, Math.ceil(fit) + 2 * 15]; })()");
        assertTrue(inPage.get(0).asInt() <= inPage.get(1).asInt() && inPage.get(0).asInt() < rows / 2,
                inPage.get(0).asInt() + " of " + rows + " rows in the page");

        // typing (the classifier's 1000 to 10) keeps the end of the table in view, its row changed
        String text = eval("window.cnncPlayground.view.state.doc.toString()");
        placeCursor(text.indexOf("dense 1000") + "dense 1".length());
        key("Delete", "Delete", 46);
        key("Delete", "Delete", 46);
        settle(text.replace("dense 1000", "dense 10"));
        assertTrue(eval("[...document.querySelectorAll('#table tbody tr[data-path]')].at(-1).textContent")
                .contains("20,490"), "the dense layer's row in the page: 2048 x 10 + 10 = 20,490 parameters");

        // the cursor on the stem's convolution: its row, out of the page, is put in view
        placeCursor(text.indexOf("conv 64@7") + 1);
        waitFor("(() => { const row = [...document.querySelectorAll('#table tbody tr.at-cursor')][0];"
                + " if (!row) return false; const r = row.getBoundingClientRect(),"
                + " t = document.getElementById('tab-report').getBoundingClientRect();"
                + " return r.top >= t.top && r.bottom <= t.bottom; })()", "the stem's row in view");
        browser.screenshot(SCREENSHOTS.resolve("playground-table-cursor.png"));
        noErrorsNorOutsideRequests(FOLDER.toAbsolutePath().toUri().toString());
    }

    /** The fold button of a block instance's row, put in the page first. */
    private static String foldButton(String path) {
        return "(() => { const t = window.cnncPlayground.table(); const row = t.rows.find(r => r.classList.contains('block')"
                + " && r.dataset.path === '" + path + "'); t.reveal(row); return row.querySelector('button.fold'); })()";
    }

    /** The code the PyTorch and DL4J tabs show and copy is what ./cnnc torch and dl4j write for the same text. */
    @Test
    void copyingGeneratedCodeCopiesWhatTheCommandWrites() throws Exception {
        open(httpUrl());
        browser.callBrowser("Browser.grantPermissions", Map.of("origin", "http://127.0.0.1:" + server.getAddress().getPort(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        clickElement("document.querySelector('#tabs button[data-tab=\"torch\"]')");
        waitFor("document.body.dataset.generated === 'torch'", "the PyTorch module");
        clickElement("document.getElementById('copy')");
        waitFor("document.getElementById('status').textContent.startsWith('copied')", "the copy");
        String copied = browser.evaluate("navigator.clipboard.readText()").asText();
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new String[] {"torch", "samples/seed.cnn"}, new PrintWriter(out), new PrintWriter(
                new StringWriter())));
        // the page names the text after the sample it came from, the command after its path
        String expected = out.toString().replaceFirst("from samples/seed.cnn:", "from seed.cnn:");
        assertEquals(expected, copied);
        browser.screenshot(SCREENSHOTS.resolve("playground-torch.png"));

        // small-modern.cnn's DL4J class holds a helper class, whose file the page's build bundles (the jar holds it otherwise)
        chooseSample("small-modern.cnn");
        clickElement("document.querySelector('#tabs button[data-tab=\"dl4j\"]')");
        waitFor("document.body.dataset.generated === 'dl4j'", "the DL4J class");
        clickElement("document.getElementById('copy')");
        waitFor("document.getElementById('status').textContent.startsWith('copied')", "the copy of the DL4J class");
        String shown = browser.evaluate("navigator.clipboard.readText()").asText();
        StringWriter java = new StringWriter();
        assertEquals(0, Main.run(new String[] {"dl4j", "samples/small-modern.cnn"}, new PrintWriter(java), new PrintWriter(
                new StringWriter())));
        assertTrue(java.toString().contains("public static final class"), "small-modern.cnn's class nests a helper");
        assertEquals(java.toString().replaceFirst("from samples/small-modern.cnn:", "from small-modern.cnn:"), shown);
        noErrorsNorOutsideRequests("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** A shared link holds the text: opened afresh, it shows the same text and the same figures. */
    @Test
    void aSharedLinkReproducesThePage() throws Exception {
        open(httpUrl());
        browser.callBrowser("Browser.grantPermissions", Map.of("origin", "http://127.0.0.1:" + server.getAddress().getPort(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        String text = "model shared  # a model of one's own, with emoji 🙂 in a comment\ninput 32x32x3\n"
                + "conv 8@3 same relu; maxpool 2\ndense 10 softmax\n";
        replaceText(text);
        waitFor("document.getElementById('status').textContent.startsWith('ok')", "the model compiles");
        String summary = eval("document.getElementById('summary').textContent");
        clickElement("document.getElementById('share')");
        waitFor("document.getElementById('status').textContent.startsWith('copied')", "the link copied");
        String link = browser.evaluate("navigator.clipboard.readText()").asText();
        assertTrue(link.contains("#m="), link);
        browser.open("about:blank");
        open(link);
        assertEquals(text, eval("window.cnncPlayground.view.state.doc.toString()"));
        assertEquals(summary, eval("document.getElementById('summary').textContent"));
        // 32x32x3 -> conv: 3*3*3*8 + 8 = 224; -> 16x16x8 = 2048 -> dense: 2048*10 + 10 = 20,490; in all 20,714
        assertTrue(summary.contains("20,714"), summary);
        browser.screenshot(SCREENSHOTS.resolve("playground-shared.png"));
    }

    /** Under the mouse, a layer's shapes, tensors and MACs, with the working of report --explain. */
    @Test
    void hoverShowsTheLayersFiguresAndWorking() throws Exception {
        open(fileUrl());
        JsonNode at = browser.evaluate("(() => { const v = window.cnncPlayground.view;"
                + " const c = v.coordsAtPos(v.state.doc.toString().indexOf('conv 60') + 1); return [c.left + 2, c.top + 4]; })()");
        browser.call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", at.get(0).asDouble(), "y",
                at.get(1).asDouble()));
        waitFor("document.querySelector('.cm-tooltip-hover .cm-hover')", "the hover");
        String hover = eval("document.querySelector('.cm-tooltip-hover .cm-hover').textContent");
        // the seed's first convolution: 7 x 7 x 1 x 60 weights + 60 biases = 3,000 parameters, and
        // 94 x 94 x 60 x 7 x 7 x 1 = 25,977,840 MACs (the README's working)
        assertTrue(hover.startsWith("conv1 (row 1): 100x100x1 -> 94x94x60; 3,000 parameters"), hover);
        assertTrue(hover.contains("25,977,840 MACs"), hover);
        assertTrue(hover.contains("height      (100 - 7)/1 + 1 = 94"), hover);
        browser.screenshot(SCREENSHOTS.resolve("playground-hover.png"));
    }

    /** At a statement's start the layer words; after a layer's word, the modifiers it takes. */
    @Test
    void completionOffersTheLanguagesWords() throws Exception {
        open(fileUrl());
        replaceText("input 32x32x3\n");
        placeCursor("input 32x32x3\n".length());
        type("maxp");
        waitFor("document.querySelector('.cm-tooltip-autocomplete')", "the completion list");
        List<String> offered = new ArrayList<>();
        browser.evaluate("[...document.querySelectorAll('.cm-tooltip-autocomplete li')].map(li => li.textContent)")
                .forEach(item -> offered.add(item.asText()));
        assertTrue(offered.stream().anyMatch(item -> item.startsWith("maxpool")), offered.toString());
        Thread.sleep(300); // CodeMirror takes no Enter in a list's first 75 ms, so that a fast typist's newline stays one
        key("Enter", "Enter", 13);
        settle("input 32x32x3\nmaxpool");
        type(" 2; conv 8@3 ");
        key(" ", "Space", 32, 2); // Ctrl+Space: the list, explicitly
        waitFor("[...document.querySelectorAll('.cm-tooltip-autocomplete li')].some(li => li.textContent"
                + ".startsWith('same'))", "the modifiers of conv");
        browser.screenshot(SCREENSHOTS.resolve("playground-completion.png"));
    }

    /** A browser without garbage-collected WebAssembly gets the compiler as JavaScript: the same answers. */
    @Test
    void theJavaScriptCompilerGivesTheSameReport() throws Exception {
        open(fileUrl() + "?engine=js");
        assertEquals("js", eval("document.body.dataset.engine"));
        assertTrue(eval("document.getElementById('summary').textContent").contains("50,828,751"));
        chooseSample("zoo/resnet50.cnn");
        String rows = TABLE + ".rows.map(r => r.outerHTML).join('\\n')";
        String table = eval(rows);
        browser.open("about:blank");
        open(fileUrl());
        chooseSample("zoo/resnet50.cnn");
        assertEquals(table, eval(rows));
    }

    /**
     * The diagram tab draws what report --format svg writes, to the byte: the same graph, laid out by elkjs (ELK's
     * own JavaScript build of the algorithm ELK for Java runs on the command line), drawn by the same code. A
     * click on a box selects its row and its text.
     */
    @Test
    void theDiagramIsTheCommandLinesAndABoxSelectsItsRowAndText() throws Exception {
        open(fileUrl());
        clickElement("document.querySelector('#tabs button[data-tab=\"diagram\"]')");
        for (String sample : List.of("seed.cnn", "zoo/resnet50.cnn", "unet.cnn", "zoo/inceptionv3.cnn")) {
            chooseSample(sample);
            String model = Path.of(sample).getFileName().toString().replace(".cnn", "");
            waitFor("(window.cnncPlayground.svg() || '').includes('<title>model " + model + ":')", sample + "'s diagram");
            StringWriter out = new StringWriter();
            assertEquals(0, Main.run(new String[] {"report", "--format", "svg", "samples/" + sample}, new PrintWriter(out),
                    new PrintWriter(new StringWriter())));
            assertEquals(out.toString(), eval("window.cnncPlayground.svg()"), sample);
        }
        browser.screenshot(SCREENSHOTS.resolve("playground-diagram.png"));
        // InceptionV3's row 50, a layer inside a block: its box selects the row and the layer's text
        clickElement("document.querySelector('#diagram g.layer[data-row=\"50\"] rect')");
        assertEquals("50", eval(TABLE + ".rows.find(r => r.classList.contains('selected')).dataset.row"));
        JsonNode selection = browser.evaluate("(() => { const s = window.cnncPlayground.view.state.selection.main;"
                + " return [s.from, s.to]; })()");
        assertEquals(eval("JSON.stringify(window.cnncPlayground.rowSpan(50))"), selection.toString());
        assertTrue(browser.evaluate("document.querySelector('#diagram g.layer[data-row=\"50\"]').classList"
                + ".contains('selected')").asBoolean());
        browser.screenshot(SCREENSHOTS.resolve("playground-diagram-selected.png"));
        // the report tab, shown, has the row in view
        clickElement("document.querySelector('#tabs button[data-tab=\"report\"]')");
        waitFor("(() => { const row = document.querySelector('#table tbody tr.selected'); if (!row) return false;"
                + " const r = row.getBoundingClientRect(), t = document.getElementById('tab-report').getBoundingClientRect();"
                + " return row.dataset.row === '50' && r.top >= t.top && r.bottom <= t.bottom; })()",
                "the selected row in view in the report tab");
        browser.screenshot(SCREENSHOTS.resolve("playground-diagram-selected-row.png"));
        noErrorsNorOutsideRequests(FOLDER.toAbsolutePath().toUri().toString());
    }

    /** Hostile text gets diagnostics, and the page answers while the worker compiles. */
    @Test
    void binaryAMegabyteAndEmojiGetDiagnostics() throws Exception {
        open(fileUrl());
        replaceText("input 8x8x1\n\u0000\u0001\u00ff\uFFFD conv 4@3\n");
        waitFor("document.querySelectorAll('#problems .problem.error').length > 0", "binary's diagnostics");
        String binary = eval("document.querySelector('#problems .problem.error').textContent");
        assertTrue(binary.startsWith("seed.cnn:2:1: error[E0101]: unexpected character '\\u{0}'"), binary);
        replaceText("input 8x8x1\n🙂🙂 dense 4\n");
        waitFor("document.querySelectorAll('#problems .problem.error').length > 0", "emoji's diagnostics");
        String emoji = eval("document.querySelector('#problems .problem.error').textContent");
        assertTrue(emoji.startsWith("seed.cnn:2:1: error[E0101]: unexpected character '🙂'"), emoji);
        // more than 1 MiB, the command line's limit: one error, and no compilation
        browser.evaluate("(() => { const v = window.cnncPlayground.view; v.dispatch({changes: {from: 0, to: "
                + "v.state.doc.length, insert: 'input 8x8x1\\n' + '# padding padding padding\\n'.repeat(45000)}}); })()");
        waitFor("document.querySelector('#problems .problem').textContent.includes('more than 1,048,576 bytes')",
                "the size's diagnostic");
        assertEquals(1, browser.evaluate("document.querySelectorAll('#problems .problem').length").asInt());
        // a description at the layer limit keeps the worker busy for seconds, while the page goes on answering: its
        // longest pause (drawing the answer) is a fraction of the compilation
        String big = "input 8x8x1\n" + "dense 8\n".repeat(19_999);
        browser.evaluate("(() => { window.gaps = []; let last = performance.now(); window.ticker = setInterval(() => {"
                + " const now = performance.now(); window.gaps.push(now - last); last = now; }, 10); })()");
        JsonNode shown = browser.evaluate("(async () => { const p = window.cnncPlayground; const done = p.shown();"
                + " p.view.dispatch({changes: {from: 0, to: p.view.state.doc.length, insert: " + new ObjectMapper()
                .writeValueAsString(big) + "}}); const shown = await done; await new Promise(r => setTimeout(r, 300));"
                + " clearInterval(window.ticker); return [shown.millis, Math.max(...window.gaps)]; })()");
        assertTrue(eval("document.getElementById('status').textContent").startsWith("ok"), "20,000 layers compiled");
        double compiling = shown.get(0).asDouble();
        double longest = shown.get(1).asDouble();
        assertTrue(longest < Math.min(3000, compiling / 2), "the page's longest pause, " + longest
                + " ms, while the worker compiled for " + compiling + " ms");
    }

    // ---- driving the page ----------------------------------------------------------------------------------

    /** The shapes shown at line ends, in order, with their lines. */
    private static final String SHAPES = "[...document.querySelectorAll('#editor .cm-shape')].map(s => ({label: s.textContent,"
            + " line: s.closest('.cm-line') ? [...s.closest('.cm-content').children].indexOf(s.closest('.cm-line')) + 1 : 0}))";
    /** The report's table, whose rows are mostly out of the page (only those in view are in it). */
    private static final String TABLE = "window.cnncPlayground.table()";
    /** How many rows the table shows (neither folded away nor filtered out), in the page or not. */
    private static final String SHOWN_ROWS = TABLE + ".shown.length";

    private String eval(String expression) throws Exception {
        return browser.evaluate(expression).asText();
    }

    private void waitFor(String condition, String what) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!browser.evaluate("!!(" + condition + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                browser.screenshot(SCREENSHOTS.resolve("playground-timeout.png"));
                throw new AssertionError("waited a minute for " + what + "; status: "
                        + eval("document.getElementById('status').textContent"));
            }
            Thread.sleep(50);
        }
    }

    /** Replaces the text as a paste would, and waits for its compilation. */
    private void replaceText(String text) throws Exception {
        int before = browser.evaluate("Number(document.body.dataset.compiled || 0)").asInt();
        clickElement("document.querySelector('#editor .cm-content')");
        key("a", "KeyA", 65, 2); // Ctrl+A
        browser.call("Input.insertText", Map.of("text", text));
        waitFor("Number(document.body.dataset.compiled || 0) > " + before + " && window.cnncPlayground.view.state.doc"
                + ".length === " + text.length(), "the text's compilation");
        waitFor("!document.body.dataset.compiling", "no compilation in flight");
    }

    /** Waits until the editor holds {@code text} and its compilation is shown. */
    private void settle(String text) throws Exception {
        String quoted = new ObjectMapper().writeValueAsString(text);
        waitFor("window.cnncPlayground.view.state.doc.toString() === " + quoted, "the text typed");
        waitFor("!document.body.dataset.compiling && window.cnncPlayground.compiledText() === " + quoted,
                "its compilation shown");
    }

    private void placeCursor(int offset) throws Exception {
        browser.evaluate("(() => { const v = window.cnncPlayground.view; v.focus(); v.dispatch({selection: {anchor: "
                + offset + "}}); })()");
    }

    private void type(String text) throws Exception {
        for (char c : text.toCharArray()) {
            browser.call("Input.dispatchKeyEvent", Map.of("type", "keyDown", "key", String.valueOf(c), "text",
                    String.valueOf(c)));
            browser.call("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", String.valueOf(c)));
        }
    }

    private void key(String key, String code, int keyCode) throws Exception {
        key(key, code, keyCode, 0);
    }

    private void key(String key, String code, int keyCode, int modifiers) throws Exception {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            browser.call("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", code,
                    "windowsVirtualKeyCode", keyCode, "modifiers", modifiers));
        }
    }

    private void clickElement(String element) throws Exception {
        JsonNode point = browser.evaluate("(() => { const e = " + element + "; e.scrollIntoView({block: 'center'});"
                + " const r = e.getBoundingClientRect(); return [r.x + Math.min(r.width / 2, 20), r.y + r.height / 2]; })()");
        browser.click(point.get(0).asDouble(), point.get(1).asDouble());
    }

    private void chooseSample(String name) throws Exception {
        int before = browser.evaluate("Number(document.body.dataset.compiled || 0)").asInt();
        browser.evaluate("(() => { const menu = document.getElementById('sample');"
                + " menu.value = [...menu.options].find(o => o.textContent === '" + name + "').value;"
                + " menu.dispatchEvent(new Event('change')); })()");
        waitFor("Number(document.body.dataset.compiled || 0) > " + before + " && !document.body.dataset.compiling",
                name + " compiled");
        assertFalse(eval("document.getElementById('sample').value").isEmpty(), "the menu shows the sample chosen");
    }

    /** No console error or exception, and no request for anything outside the page's folder (or its own blobs). */
    private void noErrorsNorOutsideRequests(String folder) {
        assertEquals(List.of(), browser.problems((url, type) ->
                url.startsWith(folder) || url.startsWith("blob:") || url.equals("about:blank")));
    }
}
