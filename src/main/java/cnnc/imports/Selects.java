package cnnc.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * cnnc's select as both imports find it in a graph (cnnc keras's {@code Select}, cnnc torch's): the branches
 * added, the layers of {@code by} on that sum, each read by the next alone, then the select of the branches and
 * the logits, its last input. The sum and {@code by}'s layers become the select's. Each import holds its graph in
 * steps of its own, made before {@link DescriptionWriter}'s (the {@code defaults} line is worked out on them),
 * so this reads a step through {@link Graph}.
 */
public final class Selects {
    private Selects() {
    }

    /** How a step of an import's graph is read: the tensors it reads, its merge word (null for a layer), its readers. */
    public record Graph<S>(Function<S, List<S>> inputs, Function<S, String> merge, ToIntFunction<S> consumers) {
    }

    /** The sum of a select's branches and the layers of its {@code by}, in order. */
    public record Found<S>(S sum, List<S> by) {
    }

    /**
     * The sum and {@code by} of a select, where its logits are made from the sum of its branches alone, through
     * at least one layer; else empty.
     */
    public static <S> Optional<Found<S>> find(S select, S output, Graph<S> graph) {
        List<S> inputs = graph.inputs().apply(select);
        List<S> branches = inputs.subList(0, inputs.size() - 1);
        List<S> by = new ArrayList<>();
        S at = inputs.get(inputs.size() - 1);
        while (graph.merge().apply(at) == null && graph.inputs().apply(at).size() == 1
                && graph.consumers().applyAsInt(at) == 1 && at != output) {
            by.add(0, at);
            at = graph.inputs().apply(at).get(0);
        }
        if (!"add".equals(graph.merge().apply(at)) || !graph.inputs().apply(at).equals(branches)
                || graph.consumers().applyAsInt(at) != 1 || by.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Found<>(at, by));
    }
}
