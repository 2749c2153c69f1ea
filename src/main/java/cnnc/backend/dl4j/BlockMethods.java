package cnnc.backend.dl4j;

import cnnc.ast.BlockDef;
import cnnc.ast.Expr;
import cnnc.ast.Num;
import cnnc.backend.Ascii;
import cnnc.backend.Bodies;
import cnnc.backend.BlockVariants;
import cnnc.backend.ExprText;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Value;
import cnnc.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A graph whose description has blocks, written as a method per block that adds the block's layers
 * to the graph under {@code name + ".conv1"} (so every name is the report's row name) and returns the
 * vertex of its output, written once for all its uses, its sizes the block's expressions; and the
 * configuration's own statements, which call them. A block whose uses need different code (a size
 * the method cannot write as an expression) gets a method per kind of use.
 */
final class BlockMethods {
    private static final String INDENT = " ".repeat(8);
    private static final String BUILDER = "ComputationGraphConfiguration.GraphBuilder";
    private static final Set<String> JAVA_WORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits", "_");
    private static final Set<String> RESERVED = Set.of("graph", "name", "input", "i", "inHeight", "inWidth",
            "inChannels", "configuration", "main", "MODEL_NAME", "String");

    private final CheckedModel model;
    private final Bodies bodies;
    private final Set<Integer> sharedOutputs;
    private final Map<Integer, Dl4jRow> translated = new HashMap<>();
    private final BlockVariants variants = new BlockVariants();
    private final Map<String, List<String>> dimensionsOf = new HashMap<>();
    private final GraphWriter writer;

    private BlockMethods(GraphWriter writer, CheckedModel model, List<Dl4jRow> rows) {
        this.writer = writer;
        this.model = model;
        this.bodies = Bodies.of(model);
        this.sharedOutputs = SharedOutputs.of(model);
        rows.forEach(row -> translated.put(row.row().index(), row));
    }

    /**
     * The block methods, or null when the model is written flat: without blocks, with a block
     * argument beyond a Java int, or with a body too large for one method.
     */
    static BlockMethods of(GraphWriter writer, CheckedModel model, List<Dl4jRow> rows) {
        if (model.blocks().isEmpty()) {
            return null;
        }
        for (BlockInstance instance : model.blocks()) {
            for (Value value : instance.arguments().values()) {
                if (value instanceof Value.Whole whole && (whole.value() > Integer.MAX_VALUE || whole.value() < Integer.MIN_VALUE)) {
                    return null;
                }
            }
        }
        BlockMethods methods = new BlockMethods(writer, model, rows);
        Map<String, Integer> layers = new HashMap<>();
        for (CheckedLayer layer : model.layers()) {
            Dl4jRow row = methods.translated.get(layer.index());
            layers.merge(layer.block(), row == null ? 0 : row.layers().size(), Integer::sum);
        }
        return layers.values().stream().allMatch(count -> count <= NetworkWriter.LAYERS_PER_METHOD) ? methods : null;
    }

    /** The methods, innermost written first (each knows the methods it calls), in the order the blocks are defined. */
    String methods() {
        Set<String> taken = new HashSet<>(RESERVED);
        Map<String, Set<String>> dimensions = new HashMap<>();
        variants.write(model, bodies, instance -> {
            Set<String> used = new LinkedHashSet<>();
            dimensions.put(instance.path(), used);
            return method(BlockVariants.NAME, instance, used);
        }, (block, kind, names) -> {
            String name = methodName(block + (kind == 1 ? "" : Integer.toString(kind)), taken);
            taken.add(name);
            return name;
        }, (name, instance) -> dimensionsOf.put(name, List.copyOf(dimensions.get(instance.path()))));
        return String.join("", variants.texts());
    }

    /** The configuration's statements after the inputs; returns the expression of the output vertex. */
    String top(StringBuilder out) {
        return body(bodies.top(), null, out, null);
    }

