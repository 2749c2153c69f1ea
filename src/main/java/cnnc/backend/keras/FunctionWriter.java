package cnnc.backend.keras;

import cnnc.ast.Expr;
import cnnc.ast.Num;
import cnnc.backend.Bodies;
import cnnc.backend.BlockVariants;
import cnnc.backend.ExprText;
import cnnc.backend.PythonArithmetic;
import cnnc.backend.PythonCalls;
import cnnc.backend.PythonHelpers;
import cnnc.backend.PythonText;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Value;
import cnnc.diag.Diagnostics;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The functional form of the Keras module: a Python function per block, written once for all its
 * uses as keras.applications writes its blocks ({@code def residual(x, f, s=1, *, name)}, each
 * layer named {@code f"{name}.conv1"}, so a layer's name is the report's row name), and the body of
 * {@code build_model()}, which calls them. A running {@code x} where a value is read once, right after
 * it is made; the {@code as} names and the rows' names elsewhere.
 */
final class FunctionWriter {
    private static final String INDENT = "    ";
    private static final Set<String> RESERVED = Set.of("x", "inputs", "keras", "layers", "name", "build_model",
            "in_channels", "in_height", "in_width", "i", "min", "max", "round", "len", PythonHelpers.MAKE_DIVISIBLE_NAME);
    private static final PythonCalls CALLS = new PythonCalls(RESERVED);

    private final SourceFile source;
    private final CheckedModel model;
    private final Bodies bodies;
    private final Map<Integer, KerasRow> translated = new HashMap<>();
    private final BlockVariants variants = new BlockVariants();

    FunctionWriter(SourceFile source, CheckedModel model, List<KerasRow> rows) {
        this.source = source;
        this.model = model;
        this.bodies = Bodies.of(model);
        rows.forEach(row -> translated.put(row.row().index(), row));
    }

    /** The block functions, innermost written first so each reads after what it uses; instances whose code differs get one each. */
    String functions() {
        Set<String> taken = new HashSet<>(RESERVED);
        // a function is a module-level name, which a parameter of the same name would hide inside a block
        // (MixNet's irs(f, e, ks, se) calls the block se)
        Set<String> parameters = new HashSet<>();
        model.blocks().forEach(instance -> instance.definition().params().forEach(p -> parameters.add(CALLS.parameter(p.name()))));
        variants.write(model, bodies, instance -> function(BlockVariants.NAME, instance), (block, kind, names) -> {
            String name = functionName(block + (kind == 1 ? "" : "_" + kind), taken, parameters);
            taken.add(name);
            return name;
        }, (name, instance) -> { });
        StringBuilder out = new StringBuilder();
        variants.texts().forEach(text -> out.append(text).append("\n\n"));
        return PythonHelpers.used(out.toString()) + out;
    }

    private static String functionName(String block, Set<String> taken, Set<String> parameters) {
        String name = block.replaceAll("[^A-Za-z0-9_]", "_");
        if (!PythonText.isIdentifier(name) || ModuleClasses.defines(name) || parameters.contains(name)) {
            name = "block_" + name;
        }
        while (taken.contains(name)) {
            name = name + "_";
        }
        return name;
    }

    private String function(String name, BlockInstance instance) {
        Bodies.Body body = bodies.body(instance);
        Set<String> dimensions = new LinkedHashSet<>();
        ExprText.Language language = new ExprText.Language(CALLS::parameter, dimension -> {
            String variable = switch (dimension) {
                case 'h' -> "in_height";
                case 'w' -> "in_width";
                default -> "in_channels";
            };
            dimensions.add(variable);
            return variable;
        }, PythonArithmetic.of(instance));
        StringBuilder code = new StringBuilder();
        body(body, language, code, INDENT);
        List<String> parameters = new ArrayList<>(body.hasInput() ? List.of(body.inputName()) : List.of());
        body.outputs().keySet().forEach(output -> parameters.add(CALLS.parameter(output)));
        parameters.addAll(CALLS.parameters(instance));
        parameters.add("*");
        parameters.add("name");
        StringBuilder text = new StringBuilder("def ").append(name).append('(').append(String.join(", ", parameters))
                .append("):\n");
        text.append(INDENT).append("\"\"\"").append(PythonText.commentText("block " + PythonCalls.signature(instance.definition())
                + ", line " + instance.definition().span().line()).replace("\\", "?").replace("\"", "?")).append(".\"\"\"\n");
        for (String dimension : dimensions) {
            int axis = switch (dimension) {
                case "in_height" -> 1;
                case "in_width" -> 2;
                default -> -1;
            };
            text.append(INDENT).append(dimension).append(" = ").append(body.inputName()).append(".shape[").append(axis)
                    .append("]\n");
        }
        text.append(code);
        return text.toString();
    }

