package cnnc.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cnnc.Compilation;
import cnnc.ast.ActivationKind;
import cnnc.ast.LayerKind;
import cnnc.check.CheckedLayer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Holds a framework suite to the whole language: every layer kind and every activation is in at least one of
 * the models the suite runs in its framework, so that a kind or an activation the language gains is not
 * translated untried.
 */
public final class KindsCovered {
    private KindsCovered() {
    }

    /**
     * Fails, naming each kind and activation none of {@code models} uses and where to write a model that does.
     *
     * @param suite      the suite, for the message
     * @param whereToAdd where a hand-written model for the suite goes
     */
    public static void assertEveryKindAndActivation(String suite, List<Compilation> models, String whereToAdd) {
        Set<LayerKind> kinds = EnumSet.noneOf(LayerKind.class);
        Set<ActivationKind> activations = EnumSet.noneOf(ActivationKind.class);
        for (Compilation model : models) {
            for (CheckedLayer layer : model.model().layers()) {
                if (!layer.implicit()) {
                    kinds.add(layer.kind());
                    activations.add(layer.activation());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (LayerKind kind : LayerKind.values()) {
            if (!kinds.contains(kind)) {
                missing.add(kind.op());
            }
        }
        for (ActivationKind activation : ActivationKind.values()) {
            if (!activations.contains(activation)) {
                missing.add(activation.word());
            }
        }
        assertEquals(List.of(), missing, "layer kinds and activations that no model of " + suite + " uses: write one in "
                + whereToAdd);
    }

    /** The kinds that read a sequence, an image or a volume alike, each written at every rank by the Python backends. */
    public static final Set<LayerKind> GRID_KINDS = EnumSet.of(LayerKind.CONV, LayerKind.DWCONV, LayerKind.SEPCONV,
            LayerKind.DECONV, LayerKind.MAXPOOL, LayerKind.AVGPOOL, LayerKind.GAP, LayerKind.GMP, LayerKind.UPSAMPLE,
            LayerKind.ZEROPAD, LayerKind.CROP, LayerKind.BN, LayerKind.LN, LayerKind.FLATTEN, LayerKind.RESHAPE,
            LayerKind.PRELU, LayerKind.SPLIT, LayerKind.SHUFFLE, LayerKind.ADD, LayerKind.CONCAT, LayerKind.MULTIPLY,
            LayerKind.DENSE);

    /** Fails, naming each of {@code kinds} that no layer of {@code models} runs on a sequence, or on a volume. */
    public static void assertEveryRank(String suite, List<Compilation> models, Set<LayerKind> kinds, String whereToAdd) {
        Set<String> met = new java.util.HashSet<>();
        for (Compilation model : models) {
            for (CheckedLayer layer : model.model().layers()) {
                if (!layer.implicit() && layer.inputShape() instanceof cnnc.check.Shape.Grid grid) {
                    met.add(layer.kind().op() + " " + grid.rank());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (LayerKind kind : kinds) {
            for (int rank : new int[] {1, 3}) {
                if (!met.contains(kind.op() + " " + rank)) {
                    missing.add(kind.op() + (rank == 1 ? " on a sequence" : " on a volume"));
                }
            }
        }
        assertEquals(List.of(), missing, "kinds that no model of " + suite + " runs at every rank: write one in " + whereToAdd);
    }
}
