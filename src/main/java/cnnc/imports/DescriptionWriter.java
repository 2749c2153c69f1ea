package cnnc.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an imported graph, its layers mapped to statements, as a description; both imports (Keras's and
 * PyTorch's) write through it. A chain is a list of statements; a merge's inputs are its branches, each holding
 * the layers that only it reads (a residual branch, an Inception tower, a squeeze-and-excitation gate), starting
 * from the tensor before the merge or {@code from} a named one; any other read of a tensor that is not the one
 * before is a {@code from NAME} with {@code as NAME} where the tensor is made, NAME being the source model's
 * (the Keras layer's name, torch.fx's node name). The top-level statements then become blocks and repetitions
 * ({@link BlockFinder}).
 */
public final class DescriptionWriter {
    /** A statement being written: a layer, or a merge of its inputs. */
    public static final class Step {
        /** The source model's name for the tensor: what {@code as} and {@code from} name it. */
        public final String name;
        /** Where it is in the source model, for where blocks start and end ({@link BlockFinder.Line#place}). */
        public final String place;
        /** The statement; null for a merge. */
        public String text;
        /** {@code add}, {@code multiply}, {@code concat}, {@code matmul} or {@code select} for a merge. */
        public String merge;
        public String comment = "";
        public final List<Step> inputs = new ArrayList<>();
        /** A {@code select}'s {@code by}: the statements that make its logits, in order; null for others. */
        public List<Step> by;
        final List<List<Step>> branches = new ArrayList<>();
        int consumers;
        boolean absorbed;

        public Step(String name, String place) {
            this.name = name;
            this.place = place;
        }
    }

    private final List<Step> order;
    private final Step output;
    /** The channels of each step's output, as the layers that read it have them. */
    private final Map<Step, Long> channels;
    private final String prefix;
    private final Map<Step, String> names = new HashMap<>();
    private final Set<Step> referenced = new HashSet<>();

    private DescriptionWriter(List<Step> order, Step output, Map<Step, Long> channels, String prefix) {
        this.order = order;
        this.output = output;
        this.channels = channels;
        this.prefix = prefix;
    }

    /**
     * The description's text, not yet formatted.
     *
     * @param order    the steps in an order where each follows those it reads, the input's first
     * @param defaults the {@code defaults} line (with its line break), or nothing
     * @param channels the channels of each step's output (what {@code in.c} is in a block it starts)
     * @param prefix   put before a name that would start with a digit ({@code l_}, {@code n_})
     */
    public static String write(String modelName, String defaults, List<Step> order, Step output,
                               Map<Step, Long> channels, String prefix) {
        DescriptionWriter writer = new DescriptionWriter(new ArrayList<>(order), output, channels, prefix);
        for (Step step : writer.order) {
            step.inputs.forEach(read -> read.consumers++);
        }
        output.consumers++;
        writer.absorbBranches();
        writer.statements();
        writer.nameReferenced();
        return writer.lines(modelName, defaults);
    }

    /** Each merge's inputs as branches: the chain of layers only it reads, back to where the branch starts. */
    private void absorbBranches() {
        for (Step merge : order) {
            if (merge.merge == null || merge.by == null && residual(merge)) {
                continue;
            }
            for (Step read : merge.inputs) {
                List<Step> chain = new ArrayList<>();
                Step at = read;
                while (at.merge == null && at.inputs.size() == 1 && at.consumers == 1 && at != output) {
                    chain.add(0, at);
                    at.absorbed = true;
                    at = at.inputs.get(0);
                }
                chain.add(0, at);
                merge.branches.add(chain);
            }
        }
    }

    /**
     * A merge of a tensor and what a sub-graph makes of it (EfficientNet's MBConv, whose
     * squeeze-and-excitation is a merge of its own inside the residual branch): the sub-graph is the branch,
     * {@code add { ...; multiply { ... }; ... | identity }}, where every layer in it reads only the tensor or
     * layers in it, and only the merge or layers in it read them.
     */
    private boolean residual(Step merge) {
        if (merge.inputs.size() != 2 || merge.inputs.get(0) == merge.inputs.get(1)) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            Step start = merge.inputs.get(1 - side);
            List<Step> region = region(merge.inputs.get(side), start, merge);
            if (region != null) {
                List<Step> branch = new ArrayList<>();
                branch.add(start);
                branch.addAll(region.stream().filter(step -> !step.absorbed).toList());
                region.forEach(step -> step.absorbed = true);
                for (int i = 0; i < 2; i++) {
                    merge.branches.add(i == side ? branch : List.of(start));
                }
                return true;
            }
        }
        return false;
    }

    /** The steps from start (left out) to end, in order, when they are a sub-graph only the merge reads; else null. */
    private List<Step> region(Step end, Step start, Step merge) {
        Set<Step> inside = new HashSet<>();
        List<Step> todo = new ArrayList<>(List.of(end));
        while (!todo.isEmpty()) {
            Step step = todo.remove(todo.size() - 1);
            if (step == start || !inside.add(step)) {
                continue;
            }
            if (step.inputs.isEmpty() || step == output) {
                return null;
            }
            todo.addAll(step.inputs);
        }
        if (inside.stream().noneMatch(step -> step.merge != null)) {
            return null;
        }
        for (Step step : inside) {
            int readers = 0;
            for (Step reader : order) {
                if (inside.contains(reader) || reader == merge) {
                    readers += (int) reader.inputs.stream().filter(read -> read == step).count();
                }
            }
            if (readers != step.consumers) {
                return null;
            }
        }
        List<Step> region = order.stream().filter(inside::contains).toList();
        Step current = start;
        for (Step step : region) {
            if (step.absorbed) {
                continue;
            }
            Step before = current;
            boolean follows = step.merge != null ? step.branches.stream().allMatch(chain -> chain.get(0) == before)
                    : step.inputs.get(0) == before;
            if (!follows) {
                return null;
            }
            current = step;
        }
        return current == end ? region : null;
    }

    private String lines(String modelName, String defaults) {
        StringBuilder text = new StringBuilder();
        text.append("model ").append(Statements.modelName(modelName)).append('\n').append(defaults);
        List<BlockFinder.Line> statements = statements();
        text.append(statements.get(0).code()).append('\n');
        BlockFinder.Found found = BlockFinder.find(statements.subList(1, statements.size()), this::taken);
        found.definitions().forEach(line -> text.append(line).append('\n'));
        List<String> top = found.lines().stream().map(line -> line.comment().isEmpty() ? line.code()
                : line.code() + "   # " + line.comment()).toList();
        BlockFinder.joined(Statements.repeated(top)).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Whether a word may not name a block: a word of the language, or a name the description gives. */
    private boolean taken(String word) {
        return Statements.reserved(word) || names.containsValue(word);
    }

    /** The top-level statements, in order: the input, then one per step not in a merge's branch. */
    private List<BlockFinder.Line> statements() {
        List<BlockFinder.Line> statements = new ArrayList<>();
        Step current = null;
        for (Step step : order) {
            if (step.absorbed) {
                continue;
            }
            List<String> comments = new ArrayList<>();
            String line = step.merge != null ? merge(step, current, comments) : single(step, current, comments);
            boolean named = names.containsKey(step);
            Step read = current;
            if (named && current == null) {
                // the language names no input (E0709, 'as' does not apply to 'input'): an identity right after
                // it, the input passed on unchanged, takes the name, and from it reads the input again
                statements.add(new BlockFinder.Line(line, "", step.place, false, 0));
                line = "identity";
                read = step;
            }
            if (named) {
                line += " as " + names.get(step);
            }
            statements.add(new BlockFinder.Line(line, String.join("; ", comments), step.place,
                    !named && !line.contains("from "), read == null ? 0 : channels.getOrDefault(read, 0L)));
            current = step;
        }
        if (current != output) {
            statements.add(new BlockFinder.Line("from " + reference(output) + "; identity", "", output.place,
                    false, 0));
        }
        return statements;
    }

    private String single(Step step, Step current, List<String> comments) {
        if (!step.comment.isEmpty()) {
            comments.add(step.comment);
        }
        if (step.inputs.isEmpty() || step.inputs.get(0) == current) {
            return step.text;
        }
        return "from " + reference(step.inputs.get(0)) + "; " + step.text;
    }

    private String merge(Step step, Step current, List<String> comments) {
        List<String> branches = new ArrayList<>();
        for (List<Step> chain : step.branches) {
            List<String> statements = new ArrayList<>();
            Step start = chain.get(0);
            if (start != current) {
                statements.add("from " + reference(start));
            }
            Step before = start;
            for (Step layer : chain.subList(1, chain.size())) {
                statements.add(layer.merge != null ? merge(layer, before, comments) : layer.text);
                if (!layer.comment.isEmpty()) {
                    comments.add(layer.comment);
                }
                before = layer;
            }
            branches.add(statements.isEmpty() ? "identity" : String.join("; ", statements));
        }
        String by = step.by == null ? "" : " by { " + String.join("; ", step.by.stream().map(s -> s.text).toList())
                + " }";
        String oneLine = step.merge + " { " + String.join(" | ", branches) + " }" + by;
        if (oneLine.length() <= 100) {
            return oneLine;
        }
        return step.merge + " { " + String.join("\n    | ", branches) + " }" + by;
    }

    private String reference(Step step) {
        referenced.add(step);
        return names.getOrDefault(step, "?");
    }

    /** Each step read by {@code from}, named after the source model's name, as the language's names are written. */
    private void nameReferenced() {
        Set<String> taken = new HashSet<>();
        for (Step step : order) {
            if (!referenced.contains(step)) {
                continue;
            }
            String name = Statements.name(step.name, prefix);
            String unique = name;
            for (int i = 2; !taken.add(unique); i++) {
                unique = name + "_" + i;
            }
            names.put(step, unique);
        }
    }
}