    private static String methodName(String block, Set<String> taken) {
        String name = block.replaceAll("[^A-Za-z0-9_]", "_");
        if (!Ascii.isName(name) || JAVA_WORDS.contains(name)) {
            name = "block_" + name;
        }
        while (taken.contains(name)) {
            name = name + "_";
        }
        return name;
    }

    static String javaName(String name) {
        return Ascii.isName(name) && !JAVA_WORDS.contains(name) && !RESERVED.contains(name)
                ? name : name + "_";
    }

    private String method(String name, BlockInstance instance, Set<String> dimensions) {
        ExprText.Language language = new ExprText.Language(BlockMethods::javaName, dimension -> {
            String variable = switch (dimension) {
                case 'h' -> "inHeight";
                case 'w' -> "inWidth";
                default -> "inChannels";
            };
            dimensions.add(variable);
            return variable;
        }, null);
        Bodies.Body body = bodies.body(instance);
        StringBuilder code = new StringBuilder();
        String result = body(body, language, code, instance);
        List<String> parameters = new ArrayList<>(List.of(BUILDER + " graph", "String name"));
        if (body.hasInput()) {
            parameters.add("String input");
        }
        body.outputs().keySet().forEach(output -> parameters.add("String " + javaName(output)));
        for (BlockDef.Param param : instance.definition().params()) {
            Value value = instance.arguments().get(param.name());
            if (!(value instanceof Value.Output) && !(value instanceof Value.Items)) { // a list is in the code already: its branches
                parameters.add((value instanceof Value.Decimal ? "double " : "int ") + javaName(param.name()));
            }
        }
        dimensions.forEach(dimension -> parameters.add("int " + dimension));
        StringBuilder text = new StringBuilder();
        boolean several = body.outputRows().size() > 1;
        text.append("    /**\n     * ").append(commentSafe("block " + cnnc.backend.PythonCalls.signature(instance.definition()) + ", line "
                + instance.definition().span().line())).append(": adds its layers to the graph, each named\n")
                .append(several ? "     * name + \".\" + its name in the block; returns the vertices of its outputs, in order.\n"
                        : "     * name + \".\" + its name in the block, reading the vertex input; returns the vertex of its output.\n")
                .append("     */\n");
        text.append("    private static String").append(several ? "[] " : " ").append(name).append('(').append(String.join(", ", parameters)).append(") {\n");
        text.append(code);
        text.append(INDENT).append("return ").append(result).append(";\n    }\n\n");
        return text.toString();
    }

