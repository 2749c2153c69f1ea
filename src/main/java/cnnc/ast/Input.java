package cnnc.ast;

import cnnc.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code input 100x100x1} (height x width x channels) or {@code input 784} (a vector). A spatial size
 * may be a variable, {@code input HxWx1}, held as an {@link Expr.Ref}: the same letter twice is the
 * same variable.
 */
public record Input(List<Expr> dims, Span span) implements Statement {
    public <R> R accept(Visitor<R> visitor) {
        return visitor.visitInput(this);
    }

    public Input {
        dims = List.copyOf(dims);
    }

    /** The size variables, in the order they are first written: {@code [H, W]} for {@code input HxWx1}. */
    public List<String> variables() {
        Set<String> names = new LinkedHashSet<>();
        for (Expr dim : dims) {
            if (dim instanceof Expr.Ref ref) {
                names.add(ref.name());
            }
        }
        return List.copyOf(names);
    }

    /** The input with each variable replaced by its value (at the variable's place, for diagnostics). */
    public Input bind(Map<String, Long> values) {
        List<Expr> bound = new ArrayList<>(dims.size());
        for (Expr dim : dims) {
            bound.add(dim instanceof Expr.Ref ref && values.containsKey(ref.name())
                    ? new Num(values.get(ref.name()), ref.span()) : dim);
        }
        return new Input(bound, span);
    }
}
