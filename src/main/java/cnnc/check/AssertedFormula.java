package cnnc.check;

import cnnc.diag.Diagnostic;
import cnnc.source.Span;
import java.util.List;

/**
 * A shape asserted as formulas of the input's size variables ({@code => floor(H/2) x floor(W/2) x 8}),
 * with the row it is about. The checker, which works at one size, only reads it; the accepted sizes'
 * analysis proves it at every size the model accepts (cnnc.sizes), or reports it where it does not hold.
 *
 * @param axes   one formula per axis of the row's shape, the channels last
 * @param usedAt where the block it is written in is used, as a diagnostic's notes (none at the top level)
 */
public record AssertedFormula(Span span, int row, List<SizeFormula> axes, List<Diagnostic.Note> usedAt) {
    public AssertedFormula {
        axes = List.copyOf(axes);
        usedAt = List.copyOf(usedAt);
    }

    /** As the report writes a shape: {@code floor(H/2) x floor(W/2) x 8}. */
    public String text() {
        return String.join(" x ", axes.stream().map(SizeFormula::text).toList());
    }
}
