package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.analysis.LayerFigures;
import cnnc.analysis.Memory;
import cnnc.analysis.ReceptiveField;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.ParamTensor;
import cnnc.check.Shape;
import cnnc.check.Totals;
import cnnc.diag.Diagnostic;
import java.io.PrintWriter;
import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report as JSON, a stable contract (see the README). With errors, only the model name and
 * the diagnostics are written: shapes after an error would be guesses.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static String render(Compilation compilation) {
        return Json.write(root(compilation));
    }

    /** Streams the report to {@code out}, one layer at a time (a large model's report is never one string). */
    public static void render(Compilation compilation, PrintWriter out) {
        Json.write(root(compilation), out);
    }

    private static Map<String, Object> root(Compilation compilation) {
        CheckedModel model = compilation.model();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model.name());
        if (!compilation.hasErrors()) {
            Analysis analysis = compilation.analysis().orElseThrow();
            root.put("input", dims(model.input()));
            root.put("layers", new AbstractList<Map<String, Object>>() {
                @Override
                public Map<String, Object> get(int i) {
                    CheckedLayer layer = model.layers().get(i);
                    return layer(layer, analysis.row(layer.index()));
                }

                @Override
                public int size() {
                    return model.layers().size();
                }
            });
            root.put("totals", totals(model.totals(), analysis));
        }
        root.put("diagnostics", compilation.diagnostics().stream()
                .map(d -> diagnostic(compilation.source().name(), d)).toList());
        return root;
    }

    private static Map<String, Object> layer(CheckedLayer layer, LayerFigures figures) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("index", layer.index());
        row.put("name", layer.name());
        row.put("op", layer.kind().op());
        row.put("line", layer.layer().span().line());
        row.put("column", layer.layer().span().column());
        row.put("inputs", layer.inputs());
        row.put("inputShape", dims(layer.inputShape()));
        row.put("outputShape", dims(layer.outputShape()));
        row.put("params", layer.params());
        row.put("trainableParams", layer.trainableParams());
        row.put("nonTrainableParams", layer.nonTrainableParams());
        row.put("implicit", layer.implicit());
        row.put("block", layer.block());
        row.put("tensors", layer.tensors().stream().map(JsonReport::tensor).toList());
        row.put("macs", figures.macs());
        row.put("flops", figures.flops());
        row.put("outputElements", figures.outputElements());
        row.put("receptiveField", field(figures.field()));
        return row;
    }

    /** Every key always present; for the whole input the sizes and jumps are null. */
    private static Map<String, Object> field(ReceptiveField field) {
        Map<String, Object> row = new LinkedHashMap<>();
        ReceptiveField.Region region = field instanceof ReceptiveField.Region r ? r : null;
        row.put("wholeInput", region == null);
        row.put("height", region == null ? null : region.height());
        row.put("width", region == null ? null : region.width());
        row.put("jumpHeight", region == null ? null : region.jumpHeight().value());
        row.put("jumpWidth", region == null ? null : region.jumpWidth().value());
        return row;
    }

    private static Map<String, Object> tensor(ParamTensor tensor) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", tensor.name().word());
        row.put("shape", tensor.shape());
        row.put("count", tensor.count());
        row.put("trainable", tensor.trainable());
        return row;
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
