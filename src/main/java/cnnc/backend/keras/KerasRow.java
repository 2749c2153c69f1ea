package cnnc.backend.keras;

import cnnc.check.CheckedLayer;
import java.util.List;

/**
 * A checked layer and the Keras layers that compute it, in order: usually one, named as the row;
 * two when Keras needs a helper in front ({@code conv1_pad}, the zeros of {@code pad P}) or behind
 * ({@code avgpool1_scale}, LeNet-5's scaling). The last one gives the row's output.
 *
 * @param notes comments for the row as a whole, under its source line
 */
record KerasRow(CheckedLayer row, List<KerasLayer> layers, List<String> notes) {
    KerasRow {
        layers = List.copyOf(layers);
        notes = List.copyOf(notes);
    }

    static KerasRow of(CheckedLayer row, KerasLayer... layers) {
        return new KerasRow(row, List.of(layers), List.of());
    }
}
