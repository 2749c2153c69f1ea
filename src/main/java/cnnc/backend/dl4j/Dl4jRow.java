package cnnc.backend.dl4j;

import cnnc.check.CheckedLayer;
import java.util.List;

/**
 * A checked layer and the DL4J layers (or graph vertices) that compute it, in order: usually one;
 * none for the flatten that DL4J inserts by itself in a chain; two when DL4J needs a helper (padding,
 * LeNet scaling, the copy in front of an activation in a graph).
 *
 * @param notes comments for a row without layers of its own
 */
record Dl4jRow(CheckedLayer row, List<LayerCode> layers, List<String> notes) {
    Dl4jRow {
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }

    static Dl4jRow of(CheckedLayer row, LayerCode... layers) {
        return new Dl4jRow(row, List.of(layers), List.of());
    }
}
