package cnnc.parse;

import cnnc.ast.ActivationKind;
import cnnc.ast.Habits;
import cnnc.ast.LayerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A layer written as Keras or PyTorch write it, a class and its arguments ({@code Conv2D(32, 3,
 * padding="same")}, {@code nn.Conv2d(1, 32, 3, padding=1)}, {@code nn.ReLU}): the cnnc statement for it,
 * read from the call's text, for a hint that can be copied. Keras and PyTorch order their arguments
 * differently (Keras's Conv2D starts with the filters, torch's Conv2d with the input channels, which cnnc
 * takes from the layer before); torch's classes are told by their lowercase {@code 2d} or a {@code nn.}
 * prefix. Only what the call states is translated: an argument it cannot read gives no translation.
 */
final class ForeignCall {
    private final String name;
    private final boolean torch;
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> keywords = new LinkedHashMap<>();

    private ForeignCall(String qualifiedName, String arguments) {
        this.name = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        this.torch = qualifiedName.startsWith("nn.") || qualifiedName.startsWith("torch.") || name.endsWith("2d")
                || name.equals("Linear") || name.equals("Upsample");
        for (String argument : split(arguments)) {
            int equals = argument.indexOf('=');
            if (equals > 0 && argument.substring(0, equals).strip().matches("[A-Za-z_]\\w*")) {
                keywords.put(argument.substring(0, equals).strip(), value(argument.substring(equals + 1)));
            } else if (!argument.isBlank()) {
                positional.add(value(argument));
            }
        }
    }

    /**
     * What to write for {@code qualifiedName(arguments)} ({@code arguments} null when the name is written
     * without parentheses), when the name is a Keras or PyTorch layer or activation; empty otherwise.
     */
    static Optional<String> hint(String qualifiedName, String arguments) {
        String name = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        Optional<String> statement = new ForeignCall(qualifiedName, arguments == null ? "" : arguments).statement();
        String written = qualifiedName + (arguments == null ? "" : "(" + arguments + ")");
        if (statement.isPresent()) {
            boolean inputChannels = statement.get().matches("(conv|deconv|dense) .*") && name.matches("Conv2d|ConvTranspose2d|Linear");
            return Optional.of("cnnc writes " + written + " as '" + statement.get() + "'"
                    + (inputChannels ? " (the input's size comes from the layer before)" : ""));
        }
        return qualifiedName.equals(name) ? Optional.empty() : Habits.hint(name);
    }

    /**
     * The note for {@code qualifiedName(arguments)}, a name {@link #isFrameworkLayer} accepts: the statement read
     * from its arguments or, when they cannot be read, how cnnc writes the layer.
     */
    static String note(String qualifiedName, String arguments) {
        String name = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
        return hint(qualifiedName, arguments).or(() -> Habits.hint(name)).orElseGet(() -> {
            return LayerKind.fromOtherName(name)
                    .map(kind -> "cnnc's word for " + name + " is '" + kind.op() + "' (its arguments here could not be read)")
                    .orElse("cnnc writes an activation as its word after a layer or on a line of its own, e.g. 'relu'");
        });
    }

