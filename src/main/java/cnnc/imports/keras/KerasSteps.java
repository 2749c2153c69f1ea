package cnnc.imports.keras;

import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.imports.DescriptionWriter;
import cnnc.imports.DescriptionWriter.Step;
import cnnc.imports.Selects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Keras graph, its layers mapped, as the steps {@link DescriptionWriter} writes: each layer's statement or
 * merge, named after the Keras layer. cnnc's own helpers of generated Keras ({@code conv1_pad} in front of a
 * layer, {@code maxpool1_scale}, {@code conv1_leakyrelu} behind one) become the modifiers they were written for,
 * and a value every {@code bn} (or {@code ln}) writes alike a {@code defaults} line.
 */
final class KerasSteps {
    private final List<Step> order = new ArrayList<>();
    private final Map<Step, KerasLayer> layers = new HashMap<>();
    /** The channels of each step's output, as the layers that read it have them. */
    private final Map<Step, Long> channels = new HashMap<>();
    private Step output;
    private String defaults = "";

    private KerasSteps() {
    }

    /** The description's text, not yet formatted; {@code mapped} holds every layer but the input. */
    static String write(KerasGraph graph, Map<KerasLayer, Mapped> mapped) {
        KerasSteps steps = new KerasSteps();
        steps.steps(graph, mapped);
        steps.selects();
        steps.defaults();
        return DescriptionWriter.write(graph.modelName, steps.defaults, steps.order, steps.output, steps.channels, "l_");
    }

    private Step step(KerasLayer layer) {
        Step step = new Step(layer.name, layer.name);
        layers.put(step, layer);
        return step;
    }

    private void steps(KerasGraph graph, Map<KerasLayer, Mapped> mapped) {
        Map<KerasLayer, Step> steps = new HashMap<>();
        for (KerasLayer layer : graph.layers) {
            if (layer == graph.input) {
                Step input = step(layer);
                input.text = "input " + String.join("x", layer.inputShape().stream().map(String::valueOf).toList());
                order.add(input);
                steps.put(layer, input);
                continue;
            }
            Step step = step(layer);
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
    }

    /** cnnc's helper layers, back into the modifier they stand for; the step that holds the result. */
    private Step fold(Step step) {
        if (step.inputs.size() != 1 || step.inputs.get(0).text == null) {
            return step;
        }
        Step before = step.inputs.get(0);
        KerasLayer layer = layers.get(step);
        String name = layer.name;
        boolean onlyReader = layers.get(before).consumers == 1;
        if (onlyReader && before.name.equals(name + "_pad") && before.text.startsWith("zeropad ")
                && before.text.indexOf(' ', "zeropad ".length()) < 0 && !step.text.contains(" same")
                && step.text.matches("(conv|dwconv|sepconv|avgpool) .*")) {
            step.text += " pad " + before.text.substring("zeropad ".length());
            step.inputs.set(0, before.inputs.get(0));
            order.remove(before);
            return step;
        }
        if (onlyReader && name.equals(before.name + "_scale") && layer.className.equals("DepthwiseConv2D")
                && before.text.matches("(maxpool|avgpool) .*")) {
            before.text += " scaled";
            return before;
        }
        if (onlyReader && name.equals(before.name + "_leakyrelu") && step.text.startsWith("leakyrelu")
                && before.text.matches("(conv|dwconv|sepconv|deconv|dense) .*")) {
            before.text += " " + step.text;
            return before;
        }
        return step;
    }

    /**
     * cnnc keras's select ({@link Selects}): the sum of its branches and {@code by}'s layers become the select's. A
     * Select whose logits come otherwise is a graph the language cannot say.
     */
    private void selects() {
        Selects.Graph<Step> graph = new Selects.Graph<>(step -> step.inputs, step -> step.merge,
                step -> layers.get(step).consumers);
        for (Step select : List.copyOf(order)) {
            if (!"select".equals(select.merge)) {
                continue;
            }
            Selects.Found<Step> found = Selects.find(select, output, graph).orElseThrow(() -> {
                KerasLayer layer = layers.get(select);
                return new Refusal(Diagnostic.of(Code.E0823, layer.span, "Keras layer " + layer.name + " (cnnc's Select) "
                        + "weighs its branches by logits that are not made from their sum alone: the language's select "
                        + "makes its logits ('by') from the sum of its branches", "build the logits from an Add of the "
                        + "branches the Select weighs, through layers that nothing else reads"));
            });
            select.by = found.by();
            select.inputs.remove(select.inputs.size() - 1);
            order.remove(found.sum());
            order.removeAll(found.by());
        }
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
}