    /** The statements of a body; returns the expression of its output vertex. */
    private String body(Bodies.Body body, ExprText.Language language, StringBuilder out, BlockInstance instance) {
        Map<Integer, String> vertices = new HashMap<>();
        Set<String> declared = new HashSet<>(List.of("graph", "name", "input", "i"));
        if (instance != null) { // a local variable cannot take a parameter's name
            instance.arguments().keySet().forEach(parameter -> declared.add(javaName(parameter)));
        }
        if (body.hasInput()) {
            vertices.put(body.inputRow(), instance == null ? JavaText.stringLiteral(GraphWriter.INPUT) : "input");
        }
        body.outputs().forEach((output, row) -> vertices.putIfAbsent(row, javaName(output)));
        List<Bodies.Item> items = body.items();
        for (int position = 0; position < items.size(); position++) {
            Bodies.Item item = items.get(position);
            // a block whose method takes its input's sizes is called with them, written out: not in a loop
            boolean sized = item instanceof Bodies.Use use && !dimensionsOf.get(variants.nameOf(use.instance())).isEmpty();
            int run = instance == null || sized ? 0 : Bodies.repetition(body, position, (a, b) -> a instanceof Bodies.Use use
                    ? variants.same(use.instance(), ((Bodies.Use) b).instance())
                    : looped((Bodies.Row) a, language).equals(looped((Bodies.Row) b, language)));
            if (run > 0) {
                Bodies.Item last = items.get(position + run - 1);
                Expr count = Bodies.repeatCount(instance, item);
                String local = Bodies.localName(item);
                String stem = local.replaceAll("[0-9]+$", "");
                long start = Long.parseLong(local.substring(stem.length()));
                String variable = declare(javaName(stem), declared);
                String vertex = "name + \"." + stem + "\" + (i + " + start + ")";
                out.append(INDENT).append("String ").append(variable).append(" = ")
                        .append(vertices.get(Bodies.Body.reads(item).get(0))).append(";\n");
                out.append(INDENT).append("for (int i = 0; i < ").append(ExprText.of(new Num(0, count.span(), count), language))
                        .append("; i++) {\n");
                if (item instanceof Bodies.Use use) {
                    List<String> arguments = new ArrayList<>(List.of("graph", vertex, variable));
                    arguments.addAll(arguments(use.instance(), language));
                    out.append(INDENT).append("    ").append(variable).append(" = ").append(variants.nameOf(use.instance()))
                            .append('(').append(String.join(", ", arguments)).append(");\n");
                } else {
                    CheckedLayer layer = ((Bodies.Row) item).layer();
                    LayerCode code = translate(layer, language).layers().get(0);
                    String next = declare("next", declared);
                    out.append(INDENT).append("    String ").append(next).append(" = ").append(vertex).append(";\n");
                    out.append(writer.add(INDENT + "    ", next, code, variable)).append('\n');
                    out.append(INDENT).append("    ").append(variable).append(" = ").append(next).append(";\n");
                }
                out.append(INDENT).append("}\n");
                vertices.put(last.outputRow(), variable);
                position += run - 1;
                continue;
            }
            if (item instanceof Bodies.Row made) {
                row(made.layer(), language, vertices, out, instance != null);
            } else {
                BlockInstance use = ((Bodies.Use) item).instance();
                String named = use.outputs().size() > 1 ? null // several: an array named after the use
                        : body.variables().get(use.outputRow()); // the as-name, where there is one
                String variable = declare(javaName(named == null || named.equals("x") || named.equals("inputs")
                        ? use.name() : named), declared);
                List<String> arguments = new ArrayList<>(List.of("graph", instance == null
                        ? JavaText.stringLiteral(use.name()) : "name + \"." + use.name() + "\""));
                if (use.hasInput()) {
                    arguments.add(vertices.get(use.inputRow()));
                }
                use.arguments().forEach((parameter, value) -> {
                    if (value instanceof Value.Output output) {
                        arguments.add(vertices.get(output.row()));
                    }
                });
                arguments.addAll(arguments(use, language));
                for (String dimension : dimensionsOf.get(variants.nameOf(use))) {
                    cnnc.check.Shape.Grid in = (cnnc.check.Shape.Grid) use.inputShape();
                    arguments.add(Long.toString(switch (dimension) {
                        case "inHeight" -> in.size(in.rank() - 2); // a volume's height and width are its last two axes
                        case "inWidth" -> in.size(in.rank() - 1);
                        default -> in.channels();
                    }));
                }
                boolean several = use.outputs().size() > 1;
                out.append(INDENT).append(several ? "String[] " : "String ").append(variable).append(" = ")
                        .append(variants.nameOf(use)).append('(').append(String.join(", ", arguments)).append(");\n");
                List<Integer> outputRows = use.outputRows();
                for (int index = 0; index < outputRows.size(); index++) {
                    vertices.put(outputRows.get(index), several ? variable + "[" + index + "]" : variable);
                }
            }
        }
        List<Integer> outputRows = body.outputRows();
        if (outputRows.size() > 1) {
            return "new String[] {" + String.join(", ", outputRows.stream().map(vertices::get).toList()) + "}";
        }
        return vertices.get(body.outputRow());
    }

    private static String declare(String name, Set<String> declared) {
        String variable = name;
        for (int n = 2; !declared.add(variable); n++) {
            variable = name + n;
        }
        return variable;
    }

