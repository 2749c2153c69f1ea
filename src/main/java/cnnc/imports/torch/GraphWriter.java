package cnnc.imports.torch;

import cnnc.ast.ActivationKind;
import cnnc.imports.Statements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a traced graph, its nodes mapped ({@link TorchOps}), as the statements of a description. A chain
 * is a list of statements; a merge's inputs ({@code x + y}, {@code torch.cat}) are its branches, each holding
 * the nodes only it reads, back to where it starts; any other read of a tensor that is not the one before is
 * {@code from NAME}, with {@code as NAME} where it is made, NAME being torch.fx's name for the node (the
 * module path with {@code _} for the dots). Before that, what PyTorch writes in two steps and the language
 * in one is joined: an activation function on a convolution's or dense layer's output ({@code
 * F.relu(self.conv1(x))}: {@code conv ... relu}; an activation module stays a statement of its own), a
 * padding of exactly Keras's "same" in front of a convolution or pooling ({@code same}), a global pooling
 * to 1x1 then a flatten ({@code gap}).
 *
 * <p>The way branches, names and repetitions are written is the Keras import's
 * ({@code cnnc.imports.keras.DescriptionWriter}), over torch's nodes.
 */
final class GraphWriter {
    private final List<Step> order;
    private Step output;
    private final Map<Step, String> names = new HashMap<>();
    private final Set<Step> referenced = new HashSet<>();
    private String defaults = "";

    private GraphWriter(List<Step> order, Step output) {
        this.order = new ArrayList<>(order);
        this.output = output;
    }

    /** The description's text, not yet formatted: {@code order} begins with the input's step. */
    static String write(String modelName, List<Step> order, Step output) {
        GraphWriter writer = new GraphWriter(order, output);
        writer.count();
        writer.join();
        writer.count();
        writer.absorbBranches();
        writer.defaults();
        writer.lines(modelName);
        writer.nameReferenced();
        return writer.lines(modelName);
    }

    private void count() {
        order.forEach(step -> step.consumers = 0);
        for (Step step : order) {
            step.inputs.forEach(read -> read.consumers++);
        }
        output.consumers++;
    }

    /** What PyTorch writes in two steps and the language in one, joined into the first or the second. */
    private void join() {
        for (int i = 1; i < order.size(); i++) {
            Step step = order.get(i);
            if (step.merge != null && !step.inputs.isEmpty()) {
                // sum(xs[1:], xs[0]) is a chain of additions: one merge of every branch
                Step first = step.inputs.get(0);
                if (step.merge.equals(first.merge) && first.consumers == 1 && first != output) {
                    step.inputs.remove(0);
                    step.inputs.addAll(0, first.inputs);
                    order.remove(first);
                    count();
                    i = Math.max(0, i - 2);
                }
                continue;
            }
            if (step.inputs.size() != 1) {
                continue;
            }
            Step before = step.inputs.get(0);
            if (before.consumers != 1 || before == output || before.merge != null) {
                continue;
            }
            if (before.takesActivation && ActivationKind.WORDS.contains(step.text)
                    && !hasActivation(before.text)) {
                before.text += " " + step.text;
                replace(step, before);
                i--;
            } else if (step.text.equals("flatten") && before.text.matches("(gap|gmp) keep")) {
                before.text = before.text.replace(" keep", "");
                replace(step, before);
                i--;
            } else if (before.pads != null && step.kernel != null && helper(before, step)
                    && (!before.negativeInfinity || step.text.startsWith("maxpool "))) {
                step.text += same(before, step) ? " same" : " ceil";
                step.inputs.set(0, before.inputs.get(0));
                order.remove(before);
                i--;
            }
        }
    }

