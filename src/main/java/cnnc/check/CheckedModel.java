package cnnc.check;

import cnnc.source.Span;
import java.util.List;

/**
 * The model as the checker understood it: every layer with its shapes and parameters.
 *
 * @param inputSpan where the input is declared (the start of the file when it is missing)
 */
public record CheckedModel(String name, Shape input, Span inputSpan, List<CheckedLayer> layers, Totals totals) {
    public CheckedModel {
        layers = List.copyOf(layers);
    }

    /** True when every layer reads just the one before it (a Keras Sequential model). */
    public boolean isChain() {
        return layers.stream().allMatch(layer -> layer.inputs().equals(List.of(layer.index() - 1)));
    }
}