    /**
     * The text inside the parentheses that follow a name in {@code text} ({@code 32, 3} of {@code Conv2D(32, 3)
     * relu}), up to the one that closes them, or the end of the line; null without parentheses.
     */
    static String arguments(String text) {
        int open = text.indexOf('(');
        if (open < 0 || !text.substring(0, open).strip().matches("([A-Za-z_][\\w.]*)?")) {
            return null;
        }
        int[] depths = depths(text);
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (depths[i] == 0 && (c == ')' || c == ']')) {
                return text.substring(open + 1, i);
            } else if (depths[i] > 0 && (c == '\n' || c == '#')) {
                break;
            }
        }
        int end = text.indexOf('\n');
        return text.substring(open + 1, end < 0 ? text.length() : end).strip();
    }

    /** True when {@code name} (its last part after a dot) is a layer or activation a framework calls so. */
    static boolean isFrameworkLayer(String name) {
        String last = name.substring(name.lastIndexOf('.') + 1);
        return LayerKind.fromOtherName(last).isPresent() || activation(last).filter(a -> a != ActivationKind.LINEAR).isPresent()
                || last.equals("Activation");
    }

    private Optional<String> statement() {
        Optional<ActivationKind> activation = activation(name).filter(a -> a != ActivationKind.LINEAR); // nn.Linear is dense
        if (activation.isPresent()) {
            // nn.LeakyReLU(0.01), layers.LeakyReLU(negative_slope=0.01): the slope follows the word
            return Optional.of(activation.get().word() + (activation.get() != ActivationKind.LEAKYRELU ? ""
                    : argument(0, "negative_slope").filter(slope -> slope.matches("\\d*\\.\\d+|\\d+")).map(slope -> " " + slope)
                    .orElse("")));
        }
        if (name.equals("Activation")) {
            return argument(0, "activation").flatMap(ForeignCall::activation).map(ActivationKind::word);
        }
        Optional<LayerKind> kind = LayerKind.fromOtherName(name);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        return switch (kind.get()) {
            case CONV, DECONV -> torch ? window(kind.get().op() + " ", argument(1, "out_channels"), argument(2, "kernel_size"),
                    argument(3, "stride"), argument(4, "padding"), argument(-1, "dilation"))
                    : window(kind.get().op() + " ", argument(0, "filters"), argument(1, "kernel_size"),
                            argument(2, "strides"), argument(3, "padding"), argument(-1, "dilation_rate"));
            case SEPCONV -> window("sepconv ", argument(0, "filters"), argument(1, "kernel_size"), argument(2, "strides"),
                    argument(3, "padding"), argument(-1, "dilation_rate"));
            case DWCONV -> window("dwconv", Optional.of(""), argument(0, "kernel_size"), argument(1, "strides"),
                    argument(2, "padding"), argument(-1, "dilation_rate"))
                    .map(text -> text + argument(3, "depth_multiplier").map(m -> " mult " + m).orElse(""));
            case MAXPOOL, AVGPOOL -> pool(kind.get().op());
            case DENSE -> argument(torch ? 1 : 0, torch ? "out_features" : "units")
                    .filter(ForeignCall::isWhole).map(units -> "dense " + units + modifiers());
            case DROPOUT -> argument(0, torch ? "p" : "rate").filter(rate -> rate.matches("0\\.\\d+"))
                    .map(rate -> "dropout " + rate);
            case GAP, GMP, BN, LN, FLATTEN, LAYERSCALE, PRELU -> Optional.of(kind.get().op());
            case UPSAMPLE -> argument(0, torch ? "scale_factor" : "size").map(ForeignCall::size).filter(s -> !s.isEmpty())
                    .map(size -> "upsample " + size + (keyword("interpolation", "mode").filter(m -> m.equals("bilinear"))
                            .isPresent() ? " bilinear" : ""));
            case ZEROPAD, CROP -> argument(0, torch ? "padding" : kind.get() == LayerKind.ZEROPAD ? "padding" : "cropping")
                    .filter(ForeignCall::isWhole).map(p -> kind.get().op() + " " + p);
            // read from no framework's arguments yet: the note falls back to how cnnc writes the layer
            case NORMALIZE, RESCALE, ACTIVATE, RESHAPE, SPLIT, SHUFFLE, ADD, CONCAT, MULTIPLY, MATMUL, SELECT -> Optional.empty();
        };
    }

    /** {@code conv F@K} with its stride, padding, dilation, groups, bias and activation, when each is readable. */
    private Optional<String> window(String start, Optional<String> filters, Optional<String> kernel, Optional<String> stride,
                                    Optional<String> padding, Optional<String> dilation) {
        if (filters.isEmpty() || (!filters.get().isEmpty() && !isWhole(filters.get())) || kernel.isEmpty()) {
            return Optional.empty();
        }
        String size = size(kernel.get());
        if (size.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(start).append(filters.get()).append(filters.get().isEmpty() ? " " : "@")
                .append(size);
        if (!appendStride(out, stride, "1") || !appendPadding(out, padding)) {
            return Optional.empty();
        }
        if (dilation.isPresent() && !size(dilation.get()).equals("1")) {
            out.append(" dil ").append(size(dilation.get()));
        }
        keyword("groups").filter(ForeignCall::isWhole).filter(g -> !g.equals("1")).ifPresent(g -> out.append(" groups ").append(g));
        return Optional.of(out + modifiers());
    }

    /** Keras's pooling strides and PyTorch's default to the window, as cnnc's. */
    private Optional<String> pool(String word) {
        Optional<String> window = argument(0, torch ? "kernel_size" : "pool_size").map(ForeignCall::size);
        if (window.isEmpty() || window.get().isEmpty()) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(word).append(' ').append(window.get());
        if (!appendStride(out, argument(1, torch ? "stride" : "strides"), window.get())
                || !appendPadding(out, argument(2, "padding"))) {
            return Optional.empty();
        }
        if (torch && keyword("ceil_mode").filter(c -> c.equals("True")).isPresent()) {
            out.append(" ceil");
        }
        return Optional.of(out.toString());
    }

    private static boolean appendStride(StringBuilder out, Optional<String> stride, String implied) {
        if (stride.isEmpty() || stride.get().equals("None")) {
            return true;
        }
        String size = size(stride.get());
        if (size.isEmpty()) {
            return false;
        }
        if (!size.equals(implied)) {
            out.append(" /").append(size);
        }
        return true;
    }

    private static boolean appendPadding(StringBuilder out, Optional<String> padding) {
        if (padding.isEmpty() || padding.get().equals("valid") || padding.get().equals("0")) {
            return true;
        }
        if (padding.get().equals("same")) {
            out.append(" same");
            return true;
        }
        // PyTorch's padding=(1, 3, 3): an amount per axis, as cnnc's pad 1x3x3
        String size = size(padding.get());
        if (!size.isEmpty() && !size.equals("0")) {
            out.append(" pad ").append(size);
        }
        return !size.isEmpty();
    }

    /** The activation and bias keywords both frameworks write: {@code activation="relu"}, {@code use_bias=False}, {@code bias=False}. */
    private String modifiers() {
        StringBuilder out = new StringBuilder();
        if (keyword("use_bias", "bias").filter(b -> b.equals("False")).isPresent()) {
            out.append(" nobias");
        }
        keyword("activation").flatMap(ForeignCall::activation).filter(a -> a != ActivationKind.LINEAR)
                .ifPresent(a -> out.append(' ').append(a.word()));
        return out.toString();
    }

    /** The argument at {@code index} or by {@code keyword} (index -1: by keyword only). */
    private Optional<String> argument(int index, String keyword) {
        if (keywords.containsKey(keyword)) {
            return Optional.of(keywords.get(keyword));
        }
        return index >= 0 && index < positional.size() ? Optional.of(positional.get(index)) : Optional.empty();
    }

    private Optional<String> keyword(String... names) {
        for (String keyword : names) {
            if (keywords.containsKey(keyword)) {
                return Optional.of(keywords.get(keyword));
            }
        }
        return Optional.empty();
    }

    /** An activation by Keras's or PyTorch's name: {@code relu}, {@code "leaky_relu"}, {@code ReLU}, {@code SiLU}. */
    private static Optional<ActivationKind> activation(String word) {
        return ActivationKind.fromWord(word.toLowerCase(Locale.ROOT).replace("_", ""));
    }

    /** A size as cnnc writes it: {@code 3}, {@code (3, 3)} as {@code 3x3}, {@code (1, 7)} as {@code 1x7}; "" if not one. */
    private static String size(String value) {
        String inner = value.startsWith("(") || value.startsWith("[") ? value.substring(1, value.length() - 1) : value;
        List<String> parts = new ArrayList<>();
        for (String part : inner.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        if (parts.isEmpty() || parts.size() > 2 || !parts.stream().allMatch(ForeignCall::isWhole)) {
            return "";
        }
        return parts.size() == 2 && !parts.get(0).equals(parts.get(1)) ? parts.get(0) + "x" + parts.get(1) : parts.get(0);
    }

    private static boolean isWhole(String value) {
        return value.matches("[1-9]\\d{0,8}|0");
    }

    /** An argument's value as written, without its quotes. */
    private static String value(String text) {
        String value = text.strip();
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** The arguments, split at the commas outside brackets and quotes. */
    private static List<String> split(String arguments) {
        List<String> parts = new ArrayList<>();
        int[] depths = depths(arguments);
        int start = 0;
        for (int i = 0; i < arguments.length(); i++) {
            if (arguments.charAt(i) == ',' && depths[i] == 0) {
                parts.add(arguments.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(arguments.substring(start));
        return parts;
    }

    /**
     * How deep in brackets each character of {@code text} is, after it (a closing bracket is one less deep than
     * what it closes); -1 inside quotes, whose brackets and commas do not count.
     */
    private static int[] depths(String text) {
        int[] depths = new int[text.length()];
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                depths[i] = -1;
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                depths[i] = -1;
                continue;
            }
            depth += c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
            depths[i] = depth;
        }
        return depths;
    }
}
