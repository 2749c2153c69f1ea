package cnnc.check;

import cnnc.ast.BlockDef;
import cnnc.ast.Expr;
import cnnc.ast.FunctionKind;
import cnnc.ast.Num;
import java.util.ArrayList;
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
    private final Map<String, Integer> taken;
    /** The names a merge's branches are made for ({@code k} of {@code concat for k in ks}): not the block's parameters. */
    private final java.util.Set<String> branchNames;

    Scope(Map<String, Value> params, Shape blockInput, List<BlockDef> activeBlocks, String path) {
        this.params = Map.copyOf(params);
        this.blockInput = blockInput;
        this.activeBlocks = List.copyOf(activeBlocks);
        this.path = path;
        this.namePrefix = path.isEmpty() ? "" : path.replace('/', '.') + ".";
        this.taken = new HashMap<>();
        this.branchNames = java.util.Set.of();
    }

    private Scope(Map<String, Value> params, Shape blockInput) {
        this.params = params;
        this.blockInput = blockInput;
        this.activeBlocks = List.of();
        this.path = "";
        this.namePrefix = "";
        this.taken = new HashMap<>();
        this.branchNames = java.util.Set.of();
    }

    private Scope(Scope outer, Map<String, Value> branchValues) {
        Map<String, Value> params = new HashMap<>(outer.params);
        params.putAll(branchValues);
        this.params = Map.copyOf(params);
        this.blockInput = outer.blockInput;
        this.activeBlocks = outer.activeBlocks;
        this.path = outer.path;
        this.namePrefix = outer.namePrefix;
        this.taken = outer.taken;
        java.util.Set<String> names = new java.util.HashSet<>(outer.branchNames);
        names.addAll(branchValues.keySet());
        this.branchNames = java.util.Set.copyOf(names);
        this.named.putAll(outer.named);
    }

    /**
     * One branch of {@code concat for k in ks}: this scope with {@code k} (and its place) bound, its layers
     * counted with this scope's so that their names stay unique; names it makes stay in the branch.
     */
    Scope branch(Map<String, Value> values) {
        return new Scope(this, values);
    }

    /** True unless the expression reads a branch's value, which a backend writing the block once cannot name. */
    boolean writable(Expr expr) {
        if (expr instanceof Expr.Ref ref) {
            return !branchNames.contains(ref.name());
        } else if (expr instanceof Expr.Call call) {
            return call.arguments().stream().allMatch(this::writable);
        }
        return !(expr instanceof Expr.Binary binary) || writable(binary.left()) && writable(binary.right());
    }

    /**
     * A number's expression as a backend writing the block once can write it: a branch's value
     * ({@code k} of {@code concat for k in ks}) and a list's length ({@code len(ks)}) as the numbers they
     * are here, since the block's code is written out branch by branch; null when nothing is left that
     * names a parameter or the block's input (the value is written), or when it reads a list as a number.
     */
    Expr written(Expr expr) {
        Expr written = substituted(expr);
        return written != null && (names(written) || !names(expr)) ? written : null;
    }

    private Expr substituted(Expr expr) {
        if (expr instanceof Expr.Ref ref && branchNames.contains(ref.name())) {
            Value value = params.get(ref.name());
            return value instanceof Value.Whole whole ? new Num(whole.value(), ref.span())
                    : value instanceof Value.Decimal decimal ? new Expr.Dec(decimal.text(), ref.span()) : null;
        } else if (expr instanceof Expr.Ref ref) {
            return params.get(ref.name()) instanceof Value.Whole || params.get(ref.name()) instanceof Value.Decimal ? ref : null;
        } else if (expr instanceof Expr.Call call && call.function() == FunctionKind.LEN) {
            return length(call.arguments().get(0), call.span());
        } else if (expr instanceof Expr.Call call) {
            List<Expr> arguments = new ArrayList<>();
            for (Expr argument : call.arguments()) {
                Expr written = substituted(argument);
                if (written == null) {
                    return null;
                }
                arguments.add(written);
            }
            return new Expr.Call(call.function(), arguments, call.span());
        } else if (expr instanceof Expr.Binary binary) {
            Expr left = substituted(binary.left());
            Expr right = substituted(binary.right());
            if (left == null || right == null) {
                return null;
            }
            // f/len(ks) with one value: f, not f // 1
            boolean byOne = !(binary.right() instanceof Num) && right instanceof Num num && num.value() == 1
                    && (binary.op() == '*' || binary.op() == '/');
            return byOne ? left : new Expr.Binary(binary.op(), left, right, binary.span());
        }
        return expr instanceof Expr.Items ? null : expr;
    }

    private Num length(Expr list, cnnc.source.Span span) {
        if (list instanceof Expr.Items items) {
            return new Num(items.items().size(), span);
        }
        return list instanceof Expr.Ref ref && params.get(ref.name()) instanceof Value.Items items
                ? new Num(items.values().size(), span) : null;
    }

    /** True when the expression reads a parameter or the block's input. */
    private static boolean names(Expr expr) {
        if (expr instanceof Expr.Binary binary) {
            return names(binary.left()) || names(binary.right());
        } else if (expr instanceof Expr.Call call) {
            return call.arguments().stream().anyMatch(Scope::names);
        }
        return expr instanceof Expr.Ref || expr instanceof Expr.InputDim;
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
