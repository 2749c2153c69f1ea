package cnnc.backend.diff;

import cnnc.Compilation;
import cnnc.analysis.Analysis;
import cnnc.analysis.LayerFigures;
import cnnc.ast.AstPrinter;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MeyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * Matches the layers of two models, block instance by block instance. Inside the model and inside each
 * matched pair of instances, the layers and instances made there are aligned as a sequence (Myers's diff in
 * linear space, java-diff-utils'), so that a layer inserted in the middle leaves everything after it matched: first by
 * identity (a layer as its values wrote it and its {@code as} name, an instance by its name, the block's and
 * its repetition's: {@code keep6}); then, in each stretch left between two matches, by kind (the layer's op,
 * the instance's block), which pairs a layer whose arguments changed; then a stretch of as many on both sides
 * is paired in order (a layer whose kind changed, a renamed one). What is left is removed or inserted.
 */
public final class ModelDiff {
    private ModelDiff() {
    }

    public static Difference compare(Compilation before, Compilation after) {
        return new Difference(before, after, match(tree(before), tree(after)));
    }

    private static List<Entry> match(List<Item> before, List<Item> after) {
        List<Entry> entries = new ArrayList<>();
        align(before, after, ModelDiff::sameIdentity, entries, (a, b) -> {
            List<Entry> stretch = new ArrayList<>();
            align(a, b, ModelDiff::sameKind, stretch, ModelDiff::pairInOrder);
            return stretch;
        });
        return entries;
    }

    /** What a stretch of the first model's items and the second's between two matches become. */
    private interface Stretch {
        List<Entry> entries(List<Item> before, List<Item> after);
    }

    /** The matches {@code equal} finds as pairs; each stretch between them as {@code between} makes it. */
    private static void align(List<Item> before, List<Item> after, BiPredicate<Item, Item> equal, List<Entry> out,
                              Stretch between) {
        int i = 0;
        int j = 0;
        for (int[] stretch : stretches(before, after, equal)) {
            while (i < stretch[0]) {
                out.add(pair(before.get(i++), after.get(j++)));
            }
            out.addAll(between.entries(before.subList(stretch[0], stretch[1]), after.subList(stretch[2], stretch[3])));
            i = stretch[1];
            j = stretch[3];
        }
        while (i < before.size()) {
            out.add(pair(before.get(i++), after.get(j++)));
        }
    }

    /**
     * Where the two lists differ, each stretch as {first, end} in {@code before} and {first, end} in {@code after}.
     * The linear-space variant gives an insertion and a deletion at one place as two deltas: they are one stretch.
     */
    private static List<int[]> stretches(List<Item> before, List<Item> after, BiPredicate<Item, Item> equal) {
        List<int[]> stretches = new ArrayList<>();
        // linear space: two models that share little would make the plain variant's paths quadratic
        for (AbstractDelta<Item> delta : DiffUtils.diff(before, after, new MeyersDiffWithLinearSpace<>(equal))
                .getDeltas()) {
            int from = delta.getSource().getPosition();
            int to = delta.getTarget().getPosition();
            int[] last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
            if (last != null && last[1] == from && last[3] == to) {
                last[1] = from + delta.getSource().size();
                last[3] = to + delta.getTarget().size();
            } else {
                stretches.add(new int[] {from, from + delta.getSource().size(), to, to + delta.getTarget().size()});
            }
        }
        return stretches;
    }

    /** A stretch of as many items on both sides, layer against layer and instance against instance, as pairs. */
    private static List<Entry> pairInOrder(List<Item> before, List<Item> after) {
        List<Entry> entries = new ArrayList<>();
        boolean pairs = before.size() == after.size();
        for (int k = 0; pairs && k < before.size(); k++) {
            pairs = before.get(k).kind() == after.get(k).kind();
        }
        if (pairs) {
            for (int k = 0; k < before.size(); k++) {
                entries.add(pair(before.get(k), after.get(k)));
            }
            return entries;
        }
        for (Item item : before) {
            entries.add(alone(Entry.Change.REMOVED, item));
        }
        for (Item item : after) {
            entries.add(alone(Entry.Change.INSERTED, item));
        }
        return entries;
    }

    private static boolean sameIdentity(Item a, Item b) {
        return a.kind() == b.kind() && (a.isBlock() ? a.name().equals(b.name())
                : a.text().equals(b.text()) && Objects.equals(a.as(), b.as()));
    }

    private static boolean sameKind(Item a, Item b) {
        return a.kind() == b.kind() && a.word().equals(b.word());
    }

    /** A matched pair: what differs of it, and for instances their own contents matched in turn. */
    private static Entry pair(Item before, Item after) {
        List<Entry> children = match(before.children(), after.children());
        List<Aspect> changed = new ArrayList<>();
        for (Aspect aspect : Aspect.values()) {
            if (aspect.differs(before, after)) {
                changed.add(aspect);
            }
        }
        boolean same = changed.isEmpty() && children.stream().allMatch(c -> c.change() == Entry.Change.SAME);
        return new Entry(same ? Entry.Change.SAME : Entry.Change.CHANGED, before, after, changed, children);
    }

    /** An item only one model has, with everything made in it. */
    private static Entry alone(Entry.Change change, Item item) {
        List<Entry> children = new ArrayList<>();
        for (Item child : item.children()) {
            children.add(alone(change, child));
        }
        return change == Entry.Change.INSERTED ? new Entry(change, null, item, List.of(), children)
                : new Entry(change, item, null, List.of(), children);
    }

    /** The model's top-level layers and instances, each instance with what was made in it, in the order made. */
    static List<Item> tree(Compilation compilation) {
        CheckedModel model = compilation.model();
        Analysis analysis = compilation.analysis().orElseThrow();
        Map<Integer, String> asNames = new HashMap<>();
        for (CheckedModel.OutputName name : model.outputNames()) {
            asNames.putIfAbsent(name.row(), name.name());
        }
        Map<String, BlockInstance> instances = new HashMap<>();
        for (BlockInstance instance : model.blocks()) {
            instances.put(instance.path(), instance);
        }
        Scope top = new Scope(null);
        Map<String, Scope> scopes = new HashMap<>();
        scopes.put("", top);
        for (CheckedLayer layer : model.layers()) {
            Scope scope = scope(layer.block(), scopes, instances);
            LayerFigures figures = analysis.row(layer.index());
            String text = layer.implicit() ? "(flatten, implicit)" : AstPrinter.print(layer.layer());
            scope.add(new Item(Item.Kind.LAYER, layer.name(), layer.block(), text, layer.kind().op(),
                    asNames.get(layer.index()), layer.index(), layer.index(), 1, layer.outputShape(), layer.params(),
                    figures.macs(), figures.flops(), layer.layer().span().line(), List.of()));
        }
        for (BlockInstance instance : model.blocks()) {
            scope(instance.path(), scopes, instances); // an instance that made no layer is still one
        }
        return top.items();
    }

    /** The scope of the instance at {@code path}, made (with those enclosing it) when first reached. */
    private static Scope scope(String path, Map<String, Scope> scopes, Map<String, BlockInstance> instances) {
        Scope known = scopes.get(path);
        if (known != null) {
            return known;
        }
        BlockInstance instance = instances.get(path);
        Scope parent = scope(instance.parent(), scopes, instances);
        Scope scope = new Scope(instance);
        parent.children.add(scope);
        scopes.put(path, scope);
        return scope;
    }

    /** A block instance (or the model, with none) being gathered: its layers and instances in order, and sums. */
    private static final class Scope {
        private final BlockInstance instance;
        private final List<Object> children = new ArrayList<>();
        private int first;
        private int last;
        private int layers;
        private long params;
        private long macs;
        private long flops;

        Scope(BlockInstance instance) {
            this.instance = instance;
        }

        void add(Item layer) {
            children.add(layer);
        }

        List<Item> items() {
            List<Item> items = new ArrayList<>();
            for (Object child : children) {
                items.add(child instanceof Scope scope ? scope.item() : (Item) child);
            }
            return items;
        }

        /** The instance as an item, its sums those of every layer made in it, however deep. */
        Item item() {
            List<Item> items = items();
            for (Item child : items) {
                first = first == 0 ? child.first() : first;
                last = child.layers() == 0 ? last : child.last();
                layers += child.layers();
                params += child.params();
                macs += child.macs();
                flops += child.flops();
            }
            return new Item(Item.Kind.BLOCK, instance.name(), instance.path(), instance.usage(), instance.block(), null,
                    first, last, layers, instance.outputShape(), params, macs, flops, instance.call().line(), items);
        }
    }
}
