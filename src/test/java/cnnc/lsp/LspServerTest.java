package cnnc.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code cnnc lsp} as a separate process over real pipes, driven by LSP4J's client: open, change,
 * hover, inlay hints, definition, completion, outline. Every expected shape and count is worked out
 * here by hand or is a published figure (Keras's ResNet50), never the server's own output pasted in.
 */
class LspServerTest {
    private static LspProcess lsp;

    @BeforeAll
    static void start() throws Exception {
        lsp = new LspProcess(Path.of("target", "lsp", "LspServerTest.stderr"));
        lsp.initialize();
    }

    @AfterAll
    static void stop() throws Exception {
        String stderr = Files.readString(lsp.stderr, StandardCharsets.UTF_8);
        lsp.close();
        assertFalse(stderr.contains("cnnc lsp:"), "the server logged a failure:\n" + stderr);
    }

    /** Two emoji before the mistake: 4 UTF-16 units, which LSP counts, and 2 code points, which cnnc's column counts. */
    private static final String WRONG = "model \"net\uD83D\uDE42\uD83D\uDE42\"; input 28x28x1; conv 16@30\ndense 10 softmax\n";
    private static final String FIXED = WRONG.replace("conv 16@30", "conv 16@3");

    @Test
    void diagnosticsArePublishedOnOpenAndClearedByTheFix() throws Exception {
        String uri = "file:///work/lsp/wrong.cnn";
        lsp.open(uri, WRONG);
        PublishDiagnosticsParams opened = lsp.diagnostics(uri);
        assertEquals(1, opened.getDiagnostics().size(), opened.toString());
        Diagnostic error = opened.getDiagnostics().get(0);
        assertEquals("E0400", error.getCode().getLeft());
        assertEquals(DiagnosticSeverity.Error, error.getSeverity());
        assertEquals("cnnc", error.getSource());
        int conv = WRONG.indexOf("conv");
        assertNotEquals(conv, WRONG.codePointCount(0, conv), "the line must hold characters beyond the BMP");
        assertEquals(new Position(0, conv), error.getRange().getStart());
        // (28 - 30)/1 + 1 = -1: the message gives the arithmetic that fails
        assertTrue(error.getMessage().contains("(28 - 30)/1 + 1 = -1"), error.getMessage());
        assertTrue(hover(uri, 0, conv + 1).contains("28x28x1 -> ?; not worked out, since it has an error"));

        change(uri, 2, FIXED);
        PublishDiagnosticsParams fixed = lsp.diagnostics(uri);
        assertEquals(2, fixed.getVersion());
        assertEquals(List.of(), fixed.getDiagnostics());
    }

    @Test
    void hoverGivesShapesTensorsMacsAndTheWorking() throws Exception {
        String uri = "file:///work/lsp/hover.cnn";
        lsp.open(uri, FIXED);
        lsp.diagnostics(uri);
        String text = hover(uri, 0, FIXED.indexOf("conv") + 1);
        // valid 3x3 on 28x28: (28 - 3)/1 + 1 = 26; 3 x 3 x 1 x 16 weights + 16 biases = 160;
        // MACs 26 x 26 x 16 outputs x 9 each = 97,344
        assertTrue(text.contains("28x28x1 -> 26x26x16"), text);
        assertTrue(text.contains("160 parameters (kernel 3x3x1x16, bias 16)"), text);
        assertTrue(text.contains("97,344 MACs"), text);
        assertTrue(text.contains("(28 - 3)/1 + 1 = 26"), text);
        assertTrue(text.contains("3 x 3 x 1 x 16 = 144"), text);
        // dense 10 on 26x26x16 = 10,816 inputs: 108,160 weights + 10 biases
        String dense = hover(uri, 1, 2);
        assertTrue(dense.contains("10816 -> 10; 108,170 parameters (kernel 10816x10, bias 10)"), dense);
        assertEquals(null, lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(0, 1))).get(30, TimeUnit.SECONDS), "no layer under 'model'");
    }

    @Test
    void inlayHintsGiveEachLinesOutputShape() throws Exception {
        String uri = "file:///work/lsp/hints.cnn";
        lsp.open(uri, FIXED);
        lsp.diagnostics(uri);
        Map<Integer, String> hints = hints(uri);
        assertEquals(Map.of(0, "=> 26x26x16", 1, "=> 10"), hints);
        InlayHint first = rawHints(uri).get(0);
        assertEquals(new Position(0, FIXED.indexOf('\n')), first.getPosition(), "after the line's last statement");
    }

    /**
     * input HxWx1, by hand: the "same" 3x3 keeps H; the 2x2 pooling gives floor(H/2) and needs H >= 2; the
     * valid 3x3 gives floor(H/2) - 2 and needs floor(H/2) >= 3, so H >= 6 (the same for W). The pooling refuses
     * H = 1, the last convolution 2 to 5. The figures are at the smallest, 6x6: the pooling gives 3x3x8, the
     * convolution 1x1x4 with 3 x 3 x 8 x 4 = 288 MACs per position.
     */
    private static final String VARIABLES = "input HxWx1\nconv 8@3 same\nmaxpool 2\nconv 4@3\n";

    @Test
    void withSizeVariablesTheShapesAreFormulas() throws Exception {
        String uri = "file:///work/lsp/variables.cnn";
        lsp.open(uri, VARIABLES);
        assertEquals(List.of(), lsp.diagnostics(uri).getDiagnostics());
        assertEquals(Map.of(0, "accepts H: at least 6; W: at least 6", 1, "=> H x W x 8",
                2, "=> floor(H/2) x floor(W/2) x 8", 3, "=> floor(H/2) - 2 x floor(W/2) - 2 x 4"), hints(uri));
    }

    @Test
    void withSizeVariablesTheHoverGivesFormulasAndTheSizesALayerRefuses() throws Exception {
        String uri = "file:///work/lsp/variables-hover.cnn";
        lsp.open(uri, VARIABLES);
        lsp.diagnostics(uri);
        String conv = hover(uri, 3, 1);
        assertTrue(conv.contains("3x3x8 -> 1x1x4"), conv);
        assertTrue(conv.contains("at H = 6, W = 6, the smallest sizes accepted"), conv);
        assertTrue(conv.contains("output `floor(H/2) - 2 x floor(W/2) - 2 x 4`"), conv);
        // 3x3x8x4 weights and 4 biases whatever the sizes: 292
        assertTrue(conv.contains("parameters `292`"), conv);
        // 3 x 3 x 8 x 4 = 288 MACs at each of (floor(H/2) - 2)(floor(W/2) - 2) positions
        assertTrue(conv.contains("MACs `288*(floor(H/2) - 2)*(floor(W/2) - 2)`"), conv);
        assertTrue(conv.contains("- H: 2 to 5 (line 4, E0400 at H = 2"), conv);
        assertTrue(conv.contains("- W: 2 to 5 (line 4, E0400 at W = 2"), conv);
        String pool = hover(uri, 2, 1);
        assertTrue(pool.contains("- H: 1 (line 3, E0400 at H = 1"), pool);
        assertFalse(pool.contains("2 to 5"), pool);
        String same = hover(uri, 1, 1);
        assertTrue(same.contains("refuses no size the layers before it accept"), same);
        String input = hover(uri, 0, 7);
        assertTrue(input.contains("accepts H: at least 6; W: at least 6"), input);
        assertTrue(input.contains("- H: 1 (line 3") && input.contains("- H: 2 to 5 (line 4"), input);
    }

    @Test
    void resNet50StageOutputsAreKerassPublishedShapes() throws Exception {
        String written = Files.readString(Path.of("samples/zoo/resnet50.cnn"), StandardCharsets.UTF_8);
        String unasserted = written.replaceAll("[ \\t]*=>[ \\t]*\\S+", "");
        String uri = "file:///work/lsp/resnet50.cnn";
        lsp.open(uri, unasserted);
        assertEquals(List.of(), lsp.diagnostics(uri).getDiagnostics());
        List<String> lines = unasserted.lines().toList();
        Map<Integer, String> hints = hints(uri);
        // keras.applications.ResNet50's summary: conv1 112x112x64, pool1 56x56x64, the stages' last blocks
        // 56x56x256, 28x28x512, 14x14x1024, 7x7x2048; then the pooled 2048 and the 1000 classes
        Map<String, String> expected = new TreeMap<>(Map.of("zeropad 3; conv 64@7 /2; bn; relu", "=> 112x112x64",
                "zeropad 1; maxpool 3 /2", "=> 56x56x64", "stage(64, 3, s=1)", "=> 56x56x256",
                "stage(128, 4)", "=> 28x28x512", "stage(256, 6)", "=> 14x14x1024", "stage(512, 3)", "=> 7x7x2048",
                "gap", "=> 2048", "dense 1000 softmax", "=> 1000"));
        Map<String, String> shown = new TreeMap<>();
        hints.forEach((line, label) -> shown.put(lines.get(line).strip(), label));
        assertEquals(expected, shown);

        // as written, each of those lines asserts its shape already: only gap and dense get a hint
        change(uri, 2, written);
        assertEquals(List.of(), lsp.diagnostics(uri).getDiagnostics());
        assertEquals(List.of("=> 2048", "=> 1000"), List.copyOf(hints(uri).values()));
    }

    @Test
    void aBlockUsedInsideALineShowsItsShapeAtTheCall() throws Exception {
        String uri = "file:///work/lsp/unet.cnn";
        String text = unet();
        lsp.open(uri, text);
        lsp.diagnostics(uri);
        int first = find(text.lines().toList(), "twice(32)");
        String line = text.lines().toList().get(first);
        // twice(32): two same-padded 3x3 convolutions of 32 filters on 128x128x1 keep 128x128, give 32 channels
        List<InlayHint> onTheLine = rawHints(uri).stream().filter(h -> h.getPosition().getLine() == first).toList();
        assertEquals(1, onTheLine.size(), "the line ends with its own assertion: " + onTheLine);
        InlayHint call = onTheLine.get(0);
        assertEquals(new Position(first, line.indexOf("twice(32)") + "twice(32)".length()), call.getPosition());
        assertEquals("=> 128x128x32", call.getLabel().getLeft());
    }

    @Test
    void definitionsOfBlocksOutputsAndParameters() throws Exception {
        String uri = "file:///work/lsp/unet-definitions.cnn";
        String text = unet();
        List<String> lines = text.lines().toList();
        lsp.open(uri, text);
        lsp.diagnostics(uri);
        int useOfUp = find(lines, "up(128, skip=e3)");
        int upBlock = find(lines, "block up(");
        assertEquals(new Range(new Position(upBlock, 6), new Position(upBlock, 8)),
                definition(uri, useOfUp, lines.get(useOfUp).indexOf("up(128")));
        int e3 = find(lines, "as e3");
        int at = lines.get(e3).indexOf("as e3") + 3;
        assertEquals(new Range(new Position(e3, at), new Position(e3, at + 2)),
                definition(uri, useOfUp, lines.get(useOfUp).indexOf("e3") + 1));
        int skipParameter = lines.get(upBlock).indexOf("skip");
        assertEquals(new Range(new Position(upBlock, skipParameter), new Position(upBlock, skipParameter + 4)),
                definition(uri, upBlock, lines.get(upBlock).indexOf("from skip") + 6));
    }

    @Test
    void completionOffersWordsBlocksAndTheLayersModifiers() throws Exception {
        String uri = "file:///work/lsp/complete.cnn";
        String text = unet() + "conv 8@3 \n";
        lsp.open(uri, text);
        lsp.diagnostics(uri);
        int last = (int) text.lines().count() - 1;
        Map<String, CompletionItem> atStart = completion(uri, last, 0);
        for (String word : List.of("conv", "dwconv", "maxpool", "dense", "bn", "add", "concat", "input", "block", "relu")) {
            assertTrue(atStart.containsKey(word), word + " in " + atStart.keySet());
        }
        assertEquals("block up(f, skip)", atStart.get("up").getDetail());
        assertEquals("block twice(f)", atStart.get("twice").getDetail());
        Map<String, CompletionItem> modifiers = completion(uri, last, "conv 8@3 ".length());
        for (String word : List.of("same", "valid", "pad", "dil", "groups", "nobias", "relu", "softmax")) {
            assertTrue(modifiers.containsKey(word), word + " in " + modifiers.keySet());
        }
        for (String word : List.of("keep", "scaled", "mult", "conv")) {
            assertFalse(modifiers.containsKey(word), word + " is not a conv modifier");
        }
    }

    /** A block that declares two outputs: definitions, completion after from, and a hover listing both shapes. */
    @Test
    void blocksOfSeveralOutputsInTheEditor() throws Exception {
        String uri = "file:///work/lsp/outputs.cnn";
        String text = """
                input 16x16x4
                block pair(a, b) -> (p, q) {
                  from a; conv 8@3 same as p
                  add { from b | from a; conv 8@1 } as q
                }
                conv 8@1 as e1
                conv 8@3 /2 same as e2
                from e1; conv 8@1 as e3
                pair(e3, e3) as (e4, e5)
                from e4; gap
                from\s
                """;
        List<String> lines = text.lines().toList();
        lsp.open(uri, text);
        lsp.diagnostics(uri);
        int pLine = find(lines, "same as p");
        int pAt = lines.get(pLine).indexOf("as p") + 3;
        assertEquals(new Range(new Position(pLine, pAt), new Position(pLine, pAt + 1)),
                definition(uri, 1, lines.get(1).indexOf("(p, q)") + 1), "a declared output -> the 'as' that makes it");
        int e4Line = find(lines, "as (e4, e5)");
        int e4At = lines.get(e4Line).indexOf("e4");
        assertEquals(new Range(new Position(e4Line, e4At), new Position(e4Line, e4At + 2)),
                definition(uri, find(lines, "from e4"), "from e".length()), "from e4 -> the use's name for it");
        int e1Line = find(lines, "as e1");
        int e1At = lines.get(e1Line).indexOf("e1");
        assertEquals(new Range(new Position(e1Line, e1At), new Position(e1Line, e1At + 2)),
                definition(uri, find(lines, "from e1"), "from e".length()));
        Map<String, CompletionItem> names = completion(uri, lines.size() - 1, "from ".length());
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), names.keySet().stream().sorted().toList());
        Map<String, CompletionItem> inBlock = completion(uri, 2, "  from ".length());
        assertEquals(List.of("a", "b"), inBlock.keySet().stream().sorted().toList());
        // 16x16x8 from e3 twice in; out: a 3x3 "same" conv keeps 16x16 with 8 filters, and the add keeps b's 16x16x8
        assertTrue(hover(uri, e4Line, 1).contains("16x16x8, 16x16x8 -> 16x16x8, 16x16x8"), hover(uri, e4Line, 1));
    }

    @Test
    void outlineHoldsTheModelItsNamedOutputsAndTheBlocks() throws Exception {
        String uri = "file:///work/lsp/outline.cnn";
        lsp.open(uri, unet());
        lsp.diagnostics(uri);
        List<DocumentSymbol> symbols = lsp.server.getTextDocumentService()
                .documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS)
                .stream().map(Either::getRight).toList();
        assertEquals(List.of("unet", "twice", "up"), symbols.stream().map(DocumentSymbol::getName).toList());
        assertEquals(SymbolKind.Module, symbols.get(0).getKind());
        assertEquals(List.of("e1", "e2", "e3"), symbols.get(0).getChildren().stream().map(DocumentSymbol::getName).toList());
        assertEquals(SymbolKind.Function, symbols.get(2).getKind());
        assertEquals("block up(f, skip)", symbols.get(2).getDetail());
    }

    @Test
    void formattingGivesFmtsLayoutAndRefusesBrokenText() throws Exception {
        String uri = "file:///work/lsp/format.cnn";
        lsp.open(uri, "input  28x28x1 ;\nconv   8@3  same;relu\n");
        lsp.diagnostics(uri);
        List<? extends TextEdit> edits = lsp.server.getTextDocumentService()
                .formatting(new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(2, true)))
                .get(30, TimeUnit.SECONDS);
        assertEquals(1, edits.size());
        assertEquals("input 28x28x1\nconv 8@3 same; relu\n", edits.get(0).getNewText());
        assertEquals(new Range(new Position(0, 0), new Position(2, 0)), edits.get(0).getRange());
        String broken = "file:///work/lsp/broken.cnn";
        lsp.open(broken, "input 28x28x1\nconv 8@@3\n");
        lsp.diagnostics(broken);
        assertEquals(List.of(), lsp.server.getTextDocumentService()
                .formatting(new DocumentFormattingParams(new TextDocumentIdentifier(broken), new FormattingOptions(2, true)))
                .get(30, TimeUnit.SECONDS));
    }

    @Test
    void brokenTextNeverStopsTheServer() throws Exception {
        String uri = "file:///work/lsp/junk.cnn";
        String junk = "input 8x8x1\nconv @@ {{ (( |\nblock b( { from }\n\u0000\uD83D x(((\n" + "add { ".repeat(2000) + "\n";
        lsp.open(uri, junk);
        assertFalse(lsp.diagnostics(uri).getDiagnostics().isEmpty());
        for (int line = 0; line < 5; line++) {
            for (int character = 0; character < 12; character += 3) {
                Position at = new Position(line, character);
                lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), at))
                        .get(30, TimeUnit.SECONDS);
                lsp.server.getTextDocumentService().definition(new DefinitionParams(new TextDocumentIdentifier(uri), at))
                        .get(30, TimeUnit.SECONDS);
                lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), at))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        hints(uri);
        // a position beyond the text, and a document never opened
        assertNotNull(lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri),
                new Position(900, 900))).get(30, TimeUnit.SECONDS));
        assertEquals(null, lsp.server.getTextDocumentService().hover(new HoverParams(
                new TextDocumentIdentifier("file:///never/opened.cnn"), new Position(0, 0))).get(30, TimeUnit.SECONDS));
    }

    @Test
    void aFileBeyondOneMebibyteIsNotChecked() throws Exception {
        String uri = "file:///work/lsp/large.cnn";
        String line = "conv 8@3 same\n";
        String large = "input 32x32x3\n" + line.repeat((1 << 20) / line.length() + 1);
        assertTrue(large.getBytes(StandardCharsets.UTF_8).length > 1 << 20);
        lsp.open(uri, large);
        List<Diagnostic> diagnostics = lsp.diagnostics(uri).getDiagnostics();
        assertEquals(1, diagnostics.size());
        assertTrue(diagnostics.get(0).getMessage().contains("more than 1,048,576 bytes"), diagnostics.toString());
        assertEquals(Map.of(), hints(uri));
    }

    @Test
    void shutdownThenExitEndsTheProcessWithZero() throws Exception {
        try (LspProcess own = new LspProcess(Path.of("target", "lsp", "shutdown.stderr"))) {
            own.initialize();
            assertEquals(0, own.shutDown());
        }
    }

    /**
     * Issue 29's reproducers over the process's real standard input (a pipe): a message nested 300 deep,
     * one larger than the server reads (read past, as a pipe cannot be skipped), every byte value as junk,
     * headers without a length; each request after them is answered, and the session ends with 0.
     */
    @Test
    void noInputDeafensTheProcess() throws Exception {
        byte[] large = new byte[MessageReader.MAX_CONTENT + 100];
        java.util.Arrays.fill(large, (byte) '[');
        byte[] everyByte = new byte[256];
        for (int b = 0; b < 256; b++) {
            everyByte[b] = (byte) b;
        }
        byte[] input = new RawSession().initialize()
                .message("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":" + "[".repeat(300) + "]".repeat(300)
                        + ",\"padding\":\"" + "a".repeat(20_000) + "\"}").request(3, "shutdown")
                .message(large).request(4, "shutdown")
                .raw(everyByte).request(5, "shutdown")
                .raw("Content-Type: x\r\n\r\n{}").request(6, "shutdown")
                .message("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}").bytes();
        Path stderr = Path.of("target", "lsp", "raw.stderr");
        Process process = new ProcessBuilder(LspProcess.command()).redirectError(stderr.toFile()).start();
        Thread writer = new Thread(() -> {
            try (var in = process.getOutputStream()) {
                in.write(input);
            } catch (java.io.IOException gone) {
                // the reading side fails the test
            }
        });
        writer.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        writer.join();
        RawSession.Served served = new RawSession.Served(RawSession.frames(output),
                Files.readString(stderr, StandardCharsets.UTF_8), process.exitValue());
        for (int id = 3; id <= 6; id++) {
            assertNotNull(served.response(id), "request " + id + " was not answered:\n" + served.log());
        }
        assertEquals(-32600, served.response(2).path("error").path("code").asInt());
        assertEquals(1, served.nullIdErrors(), "only the large message gets an error without an id; the bytes that "
                + "are no message are skipped, not answered: " + served.frames());
        assertEquals(0, served.exit(), served.log());
    }

    private static String unet() throws Exception {
        return Files.readString(Path.of("samples/unet.cnn"), StandardCharsets.UTF_8);
    }

    private static int find(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line holds " + text);
    }

    private static void change(String uri, int version, String text) {
        lsp.server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(text))));
    }

    private static String hover(String uri, int line, int character) throws Exception {
        Hover hover = lsp.server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri),
                new Position(line, character))).get(30, TimeUnit.SECONDS);
        assertNotNull(hover, "no hover at " + line + ":" + character);
        return hover.getContents().getRight().getValue();
    }

    private static List<InlayHint> rawHints(String uri) throws Exception {
        return lsp.server.getTextDocumentService().inlayHint(new InlayHintParams(new TextDocumentIdentifier(uri),
                new Range(new Position(0, 0), new Position(10_000, 0)))).get(30, TimeUnit.SECONDS);
    }

    /** Each hint's label by its line, in line order. */
    private static Map<Integer, String> hints(String uri) throws Exception {
        Map<Integer, String> byLine = new TreeMap<>();
        for (InlayHint hint : rawHints(uri)) {
            byLine.merge(hint.getPosition().getLine(), hint.getLabel().getLeft(), (a, b) -> a + " " + b);
        }
        return byLine;
    }

    private static Range definition(String uri, int line, int character) throws Exception {
        List<? extends Location> found = lsp.server.getTextDocumentService().definition(new DefinitionParams(
                new TextDocumentIdentifier(uri), new Position(line, character))).get(30, TimeUnit.SECONDS).getLeft();
        assertEquals(1, found.size(), "definitions at " + line + ":" + character + ": " + found);
        assertEquals(uri, found.get(0).getUri());
        return found.get(0).getRange();
    }

    private static Map<String, CompletionItem> completion(String uri, int line, int character) throws Exception {
        return lsp.server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri),
                new Position(line, character))).get(30, TimeUnit.SECONDS).getLeft().stream()
                .collect(Collectors.toMap(CompletionItem::getLabel, item -> item, (a, b) -> a));
    }
}
