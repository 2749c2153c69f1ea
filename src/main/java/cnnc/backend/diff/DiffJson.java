package cnnc.backend.diff;

import cnnc.Compilation;
import cnnc.analysis.Memory;
import cnnc.backend.report.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The diff as JSON, a stable contract (docs/json.md): every entry, the same ones included, and the totals. */
public final class DiffJson {
    private DiffJson() {
    }

    public static String render(Difference difference) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("before", model(difference.before()));
        root.put("after", model(difference.after()));
        root.put("same", difference.same());
        long[] counts = difference.layerCounts();
        Map<String, Object> layers = new LinkedHashMap<>();
        for (Entry.Change change : Entry.Change.values()) {
            layers.put(change.word(), counts[change.ordinal()]);
        }
        root.put("layers", layers);
        root.put("entries", entries(difference.entries()));
        root.put("totals", totals(difference));
        return Json.write(root);
    }

    private static Map<String, Object> model(Compilation compilation) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("file", compilation.source().name());
        model.put("model", compilation.model().name());
        model.put("input", compilation.model().input().dims());
        model.put("outputShape", Difference.output(compilation).dims());
        return model;
    }

    private static List<Map<String, Object>> entries(List<Entry> entries) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Entry entry : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("change", entry.change().word());
            row.put("type", entry.isBlock() ? "block" : "layer");
            row.put("before", side(entry.before()));
            row.put("after", side(entry.after()));
            row.put("changed", entry.changed().stream().map(Aspect::word).toList());
            row.put("params", entry.change(Item::params));
            row.put("macs", entry.change(Item::macs));
            row.put("flops", entry.change(Item::flops));
            if (entry.isBlock()) {
                row.put("entries", entries(entry.children()));
            }
            list.add(row);
        }
        return list;
    }

    /** One model's layer or instance, with the names the JSON report gives it; null for the side that has none. */
    private static Map<String, Object> side(Item item) {
        if (item == null) {
            return null;
        }
        Map<String, Object> side = new LinkedHashMap<>();
        if (item.isBlock()) {
            side.put("path", item.path());
            side.put("name", item.name());
            side.put("block", item.word());
            side.put("usage", item.text());
            side.put("firstRow", item.layers() == 0 ? null : item.first());
            side.put("lastRow", item.layers() == 0 ? null : item.last());
            side.put("layers", item.layers());
        } else {
            side.put("index", item.first());
            side.put("name", item.name());
            side.put("op", item.word());
            side.put("layer", item.text());
            side.put("as", item.as());
            side.put("block", item.path());
        }
        side.put("line", item.line());
        side.put("outputShape", item.output().dims());
        side.put("params", item.params());
        side.put("macs", item.macs());
        side.put("flops", item.flops());
        return side;
    }

    private static Map<String, Object> totals(Difference difference) {
        Map<String, Object> totals = new LinkedHashMap<>();
        for (Difference.Total total : difference.totals()) {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("before", total.before());
            figure.put("after", total.after());
            figure.put("change", total.change());
            totals.put(total.key(), figure);
        }
        Memory memory = difference.before().analysis().orElseThrow().memory();
        totals.put("batch", memory.batch());
        totals.put("dtype", memory.dtype().word());
        totals.put("optimizer", memory.optimizer().word());
        return totals;
    }
}
