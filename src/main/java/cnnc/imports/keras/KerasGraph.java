package cnnc.imports.keras;

import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import cnnc.source.Span;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Keras model's graph read from its JSON (what {@code model.to_json()} writes, and a {@code .keras}
 * archive's {@code config.json}): Keras 3's Functional and Sequential configurations, a nested model
 * (ConvNeXt's stem is a Sequential) opened into its layers. The layers come in the order the
 * configuration lists them, which Keras writes so that a layer follows every layer it reads.
 */
final class KerasGraph {
    private static final Pattern GSON_PLACE = Pattern.compile("line (\\d+) column (\\d+)");

    final SourceFile source;
    final String modelName;
    final List<KerasLayer> layers = new ArrayList<>();
    KerasLayer input;
    KerasLayer output;
    private int cursor;

    private KerasGraph(SourceFile source, String modelName) {
        this.source = source;
        this.modelName = modelName;
    }

    /** @throws Refusal when the text is not a Keras model, or is one whose graph cnnc cannot take */
    static KerasGraph read(SourceFile source) {
        JsonElement root;
        try {
            root = JsonParser.parseString(source.text());
        } catch (JsonParseException e) {
            throw new Refusal(Diagnostic.of(Code.E0820, syntaxPlace(source, e), "this is not JSON: "
                    + reason(e), "give the JSON that model.to_json() writes, or a .keras file (model.save)"));
        }
        if (!root.isJsonObject() || !(root.getAsJsonObject().get("config") instanceof JsonObject config)) {
            throw notAModel(source, "it has no \"config\" object");
        }
        String className = text(root.getAsJsonObject(), "class_name");
        KerasGraph graph = new KerasGraph(source, text(config, "name"));
        switch (className) {
            case "Functional", "Model" -> graph.output = graph.functional(config, null, null);
            case "Sequential" -> graph.output = graph.sequential(config, null);
            default -> throw notAModel(source, "its class is " + (className.isEmpty() ? "not named" : className)
                    + ", not Functional or Sequential");
        }
        graph.output.consumers++;
        return graph;
    }

    private static Refusal notAModel(SourceFile source, String why) {
        return new Refusal(Diagnostic.of(Code.E0820, source.span(0, 0), "this is not a Keras model's "
                + "configuration: " + why, "give the JSON that model.to_json() writes, or a .keras file (model.save)"));
    }

    /**
     * gson's reason, without what a reader of cnnc cannot use: the exception's class name, the place (the
     * diagnostic has it), the advice to parse leniently and the link to gson's troubleshooting page.
     */
    static String reason(JsonParseException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        message = message.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
        int place = message.indexOf(" at line ");
        message = place < 0 ? message : message.substring(0, place);
        return message.isBlank() || message.startsWith("Use JsonReader.setStrictness") ? "malformed JSON" : message;
    }

    private static Span syntaxPlace(SourceFile source, JsonParseException e) {
        Matcher place = GSON_PLACE.matcher(String.valueOf(e.getMessage()));
        if (place.find()) {
            int line = Integer.parseInt(place.group(1)) - 1;
            if (line < source.lineCount()) {
                int offset = Math.min(source.text().length(), source.lineStart(line) + Integer.parseInt(place.group(2)) - 1);
                return source.span(offset, offset);
            }
        }
        return source.span(0, 0);
    }

    /** The model the functional configuration describes; {@code outer} gives a nested model's inputs. */
    private KerasLayer functional(JsonObject config, List<KerasLayer> outer, KerasLayer caller) {
        Map<String, KerasLayer> scope = new HashMap<>();
        List<String> inputNames = ends(config.get("input_layers"));
        for (JsonElement element : array(config, "layers")) {
            JsonObject json = element.getAsJsonObject();
            String name = json.has("name") ? text(json, "name") : text(object(json, "config"), "name");
            String className = text(json, "class_name");
            if (className.equals("InputLayer")) {
                scope.put(name, outer == null ? input(json, name) : outer.get(Math.max(0, inputNames.indexOf(name))));
                continue;
            }
            Span span = place(name);
            List<KerasLayer> reads = new ArrayList<>();
            List<List<Long>> shapes = new ArrayList<>();
            inbound(json, name, span, scope, reads, shapes);
            KerasLayer made = nested(json, className, name, span, reads, shapes);
            if (scope.containsKey(name)) {
                // Keras itself refuses such a model ("All layer names should be unique"); the later would hide
                // the earlier from every layer that reads it
                throw new Refusal(Diagnostic.of(Code.E0820, span, "this is not a Keras model's configuration: two "
                        + "of its layers are named " + name, "give the JSON that model.to_json() writes"));
            }
            scope.put(name, made);
        }
        List<String> outputs = ends(config.get("output_layers"));
        if (outputs.size() != 1) {
            throw graphRefusal(caller, outputs.size() + " outputs (" + String.join(", ", outputs)
                    + "): a description has one output");
        }
        if (outer == null && inputNames.size() != 1) {
            throw graphRefusal(null, inputNames.size() + " inputs (" + String.join(", ", inputNames)
                    + "): a description has one input");
        }
        KerasLayer last = scope.get(outputs.get(0));
        if (last == null) {
            throw notAModel(source, "its output " + outputs.get(0) + " is not one of its layers");
        }
        return last;
    }

    /** A nested model opened into its layers (its output stands for it), or the layer itself. */
    private KerasLayer nested(JsonObject json, String className, String name, Span span, List<KerasLayer> reads,
                              List<List<Long>> shapes) {
        JsonObject config = object(json, "config");
        boolean model = config.has("layers") && List.of("Functional", "Model", "Sequential").contains(className);
        if (model) {
            return className.equals("Sequential") ? sequential(config, reads.get(0))
                    : functional(config, reads, new KerasLayer(name, className, "", config, span));
        }
        KerasLayer layer = new KerasLayer(name, className, text(json, "registered_name"), config, span);
        for (int i = 0; i < reads.size(); i++) {
            layer.inputs.add(reads.get(i));
            layer.inputShapes.add(shapes.get(i));
            reads.get(i).consumers++;
        }
        if (layer.inputShapes.isEmpty()) {
            layer.inputShapes.add(builtShape(json, name));
        }
        layers.add(layer);
        return layer;
    }

    /** Keras 3's inbound node: the tensors of its call's arguments, each with its layer and shape. */
    private void inbound(JsonObject json, String name, Span span, Map<String, KerasLayer> scope,
                         List<KerasLayer> reads, List<List<Long>> shapes) {
        JsonArray nodes = array(json, "inbound_nodes");
        if (nodes.size() != 1) {
            throw new Refusal(Diagnostic.of(Code.E0823, span, "Keras layer " + name + " is called " + nodes.size()
                    + " times: a description makes a layer for each use, so shared weights cannot be written",
                    "build the model with a layer for each use"));
        }
        if (!nodes.get(0).isJsonObject()) {
            throw new Refusal(Diagnostic.of(Code.E0820, span, "Keras layer " + name + "'s inbound node is in Keras 2's "
                    + "format (a list), which carries no shapes", "load the model in Keras 3 and save it again"));
        }
        collectTensors(nodes.get(0).getAsJsonObject().get("args"), name, span, scope, reads, shapes);
    }

    private void collectTensors(JsonElement element, String name, Span span, Map<String, KerasLayer> scope,
                                List<KerasLayer> reads, List<List<Long>> shapes) {
        if (element instanceof JsonArray list) {
            list.forEach(item -> collectTensors(item, name, span, scope, reads, shapes));
        } else if (element instanceof JsonObject tensor && "__keras_tensor__".equals(text(tensor, "class_name"))) {
            JsonObject config = object(tensor, "config");
            JsonArray history = config.getAsJsonArray("keras_history");
            KerasLayer read = scope.get(history.get(0).getAsString());
            if (read == null || history.get(2).getAsInt() != 0) {
                throw new Refusal(Diagnostic.of(Code.E0823, span, "Keras layer " + name + " reads "
                        + history.get(0).getAsString() + (read == null ? ", which is not a layer before it"
                        : "'s output " + history.get(2).getAsInt() + ": a description's layers have one output"),
                        "build the model in Keras 3 and save it again"));
            }
            reads.add(read);
            shapes.add(dropBatch(config.getAsJsonArray("shape"), name, span));
        } else if (element != null && !element.isJsonNull()) {
            throw new Refusal(Diagnostic.of(Code.E0821, span, "Keras layer " + name + " is called with a constant ("
                    + element + "): the language's layers read tensors only",
                    "write the operation as a layer of its own"));
        }
    }

    /** A Sequential: a chain from its input (or {@code from}, a nested one's caller's input). */
    private KerasLayer sequential(JsonObject config, KerasLayer from) {
        KerasLayer previous = from;
        for (JsonElement element : array(config, "layers")) {
            JsonObject json = element.getAsJsonObject();
            JsonObject layerConfig = object(json, "config");
            String name = text(layerConfig, "name");
            String className = text(json, "class_name");
            if (className.equals("InputLayer")) {
                if (previous == null) {
                    previous = input(json, name);
                }
                continue;
            }
            Span span = place(name);
            if (previous == null) {
                previous = inputOfShape("input", span, builtShape(json, name));
            }
            List<List<Long>> shapes = new ArrayList<>();
            shapes.add(json.has("build_config") ? builtShape(json, name) : outputRank(previous));
            previous = nested(json, className, name, span, new ArrayList<>(List.of(previous)), shapes);
        }
        if (previous == null) {
            throw notAModel(source, "its Sequential has no layers");
        }
        return previous;
    }

    /**
     * A Sequential's layer without a build_config (Keras writes none for layers without weights, such as
     * pooling) reads the layer before it: a shape of that layer's output rank, which is all the mapping
     * of such a layer asks of it (its sizes are the previous input's, standing in).
     */
    private static List<Long> outputRank(KerasLayer previous) {
        List<Long> in = previous.inputShape();
        JsonObject config = previous.config;
        return switch (previous.className) {
            case "Flatten" -> List.of(in.stream().reduce(1L, (a, b) -> a * b));
            case "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D", "GlobalMaxPooling1D",
                    "GlobalMaxPooling2D", "GlobalMaxPooling3D" -> config.has("keepdims")
                    && config.get("keepdims").getAsBoolean() ? in : List.of(in.get(in.size() - 1));
            case "Reshape" -> {
                List<Long> target = new ArrayList<>();
                // a size that is not whole stands as 1 here: the Reshape's own mapping refuses it
                config.getAsJsonArray("target_shape").forEach(v -> target.add(Objects.requireNonNullElse(
                        Options.whole(v), 1L)));
                yield target;
            }
            default -> in;
        };
    }

    private KerasLayer input(JsonObject json, String name) {
        JsonObject config = object(json, "config");
        JsonElement shape = config.has("batch_shape") ? config.get("batch_shape") : config.get("batch_input_shape");
        Span span = place(name);
        if (!(shape instanceof JsonArray dims)) {
            throw new Refusal(Diagnostic.of(Code.E0820, span, "input " + name + " has no batch_shape",
                    "give the model an input of fixed size: keras.Input((224, 224, 3))"));
        }
        return inputOfShape(name, span, dropBatch(dims, name, span));
    }

    private KerasLayer inputOfShape(String name, Span span, List<Long> shape) {
        if (input != null) {
            throw graphRefusal(null, "several inputs: a description has one input");
        }
        input = new KerasLayer(name, "InputLayer", "", new JsonObject(), span);
        input.inputShapes.add(shape);
        layers.add(input);
        return input;
    }

    private List<Long> builtShape(JsonObject json, String name) {
        JsonElement built = json.has("build_config") ? object(json, "build_config").get("input_shape") : null;
        if (built instanceof JsonArray dims && !dims.isEmpty() && dims.get(0).isJsonArray()) {
            built = dims.get(0);
        }
        if (!(built instanceof JsonArray dims)) {
            throw new Refusal(Diagnostic.of(Code.E0820, place(name), "Keras layer " + name + " has no input shape "
                    + "(the model was never built)", "build the model (call it on an input, or give it an Input) "
                    + "before saving it"));
        }
        return dropBatch(dims, name, place(name));
    }

    private List<Long> dropBatch(JsonArray dims, String name, Span span) {
        List<Long> shape = new ArrayList<>();
        for (int i = 1; i < dims.size(); i++) {
            if (dims.get(i).isJsonNull()) {
                throw new Refusal(Diagnostic.of(Code.E0823, span, name + "'s input has a size that is not fixed ("
                        + dims + "): a description's sizes are numbers",
                        "build the model on an input of fixed size: keras.Input((224, 224, 3))"));
            }
            Long size = Options.whole(dims.get(i));
            if (size == null || size < 1) {
                throw new Refusal(Diagnostic.of(Code.E0823, span, name + "'s input has a size of " + dims.get(i)
                        + " (" + dims + "): a description's sizes are whole numbers of 1 or more",
                        "give the JSON that model.to_json() writes"));
            }
            shape.add(size);
        }
        return shape;
    }

    private Refusal graphRefusal(KerasLayer at, String what) {
        return new Refusal(Diagnostic.of(Code.E0823, at == null ? source.span(0, 0) : at.span,
                (at == null ? "the Keras model has " : "Keras model " + at.name + " has ") + what,
                "import a model of one input and one output"));
    }

    /** Where a layer's name stands in the JSON text: the first {@code "name": "..."} of it after the last found. */
    private Span place(String name) {
        String quoted = new com.google.gson.JsonPrimitive(name).toString();
        Matcher found = Pattern.compile("\"name\"\\s*:\\s*" + Pattern.quote(quoted)).matcher(source.text());
        if (found.find(cursor)) {
            cursor = found.end();
            return source.span(found.end() - quoted.length() + 1, found.end() - 1);
        }
        return source.span(0, 0);
    }

    /** The layer names of an {@code input_layers} or {@code output_layers}: one [name, 0, 0], or a list of them. */
    private static List<String> ends(JsonElement element) {
        List<String> names = new ArrayList<>();
        if (element instanceof JsonArray list && !list.isEmpty()) {
            if (list.get(0).isJsonPrimitive()) {
                names.add(list.get(0).getAsString());
            } else {
                list.forEach(end -> names.add(end.getAsJsonArray().get(0).getAsString()));
            }
        }
        return names;
    }

    static String text(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
    }

    private JsonObject object(JsonObject object, String key) {
        JsonElement value = object.get(key);
        if (!(value instanceof JsonObject found)) {
            throw notAModel(source, "a layer has no \"" + key + "\" object");
        }
        return found;
    }

    private JsonArray array(JsonObject object, String key) {
        JsonElement value = object.get(key);
        if (!(value instanceof JsonArray found)) {
            throw notAModel(source, "it has no \"" + key + "\" list");
        }
        return found;
    }
}
