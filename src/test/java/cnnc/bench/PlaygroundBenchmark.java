package cnnc.bench;

import cnnc.testing.Chromium;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The playground in headless Chromium: what its first load transfers (each file it requests, gzipped at the
 * highest level, as a static host would send it), and how long an edit of ResNet50 takes from the keystroke to the
 * frame that shows its answer, which is what a person waits for, broken down: the editor's update until the text
 * is sent, the message to the worker, the worker's compilation, the answer's message back, the page's drawing, the
 * browser's style and layout of what it drew, and the rest (the wait for the frame and its paint). The edit
 * alternates one digit, as typing would. Run by bench/run.sh after the package phase built target/playground; not
 * a test. FOLDER (target/playground unless given) lets two builds of the page be compared turn about.
 *   java -cp target/cnnc.jar:target/test-classes:... cnnc.bench.PlaygroundBenchmark [EDITS [TAB [FOLDER]]]
 */
public final class PlaygroundBenchmark {
    private PlaygroundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int edits = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        String tab = args.length > 1 ? args[1] : "report";
        Path page = Path.of(args.length > 2 ? args[2] : "target/playground", "index.html").toAbsolutePath();
        System.out.println(page.getParent() + ", load average " + loadAverage() + " at the start");
        try (Chromium browser = Chromium.start(Path.of("target/bench-profile-" + ProcessHandle.current().pid()))) {
            browser.call("Emulation.setDeviceMetricsOverride", Map.of("width", 1400, "height", 900,
                    "deviceScaleFactor", 1, "mobile", false));
            long start = System.nanoTime();
            browser.open(page.toUri().toString());
            while (browser.evaluate("Number(document.body.dataset.compiled || 0)").asInt() < 1) {
                Thread.sleep(5);
            }
            double firstReport = (System.nanoTime() - start) / 1e6;
            firstLoad(browser, firstReport);
            browser.evaluate("document.querySelector('#tabs button[data-tab=\"" + tab + "\"]').click()");
            // a digit of the stem's filter count (64 or 54: every row's figures after it change, none comes or goes),
            // then of a stage's block count (6 or 5: ten rows come and go)
            edit(browser, edits, new Edit("conv 64@7", "conv ".length(), "the stem's filters, 64 or 54"));
            edit(browser, edits, new Edit("stage(256, 6)", "stage(256, ".length(), "a stage's blocks, 6 or 5"));
        }
        System.out.println("load average " + loadAverage() + " at the end");
    }

    /** The machine's load averages over 1, 5 and 15 minutes (Linux). */
    private static String loadAverage() throws Exception {
        String[] loads = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return loads[0] + " " + loads[1] + " " + loads[2];
    }

    /** The parts of an edit's time, as the page's times give them (ms since the epoch, one clock). */
    private static final List<String[]> PARTS = List.of(
            new String[] {"the editor's update", "t.sent - t0"},
            new String[] {"the message to the worker", "t.received - t.sent"},
            new String[] {"the worker's compilation", "t.answered - t.received"},
            new String[] {"the answer's message back", "t.drawing - t.answered"},
            new String[] {"the page's drawing", "shown.drawn"},
            new String[] {"style and layout", "t.laidOut"},
            new String[] {"to the frame drawn", "t.framed - t.drawing - shown.drawn - t.laidOut"});

    /** A digit of ResNet50's text, at {@code offset} from where {@code near} starts, made a 5 or a 6 in turns. */
    private record Edit(String near, int offset, String what) {
    }

    private static void edit(Chromium browser, int edits, Edit edit) throws Exception {
        StringBuilder parts = new StringBuilder();
        for (int k = 0; k < PARTS.size(); k++) {
            parts.append(" parts[").append(k).append("].push(").append(PARTS.get(k)[1]).append(");");
        }
        JsonNode figures = browser.evaluate("(async () => {"
                + " const p = window.cnncPlayground;"
                // without its shape assertions, which a changed filter count would break
                + " const text = window.cnncSamples.find(s => s.name === 'zoo/resnet50.cnn').text.replace(/ *=> *[0-9x]+/g, '');"
                + " let done = p.shown(); p.view.dispatch({changes: {from: 0, to: p.view.state.doc.length, insert: text}});"
                + " await done;"
                + " const at = text.indexOf('" + edit.near() + "') + " + edit.offset() + ";"
                + " const total = [], redrawn = [], parts = " + PARTS.stream().map(part -> "[]").collect(Collectors.joining(", ", "[", "]"))
                + ";"
                + " for (let i = 0; i < " + 2 * edits + "; i++) {"
                + "   const t0 = performance.timeOrigin + performance.now(); done = p.shown();"
                + "   p.view.dispatch({changes: {from: at, to: at + 1, insert: i % 2 ? '6' : '5'}});"
                + "   const shown = await done; const t = shown.times;"
                + "   if (i >= " + edits + ") { total.push(t.framed - t0);"
                + " redrawn.push(t.drawing - t0 + shown.drawn + t.laidOut);" + parts + " }"
                + " }"
                + " return {total, redrawn, parts}; })()");
        System.out.println("ResNet50 edited " + edits + " times after as many warm-up edits (" + edit.what() + "), "
                + browser.evaluate("document.body.dataset.engine").asText() + " compiler, the "
                + browser.evaluate("document.querySelector('#tabs button[aria-selected=true]').dataset.tab").asText()
                + " tab shown, "
                + browser.evaluate("document.querySelectorAll('#table tr').length").asInt() + " table rows in the page:");
        System.out.println("  keystroke to the frame drawn  " + summary(figures.get("total")));
        // what the one frame (16 ms) is asked of: the recompilation and the redrawing, all but the wait
        // for the next frame, which no page avoids
        System.out.println("  recompiled and redrawn        " + summary(figures.get("redrawn")));
        for (int k = 0; k < PARTS.size(); k++) {
            System.out.printf(Locale.ROOT, "    %-27s %s%n", PARTS.get(k)[0], summary(figures.get("parts").get(k)));
        }
    }

    /** The files the first load requested, and their size gzipped. */
    private static void firstLoad(Chromium browser, double millis) throws Exception {
        TreeSet<String> files = new TreeSet<>();
        for (JsonNode event : browser.events) {
            if (event.get("method").asText().equals("Network.requestWillBeSent")) {
                String url = event.get("params").get("request").get("url").asText();
                if (url.startsWith("file:")) {
                    files.add(url);
                }
            }
        }
        long total = 0;
        List<String> parts = new ArrayList<>();
        for (String url : files) {
            Path file = Path.of(URI.create(url));
            long size = gzipped(Files.readAllBytes(file));
            total += size;
            parts.add(file.getFileName() + " " + size / 1024 + " KB");
        }
        System.out.printf(Locale.ROOT, "first load: %d KB gzipped (%s); the seed's report shown %.0f ms after the page "
                + "was opened%n", total / 1024, String.join(", ", parts), millis);
    }

    private static long gzipped(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        }
        return out.size();
    }

    private static String summary(JsonNode values) {
        double[] sorted = new double[values.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = values.get(i).asDouble();
        }
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "median %.1f ms, 90th percentile %.1f ms, fastest %.1f ms",
                sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.9)], sorted[0]);
    }
}