    private static boolean hasActivation(String text) {
        for (String word : text.split(" ")) {
            if (ActivationKind.WORDS.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** {@code gone} is joined into {@code into}: who read it reads {@code into}. */
    private void replace(Step gone, Step into) {
        order.remove(gone);
        if (output == gone) {
            output = into;
        }
        for (Step step : order) {
            step.inputs.replaceAll(read -> read == gone ? into : read);
        }
        count();
    }

    /**
     * Whether the padding is cnnc's own helper for the layer ({@code conv1_pad} in front of {@code conv1}, as
     * {@code cnnc torch} writes Keras's "same" and a max pooling's ceil): a padding layer of the model's own
     * stays a {@code zeropad}.
     */
    private static boolean helper(Step pad, Step layer) {
        if (!pad.node.module.equals(layer.node.module + "_pad")) {
            return false;
        }
        return same(pad, layer) || pad.negativeInfinity && ceil(pad, layer);
    }

    /** Whether -inf after each axis is PyTorch's ceil_mode: as many windows as ceil((n - k) / s) + 1. */
    private static boolean ceil(Step pad, Step layer) {
        List<Integer> in = pad.node.inputShape();
        List<Integer> out = layer.node.shape;
        for (int axis = 0; axis < pad.pads.length; axis++) {
            int n = in.get(axis + 1);
            int k = layer.kernel[axis];
            int s = layer.stride[axis];
            int windows = (n - k + s - 1) / s + 1;
            if ((windows - 1) * s >= n) {
                windows--;
            }
            if (pad.pads[axis][0] != 0 || pad.pads[axis][1] >= s || out.get(axis + 1) != windows) {
                return false;
            }
        }
        return true;
    }

    /** Whether the padding is Keras's "same" for the window behind it: ceil(n / s) out, the odd zero after. */
    private static boolean same(Step pad, Step layer) {
        List<Integer> in = pad.node.inputShape();
        for (int axis = 0; axis < pad.pads.length; axis++) {
            int n = in.get(axis + 1);
            int s = layer.stride[axis];
            int span = (layer.kernel[axis] - 1) * layer.dilation[axis] + 1;
            int total = Math.max(((n + s - 1) / s - 1) * s + span - n, 0);
            if (pad.pads[axis][0] != total / 2 || pad.pads[axis][1] != total - total / 2) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value every {@code bn} writes alike, as {@code defaults torch} where it is torch's (epsilon 0.00001,
     * momentum 0.1; then an {@code ln} of epsilon 0.00001 writes none either) or {@code defaults bn eps E
     * momentum M}.
     */
    private void defaults() {
        List<Step> bns = order.stream().filter(s -> s.text != null && s.text.startsWith("bn ")).toList();
        Set<String> values = new HashSet<>();
        bns.forEach(step -> values.add(step.text.substring("bn ".length())));
        if (values.size() != 1) {
            return;
        }
        String value = values.iterator().next();
        bns.forEach(step -> step.text = "bn");
        if (value.equals("eps 0.00001 momentum 0.1")) {
            defaults = "defaults torch\n";
            order.stream().filter(s -> s.text != null && s.text.equals("ln eps 0.00001")).forEach(s -> s.text = "ln");
        } else {
            defaults = "defaults bn " + value + "\n";
        }
    }

    private void absorbBranches() {
        for (Step merge : order) {
            if (merge.merge == null) {
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

    private String lines(String modelName) {
        StringBuilder text = new StringBuilder();
        text.append("model ").append(Statements.modelName(modelName)).append('\n').append(defaults);
        List<String> statements = statements();
        text.append(statements.get(0)).append('\n');
        Statements.repeated(statements.subList(1, statements.size())).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    private List<String> statements() {
        List<String> statements = new ArrayList<>();
        Step current = null;
        for (Step step : order) {
            if (step.absorbed) {
                continue;
            }
            String line = step.merge != null ? merge(step, current) : single(step, current);
            if (names.containsKey(step)) {
                line += " as " + names.get(step);
            }
            statements.add(line);
            current = step;
        }
        if (current != output) {
            statements.add("from " + reference(output) + "; identity");
        }
        return statements;
    }

    private String single(Step step, Step current) {
        if (step.inputs.isEmpty() || step.inputs.get(0) == current) {
            return step.text;
        }
        return "from " + reference(step.inputs.get(0)) + "; " + step.text;
    }

    private String merge(Step step, Step current) {
        List<String> branches = new ArrayList<>();
        for (List<Step> chain : step.branches) {
            List<String> statements = new ArrayList<>();
            Step start = chain.get(0);
            if (start != current) {
                statements.add("from " + reference(start));
            }
            chain.subList(1, chain.size()).forEach(layer -> statements.add(layer.text));
            branches.add(statements.isEmpty() ? "identity" : String.join("; ", statements));
        }
        String oneLine = step.merge + " { " + String.join(" | ", branches) + " }";
        return oneLine.length() <= 100 ? oneLine : step.merge + " { " + String.join("\n    | ", branches) + " }";
    }

    private String reference(Step step) {
        referenced.add(step);
        return names.getOrDefault(step, "?");
    }

    private void nameReferenced() {
        Set<String> taken = new HashSet<>();
        for (Step step : order) {
            if (!referenced.contains(step)) {
                continue;
            }
            String name = Statements.name(step.node.name, "n_");
            String unique = name;
            for (int i = 2; !taken.add(unique); i++) {
                unique = name + "_" + i;
            }
            names.put(step, unique);
        }
    }
}
