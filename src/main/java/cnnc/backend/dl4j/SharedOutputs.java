package cnnc.backend.dl4j;

import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a graph whose output array DL4J may hand to more than one reader. In inference DL4J
 * 1.0.0-M2.1's ActivationLayer applies its function in place, to the very array it reads; on an array
 * that another branch also reads (a shortcut), that branch would see the activated values. The
 * translator puts a copy in front of an activation layer that reads one of these rows.
 */
final class SharedOutputs {
    private SharedOutputs() {
    }

    /**
     * Row indices (0 is the model's input, which belongs to the caller) read by two or more rows, or
     * passed on unchanged by a layer that returns the array it reads (dropout, flatten, reshape).
     */
    static Set<Integer> of(CheckedModel model) {
        Map<Integer, Integer> readers = new HashMap<>();
        model.layers().forEach(row -> row.inputs().forEach(input -> readers.merge(input, 1, Integer::sum)));
        Set<Integer> shared = new HashSet<>(Set.of(0));
        for (CheckedLayer row : model.layers()) {
            boolean passedOn = passesItsArrayOn(row) && shared.contains(row.inputs().get(0));
            if (readers.getOrDefault(row.index(), 0) > 1 || passedOn) {
                shared.add(row.index());
            }
        }
        return Set.copyOf(shared);
    }

    /** A switch over every kind, without a default, so that a new kind must say whether it does. */
    private static boolean passesItsArrayOn(CheckedLayer row) {
        return row.implicit() || switch (row.kind()) {
            case DROPOUT, FLATTEN, RESHAPE -> true;
            case CONV, DWCONV, SEPCONV, DECONV, MAXPOOL, AVGPOOL, GAP, GMP, DENSE, BN, LN, NORMALIZE, LAYERSCALE,
                 PRELU, RESCALE, ACTIVATE, UPSAMPLE, ZEROPAD, CROP, SPLIT, SHUFFLE, ADD, CONCAT, MULTIPLY, MATMUL, SELECT -> false;
        };
    }
}