    /** The top level: build_model()'s statements after the input, ending in the returned model's output. */
    String top(StringBuilder out, String modelName) {
        Bodies.Body body = bodies.topKeepingInput();
        out.append(INDENT).append(body.inputName()).append(" = keras.Input(shape=").append(shape()).append(")\n");
        String last = body(body, null, out, INDENT);
        out.append(INDENT).append("return keras.Model(").append(body.inputName()).append(", ").append(last)
                .append(", name=").append(modelName).append(")\n");
        return last;
    }

    private String shape() {
        List<Long> dims = model.input().dims();
        return dims.size() == 1 ? "(" + dims.get(0) + ",)"
                : "(" + String.join(", ", dims.stream().map(String::valueOf).toList()) + ")";
    }

    /** The statements of a body; in a block (language not null), ending with its return. */
    private String body(Bodies.Body body, ExprText.Language language, StringBuilder out, String indent) {
        Map<Integer, String> variables = new HashMap<>();
        body.variables().forEach((row, variable) -> variables.put(row, variable(variable, body)));
        List<Bodies.Item> items = body.items();
        for (int position = 0; position < items.size(); position++) {
            Bodies.Item item = items.get(position);
            int run = language == null ? 0 : Bodies.repetition(body, position, (a, b) -> a instanceof Bodies.Use use
                    ? variants.same(use.instance(), ((Bodies.Use) b).instance())
                    : loopCall((Bodies.Row) a, language).equals(loopCall((Bodies.Row) b, language)));
            if (run > 0) {
                Bodies.Item last = items.get(position + run - 1);
                Expr count = Bodies.repeatCount(body.instance(), item);
                String local = Bodies.localName(item);
                String stem = local.replaceAll("[0-9]+$", "");
                long start = Long.parseLong(local.substring(stem.length()));
                String in = variables.get(Bodies.Body.reads(item).get(0));
                String result = variables.get(last.outputRow());
                if (!in.equals(result)) {
                    out.append(indent).append(result).append(" = ").append(in).append('\n');
                }
                String index = "{" + (start == 0 ? "i" : "i + " + start) + "}";
                out.append(indent).append("for i in range(").append(ExprText.of(new Num(0, count.span(), count), language))
                        .append("):\n");
                out.append(indent).append(INDENT).append(result).append(" = ");
                if (item instanceof Bodies.Use use) {
                    List<String> arguments = new ArrayList<>(List.of(result));
                    arguments.addAll(CALLS.arguments(use.instance(), expr -> ExprText.of(expr, language)));
                    arguments.add("name=f\"{name}." + stem + index + "\"");
                    out.append(variants.nameOf(use.instance())).append('(').append(String.join(", ", arguments)).append(")\n");
                } else {
                    out.append(loopCall((Bodies.Row) item, language).replace(LOOP_NAME, stem + index)).append('(')
                            .append(result).append(")\n");
                }
                position += run - 1;
                continue;
            }
            // a block that gives several outputs returns a tuple: b1, b2 = module(...)
            String variable = String.join(", ", item.outputRows().stream().map(variables::get).toList());
            if (item instanceof Bodies.Row made) {
                row(made.layer(), language, variables, variable, out, indent);
            } else {
                use(((Bodies.Use) item).instance(), language, variables, variable, out, indent);
            }
        }
        String result = String.join(", ", body.outputRows().stream().map(variables::get).toList());
        if (language != null) {
            out.append(indent).append("return ").append(result).append('\n');
        }
        return result;
    }

