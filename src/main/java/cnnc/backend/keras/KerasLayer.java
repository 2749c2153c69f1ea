package cnnc.backend.keras;

import cnnc.backend.PythonText;
import java.util.List;

/**
 * One Keras layer as Python: {@code layers.TYPE(ARGS..., name=NAME)}.
 *
 * @param name  the layer's name: the checked layer's, or it with a suffix for a helper layer
 *              ({@code conv1_pad}), so that Keras's summary lines up with cnnc's report
 * @param type  the class in {@code keras.layers} ({@code Conv2D}), or one the module defines ({@link ModuleClasses})
 * @param args  the arguments before the name, as Python ({@code 64}, {@code padding="same"})
 * @param notes why the layer is written this way, one comment line each
 */
record KerasLayer(String name, String type, List<String> args, List<String> notes) {
    KerasLayer {
        args = List.copyOf(args);
        notes = List.copyOf(notes);
    }

    KerasLayer(String name, String type, List<String> args) {
        this(name, type, args, List.of());
    }

    /** The constructor call, without the tensor it is applied to. */
    String call() {
        return call(PythonText.stringLiteral(name));
    }

    /** The constructor call with the name as the given Python expression ({@code f"{name}.conv1"} in a block's function). */
    String call(String nameExpression) {
        StringBuilder call = new StringBuilder(ModuleClasses.defines(type) ? "" : "layers.").append(type).append('(');
        args.forEach(arg -> call.append(arg).append(", "));
        return call.append("name=").append(nameExpression).append(')').toString();
    }
}
