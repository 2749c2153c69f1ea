package cnnc.imports.keras;

import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One Keras layer's configuration as the mapping reads it: each option it reads is noted, and
 * {@link #checkUnread} refuses every other option that has a value, so none is dropped silently.
 */
final class Options {
    /**
     * Options that change neither the architecture nor its figures: names, number types (autocast: whether the
     * inputs are cast to the layer's type, which Keras writes for a class without a get_config of its own), how
     * weights start.
     */
    private static final Set<String> IGNORED = Set.of("name", "dtype", "autocast", "seed", "synchronized",
            "build_input_shape", "lora_alpha");

    final KerasLayer layer;
    private final List<Diagnostic> problems;
    private final Set<String> read = new HashSet<>();

    Options(KerasLayer layer, List<Diagnostic> problems) {
        this.layer = layer;
        this.problems = problems;
    }

    /** Another layer's options, whose refusals join this one's. */
    Options of(KerasLayer other) {
        return new Options(other, problems);
    }

    JsonElement get(String key) {
        read.add(key);
        JsonElement value = layer.config.get(key);
        return value == null || value.isJsonNull() ? null : value;
    }

    boolean has(String key) {
        return get(key) != null;
    }

    String text(String key, String absent) {
        JsonElement value = get(key);
        return value == null ? absent : value.getAsString();
    }

    long integer(String key, long absent) {
        JsonElement value = get(key);
        return value == null ? absent : value.getAsLong();
    }

    boolean flag(String key, boolean absent) {
        JsonElement value = get(key);
        return value == null ? absent : value.getAsBoolean();
    }

    /** A number exactly as Keras wrote it (0.99, not 0.9899999999999999). */
    BigDecimal decimal(String key, BigDecimal absent) {
        JsonElement value = get(key);
        return value == null ? absent : decimal(value);
    }

    static BigDecimal decimal(JsonElement value) {
        return new BigDecimal(value.getAsString());
    }

    /** A size per spatial axis: Keras writes one number or a list. */
    List<Long> sizes(String key, int rank, List<Long> absent) {
        JsonElement value = get(key);
        if (value == null) {
            return absent;
        }
        List<Long> sizes = new ArrayList<>();
        if (value instanceof JsonArray list) {
            list.forEach(item -> sizes.add(item.getAsLong()));
        } else {
            for (int i = 0; i < Math.max(rank, 1); i++) {
                sizes.add(value.getAsLong());
            }
        }
        return sizes;
    }

    /** The option's value, as the JSON writes it, for a message. */
    String shown(String key) {
        JsonElement value = layer.config.get(key);
        return value == null ? "null" : value.toString();
    }

    void refuse(String key, String why, String help) {
        problems.add(Diagnostic.of(Code.E0822, layer.span, "Keras layer " + layer.name + " (" + layer.className
                + ") has " + key + "=" + shown(key) + ": " + why, help));
    }

    /** Refuses the options the mapping did not read and that hold something (not null, false, or empty). */
    void checkUnread() {
        for (Map.Entry<String, JsonElement> option : layer.config.entrySet()) {
            String key = option.getKey();
            if (key.equals("trainable") && !option.getValue().getAsBoolean()) {
                refuse(key, "a frozen layer, which a description cannot mark (its parameters would count as "
                        + "trainable)", "import the model with every layer trainable");
                continue;
            }
            if (read.contains(key) || IGNORED.contains(key) || key.equals("trainable") || key.endsWith("_initializer")
                    || absent(option.getValue())) {
                continue;
            }
            if (key.equals("data_format")) {
                if (!option.getValue().getAsString().equals("channels_last")) {
                    refuse(key, "the language's shapes are channels last, as Keras's default",
                            "build the model with data_format=\"channels_last\"");
                }
            } else if (key.endsWith("_regularizer") || key.endsWith("_constraint")) {
                refuse(key, "it changes training, which a description does not hold",
                        "remove it before the import (the architecture and its figures do not depend on it)");
            } else {
                refuse(key, "cnnc's import does not read this option, so the description would not say it",
                        "remove the option, or ask for it to be imported");
            }
        }
    }

    private static boolean absent(JsonElement value) {
        return value == null || value.isJsonNull()
                || (value instanceof JsonPrimitive p && p.isBoolean() && !p.getAsBoolean())
                || (value instanceof JsonArray list && list.isEmpty());
    }
}