    private static final String LOOP_NAME = "\u0000";

    /**
     * A repeated row's layer, its name {@code f"{name}.LOOP_NAME"}: the same for every repetition when a
     * loop can write them; "" for a row of more than one Keras layer, which is not looped.
     */
    private String loopCall(Bodies.Row row, ExprText.Language language) {
        KerasRow translated = new LayerTranslator(new Diagnostics(), expr -> ExprText.of(expr, language)).translate(row.layer());
        if (translated.layers().size() != 1 || !translated.layers().get(0).name().equals(row.layer().name())
                || !translated.notes().isEmpty() || !translated.layers().get(0).notes().isEmpty()) {
            return "\u0001" + row.layer().index(); // never the same as another's
        }
        return translated.layers().get(0).call("f\"{name}." + LOOP_NAME + "\"");
    }

    private void row(CheckedLayer layer, ExprText.Language language, Map<Integer, String> variables, String variable,
                     StringBuilder out, String indent) {
        KerasRow row = language == null ? translated.get(layer.index())
                : new LayerTranslator(new Diagnostics(), expr -> ExprText.of(expr, language)).translate(layer);
        if (layer.implicit()) {
            comment(out, indent, PythonText.implicitFlatten(source, layer));
        }
        String local = Bodies.localName(layer);
        row.notes().forEach(note -> comment(out, indent, language == null ? note : note.replace(layer.name(), local)));
        List<String> inputs = layer.inputs().stream().map(variables::get).toList();
        String argument = inputs.size() == 1 ? inputs.get(0) : "[" + String.join(", ", inputs) + "]";
        for (KerasLayer written : row.layers()) {
            KerasLayer kerasLayer = language != null && written.type().equals(ModuleClasses.LAYER_SCALE)
                    // in a block, the gammas are as many as the channels of the tensor it scales, whichever use it is
                    ? new KerasLayer(written.name(), written.type(), List.of("1e-6", argument + ".shape[-1]"),
                            List.of("ConvNeXt's LayerScale (the class above): a gamma per channel, starting at 1e-6"))
                    : written;
            kerasLayer.notes().forEach(note -> comment(out, indent, language == null ? note : note.replace(layer.name(), local)));
            String call = language == null ? kerasLayer.call()
                    : kerasLayer.call("f\"{name}." + local + kerasLayer.name().substring(layer.name().length()) + "\"");
            out.append(indent).append(variable).append(" = ").append(call).append('(').append(argument).append(")\n");
            argument = variable;
        }
    }

    private void use(BlockInstance instance, ExprText.Language language, Map<Integer, String> variables, String variable,
                     StringBuilder out, String indent) {
        List<String> arguments = new ArrayList<>(instance.hasInput() ? List.of(variables.get(instance.inputRow())) : List.of());
        instance.arguments().forEach((parameter, value) -> {
            if (value instanceof Value.Output output) {
                arguments.add(variables.get(output.row()));
            }
        });
        arguments.addAll(CALLS.arguments(instance, language == null ? null : expr -> ExprText.of(expr, language)));
        arguments.add("name=" + (language == null ? PythonText.stringLiteral(instance.name())
                : "f\"{name}." + instance.name() + "\""));
        out.append(indent).append(variable).append(" = ").append(variants.nameOf(instance)).append('(')
                .append(String.join(", ", arguments)).append(")\n");
    }

    /** A variable: a running x, a row's name, or an as-name (with '_' when it is a parameter's or this code's). */
    private static String variable(String name, Bodies.Body body) {
        if (name.equals("x") || name.equals("inputs")) {
            return name;
        }
        if (body.outputs().containsKey(name)) {
            return CALLS.parameter(name);
        }
        boolean parameterName = body.instance() != null && body.instance().arguments().containsKey(name);
        return PythonText.isIdentifier(name) && !RESERVED.contains(name) && !parameterName ? name : name + "_";
    }

    private static void comment(StringBuilder out, String indent, String text) {
        out.append(indent).append("# ").append(PythonText.commentText(text)).append('\n');
    }
}
