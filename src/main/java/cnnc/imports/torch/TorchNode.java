package cnnc.imports.torch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One node of the graph torch.fx traced (what cnnc's {@code trace.py} prints): its fx name, its op
 * ({@code call_module}, {@code call_function}, {@code call_method}, ...), its target, the module path it
 * belongs to and the module's class, its arguments and options as JSON, its output's shape less the batch
 * axis (channels first; null when it is not one tensor), and where forward() makes it.
 */
final class TorchNode {
    final String name;
    final String op;
    final String target;
    final String module;
    final String className;
    final JsonArray args;
    final JsonObject kwargs;
    final JsonObject options;
    final List<Integer> shape;
    /** A get_attr's tensor, the module's own: its whole shape and whether it is a trained parameter; else null. */
    final JsonObject held;
    final String file;
    final int line;
    /** The nodes whose tensors it reads, in the order its arguments name them. */
    final List<TorchNode> inputs = new ArrayList<>();
    /** The nodes that read its tensor. */
    final List<TorchNode> readers = new ArrayList<>();

    TorchNode(JsonObject json) {
        name = json.get("name").getAsString();
        op = json.get("op").getAsString();
        target = json.get("target").getAsString();
        module = json.get("module").getAsString();
        className = json.get("class").getAsString();
        args = json.getAsJsonArray("args");
        kwargs = json.getAsJsonObject("kwargs");
        options = json.getAsJsonObject("options");
        shape = json.get("shape") instanceof JsonArray dims ? ints(dims) : null;
        held = json.get("held") instanceof JsonObject tensor ? tensor : null;
        file = json.has("file") ? json.get("file").getAsString() : "";
        line = json.has("line") ? json.get("line").getAsInt() : 0;
    }

    static List<Integer> ints(JsonArray array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.getAsInt()));
        return values;
    }

    /** The tensor's rank less the channels: 0 a vector, 1 a sequence, 2 an image, 3 a volume. */
    int rank() {
        return shape.size() - 1;
    }

    List<Integer> inputShape() {
        return inputs.get(0).shape;
    }

    /** Positional argument i, or the keyword argument, or null. */
    JsonElement argument(int i, String keyword) {
        if (kwargs.has(keyword)) {
            return kwargs.get(keyword);
        }
        return i < args.size() ? args.get(i) : null;
    }

    /** What the node is, for messages: its module path and class, or the function or method it calls. */
    String describe() {
        if (op.equals("call_module")) {
            return "module " + module + " (" + className + ")";
        }
        String what = op.equals("call_method") ? "the method ." + target + "()" : target + "()";
        return module.isEmpty() ? what : what + " in module " + module;
    }

    @Override
    public String toString() {
        return name;
    }
}
