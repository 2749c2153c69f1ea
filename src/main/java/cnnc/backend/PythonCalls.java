package cnnc.backend;

import cnnc.ast.BlockDef;
import cnnc.ast.Expr;
import cnnc.ast.Num;
import cnnc.check.BlockInstance;
import cnnc.check.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A block's parameters and arguments as the Python backends write them: the block's signature with
 * its plain defaults ({@code s=1}), and at a call each argument as written there, a parameter left
 * to a plain default left out, and one given for a parameter with a default by keyword.
 */
public final class PythonCalls {
    private final Set<String> reserved;

    /** @param reserved the names the generated code uses itself, which a parameter is not given */
    public PythonCalls(Set<String> reserved) {
        this.reserved = Set.copyOf(reserved);
    }

    /** A parameter of the description as a Python name: itself, or with '_' when Python or the code has it. */
    public String parameter(String name) {
        return PythonText.isIdentifier(name) && !reserved.contains(name) ? name : name + "_";
    }

    /** The block's parameters as a function takes them, outputs passed as tensors left out. */
    public List<String> parameters(BlockInstance instance) {
        List<String> parameters = new ArrayList<>();
        boolean defaults = defaultsWritten(instance.definition());
        for (BlockDef.Param param : instance.definition().params()) {
            // an output is a tensor the code passes itself; a list's values are in the code already (its branches)
            if (instance.arguments().get(param.name()) instanceof Value.Output || instance.arguments().get(param.name()) instanceof Value.Items) {
                continue;
            }
            String name = parameter(param.name());
            parameters.add(defaults && isPlain(param.defaultValue()) ? name + "=" + plain(param.defaultValue()) : name);
        }
        return parameters;
    }

    /**
     * The arguments at a call, outputs left out: each as written there, through {@code written} (an
     * expression of the caller's parameters, which writes the value where the caller's code cannot
     * compute it), or its value when the caller is the top level.
     */
    public List<String> arguments(BlockInstance instance, Function<Expr, String> written) {
        List<String> arguments = new ArrayList<>();
        boolean keywords = false;
        boolean defaults = defaultsWritten(instance.definition());
        for (BlockDef.Param param : instance.definition().params()) {
            Value value = instance.arguments().get(param.name());
            if (value instanceof Value.Output || value instanceof Value.Items) {
                continue;
            }
            Expr given = instance.given().get(param.name());
            if (given == null && isPlain(param.defaultValue()) && defaults) {
                keywords = true;
                continue;
            }
            keywords |= defaults && param.defaultValue() != null; // stage(64, 3, s=1): Stage(64, 64, 3, s=1)
            String text = written != null && given != null && !(given instanceof Num) && !(given instanceof Expr.Dec)
                    ? written.apply(value instanceof Value.Whole whole ? new Num(whole.value(), given.span(), given)
                            : new Expr.Dec(value.text(), given.span(), given)) : value.text();
            arguments.add(keywords ? parameter(param.name()) + "=" + text : text);
        }
        return arguments;
    }

    /** {@code residual(f, s=1)}, as defined. */
    public static String signature(BlockDef definition) {
        return definition.name() + "(" + definition.params().stream()
                .map(p -> p.defaultValue() == null ? p.name() : p.name() + "=" + cnnc.ast.AstPrinter.expr(p.defaultValue()))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Python takes defaults only after the parameters without: written when every default is plain and last. */
    private static boolean defaultsWritten(BlockDef definition) {
        boolean seen = false;
        for (BlockDef.Param param : definition.params()) {
            if (param.defaultValue() != null && !isPlain(param.defaultValue()) || param.defaultValue() == null && seen) {
                return false;
            }
            seen |= param.defaultValue() != null;
        }
        return true;
    }

    private static boolean isPlain(Expr expr) {
        return expr instanceof Num || expr instanceof Expr.Dec;
    }

    private static String plain(Expr expr) {
        return expr instanceof Num num ? Long.toString(num.value()) : new BigDecimal(((Expr.Dec) expr).text()).toPlainString();
    }
}