    /** The block's arguments at a call, in its order, outputs left out: as written there, or values at the top. */
    private static List<String> arguments(BlockInstance use, ExprText.Language language) {
        List<String> arguments = new ArrayList<>();
        for (BlockDef.Param param : use.definition().params()) {
            Value value = use.arguments().get(param.name());
            if (value instanceof Value.Output || value instanceof Value.Items) {
                continue;
            }
            Expr given = use.given().get(param.name());
            if (language != null && given != null && !(given instanceof Num) && Expr.isArithmetic(given)) {
                arguments.add(ExprText.of(new Num(0, given.span(), given), language));
            } else if (value instanceof Value.Decimal decimal) {
                String plain = new java.math.BigDecimal(decimal.text()).toPlainString();
                arguments.add(plain.contains(".") ? plain : plain + ".0");
            } else {
                arguments.add(value.text());
            }
        }
        return arguments;
    }

    private Dl4jRow translate(CheckedLayer layer, ExprText.Language language) {
        return new LayerTranslator(new Diagnostics(), sharedOutputs, expr -> ExprText.of(expr, language)).translate(layer);
    }

    /**
     * A repeated row's one layer as a loop writes it (its name aside), the same for every repetition a
     * loop can write; unique (never looped) for a row of more layers, notes or a preprocessor.
     */
    private String looped(Bodies.Row row, ExprText.Language language) {
        Dl4jRow translated = translate(row.layer(), language);
        if (translated.layers().size() != 1 || !translated.notes().isEmpty()) {
            return "\u0001" + row.layer().index();
        }
        LayerCode code = translated.layers().get(0);
        if (!code.name().equals(row.layer().name()) || code.preprocessor() != null || code.reads() != null
                || !code.notes().isEmpty()) {
            return "\u0001" + row.layer().index();
        }
        return writer.add("NAME", code, "INPUT");
    }


    /** A row's layers: in a block's method named {@code name + ".conv1"}, at the top level by their names. */
    private void row(CheckedLayer layer, ExprText.Language language, Map<Integer, String> vertices, StringBuilder out,
                     boolean inBlock) {
        Dl4jRow row = !inBlock ? translated.get(layer.index()) : translate(layer, language);
        String prefix = layer.name().substring(0, layer.name().length() - Bodies.localName(layer).length());
        row.notes().forEach(note -> comment(out, inBlock ? note.replace(prefix, "") : note));
        if (row.layers().isEmpty()) {
            vertices.put(layer.index(), vertices.get(layer.inputs().get(0)));
            return;
        }
        List<String> rowInputs = layer.inputs().stream().map(vertices::get).toList();
        List<String> inputs = rowInputs;
        for (LayerCode code : row.layers()) {
            if (code.reads() != null) {
                inputs = code.reads().isEmpty() ? rowInputs : code.reads().stream().map(read -> vertex(read, prefix, inBlock)).toList();
            }
            code.notes().forEach(note -> comment(out, inBlock ? note.replace(prefix, "") : note));
            String vertex = vertex(code.name(), prefix, inBlock);
            out.append(writer.add(vertex, code, String.join(", ", inputs))).append('\n');
            inputs = List.of(vertex);
        }
        vertices.put(layer.index(), vertex(row.layers().get(row.layers().size() - 1).name(), prefix, inBlock));
    }

    /** A layer's name as Java: {@code name + ".conv1"} in a block's method, the literal at the top. */
    private static String vertex(String layerName, String prefix, boolean inBlock) {
        return inBlock ? "name + " + JavaText.stringLiteral("." + layerName.substring(prefix.length()))
                : JavaText.stringLiteral(layerName);
    }

    private void comment(StringBuilder out, String text) {
        NetworkWriter.comment(out, INDENT, text);
    }

    private static String commentSafe(String text) {
        return JavaText.commentText(text).replace("*/", "*\\/");
    }
}
