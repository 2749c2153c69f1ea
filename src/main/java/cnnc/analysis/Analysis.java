package cnnc.analysis;

import java.util.List;

/**
 * What a checked model costs: each layer's figures (in row order, the model's input first, as row
 * 0) and the totals for the analysed batch and number type.
 */
public record Analysis(Options options, List<LayerFigures> rows, long macs, long flops, Memory memory) {
    public Analysis {
        rows = List.copyOf(rows);
    }

    /** The figures of row {@code index}; 0 is the model's input. */
    public LayerFigures row(int index) {
        return rows.get(index);
    }
}
