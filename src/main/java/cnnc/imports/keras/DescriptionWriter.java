package cnnc.imports.keras;

import cnnc.imports.Statements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a Keras graph, its layers mapped, as the statements of a description. A chain is a list of
 * statements; a merge's inputs are its branches, each holding the layers that only it reads (a residual
 * branch, an Inception tower, a squeeze-and-excitation gate), starting from the tensor before the merge
 * or {@code from} a named one; any other read of a tensor that is not the one before is a
 * {@code from NAME} with {@code as NAME} where the tensor is made, NAME being the Keras layer's name.
 * cnnc's own helpers of generated Keras ({@code conv1_pad} in front of a layer, {@code maxpool1_scale},
 * {@code conv1_leakyrelu} behind one) become the modifiers they were written for.
 */
final class DescriptionWriter {
    /** A statement being written: a layer, or a merge of its inputs. */
    private static final class Step {
        final KerasLayer layer;
        String text;
        String merge;
        String comment = "";
        final List<Step> inputs = new ArrayList<>();
        final List<List<Step>> branches = new ArrayList<>();
        int consumers;
        boolean absorbed;

        Step(KerasLayer layer) {
            this.layer = layer;
        }
    }

    private final List<Step> order = new ArrayList<>();
    private final Map<Step, String> names = new HashMap<>();
    private final Set<Step> referenced = new HashSet<>();
    /** The channels of each step's output, as the layers that read it have them. */
    private final Map<Step, Long> channels = new HashMap<>();
    private Step output;
    private String defaults = "";

    private DescriptionWriter() {
    }

    /** The description's text, not yet formatted; {@code mapped} holds every layer but the input. */
    static String write(KerasGraph graph, Map<KerasLayer, Mapped> mapped) {
        DescriptionWriter writer = new DescriptionWriter();
        writer.steps(graph, mapped);
        writer.absorbBranches();
        writer.defaults();
        writer.statements();
        writer.nameReferenced();
        return writer.lines(graph);
    }

    private void steps(KerasGraph graph, Map<KerasLayer, Mapped> mapped) {
        Map<KerasLayer, Step> steps = new HashMap<>();
        for (KerasLayer layer : graph.layers) {
            if (layer == graph.input) {
                Step input = new Step(layer);
                input.text = "input " + String.join("x", layer.inputShape().stream().map(String::valueOf).toList());
                order.add(input);
                steps.put(layer, input);
                continue;
            }
            Step step = new Step(layer);
            layer.inputs.forEach(read -> step.inputs.add(steps.get(read)));
            Mapped as = mapped.get(layer);
            if (as instanceof Mapped.Pass) {
                steps.put(layer, step.inputs.get(0));
                continue;
            }
            if (as instanceof Mapped.Statement statement) {
                step.text = statement.text();
                step.comment = statement.comment();
            } else if (as instanceof Mapped.Merge merge) {
                step.merge = merge.word();
            } else {
                throw new IllegalStateException("a refused layer is never written: " + layer);
            }
            for (int i = 0; i < layer.inputs.size(); i++) {
                List<Long> shape = layer.inputShapes.get(i);
                channels.putIfAbsent(steps.get(layer.inputs.get(i)), shape.get(shape.size() - 1));
            }
            Step folded = fold(step);
            steps.put(layer, folded);
            if (folded == step) {
                order.add(step);
            }
        }
        output = steps.get(graph.output);
        for (Step step : order) {
            step.inputs.forEach(read -> read.consumers++);
        }
        output.consumers++;
    }

