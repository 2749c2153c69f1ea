package cnnc.check;

import cnnc.ast.Defaults;
import cnnc.source.Span;
import java.util.List;

/**
 * The model as the checker understood it: every layer with its shapes and parameters.
 *
 * @param inputSpan where the input is declared (the start of the file when it is missing)
 * @param blocks    every block instance that was expanded, in the order the calls were reached
 *                  (an enclosing instance before the ones it uses)
 * @param outputNames the names given with {@code as NAME}, which backends use as variable names
 * @param merges      each merge's row with the rows each of its branches made, in the order written
 * @param defaults    the file's {@code defaults} statement ({@link Defaults#NONE} without one), which the
 *                    checker has already applied to every bn and ln: the report shows it in its heading
 */
public record CheckedModel(String name, Shape input, Span inputSpan, List<CheckedLayer> layers, Totals totals,
                           List<BlockInstance> blocks, List<OutputName> outputNames, List<Merge> merges,
                           Defaults defaults) {
    public CheckedModel {
        layers = List.copyOf(layers);
        blocks = List.copyOf(blocks);
        outputNames = List.copyOf(outputNames);
        merges = List.copyOf(merges);
    }

    /** A model without block instances. */
    public CheckedModel(String name, Shape input, Span inputSpan, List<CheckedLayer> layers, Totals totals) {
        this(name, input, inputSpan, layers, totals, List.of(), List.of(), List.of(), Defaults.NONE);
    }

    /**
     * A merge ({@code add}, {@code concat}, {@code multiply}) and what its branches made: the rows of each
     * branch, in the order the branches are written (an {@code identity} branch makes none).
     */
    public record Merge(int row, List<Rows> branches) {
        public Merge {
            branches = List.copyOf(branches);
        }
    }

    /** The rows {@code first} to {@code last}, both included; none when {@code last < first}. */
    public record Rows(int first, int last) {
        public boolean contains(int row) {
            return row >= first && row <= last;
        }

        public boolean isEmpty() {
            return last < first;
        }
    }

    /**
     * {@code ... as NAME}: the row whose output the name stands for, in the block instance (its path,
     * "" at the top level) where it was written.
     */
    public record OutputName(String scope, int row, String name) {
    }

    /** True when every layer reads just the one before it (a Keras Sequential model). */
    public boolean isChain() {
        for (CheckedLayer layer : layers) {
            if (layer.inputs().size() != 1 || layer.inputs().get(0) != layer.index() - 1) {
                return false;
            }
        }
        return true;
    }
}
