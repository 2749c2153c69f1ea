package cnnc.imports.torch;

import cnnc.Compilation;
import cnnc.backend.torch.TorchBackend;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.imports.Statements;
import cnnc.source.SourceFile;
import cnnc.source.Span;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code cnnc import SPEC --input HxWxC} of a PyTorch module: the user's Python runs cnnc's tracer
 * ({@code trace.py}, a resource: torch.fx's symbolic_trace and ShapeProp), whose JSON graph is read here,
 * each node mapped ({@link TorchOps}), written as statements ({@link GraphWriter}), formatted as
 * {@code cnnc fmt} formats, and checked. Every problem is located where forward() makes the node (the
 * file and line torch.fx records), or at the spec when there is no such place.
 */
public final class TorchImport {
    /** path/to/file.py:NAME or package.module:NAME. */
    public static final Pattern SPEC = Pattern.compile("[^:]+:[A-Za-z_][A-Za-z0-9_]*");
    private static final String SCRIPT = "/cnnc/imports/torch/trace.py";

    private TorchImport() {
    }

    /** A diagnostic and the file it points into (the module's Python source, or the spec). */
    public record Located(SourceFile source, Diagnostic diagnostic) {
    }

    /**
     * @param unreadable the module could not be read at all (no Python with torch, a spec that does not import):
     *                   the command exits 3, as for a file it cannot read; otherwise 1
     */
    public record Result(Optional<String> text, Optional<Compilation> compilation, List<Located> diagnostics,
                         boolean unreadable) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }

        static Result failed(List<Located> diagnostics) {
            boolean unreadable = diagnostics.stream().anyMatch(d -> d.diagnostic().code() == Code.E0830
                    || d.diagnostic().code() == Code.E0831);
            return new Result(Optional.empty(), Optional.empty(), diagnostics, unreadable);
        }
    }

    /**
     * The Python cnnc runs: {@code --python PATH} when given, else the environment's CNNC_PYTHON, else
     * {@code python3} on the PATH.
     */
    public static String python(String option, Map<String, String> environment) {
        if (option != null) {
            return option;
        }
        String variable = environment.get("CNNC_PYTHON");
        return variable != null && !variable.isBlank() ? variable : "python3";
    }

    /**
     * @param sizes  the input less the batch axis, as cnnc writes it (HxWxC: height, width, channels)
     * @param output the name the description will have
     */
    public static Result run(String spec, List<Integer> sizes, String python, String output) {
        SourceFile at = new SourceFile(spec, "");
        JsonObject graph;
        try {
            graph = trace(spec, sizes, python, at);
        } catch (Stop stop) {
            return Result.failed(List.of(stop.located));
        }
        return fromGraph(spec, graph, output);
    }

    /**
     * The import of what the tracer printed for {@code spec} (its graph, or its error): {@link #run} once
     * Python has run, and the tests' way in, which trace many modules in one Python process.
     */
    public static Result fromGraph(String spec, JsonObject graph, String output) {
        SourceFile at = new SourceFile(spec, "");
        if (graph.get("error") instanceof JsonObject error) {
            Code code = Code.valueOf(error.get("code").getAsString());
            String file = error.get("file").getAsString();
            SourceFile source = file.isEmpty() ? at : source(file, at);
            Span span = file.isEmpty() ? at.span(0, 0) : lineSpan(source, error.get("line").getAsInt());
            String hint = error.get("hint").getAsString();
            Diagnostic diagnostic = hint.isEmpty() ? Diagnostic.of(code, span, error.get("message").getAsString())
                    : Diagnostic.of(code, span, error.get("message").getAsString(), hint);
            return Result.failed(List.of(new Located(source, diagnostic)));
        }
        try {
            return imported(spec, graph, at, output);
        } catch (IllegalStateException | UnsupportedOperationException | ClassCastException | NullPointerException
                 | IndexOutOfBoundsException | NumberFormatException unexpected) {
            return Result.failed(List.of(new Located(at, Diagnostic.of(Code.E0838, at.span(0, 0),
                    "the tracer's graph holds a value of another form than cnnc reads (" + unexpected + ")",
                    "this is a bug in cnnc's import; please report it with the module"))));
        }
    }

    private static final class Stop extends RuntimeException {
        final transient Located located;

        Stop(Located located) {
            super(located.diagnostic().message(), null, false, false);
            this.located = located;
        }
    }

    private static JsonObject trace(String spec, List<Integer> sizes, String python, SourceFile at) {
        Path script = null;
        Path errors = null;
        try {
            script = Files.createTempFile("cnnc-trace", ".py");
            errors = Files.createTempFile("cnnc-trace", ".err");
            try (InputStream in = TorchImport.class.getResourceAsStream(SCRIPT)) {
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(python, script.toString(), spec,
                    String.valueOf(sizes.get(sizes.size() - 1))));
            sizes.subList(0, sizes.size() - 1).forEach(size -> command.add(String.valueOf(size)));
            Process process;
            try {
                process = new ProcessBuilder(command).redirectError(errors.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            } catch (IOException e) {
                throw new Stop(new Located(at, Diagnostic.of(Code.E0830, at.span(0, 0), "cannot run " + python + ": "
                        + e.getMessage(), "install Python 3 with torch, or name it with --python PATH or the "
                        + "environment variable CNNC_PYTHON")));
            }
            try (var in = process.getOutputStream()) {
                in.write(helpersJson().getBytes(StandardCharsets.UTF_8));
            } catch (IOException stopped) {
                // a Python that stopped before reading (no torch) says why on its output, read below
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            String last = out.strip().isEmpty() ? "" : out.strip().lines().reduce((a, b) -> b).orElse("");
            try {
                JsonElement json = JsonParser.parseString(last);
                if (json instanceof JsonObject object) {
                    return object;
                }
            } catch (JsonParseException notJson) {
                // reported below with what Python wrote on its standard error
            }
            List<String> stderr = Files.readAllLines(errors, StandardCharsets.UTF_8);
            String why = stderr.isEmpty() ? "no output" : stderr.get(stderr.size() - 1).strip();
            throw new Stop(new Located(at, Diagnostic.of(Code.E0838, at.span(0, 0), python + " running cnnc's tracer "
                    + "stopped (exit " + exit + ") without a graph: " + why, "run the module in that Python yourself "
                    + "to see why; a Python 3.8 or newer with torch 2 is needed")));
        } catch (IOException e) {
            throw new Stop(new Located(at, Diagnostic.of(Code.E0838, at.span(0, 0), "cannot run cnnc's tracer: "
                    + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stop(new Located(at, Diagnostic.of(Code.E0838, at.span(0, 0), "interrupted")));
        } finally {
            delete(script);
            delete(errors);
        }
    }

    /**
     * cnnc torch's helper classes that the import reads back as the statement they were written for, by name,
     * with the Python source cnnc writes for each: the tracer keeps a module whole where its class is one of
     * them, name and source alike ({@code trace.py}'s cnnc_helper).
     */
    public static Map<String, String> helpers() {
        Map<String, String> helpers = new java.util.TreeMap<>();
        TorchBackend.helperClasses().forEach((name, source) -> {
            if (TorchOps.HELPERS.contains(name)) {
                helpers.put(name, source);
            }
        });
        return helpers;
    }

    /** {@link #helpers()} as the tracer reads them on its standard input. */
    public static String helpersJson() {
        JsonObject helpers = new JsonObject();
        helpers().forEach(helpers::addProperty);
        JsonObject json = new JsonObject();
        json.add("helpers", helpers);
        return json.toString();
    }

    private static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a temporary file left behind is no failure of the import
        }
    }

    private static Result imported(String spec, JsonObject graph, SourceFile at, String description) {
        List<TorchNode> nodes = new ArrayList<>();
        Map<String, TorchNode> byName = new HashMap<>();
        for (JsonElement element : graph.getAsJsonArray("nodes")) {
            TorchNode node = new TorchNode(element.getAsJsonObject());
            nodes.add(node);
            byName.put(node.name, node);
        }
        for (TorchNode node : nodes) {
            if (node.target.equals("math.prod")) {
                // cnnc's Multiply: math.prod(xs[1:], start=xs[0]), the first factor last
                collect(node.kwargs, byName, node.inputs);
                collect(node.args, byName, node.inputs);
            } else {
                collect(node.args, byName, node.inputs);
                collect(node.kwargs, byName, node.inputs);
            }
            node.inputs.forEach(read -> read.readers.add(node));
        }
        List<TorchOps.Problem> problems = new ArrayList<>();
        TorchOps ops = new TorchOps(problems);
        Map<TorchNode, Step> steps = new LinkedHashMap<>();
        List<Step> order = new ArrayList<>();
        Map<String, TorchNode> modulesCalled = new HashMap<>();
        Step output = null;
        TorchNode input = null;
        for (TorchNode node : nodes) {
            switch (node.op) {
                case "placeholder" -> {
                    if (input != null) {
                        problems.add(new TorchOps.Problem(node, "E0836", "forward() takes a second input, " + node.name
                                + ": a description has one input", "import a module whose forward() takes one tensor"));
                        continue;
                    }
                    input = node;
                    Step step = new Step(node, "input " + TorchOps.dims(hwc(node.shape)));
                    steps.put(node, step);
                    order.add(step);
                }
                case "output" -> {
                    if (node.inputs.size() != 1 || !node.args.get(0).isJsonObject()) {
                        problems.add(new TorchOps.Problem(node, "E0836", "forward() gives " + node.inputs.size()
                                + " tensors: a description has one output", "import a module that gives one tensor"));
                    } else {
                        output = steps.get(node.inputs.get(0));
                    }
                }
                case "get_attr" -> {
                    if (node.shape != null && !TorchOps.heldByLayer(node)) {
                        problems.add(new TorchOps.Problem(node, "E0834", node.describe() + ": a tensor held by the "
                                + "module (" + node.target + ") used in forward(): the language's layers hold their "
                                + "own", "see docs/import.md"));
                    }
                }
                default -> {
                    if (node.shape == null || isTuple(node) || isGetItem(node) && node.readers.isEmpty()) {
                        // a part of a split that nothing reads (timm's Res2Net's sp = spx[0], "for torchscript")
                        continue;
                    }
                    Step step = split(node, problems);
                    if (step == null && !isGetItem(node)) {
                        if (node.op.equals("call_module") && !node.options.getAsJsonArray("parameters").isEmpty()) {
                            TorchNode first = modulesCalled.putIfAbsent(node.target, node);
                            if (first != null) {
                                problems.add(new TorchOps.Problem(node, "E0836", node.describe() + " is called a "
                                        + "second time (its weights shared): each layer of a description has its own",
                                        "give each use a module of its own"));
                            }
                        }
                        step = ops.map(node);
                    }
                    List<TorchNode> reads = tensorInputs(node);
                    if (step == null) {
                        if (reads.isEmpty() || !steps.containsKey(reads.get(0))) {
                            continue;
                        }
                        steps.put(node, steps.get(reads.get(0)));
                        continue;
                    }
                    if (isGetItem(node) && step.inputs.isEmpty()) {
                        step.inputs.add(steps.get(node.inputs.get(0).inputs.get(0)));
                    } else {
                        for (TorchNode read : reads) {
                            Step from = steps.get(read);
                            if (from == null) {
                                problems.add(new TorchOps.Problem(node, "E0836", node.describe() + " reads " + read.name
                                        + ", which the import does not make", "see docs/import.md"));
                                from = step;
                            }
                            step.inputs.add(from);
                        }
                    }
                    steps.put(node, step);
                    order.add(step);
                }
            }
        }
        for (JsonElement idle : graph.getAsJsonArray("idle")) {
            JsonObject module = idle.getAsJsonObject();
            problems.add(new TorchOps.Problem(null, "E0836", "module " + module.get("module").getAsString() + " ("
                    + module.get("class").getAsString() + ") holds " + module.get("parameters").getAsLong()
                    + " parameters but forward() never calls it in eval mode (an auxiliary head?): the description "
                    + "would count fewer parameters than the module holds", "make the module without it (GoogLeNet: "
                    + "aux_logits=False), in a function the spec names"));
        }
        if (!problems.isEmpty() || output == null || input == null) {
            List<Located> located = new ArrayList<>();
            Map<String, SourceFile> files = new HashMap<>();
            for (TorchOps.Problem problem : problems) {
                located.add(locate(problem, at, files));
            }
            if (located.isEmpty()) {
                located.add(new Located(at, Diagnostic.of(Code.E0836, at.span(0, 0), "the traced graph has no "
                        + (input == null ? "input" : "output"))));
            }
            return Result.failed(located);
        }
        String name = spec.substring(spec.lastIndexOf(':') + 1);
        return checked(at, GraphWriter.write(name, order, output), description);
    }

    /** torch.chunk / torch.split, and the item of one that a getitem takes, as {@code split N take P}. */
    private static Step split(TorchNode node, List<TorchOps.Problem> problems) {
        if (!isGetItem(node)) {
            return null;
        }
        TorchNode tuple = node.inputs.get(0);
        String function = tuple.target.substring(tuple.target.lastIndexOf('.') + 1);
        int item = node.args.get(1).getAsInt();
        JsonElement dim = tuple.argument(2, "dim");
        if (!List.of("chunk", "split").contains(function) || dim == null || dim.getAsInt() != 1
                || tuple.inputs.size() != 1) {
            problems.add(new TorchOps.Problem(node, "E0834", tuple.describe() + ": item " + item + " of its results: "
                    + "the language takes a part of the channels (torch.chunk or torch.split along dim 1) only",
                    "see docs/import.md"));
            return new Step(node, "?");
        }
        JsonElement parts = tuple.argument(1, function.equals("chunk") ? "chunks" : "split_size_or_sections");
        int channels = tuple.inputs.get(0).shape.get(0);
        String how;
        if (function.equals("chunk")) {
            how = String.valueOf(parts.getAsInt());
        } else if (parts.isJsonArray()) {
            how = String.join(", ", parts.getAsJsonArray().asList().stream().map(JsonElement::getAsString).toList());
        } else {
            if (channels % parts.getAsInt() != 0) {
                problems.add(new TorchOps.Problem(node, "E0835", tuple.describe() + ": parts of " + parts.getAsInt()
                        + " channels of " + channels + ", the last one shorter", "see docs/import.md"));
            }
            how = String.valueOf(channels / Math.max(1, parts.getAsInt()));
        }
        if (item < 0) {
            // spx[-1] (timm's Res2Net): the last part
            item += how.contains(",") ? how.split(",").length : Integer.parseInt(how);
        }
        Step step = new Step(node, "split " + how + " take " + (item + 1));
        return step;
    }

    private static boolean isGetItem(TorchNode node) {
        return node.target.equals("operator.getitem") && !node.inputs.isEmpty() && isTuple(node.inputs.get(0));
    }

    private static boolean isTuple(TorchNode node) {
        return node.shape == null;
    }

    /**
     * The nodes read that are tensors (not sizes, not tuples), in order; a tensor the module holds is a layer's own
     * (a layer norm's weight), or refused where it is made.
     */
    private static List<TorchNode> tensorInputs(TorchNode node) {
        return node.inputs.stream().filter(read -> read.shape != null && !read.op.equals("get_attr")).toList();
    }

    private static void collect(JsonElement value, Map<String, TorchNode> byName, List<TorchNode> into) {
        if (value instanceof JsonObject object) {
            if (object.has("node") && object.size() == 1) {
                TorchNode node = byName.get(object.get("node").getAsString());
                if (node != null) {
                    into.add(node);
                }
                return;
            }
            object.entrySet().forEach(entry -> collect(entry.getValue(), byName, into));
        } else if (value != null && value.isJsonArray()) {
            value.getAsJsonArray().forEach(element -> collect(element, byName, into));
        }
    }

    /** Channels first (C, H, W) to the language's order (H, W, C). */
    static List<Integer> hwc(List<Integer> chw) {
        List<Integer> sizes = new ArrayList<>(chw.subList(1, chw.size()));
        sizes.add(chw.get(0));
        return sizes;
    }

    private static Located locate(TorchOps.Problem problem, SourceFile at, Map<String, SourceFile> files) {
        Code code = Code.valueOf(problem.code());
        TorchNode node = problem.node();
        if (node == null || node.file.isEmpty()) {
            return new Located(at, Diagnostic.of(code, at.span(0, 0), problem.message(), problem.hint()));
        }
        SourceFile source = files.computeIfAbsent(node.file, file -> source(file, at));
        Span span = source == at ? at.span(0, 0) : lineSpan(source, node.line);
        return new Located(source, Diagnostic.of(code, span, problem.message(), problem.hint()));
    }

    /** The Python file, to point into; the spec's place where it cannot be read. */
    private static SourceFile source(String file, SourceFile at) {
        try {
            return new SourceFile(file, Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return new SourceFile(file, "");
        }
    }

    /** The line's first character that is not a space. */
    private static Span lineSpan(SourceFile source, int line) {
        if (line < 1 || line > source.lineCount()) {
            return source.span(0, 0);
        }
        int start = source.lineStart(line - 1);
        String text = source.text();
        int offset = start;
        while (offset < text.length() && (text.charAt(offset) == ' ' || text.charAt(offset) == '\t')) {
            offset++;
        }
        int end = text.indexOf('\n', offset);
        return source.span(offset, end < 0 ? text.length() : end);
    }

    private static Result checked(SourceFile at, String written, String output) {
        Statements.Checked checked = Statements.check(written, output);
        if (checked.text().isEmpty()) {
            return bug(at, checked.failure() + (checked.unformatted() ? "\n" + written : ""));
        }
        return new Result(checked.text(), checked.compilation(), List.of(), false);
    }

    private static Result bug(SourceFile at, String why) {
        return Result.failed(List.of(new Located(at, Diagnostic.of(Code.E0837, at.span(0, 0),
                "the imported description does not check: " + why,
                "this is a bug in cnnc's import; please report it with the module"))));
    }
}