    /** cnnc's helper layers, back into the modifier they stand for; the step that holds the result. */
    private Step fold(Step step) {
        if (step.inputs.size() != 1 || step.inputs.get(0).text == null) {
            return step;
        }
        Step before = step.inputs.get(0);
        String name = step.layer.name;
        boolean onlyReader = before.layer.consumers == 1;
        if (onlyReader && before.layer.name.equals(name + "_pad") && before.text.startsWith("zeropad ")
                && before.text.indexOf(' ', "zeropad ".length()) < 0 && !step.text.contains(" same")
                && step.text.matches("(conv|dwconv|sepconv|avgpool) .*")) {
            step.text += " pad " + before.text.substring("zeropad ".length());
            step.inputs.set(0, before.inputs.get(0));
            order.remove(before);
            return step;
        }
        if (onlyReader && name.equals(before.layer.name + "_scale") && step.layer.className.equals("DepthwiseConv2D")
                && before.text.matches("(maxpool|avgpool) .*")) {
            before.text += " scaled";
            return before;
        }
        if (onlyReader && name.equals(before.layer.name + "_leakyrelu") && step.text.startsWith("leakyrelu")
                && before.text.matches("(conv|dwconv|sepconv|deconv|dense) .*")) {
            before.text += " " + step.text;
            return before;
        }
        return step;
    }

    /**
     * A value every {@code bn} (or every {@code ln}) writes alike, keras.applications' epsilon 1.001e-5 in
     * ResNet50 say, is written once, as {@code defaults bn eps 0.00001001}, and left off each layer.
     */
    private void defaults() {
        List<String> shared = new ArrayList<>();
        for (String layer : List.of("bn", "ln")) {
            List<Step> steps = order.stream().filter(s -> s.text != null
                    && (s.text.equals(layer) || s.text.startsWith(layer + " "))).toList();
            List<String> modifiers = new ArrayList<>();
            for (String modifier : List.of("eps", "momentum")) {
                Pattern written = Pattern.compile(" " + modifier + " (\\S+)");
                Set<String> values = new HashSet<>();
                for (Step step : steps) {
                    java.util.regex.Matcher value = written.matcher(step.text);
                    values.add(value.find() ? value.group(1) : "");
                }
                if (steps.size() > 1 && values.size() == 1 && !values.contains("")) {
                    String value = values.iterator().next();
                    modifiers.add(modifier + " " + value);
                    steps.forEach(step -> step.text = step.text.replace(" " + modifier + " " + value, ""));
                }
            }
            if (!modifiers.isEmpty()) {
                shared.add(layer + " " + String.join(" ", modifiers));
            }
        }
        defaults = shared.isEmpty() ? "" : "defaults " + String.join(" ", shared) + "\n";
    }

    /** Each merge's inputs as branches: the chain of layers only it reads, back to where the branch starts. */
    private void absorbBranches() {
        for (Step merge : order) {
            if (merge.merge == null || residual(merge)) {
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

    private String lines(KerasGraph graph) {
        StringBuilder text = new StringBuilder();
        text.append("model ").append(Statements.modelName(graph.modelName)).append('\n').append(defaults);
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
            if (named) {
                line += " as " + names.get(step);
            }
            statements.add(new BlockFinder.Line(line, String.join("; ", comments), step.layer.name,
                    !named && !line.contains("from "), current == null ? 0 : channels.getOrDefault(current, 0L)));
            current = step;
        }
        if (current != output) {
            statements.add(new BlockFinder.Line("from " + reference(output) + "; identity", "", output.layer.name,
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
        String oneLine = step.merge + " { " + String.join(" | ", branches) + " }";
        if (oneLine.length() <= 100) {
            return oneLine;
        }
        return step.merge + " { " + String.join("\n    | ", branches) + " }";
    }

    private String reference(Step step) {
        referenced.add(step);
        return names.getOrDefault(step, "?");
    }

    /** Each step read by {@code from}, named after its Keras layer, as the language's names are written. */
    private void nameReferenced() {
        Set<String> taken = new HashSet<>();
        for (Step step : order) {
            if (!referenced.contains(step)) {
                continue;
            }
            String name = Statements.name(step.layer.name, "l_");
            String unique = name;
            for (int i = 2; !taken.add(unique); i++) {
                unique = name + "_" + i;
            }
            names.put(step, unique);
        }
    }
}
