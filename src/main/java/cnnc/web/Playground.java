package cnnc.web;

import cnnc.Compilation;
import cnnc.analysis.DType;
import cnnc.analysis.Optimizer;
import cnnc.analysis.Options;
import cnnc.backend.PythonBackend;
import cnnc.backend.dl4j.Dl4jBackend;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.report.Column;
import cnnc.backend.report.CsvReport;
import cnnc.backend.report.DiagramLayout;
import cnnc.backend.report.Explanation;
import cnnc.backend.report.HtmlReport;
import cnnc.backend.report.Json;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.SizesReport;
import cnnc.backend.report.Table;
import cnnc.backend.report.TextReport;
import cnnc.backend.torch.TorchBackend;
import cnnc.backend.training.Loss;
import cnnc.backend.training.TrainingSetup;
import cnnc.cli.PortableCommandLine;
import cnnc.diag.Diagnostic;
import cnnc.diag.DiagnosticRenderer;
import cnnc.editor.Completions;
import cnnc.editor.EditedText;
import cnnc.editor.Highlights;
import cnnc.editor.Hovers;
import cnnc.editor.ShapeHints;
import cnnc.editor.SizeFormulas;
import cnnc.sizes.AcceptedSizes;
import cnnc.sizes.SizeVariables;
import cnnc.source.SourceFile;
import cnnc.source.Span;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;

/**
 * What the playground's worker calls: the compiler, compiled to JavaScript by TeaVM. Each change of the
 * text is compiled whole by {@link #compile}; the answers that depend on it (hover, completion, the
 * working, generated code) read the last compilation. Every answer is a string (JSON where it has parts),
 * so that the worker hands it to the page as it is.
 */
public final class Playground {
    /** The most rows the page's table shows: a browser lays out 20,000 for seconds, and 1,000 in a fraction of one. */
    private static final int TABLE_ROWS = 1_000;
    /** The diagram being laid out, and whether it is the second of its two graphs. */
    private static DiagramLayout diagram;
    private static boolean secondPass;
    private static EditedText last = EditedText.compile("model.cnn", "", Options.DEFAULT);
    /** The head of the table answered last, and its rows' keys (see HtmlReport.TableRows) by their place. */
    private static String shownHead;
    private static Map<Object, Integer> shownRows = Map.of();

    static {
        Dl4jBackend.readHelperFilesWith(Playground::dl4jHelper);
    }

    /** A DL4J helper class's file, which the build bundled (globalThis.cnncDl4jHelpers); null when none is so named. */
    @JSBody(params = "name", script = "const files = globalThis.cnncDl4jHelpers; "
            + "return files && Object.prototype.hasOwnProperty.call(files, name) ? files[name] : null;")
    private static native String dl4jHelper(String name);

    private Playground() {
    }

    /**
     * Compiles a text and answers what the editor and the report tab show after every change: the
     * diagnostics, the shapes at line ends, the colours, and (without errors) the heading, totals and
     * table of the report, as the HTML report has them.
     *
     * @param batch     examples per batch, a whole number from 1 (the report's {@code --batch})
     * @param dtype     float32, float16, bfloat16 or int8
     * @param optimizer sgd, momentum, adam or rmsprop, for the training memory
     * @param table     whether to write the table (only while the page shows it: it is most of the time taken)
     */
    @JSExport
    public static String compile(String name, String text, String batch, String dtype, String optimizer, boolean table) {
        Options options = new Options(parseBatch(batch), DType.fromWord(dtype).orElse(DType.FLOAT32),
                Optimizer.fromWord(optimizer).orElse(Optimizer.ADAM));
        last = EditedText.compile(name, text, options);
        Compilation compilation = last.compilation();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("diagnostics", diagnostics(compilation, compilation.diagnostics()));
        answer.put("hints", hints(compilation));
        answer.put("highlights", highlights(compilation.source()));
        answer.put("lines", compilation.source().lineCount());
        if (!compilation.hasErrors() && !last.tooLarge()) {
            answer.put("heading", HtmlReport.header(compilation));
            if (table) {
                answer.put("table", table(compilation));
            }
            answer.put("rows", rows(compilation));
        } else {
            shownRows = Map.of(); // the page shows no table now
        }
        return Json.write(answer);
    }

