package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.analysis.LayerFigures;
import cnnc.analysis.Memory;
import cnnc.analysis.ReceptiveField;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Formula;
import cnnc.check.ParamTensor;
import cnnc.check.Shape;
import cnnc.check.Totals;
import cnnc.diag.Diagnostic;
import java.io.PrintWriter;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, a stable contract (see docs/json.md). With errors, only the model name and
 * the diagnostics are written: shapes after an error would be guesses.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(Compilation compilation) {
        return render(compilation, false);
    }

    /** With {@code explain}, each layer also has its {@code working}, as {@code report --explain} prints it. */
    public static String render(Compilation compilation, boolean explain) {
        return Json.write(root(compilation, explain, null));
    }

    /** Streams the report to {@code out}, one layer at a time (a large model's report is never one string). */
    public static void render(Compilation compilation, boolean explain, PrintWriter out) {
        Json.write(root(compilation, explain, null), out);
    }

    /**
     * For a model whose input holds size variables: the report at the sizes it was checked at, with
     * {@code sizes} ({@link SizesReport#json}) after the input.
     */
    public static void render(Compilation compilation, boolean explain, Map<String, Object> sizes, PrintWriter out) {
        Json.write(root(compilation, explain, sizes), out);
    }

    /** The values in force of the file's {@code defaults}: {@code {"bn": {"eps": 0.00001, "momentum": 0.1}}}, or {} without one. */
    private static Map<String, Object> defaults(cnnc.ast.Defaults defaults) {
        Map<String, Object> values = new LinkedHashMap<>();
        defaults.values().forEach((kind, settings) -> {
            Map<String, Object> layer = new LinkedHashMap<>();
            settings.forEach((modifier, value) -> layer.put(modifier.word(), new java.math.BigDecimal(value)));
            values.put(kind.op(), layer);
        });
        return values;
    }

    private static Map<String, Object> root(Compilation compilation, boolean explain, Map<String, Object> sizes) {
        CheckedModel model = compilation.model();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.name());
        if (!compilation.hasErrors()) {
            Analysis analysis = compilation.analysis().orElseThrow();
            root.put("input", dims(model.input()));
            if (sizes != null) {
                root.put("sizes", sizes);
            }
            root.put("defaults", defaults(model.defaults()));
            // the receptive field is given along the input's axes (height and width for an image, or a vector)
            FieldKeys keys = FieldKeys.of(model.input() instanceof Shape.Grid grid ? grid.rank() : 2);
            root.put("layers", new AbstractList<Json.Fields>() {
                @Override
                public Json.Fields get(int i) {
                    CheckedLayer layer = model.layers().get(i);
                    return layer(layer, analysis.row(layer.index()), explain, keys);
                }

                @Override
                public int size() {
                    return model.layers().size();
                }
            });
            root.put("blocks", blockTree(model, analysis));
            root.put("totals", totals(model.totals(), analysis));
        }
        root.put("diagnostics", compilation.diagnostics().stream()
                .map(d -> diagnostic(compilation.source().name(), d)).toList());
        return root;
    }

    /** A row, written as it is asked for: no map of its own, nor of its parts. */
    private static Json.Fields layer(CheckedLayer layer, LayerFigures figures, boolean explain, FieldKeys keys) {
        return row -> {
            row.put("index", layer.index())
                    .put("name", layer.name())
                    .put("op", layer.kind().op())
                    .put("line", layer.layer().span().line())
                    .put("column", layer.layer().span().column())
                    .put("inputs", layer.inputs())
                    .put("inputShape", dims(layer.inputShape()))
                    .put("outputShape", dims(layer.outputShape()))
                    .put("params", layer.params())
                    .put("trainableParams", layer.trainableParams())
                    .put("nonTrainableParams", layer.nonTrainableParams())
                    .put("implicit", layer.implicit())
                    .put("block", layer.block())
                    .put("tensors", each(layer.tensors(), JsonReport::tensor))
                    .put("macs", figures.macs())
                    .put("flops", figures.flops())
                    .put("outputElements", figures.outputElements())
                    .put("receptiveField", field(figures.field(), keys));
            if (explain) {
                row.put("working", working(layer));
            }
        };
    }

    /** {@code items} as the objects {@code fields} makes of them, each made as it is written. */
    private static <T> List<Json.Fields> each(List<T> items, java.util.function.Function<T, Json.Fields> fields) {
        return new AbstractList<>() {
            @Override
            public Json.Fields get(int i) {
                return fields.apply(items.get(i));
            }

            @Override
            public int size() {
                return items.size();
            }
        };
    }

    /**
     * The block instances as a tree: each with its use, where it reads and ends, the rows it made and
     * their sums, and the instances it used in turn.
     */
    private static List<Map<String, Object>> blockTree(CheckedModel model, Analysis analysis) {
        Map<String, long[]> sums = new HashMap<>();
        Map<String, int[]> rows = new HashMap<>();
        for (CheckedLayer layer : model.layers()) {
            for (String path = layer.block(); !path.isEmpty(); path = path.substring(0, Math.max(0, path.lastIndexOf('/')))) {
                long[] sum = sums.computeIfAbsent(path, p -> new long[3]);
                sum[0] += layer.params();
                sum[1] += analysis.row(layer.index()).macs();
                sum[2] += analysis.row(layer.index()).flops();
                rows.computeIfAbsent(path, p -> new int[] {layer.index(), 0})[1] = layer.index();
            }
        }
        Map<String, List<Map<String, Object>>> children = new HashMap<>();
        List<Map<String, Object>> top = new ArrayList<>();
        for (BlockInstance instance : model.blocks()) {
            Map<String, Object> row = new LinkedHashMap<>();
            int[] span = rows.get(instance.path());
            long[] sum = sums.getOrDefault(instance.path(), new long[3]);
            row.put("path", instance.path());
            row.put("name", instance.name());
            row.put("block", instance.block());
            Map<String, Object> arguments = new LinkedHashMap<>();
            instance.arguments().forEach((name, value) -> arguments.put(name, value.plain()));
            row.put("arguments", arguments);
            row.put("line", instance.call().line());
            row.put("column", instance.call().column());
            row.put("input", instance.hasInput() ? instance.inputRow() : null);
            row.put("output", instance.outputRow());
            row.put("inputShape", instance.hasInput() ? dims(instance.inputShape()) : null);
            row.put("outputShape", dims(instance.outputShape()));
            if (!instance.outputs().isEmpty()) {
                List<Map<String, Object>> outputs = new ArrayList<>();
                for (BlockInstance.Output output : instance.outputs()) {
                    Map<String, Object> declared = new LinkedHashMap<>();
                    declared.put("name", output.name());
                    declared.put("row", output.row());
                    declared.put("shape", dims(output.shape()));
                    outputs.add(declared);
                }
                row.put("outputs", outputs);
            }
            row.put("firstRow", span == null ? null : span[0]);
            row.put("lastRow", span == null ? null : span[1]);
            row.put("params", sum[0]);
            row.put("macs", sum[1]);
            row.put("flops", sum[2]);
            List<Map<String, Object>> nested = new ArrayList<>();
            row.put("blocks", nested);
            children.put(instance.path(), nested);
            (instance.depth() == 0 ? top : children.get(instance.parent())).add(row);
        }
        return top;
    }

    /** The working as structured fields: each formula's text and value, so a tool can check or show it. */
    private static Json.Fields working(CheckedLayer layer) {
        return working -> working
                .put("output", each(layer.working().output(), d -> dimension -> formula(dimension, d.formula())
                        .put("dimension", d.name())
                        .put("reason", d.reason())))
                .put("tensors", each(layer.tensors(), t -> tensor -> formula(tensor, t.formula())
                        .put("name", t.name().word())))
                .put("macs", (Json.Fields) macs -> formula(macs, layer.cost().macsWorking())
                        .put("rule", layer.cost().rule()))
                .put("flops", (Json.Fields) flops -> formula(flops, layer.cost().flopsWorking())
                        .put("rule", layer.cost().flopsRule()))
                .put("notes", layer.working().notes());
    }

    private static Json.Members formula(Json.Members row, Formula formula) {
        return row.put("formula", formula.text()).put("value", formula.value());
    }

    /** The receptive field's keys along the input's axes, {@code height} and {@code jumpHeight}: made once, not per row. */
    private record FieldKeys(List<String> sizes, List<String> jumps) {
        static FieldKeys of(int rank) {
            List<String> names = Shape.axisNames(rank);
            return new FieldKeys(names, names.stream()
                    .map(name -> "jump" + Character.toUpperCase(name.charAt(0)) + name.substring(1)).toList());
        }
    }

    /**
     * Every key always present; for the whole input the sizes and jumps are null, and so they are
     * (with wholeInput false) where the field cannot be given exactly.
     */
    private static Json.Fields field(ReceptiveField field, FieldKeys keys) {
        ReceptiveField.Region region = field instanceof ReceptiveField.Region r ? r : null;
        return row -> {
            row.put("wholeInput", field instanceof ReceptiveField.Whole);
            for (int axis = 0; axis < keys.sizes().size(); axis++) {
                row.put(keys.sizes().get(axis), region == null ? null : region.sizes().get(axis));
            }
            for (int axis = 0; axis < keys.jumps().size(); axis++) {
                row.put(keys.jumps().get(axis), region == null ? null : region.jumps().get(axis).value());
            }
        };
    }

    private static Json.Fields tensor(ParamTensor tensor) {
        return row -> row.put("name", tensor.name().word())
                .put("shape", tensor.shape())
                .put("count", tensor.count())
                .put("trainable", tensor.trainable());
    }

    private static Map<String, Object> totals(Totals totals, Analysis analysis) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("params", totals.params());
        row.put("trainableParams", totals.trainableParams());
        row.put("nonTrainableParams", totals.nonTrainableParams());
        row.put("weights", totals.weights());
        row.put("biases", totals.biases());
        row.put("bytes", totals.bytes());
        row.put("macs", analysis.macs());
        row.put("flops", analysis.flops());
        row.put("memory", memory(analysis.memory()));
        return row;
    }

    private static Map<String, Object> memory(Memory memory) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("batch", memory.batch());
        row.put("dtype", memory.dtype().word());
        row.put("optimizer", memory.optimizer().word());
        row.put("parameterBytes", memory.parameterBytes());
        row.put("peakActivationBytes", memory.peakActivationBytes());
        row.put("peakIndex", memory.peakRow());
        row.put("activationBytes", memory.activationBytes());
        row.put("trainingBytes", memory.trainingBytes());
        return row;
    }

    private static Map<String, Object> diagnostic(String file, Diagnostic d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", file);
        row.put("line", d.span().line());
        row.put("column", d.span().column());
        row.put("severity", d.severity().word());
        row.put("code", d.code().name());
        row.put("message", d.message());
        row.put("hints", d.hints());
        return row;
    }

    private static List<Long> dims(Shape shape) {
        return shape.dims();
    }
}
