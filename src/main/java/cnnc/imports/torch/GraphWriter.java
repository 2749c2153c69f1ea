package cnnc.imports.torch;

import cnnc.ast.ActivationKind;
import cnnc.imports.DescriptionWriter;
import cnnc.imports.Selects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a traced graph, its nodes mapped ({@link TorchOps}), as the statements of a description, through the
 * writer both imports share ({@link DescriptionWriter}: branches of merges, {@code from}/{@code as} with torch.fx's
 * node names, blocks and repetitions), each node placed by its module path ({@code layer1_0_relu}), which tells
 * where a submodule's calls start and end. Before that, what PyTorch writes in two steps and the language
 * in one is joined: an activation function on a convolution's or dense layer's output ({@code
 * F.relu(self.conv1(x))}: {@code conv ... relu}, as cnnc torch's module {@code conv1_activation} behind
 * {@code conv1} in a repeated group; any other activation module stays a statement of its own), a
 * padding of exactly Keras's "same" in front of a convolution or pooling ({@code same}), a global pooling
 * to 1x1 then a flatten ({@code gap}), cnnc torch's {@code PerChannel} behind a pooling ({@code scaled}), and
 * the sum of a {@code Select}'s branches and what reads it ({@code select { ... } by { ... }}).
 */
final class GraphWriter {
    private final List<Step> order;
    private Step output;
    private String defaults = "";

    private GraphWriter(List<Step> order, Step output) {
        this.order = new ArrayList<>(order);
        this.output = output;
    }

    /** The description's text, not yet formatted: {@code order} begins with the input's step. */
    static String write(String modelName, List<Step> order, Step output) {
        GraphWriter writer = new GraphWriter(order, output);
        writer.count();
        writer.grownConcats();
        writer.count();
        writer.join();
        writer.count();
        writer.selects();
        writer.defaults();
        return writer.described(modelName);
    }

    private void count() {
        order.forEach(step -> step.consumers = 0);
        for (Step step : order) {
            step.inputs.forEach(read -> read.consumers++);
        }
        output.consumers++;
    }

