package cnnc.check;

import cnnc.ast.BlockDef;
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
    final List<BlockDef> activeBlocks;
    /** The block instance path of the rows made here, e.g. {@code stage2/down1}; "" at the top. */
    final String path;
    /** What the names of the layers made here start with: {@code stage2.down1.}, or "" at the top. */
    final String namePrefix;
    /** Why there is no tensor entering the block (one that declares its outputs reads only its parameters); else null. */
    String inputAbsent;
    /** How many layers of each stem, and instances of each block, this scope has made: names count per scope. */
    private final Map<String, Integer> taken = new HashMap<>();

    Scope(Map<String, Value> params, Shape blockInput, List<BlockDef> activeBlocks, String path) {
        this.params = Map.copyOf(params);
        this.blockInput = blockInput;
        this.activeBlocks = List.copyOf(activeBlocks);
        this.path = path;
        this.namePrefix = path.isEmpty() ? "" : path.replace('/', '.') + ".";
    }

    private Scope(Map<String, Value> params, Shape blockInput) {
        this.params = params;
        this.blockInput = blockInput;
        this.activeBlocks = List.of();
        this.path = "";
        this.namePrefix = "";
    }

    /**
     * Where a parameter's default is worked out: the parameters bound before it, seen as they are bound
     * rather than copied (a block of thousands of parameters would copy them thousands of times a use).
     */
    static Scope forDefaults(Map<String, Value> boundSoFar, Shape blockInput) {
        return new Scope(java.util.Collections.unmodifiableMap(boundSoFar), blockInput);
    }

    /** One more of this stem or block made here: 1 for the first. */
    int count(String stem) {
        int count = taken.getOrDefault(stem, 0) + 1;
        taken.put(stem, count);
        return count;
    }

    static Scope top(Shape input) {
        return new Scope(new HashMap<>(), input, List.of(), "");
    }
}
