package cnnc.imports.keras;

import cnnc.source.Span;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One Keras layer of the model's graph, as its JSON configuration describes it: its name (the place
 * diagnostics point at: {@code span}, where the name stands in the JSON text), its class, its options,
 * and the layers whose outputs it reads, with the shapes (batch axis left out) those outputs have.
 */
final class KerasLayer {
    final String name;
    final String className;
    /** The name Keras registered the class under ({@code cnnc>Split} for one cnnc keras writes), or "" when none. */
    final String registeredName;
    final JsonObject config;
    final Span span;
    final List<KerasLayer> inputs = new ArrayList<>();
    final List<List<Long>> inputShapes = new ArrayList<>();
    /** How many reads of this layer's output there are (the model's output counts as one). */
    int consumers;
    /** A helper cnnc keras writes for the layer it feeds, which the import folds into that layer. */
    boolean helper;
    /** cnnc's MaxPoolPadding in front of this max pooling, folded into it ({@code pad P}, {@code ceil}); else null. */
    KerasLayer negativeInfinityPadding;
    /** The option the mapping read last: where a value of another form than Keras writes stopped it. */
    String lastOption;

    KerasLayer(String name, String className, String registeredName, JsonObject config, Span span) {
        this.name = name;
        this.className = className;
        this.registeredName = registeredName;
        this.config = config;
        this.span = span;
    }

    /** The rank of its first input: 0 for a vector, 1 for a sequence, 2 for an image, 3 for a volume. */
    int inputRank() {
        return inputShapes.isEmpty() ? 0 : inputShapes.get(0).size() - 1;
    }

    List<Long> inputShape() {
        return inputShapes.get(0);
    }

    @Override
    public String toString() {
        return name + " (" + className + ")";
    }
}
