package cnnc.imports.keras;

import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
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

    /** A Python float's digits (17 at most when Keras writes one) and decimal exponent (-324 to 308), with room. */
    private static final int MOST_DIGITS = 40;
    private static final int MOST_EXPONENT = 330;

    final KerasLayer layer;
    private final List<Diagnostic> problems;
    private final Set<String> read = new HashSet<>();
    private final Set<String> refused = new HashSet<>();

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
        layer.lastOption = key;
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

    /** An option Keras writes for every layer of the class (a convolution's filters): a whole number, at least {@code least}. */
    long required(String key, long least) {
        if (get(key) == null) {
            refuseMissing(key);
            return least;
        }
        return integer(key, least, least);
    }

    /**
     * A whole number of at least {@code least}; anything else (a fraction, 1e300, a number past 64 bits, a
     * negative size, a text) is refused here, at the layer, and {@code least} stands in for the rest of the mapping.
     */
    long integer(String key, long absent, long least) {
        JsonElement value = get(key);
        if (value == null) {
            return absent;
        }
        Long whole = whole(value);
        if (whole == null || whole < least) {
            refuseNumber(key, least);
            return least;
        }
        return whole;
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

    /**
     * @throws NumberFormatException for a text, or a number no 64-bit float holds (1e999999999, whose plain
     *         digits would be a gigabyte, or a thousand digits): Keras writes Python floats
     */
    static BigDecimal decimal(JsonElement value) {
        if (!(value instanceof JsonPrimitive number) || !number.isNumber()) {
            throw new NumberFormatException("not a number");
        }
        BigDecimal decimal = new BigDecimal(number.getAsString());
        long exponent = (long) decimal.precision() - decimal.scale() - 1;
        if (decimal.signum() != 0 && (decimal.precision() > MOST_DIGITS || Math.abs(exponent) > MOST_EXPONENT)) {
            throw new NumberFormatException("not a float");
        }
        return decimal;
    }

    /**
     * A size per spatial axis, each at least 1: Keras writes one number or a list of one per axis. With no
     * {@code absent}, the option is one Keras always writes (a convolution's kernel_size).
     */
    List<Long> sizes(String key, int rank, List<Long> absent) {
        JsonElement value = get(key);
        int axes = Math.max(rank, 1);
        if (value == null && absent == null) {
            refuseMissing(key);
            return Collections.nCopies(axes, 1L);
        }
        if (value == null) {
            return absent;
        }
        if (value instanceof JsonArray list && list.size() != axes) {
            refuse(key, "Keras writes one size for each of the input's " + axes + " spatial axes",
                    "give " + axes + (axes == 1 ? " size" : " sizes"));
            return Collections.nCopies(axes, 1L);
        }
        List<Long> sizes = new ArrayList<>();
        for (int i = 0; i < axes; i++) {
            Long whole = whole(value instanceof JsonArray list ? list.get(i) : value);
            if (whole == null || whole < 1) {
                refuseNumber(key, 1);
                return Collections.nCopies(axes, 1L);
            }
            sizes.add(whole);
        }
        return sizes;
    }

    /** A list of axes, each a whole number of at least 1 (the batch axis is 0). */
    List<Long> axes(String key) {
        JsonElement value = get(key);
        List<Long> axes = new ArrayList<>();
        if (value == null) {
            return axes;
        }
        for (JsonElement item : value instanceof JsonArray list ? list : List.of(value)) {
            Long whole = whole(item);
            if (whole == null || whole < 1) {
                refuseNumber(key, 1);
                return List.of();
            }
            axes.add(whole);
        }
        return axes;
    }

    /**
     * A whole number as the JSON writes it ({@code 3}, {@code 3.0}), or null for anything else: a fraction, a
     * number past what 64 bits hold (gson's own reading would wrap 2^63 to a negative and make 1e300 a 0), a text.
     */
    static Long whole(JsonElement value) {
        if (!(value instanceof JsonPrimitive number) || !number.isNumber()) {
            return null;
        }
        try {
            return new BigDecimal(number.getAsString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException notWhole) {
            return null;
        }
    }

    /** Refuses the absence of an option Keras always writes for the layer's class. */
    private void refuseMissing(String key) {
        refuse(key, "Keras writes this option for every " + layer.className, "give the JSON that model.to_json() writes");
    }

    /** Refuses a number that is not a whole number of at least {@code least}. */
    void refuseNumber(String key, long least) {
        refuse(key, "Keras writes a whole number " + (least == 0 ? "of 0 or more" : "of " + least + " or more")
                + " here, up to 9,223,372,036,854,775,807", "give the JSON that model.to_json() writes");
    }

    /** The option's value, as the JSON writes it, for a message. */
    String shown(String key) {
        JsonElement value = layer.config.get(key);
        return value == null ? "null" : value.toString();
    }

    void refuse(String key, String why, String help) {
        if (!refused.add(key)) {
            return;
        }
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