    /**
     * A concatenation of an earlier one's tensors and one more (torchvision's DenseNet: each {@code _DenseLayer}
     * concatenates every feature before it, the {@code _DenseBlock} all of them at its end) reads that earlier
     * concatenation and the new tensor: cat(x0..xk) is cat(cat(x0..xk-1), xk), the same channels in the same
     * order. Each dense layer is then {@code concat { identity | bn; relu; conv ... }}, alike, where it was a
     * concatenation of k tensors read by name ({@code from}); a block finds them as any repetition. Done here, on
     * the mapped graph, not in the tracer, which prints torch.fx's graph as it is: how PyTorch's steps become the
     * language's is the import's, as a chain of additions joined into one {@code add} is ({@link #join}).
     */
    private void grownConcats() {
        Map<List<Step>, Step> made = new HashMap<>();
        for (Step step : order) {
            if (!"concat".equals(step.merge)) {
                continue;
            }
            List<Step> inputs = List.copyOf(step.inputs);
            Step before = inputs.size() > 2 ? made.get(inputs.subList(0, inputs.size() - 1)) : null;
            if (before != null) {
                step.inputs.clear();
                step.inputs.add(before);
                step.inputs.add(inputs.get(inputs.size() - 1));
            }
            made.put(inputs, step);
        }
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
            if (step.scales && before.text.matches("(maxpool|avgpool) .*")) {
                before.text += " scaled";
                replace(step, before);
                i--;
            } else if (before.takesActivation && ActivationKind.WORDS.contains(step.text)
                    && (!step.node.op.equals("call_module") || step.node.module.equals(before.node.module + "_activation"))
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
     * The values every {@code bn} and every {@code ln} write alike, once: {@code defaults torch} where they are
     * torch's (a batch norm's epsilon 0.00001 and momentum 0.1, a layer norm's epsilon 0.00001), else {@code
     * defaults bn eps E momentum M} and {@code ln eps E} (ConvNeXt's 0.000001), as the Keras import writes them.
     * A single {@code ln} keeps its value (a defaults line would be a line more), as a single {@code bn} of
     * torch's values does not: {@code defaults torch} is what a PyTorch model is.
     */
    private void defaults() {
        List<String> written = new ArrayList<>();
        boolean torch = false;
        List<Step> bns = layers("bn");
        String bn = shared(bns, "bn", " noscale");
        if (bn != null) {
            bns.forEach(step -> step.text = step.text.endsWith(" noscale") ? "bn noscale" : "bn");
            if (bn.equals("eps 0.00001 momentum 0.1")) {
                torch = true;
            } else {
                written.add("bn " + bn);
            }
        }
        List<Step> lns = layers("ln");
        String ln = shared(lns, "ln", "");
        boolean torchsLn = "eps 0.00001".equals(ln) && (torch || bns.isEmpty());
        if (ln != null && (lns.size() > 1 || torchsLn && torch)) {
            lns.forEach(step -> step.text = "ln");
            if (torchsLn) {
                torch = true;
            } else {
                written.add("ln " + ln);
            }
        }
        if (torch) {
            written.add(0, "torch");
            lns.stream().filter(step -> step.text.equals("ln eps 0.00001")).forEach(step -> step.text = "ln");
        }
        defaults = written.isEmpty() ? "" : "defaults " + String.join(" ", written) + "\n";
    }

    private List<Step> layers(String word) {
        return order.stream().filter(s -> s.text != null && (s.text.equals(word) || s.text.startsWith(word + " ")))
                .toList();
    }

    /** The modifiers every one of the layers writes alike, less {@code ignored}; null where there are none or they differ. */
    private static String shared(List<Step> layers, String word, String ignored) {
        Set<String> values = new HashSet<>();
        layers.forEach(step -> values.add((step.text + " ").substring(word.length()).replace(ignored, "").strip()));
        return values.size() == 1 && !values.contains("") ? values.iterator().next() : null;
    }

    /** cnnc torch's select ({@link Selects}): the sum of its branches and {@code by}'s statements become the select's. */
    private void selects() {
        Selects.Graph<Step> graph = new Selects.Graph<>(step -> step.inputs, step -> step.merge, step -> step.consumers);
        List<Step> sums = new ArrayList<>();
        for (Step select : order) {
            if (!"select".equals(select.merge) || select.inputs.size() < 3) {
                continue;
            }
            Selects.find(select, output, graph).ifPresent(found -> {
                select.by = found.by();
                select.inputs.remove(select.inputs.size() - 1);
                sums.add(found.sum());
            });
        }
        order.removeAll(sums);
        count();
    }

    /** The steps as {@link DescriptionWriter} writes them, named after torch.fx's nodes, placed by module path. */
    private String described(String modelName) {
        Map<Step, DescriptionWriter.Step> described = new HashMap<>();
        Map<DescriptionWriter.Step, Long> channels = new HashMap<>();
        Set<Step> inBy = new HashSet<>();
        order.stream().filter(step -> step.by != null).forEach(step -> inBy.addAll(step.by));
        List<DescriptionWriter.Step> steps = new ArrayList<>();
        for (Step step : order) {
            TorchNode node = step.node;
            DescriptionWriter.Step written = new DescriptionWriter.Step(node.name,
                    node.module.isEmpty() ? node.name : node.module.replace('.', '_'));
            written.text = step.text;
            written.merge = step.merge;
            for (Step read : step.inputs) {
                if (described.containsKey(read)) {
                    written.inputs.add(described.get(read));
                }
            }
            if (step.by != null) {
                written.by = step.by.stream().map(described::get).toList();
            }
            described.put(step, written);
            if (node.shape != null && !node.shape.isEmpty()) {
                channels.put(written, (long) node.shape.get(0));
            }
            if (!inBy.contains(step)) {
                steps.add(written);
            }
        }
        return DescriptionWriter.write(modelName, defaults, steps, described.get(output), channels, "n_");
    }
}
