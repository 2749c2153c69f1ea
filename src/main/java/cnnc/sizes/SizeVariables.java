package cnnc.sizes;

import cnnc.ast.Asserted;
import cnnc.ast.Description;
import cnnc.ast.Expr;
import cnnc.ast.Input;
import cnnc.ast.Invalid;
import cnnc.ast.Statement;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives an input's size variables values before the checker, which works on numbers: the values asked for
 * ({@code cnnc report --at 512x384}), else the smallest sizes the model accepts, each variable's least
 * ({@link AcceptedSizes#smallest}: what the checked model, the editor's shapes and the report's figures
 * then show). A variable where a number is needed (the channels, a vector's length) is E0800; a model that accepts no size is
 * E0801.
 */
public final class SizeVariables {
    private SizeVariables() {
    }

    /** The input's size variables, in the order written ({@code [H, W]}), or none (a file that does not parse has none). */
    public static List<String> variables(Description description) {
        return AcceptedSizes.input(description).map(Input::variables).orElse(List.of());
    }

    /** The input's shape as written, with its variables: {@code H x W x 1}. */
    public static String inputText(Description description) {
        return String.join(" x ", dims(AcceptedSizes.input(description).orElseThrow()));
    }

    /** The input's sizes as written, each a variable's name or a number: {@code [H, W, 1]}. */
    public static List<String> dims(Input input) {
        List<String> dims = new ArrayList<>();
        for (Expr dim : input.dims()) {
            dims.add(dim instanceof Expr.Ref ref ? ref.name() : Long.toString(dim.value()));
        }
        return dims;
    }

    public static Description bind(Description description, String modelName, Map<String, Long> given,
                                   Diagnostics diagnostics) {
        Input input = AcceptedSizes.input(description).orElse(null);
        if (input == null || input.variables().isEmpty()) {
            return description;
        }
        Expr last = input.dims().get(input.dims().size() - 1);
        if (last instanceof Expr.Ref ref) {
            diagnostics.add(Code.E0800, ref.span(), input.dims().size() == 1
                    ? "a vector's length is a number, not the variable '" + ref.name() + "'"
                    : "the channels are a number, not the variable '" + ref.name() + "'",
                    "size variables stand for the spatial sizes: input HxWx3, input Lx1, input DxHxWx3");
            return withoutInput(description);
        }
        Map<String, Long> values = new LinkedHashMap<>(given);
        if (!values.keySet().containsAll(input.variables())) {
            Map<String, Long> smallest = AcceptedSizes.smallest(description, modelName);
            if (smallest.isEmpty()) {
                diagnostics.add(Code.E0801, input.span(), AcceptedSizes.NONE_ACCEPTED, "cnnc report --at " + String.join("x",
                        input.variables().stream().map(v -> "64").toList()) + " shows the layer that refuses a size");
                return withoutInput(description);
            }
            smallest.forEach(values::putIfAbsent);
        }
        return AcceptedSizes.bind(description, values);
    }

    /** The description with its input made an Invalid one: reported already, the checker stays quiet about shapes. */
    private static Description withoutInput(Description description) {
        List<Statement> statements = new ArrayList<>();
        for (Statement statement : description.statements()) {
            boolean input = statement instanceof Input
                    || statement instanceof Asserted asserted && asserted.statement() instanceof Input;
            statements.add(input ? new Invalid("input", statement.span()) : statement);
        }
        return new Description(description.blocks(), statements, description.span());
    }
}
