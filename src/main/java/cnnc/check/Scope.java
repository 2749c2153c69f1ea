package cnnc.check;

import cnnc.ast.BlockDef;
import cnnc.diag.Diagnostic;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the statements of one block instance (or of the model itself) can see: the block's
 * parameters, the shape that entered the block ({@code in.c}), the tensors named so far, and the
 * chain of calls that led here (for notes on diagnostics and to refuse recursion).
 */
final class Scope {
    final Map<String, Value> params;
    final Shape blockInput;
    final Map<String, Tensor> named = new HashMap<>();
    final List<Diagnostic.Note> callNotes;
    final List<BlockDef> activeBlocks;
    /** The block instance path of the rows made here, e.g. {@code stage2/down1}; "" at the top. */
    final String path;
    /** How many layers of each stem, and instances of each block, this scope has made: names count per scope. */
    final Map<String, Integer> taken = new HashMap<>();

    Scope(Map<String, Value> params, Shape blockInput, List<Diagnostic.Note> callNotes, List<BlockDef> activeBlocks,
          String path) {
        this.params = Map.copyOf(params);
        this.blockInput = blockInput;
        this.callNotes = List.copyOf(callNotes);
        this.activeBlocks = List.copyOf(activeBlocks);
        this.path = path;
    }

    static Scope top(Shape input) {
        return new Scope(new HashMap<>(), input, List.of(), List.of(), "");
    }
}