    /**
     * The table as the page keeps it: {@code head}, {@code foot}, and {@code rows}, each the index of the same row
     * in the table answered last (the page keeps it) or its HTML. Typing changes a few rows, or moves some: only
     * those are written, sent and made again.
     */
    private static Map<String, Object> table(Compilation compilation) {
        HtmlReport.TableRows table = HtmlReport.table(compilation, Column.DEFAULT, TABLE_ROWS);
        String head = table.head();
        Map<Object, Integer> before = head.equals(shownHead) ? shownRows : Map.of();
        Map<Object, Integer> now = new HashMap<>();
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            Object key = table.key(i);
            Integer kept = before.get(key);
            rows.add(kept != null && !now.containsKey(key) ? (Object) kept : table.html(i));
            now.put(key, i);
        }
        shownHead = head;
        shownRows = now;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("head", head);
        answer.put("rows", rows);
        answer.put("foot", table.foot());
        return answer;
    }

    /**
     * The words the page offers in its menus, from the compiler's own lists: number types, optimizers,
     * and losses with what each means.
     */
    @JSExport
    public static String choices() {
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Object> dtypes = new ArrayList<>();
        for (DType type : DType.values()) {
            dtypes.add(type.word());
        }
        List<Object> optimizers = new ArrayList<>();
        for (Optimizer optimizer : Optimizer.values()) {
            optimizers.add(optimizer.word());
        }
        List<Object> losses = new ArrayList<>();
        for (Loss loss : Loss.values()) {
            losses.add(List.of(loss.word(), loss.meaning()));
        }
        answer.put("dtypes", dtypes);
        answer.put("optimizers", optimizers);
        answer.put("losses", losses);
        return Json.write(answer);
    }

    /** The report of the last text in a text format (text, markdown, csv or json), or "" when it has errors. */
    @JSExport
    public static String report(String format, boolean explain) {
        Compilation compilation = last.compilation();
        if (compilation.hasErrors() || last.tooLarge()) {
            return format.equals("json") ? JsonReport.render(compilation, explain) : "";
        }
        // with size variables, what `cnnc report` prints: the sizes accepted and the formulas, the working's first line
        Optional<AcceptedSizes.Answer> sizes = SizeFormulas.of(compilation).map(SizeFormulas::answer);
        String preface = explain ? sizes.map(SizesReport::explained).orElse("") : "";
        return switch (format) {
            case "markdown" -> explain ? preface + Explanation.markdown(compilation)
                    : TextReport.markdown(compilation, Column.DEFAULT, Table.ALL_DEPTHS);
            case "csv" -> CsvReport.render(compilation, Column.DEFAULT, Table.ALL_DEPTHS);
            case "json" -> {
                StringWriter text = new StringWriter();
                PrintWriter out = new PrintWriter(text);
                JsonReport.render(compilation, explain, sizes.map(SizesReport::json).orElse(null), out);
                out.flush();
                yield text.toString();
            }
            default -> explain ? preface + Explanation.text(compilation)
                    : sizes.isPresent() ? SizesReport.text(compilation.model().name(),
                            SizeVariables.inputText(compilation.syntax()), sizes.get())
                    : TextReport.render(compilation, Column.DEFAULT, Table.ALL_DEPTHS);
        };
    }

    /** What is under the cursor at a char offset, as markdown; "" for nothing. */
    @JSExport
    public static String hover(int offset) {
        return Hovers.at(last.compilation(), offset).orElse("");
    }

    /** What may be typed at a char offset: a JSON list of items ({@code label, kind, detail, documentation, snippet}). */
    @JSExport
    public static String complete(int offset) {
        List<Object> items = new ArrayList<>();
        for (Completions.Item item : Completions.at(last.compilation(), offset, true)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("label", item.label());
            entry.put("kind", item.kind().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("detail", item.detail());
            entry.put("documentation", item.documentation());
            entry.put("snippet", item.snippet());
            items.add(entry);
        }
        return Json.write(items);
    }

    /**
     * The last text as code for a framework ({@code keras}, {@code torch} or {@code dl4j}), with the
     * training options of the command line ({@code loss} "" for none; {@code optimizer} and {@code rate}
     * "" for the defaults): JSON {@code code} (null when the backend refuses the model) and
     * {@code diagnostics} as the command prints them.
     */
    @JSExport
    public static String generate(String backend, String loss, String optimizer, String rate) {
        Compilation compilation = last.compilation();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (compilation.hasErrors() || last.tooLarge()) {
            answer.put("code", null);
            answer.put("diagnostics", "the model has errors: see them in the editor");
            return Json.write(answer);
        }
        Optional<TrainingSetup> training = Optional.empty();
        Optional<Loss> chosen = Loss.fromWord(loss);
        if (chosen.isPresent()) {
            Optimizer with = Optimizer.fromWord(optimizer).orElse(Optimizer.ADAM);
            double learningRate = rate.isEmpty() ? TrainingSetup.defaultLearningRate(with) : Double.parseDouble(rate);
            training = Optional.of(new TrainingSetup(chosen.get(), with, learningRate));
        }
        Optional<String> code;
        List<Diagnostic> diagnostics;
        switch (backend) {
            case "keras" -> {
                PythonBackend.Result result = KerasBackend.generate(compilation, training);
                code = result.python();
                diagnostics = result.diagnostics();
            }
            case "torch" -> {
                PythonBackend.Result result = TorchBackend.generate(compilation, training);
                code = result.python();
                diagnostics = result.diagnostics();
            }
            case "dl4j" -> {
                Dl4jBackend.Result result = Dl4jBackend.generate(compilation, new JavaClassName("",
                        Dl4jBackend.defaultClassName(compilation.model().name())), training);
                code = result.javaSource();
                diagnostics = result.diagnostics();
            }
            default -> throw new IllegalArgumentException("no backend " + backend);
        }
        answer.put("code", code.orElse(null));
        StringBuilder printed = new StringBuilder();
        for (Diagnostic diagnostic : diagnostics) {
            printed.append(DiagnosticRenderer.render(compilation.source(), diagnostic));
        }
        answer.put("diagnostics", printed.toString());
        return Json.write(answer);
    }

    /**
     * The Node command ({@code node cnnc.mjs SUBCOMMAND [OPTIONS] FILE}): what ./cnnc prints for the same command
     * line, as JSON {@code exit}, {@code out}, {@code err}; the files are read through node:fs (see NodeFiles).
     */
    @JSExport
    public static String command(String[] args) {
        PortableCommandLine.Result result = PortableCommandLine.run(args, new NodeFiles());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("exit", result.exit());
        answer.put("out", result.out());
        answer.put("err", result.err());
        return Json.write(answer);
    }

    /**
     * The diagram of the last text, first step: the graph for elkjs to lay out (ELK's JSON), or "" when the model
     * has errors. The diagram is laid out twice (see DiagramLayout): {@link #diagramLaidOut} takes each layout.
     */
    @JSExport
    public static String diagram() {
        Compilation compilation = last.compilation();
        if (compilation.hasErrors() || last.tooLarge()) {
            diagram = null;
            return "";
        }
        diagram = DiagramLayout.first(compilation);
        secondPass = false;
        return diagram.graph().json();
    }

    /**
     * The layout elkjs made of the graph {@link #diagram} (or this) gave (LayoutGraph.read's lines): JSON
     * {@code graph}, the second graph to lay out, or {@code svg}, the diagram as report --format svg draws it.
     */
    @JSExport
    public static String diagramLaidOut(String placement) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (diagram == null) {
            throw new IllegalStateException("no diagram is being laid out");
        }
        diagram.graph().read(placement);
        if (!secondPass) {
            diagram = diagram.second();
            secondPass = true;
            answer.put("graph", diagram.graph().json());
        } else {
            answer.put("svg", diagram.svg());
            diagram = null;
        }
        return Json.write(answer);
    }

    private static long parseBatch(String batch) {
        try {
            return Math.max(1, Long.parseLong(batch.strip()));
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    private static List<Object> diagnostics(Compilation compilation, List<Diagnostic> found) {
        List<Object> list = new ArrayList<>();
        if (last.tooLarge()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("severity", "error");
            entry.put("code", "");
            entry.put("from", 0);
            entry.put("to", 0);
            entry.put("line", 1);
            entry.put("column", 1);
            entry.put("message", EditedText.tooLargeMessage());
            entry.put("hints", List.of());
            entry.put("notes", List.of());
            entry.put("rendered", EditedText.tooLargeMessage());
            list.add(entry);
            return list;
        }
        SourceFile source = compilation.source();
        for (Diagnostic diagnostic : found) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("severity", diagnostic.severity().word());
            entry.put("code", diagnostic.code().name());
            span(diagnostic.span(), entry);
            entry.put("message", diagnostic.message());
            entry.put("hints", diagnostic.hints());
            List<Object> notes = new ArrayList<>();
            for (Diagnostic.Note note : diagnostic.notes()) {
                Map<String, Object> place = new LinkedHashMap<>();
                span(note.span(), place);
                place.put("message", note.message());
                notes.add(place);
            }
            entry.put("notes", notes);
            entry.put("rendered", DiagnosticRenderer.render(source, diagnostic));
            list.add(entry);
        }
        return list;
    }

    private static void span(Span span, Map<String, Object> into) {
        into.put("from", span.start());
        into.put("to", span.end());
        into.put("line", span.line());
        into.put("column", span.column());
    }

    /** The shapes to show, by their place in the text (the editor adds its marks in order). */
    private static List<Object> hints(Compilation compilation) {
        List<Object> list = new ArrayList<>();
        List<ShapeHints.Hint> hints = new ArrayList<>(ShapeHints.of(compilation));
        hints.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        for (ShapeHints.Hint hint : hints) {
            list.add(List.of(hint.offset(), hint.label()));
        }
        return list;
    }

    /** Flat {@code [from, to, role, from, to, role, ...]}, the roles by their names. */
    private static List<Object> highlights(SourceFile source) {
        List<Object> list = new ArrayList<>();
        for (Highlights.Highlight highlight : Highlights.of(source)) {
            list.add(highlight.span().start());
            list.add(highlight.span().end());
            list.add(highlight.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        return list;
    }

    /** For each row of the table: the source span of its layer, so that a row selects its text. */
    private static List<Object> rows(Compilation compilation) {
        List<Object> list = new ArrayList<>();
        list.add(List.of(compilation.model().inputSpan().start(), compilation.model().inputSpan().end()));
        compilation.model().layers().forEach(layer -> list.add(List.of(layer.layer().span().start(),
                layer.layer().span().end())));
        return list;
    }
}
