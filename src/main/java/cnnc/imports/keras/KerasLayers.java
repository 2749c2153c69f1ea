package cnnc.imports.keras;

import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.imports.Statements;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Map;

/**
 * Each Keras layer class as the statement cnnc writes for it ({@code docs/keras.md}'s mapping read
 * backwards), with every option read or refused. A class without a case here is refused (E0821).
 */
final class KerasLayers {
    /** Keras's activation names and the language's words for them. */
    static final Map<String, String> ACTIVATIONS = Map.ofEntries(Map.entry("linear", "linear"),
            Map.entry("relu", "relu"), Map.entry("relu6", "relu6"), Map.entry("sigmoid", "sigmoid"),
            Map.entry("tanh", "tanh"), Map.entry("softmax", "softmax"), Map.entry("elu", "elu"),
            Map.entry("selu", "selu"), Map.entry("gelu", "gelu"), Map.entry("silu", "swish"),
            Map.entry("swish", "swish"), Map.entry("leaky_relu", "leakyrelu"), Map.entry("softplus", "softplus"),
            Map.entry("softsign", "softsign"), Map.entry("hard_sigmoid", "hardsigmoid"),
            Map.entry("hard_silu", "hardswish"), Map.entry("hard_swish", "hardswish"), Map.entry("mish", "mish"));
    private static final BigDecimal BN_EPSILON = new BigDecimal("0.001");
    private static final BigDecimal BN_MOMENTUM = new BigDecimal("0.99");
    private static final BigDecimal LN_EPSILON = new BigDecimal("0.001");
    private static final BigDecimal LEAKY_SLOPE = new BigDecimal("0.2");
    /** The package cnnc keras registers its own classes under (backend/keras's ModuleClasses). */
    private static final String CNNC_PACKAGE = "cnnc";
    private static final String MAX_POOL_PADDING = "MaxPoolPadding";

    private KerasLayers() {
    }

    static Mapped map(KerasLayer layer, List<Diagnostic> problems) {
        Options o = new Options(layer, problems);
        int before = problems.size();
        if (layer.helper) {
            return new Mapped.Pass();
        }
        Mapped mapped = switch (layer.className) {
            case "Conv1D", "Conv2D", "Conv3D" -> conv(o, "conv", true);
            case "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose" -> conv(o, "deconv", false);
            case "DepthwiseConv1D", "DepthwiseConv2D" -> depthwise(o, "dwconv " + size(o.sizes("kernel_size", rank(o), null)));
            case "SeparableConv1D", "SeparableConv2D" -> depthwise(o, "sepconv " + o.required("filters", 1) + "@"
                    + size(o.sizes("kernel_size", rank(o), null)));
            case "Dense" -> dense(o);
            case "BatchNormalization" -> batchNorm(o);
            case "LayerNormalization" -> layerNorm(o);
            case "Activation" -> activationLayer(o);
            case "ReLU" -> relu(o);
            case "LeakyReLU" -> new Mapped.Statement(leaky(o.decimal("negative_slope", LEAKY_SLOPE)), "");
            case "ELU" -> plain(o, "elu", "alpha", "1.0");
            case "Softmax" -> axisLast(o, "axis") ? new Mapped.Statement("softmax", "") : new Mapped.Refused();
            case "PReLU" -> prelu(o);
            case "MaxPooling1D", "MaxPooling2D", "MaxPooling3D" -> pool(o, "maxpool");
            case "AveragePooling1D", "AveragePooling2D", "AveragePooling3D" -> pool(o, "avgpool");
            case "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAveragePooling3D" -> global(o, "gap");
            case "GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPooling3D" -> global(o, "gmp");
            case "ZeroPadding1D", "ZeroPadding2D", "ZeroPadding3D" -> borders(o, "zeropad", "padding");
            case "Cropping1D", "Cropping2D", "Cropping3D" -> borders(o, "crop", "cropping");
            case "UpSampling1D", "UpSampling2D", "UpSampling3D" -> upsample(o);
            case "Flatten" -> new Mapped.Statement("flatten", "");
            case "Reshape" -> reshape(o);
            case "Dropout" -> dropout(o);
            case "Add", "Multiply" -> new Mapped.Merge(layer.className.toLowerCase(java.util.Locale.ROOT));
            case "Concatenate" -> axisLast(o, "axis") ? new Mapped.Merge("concat") : new Mapped.Refused();
            case "Rescaling" -> rescale(o);
            case "Normalization" -> normalize(o);
            case "LayerScale" -> layerScale(o);
            case "Identity" -> new Mapped.Pass();
            case "MatMul" -> cnncs(layer, problems) ? new Mapped.Merge("matmul") : new Mapped.Refused();
            case "Select" -> cnncs(layer, problems) ? select(o) : new Mapped.Refused();
            case "Split" -> cnncs(layer, problems) ? split(o) : new Mapped.Refused();
            case "ChannelShuffle" -> cnncs(layer, problems) ? shuffle(o) : new Mapped.Refused();
            case MAX_POOL_PADDING -> {
                if (cnncs(layer, problems)) {
                    problems.add(Diagnostic.of(Code.E0821, layer.span, "Keras layer " + layer.name + " is cnnc's "
                            + MAX_POOL_PADDING + ", which the language has only as the padding of a max pooling: in "
                            + "front of the MaxPooling it is named after (maxpool1_pad, maxpool1), which alone reads it",
                            "name it after the max pooling that reads it, as cnnc keras does"));
                }
                yield new Mapped.Refused();
            }
            default -> {
                problems.add(noLayerFor(layer, ""));
                yield new Mapped.Refused();
            }
        };
        if (!(mapped instanceof Mapped.Refused)) {
            o.checkUnread();
        }
        return problems.size() > before ? new Mapped.Refused() : mapped;
    }

    private static Diagnostic noLayerFor(KerasLayer layer, String whose) {
        return Diagnostic.of(Code.E0821, layer.span, "Keras layer " + layer.name + " is a " + layer.className + whose
                + ", which the language has no layer for", "docs/import.md lists the Keras layers cnnc imports");
    }

    /**
     * Whether the layer is of the class cnnc keras writes into its modules (registered as {@code cnnc>NAME}): the
     * matmul and select merges, split and shuffle. Another class of the same name (a model's own MatMul, which
     * may compute something else) is refused as any class the language has no layer for.
     */
    private static boolean cnncs(KerasLayer layer, List<Diagnostic> problems) {
        if (layer.registeredName.equals(CNNC_PACKAGE + ">" + layer.className)) {
            return true;
        }
        problems.add(noLayerFor(layer, " registered as " + (layer.registeredName.isEmpty() ? "nothing"
                : layer.registeredName) + ", not cnnc's own (" + CNNC_PACKAGE + ">" + layer.className + ")"));
        return false;
    }

    /** SKNet's selection, cnnc's Select(branches): the merge's {@code by} is found in the graph ({@link KerasSteps}). */
    private static Mapped select(Options o) {
        long branches = o.integer("branches", 0, 0);
        if (branches < 2 || branches != o.layer.inputs.size() - 1) {
            o.refuse("branches", "cnnc's Select weighs the inputs before its last, the logits: here "
                    + (o.layer.inputs.size() - 1), "give branches=" + (o.layer.inputs.size() - 1));
        }
        return new Mapped.Merge("select");
    }

    /** cnnc's Split(parts, part): a number of equal parts or a list of sizes, and the part taken from 0. */
    private static Mapped split(Options o) {
        JsonElement parts = o.get("parts");
        long part = o.integer("part", -1, 0);
        long channels = o.layer.inputShape().get(o.layer.inputShape().size() - 1);
        List<Long> sizes = new ArrayList<>();
        if (parts instanceof JsonArray list) {
            list.forEach(size -> sizes.add(Objects.requireNonNullElse(Options.whole(size), 0L)));
        } else if (parts != null) {
            // a count that cannot cut the channels (more parts than channels, 2^31 of them) makes no list at all
            long count = Objects.requireNonNullElse(Options.whole(parts), 0L);
            if (count > 0 && count <= channels && channels % count == 0) {
                sizes.addAll(Collections.nCopies((int) count, channels / count));
            }
        }
        if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1)
                || sizes.stream().mapToLong(Long::longValue).sum() != channels) {
            o.refuse("parts", "the parts must cut the " + channels + " input channels into equal parts or parts of at "
                    + "least one channel", "give parts that divide the channels, or sizes that sum to them");
            return new Mapped.Refused();
        }
        if (part < 0 || part >= sizes.size()) {
            o.refuse("part", "the part taken (from 0) is not one of the " + sizes.size() + " parts",
                    "give a part from 0 to " + (sizes.size() - 1));
            return new Mapped.Refused();
        }
        String how = parts instanceof JsonArray ? String.join(", ", sizes.stream().map(String::valueOf).toList())
                : String.valueOf(sizes.size());
        return new Mapped.Statement("split " + how + " take " + (part + 1), "");
    }

    /** cnnc's ChannelShuffle(groups), torch's nn.ChannelShuffle. */
    private static Mapped shuffle(Options o) {
        long groups = o.integer("groups", 0, 1);
        long channels = o.layer.inputShape().get(o.layer.inputShape().size() - 1);
        if (groups < 1 || channels % groups != 0) {
            o.refuse("groups", "the groups must divide the " + channels + " input channels",
                    "give a number of groups that divides them");
            return new Mapped.Refused();
        }
        return new Mapped.Statement("shuffle " + groups, "");
    }

    private static int rank(Options o) {
        return o.layer.inputRank();
    }

    private static Mapped conv(Options o, String word, boolean grouped) {
        List<Long> kernel = o.sizes("kernel_size", rank(o), null);
        StringBuilder s = new StringBuilder(word + " " + o.required("filters", 1) + "@" + size(kernel));
        strideAndPadding(o, s, ones(kernel.size()));
        dilation(o, s);
        if (grouped && o.integer("groups", 1, 1) != 1) {
            s.append(" groups ").append(o.integer("groups", 1, 1));
        }
        if (!grouped && o.has("output_padding")) {
            o.refuse("output_padding", "the language's deconv has Keras's default output size only",
                    "remove output_padding, or crop or pad the output with a layer of its own");
        }
        return new Mapped.Statement(s + biasAndActivation(o), "");
    }

    private static Mapped depthwise(Options o, String start) {
        StringBuilder s = new StringBuilder(start);
        strideAndPadding(o, s, ones(rank(o)));
        dilation(o, s);
        if (o.integer("depth_multiplier", 1, 1) != 1) {
            s.append(" mult ").append(o.integer("depth_multiplier", 1, 1));
        }
        return new Mapped.Statement(s + biasAndActivation(o), "");
    }

    private static void strideAndPadding(Options o, StringBuilder s, List<Long> defaultStride) {
        List<Long> strides = o.sizes("strides", rank(o), defaultStride);
        if (!strides.equals(defaultStride)) {
            s.append(" /").append(size(strides));
        }
        switch (o.text("padding", "valid")) {
            case "valid" -> {
            }
            case "same" -> s.append(" same");
            default -> o.refuse("padding", "the language pads valid or same (or with a layer of its own), not "
                    + o.text("padding", ""), "use padding=\"valid\" with a ZeroPadding layer in front");
        }
    }

    private static void dilation(Options o, StringBuilder s) {
        List<Long> dilation = o.sizes("dilation_rate", rank(o), ones(rank(o)));
        if (!dilation.equals(ones(dilation.size()))) {
            s.append(" dil ").append(size(dilation));
        }
    }

    private static String biasAndActivation(Options o) {
        String bias = o.flag("use_bias", true) ? "" : " nobias";
        String activation = activation(o, "activation");
        return bias + (activation.equals("linear") ? "" : " " + activation);
    }

    /** The language's word for a layer's activation option; "linear" when refused (the refusal is recorded). */
    private static String activation(Options o, String key) {
        JsonElement value = o.get(key);
        if (value == null) {
            return "linear";
        }
        String word = value.isJsonPrimitive() ? ACTIVATIONS.get(value.getAsString()) : null;
        if (word == null) {
            o.refuse(key, "the language's activations are " + String.join(", ", cnnc.ast.ActivationKind.WORDS),
                    "use one of them, or write the activation as a layer the language has");
            return "linear";
        }
        return word;
    }

    private static Mapped dense(Options o) {
        String keep = rank(o) > 0 ? " keep" : "";
        return new Mapped.Statement("dense " + o.required("units", 1) + keep + biasAndActivation(o), "");
    }

    private static Mapped batchNorm(Options o) {
        axisLast(o, "axis");
        StringBuilder s = new StringBuilder("bn");
        if (!o.flag("center", true)) {
            o.refuse("center", "the language's bn always has beta", "use center=True");
        }
        if (!o.flag("scale", true)) {
            s.append(" noscale");
        }
        BigDecimal epsilon = o.decimal("epsilon", BN_EPSILON);
        if (epsilon.compareTo(BN_EPSILON) != 0) {
            s.append(" eps ").append(plain(epsilon));
        }
        BigDecimal momentum = o.decimal("momentum", BN_MOMENTUM);
        if (momentum.compareTo(BN_MOMENTUM) != 0) {
            s.append(" momentum ").append(plain(BigDecimal.ONE.subtract(momentum)));
        }
        if (o.flag("renorm", false)) {
            o.refuse("renorm", "the language's bn has no batch renormalisation", "use renorm=False");
        }
        o.get("renorm_momentum");
        return new Mapped.Statement(s.toString(), "");
    }

    private static Mapped layerNorm(Options o) {
        axisLast(o, "axis");
        if (!o.flag("center", true) || !o.flag("scale", true)) {
            o.refuse(o.flag("center", true) ? "scale" : "center", "the language's ln has both gamma and beta",
                    "use center=True and scale=True");
        }
        BigDecimal epsilon = o.decimal("epsilon", LN_EPSILON);
        return new Mapped.Statement(epsilon.compareTo(LN_EPSILON) == 0 ? "ln" : "ln eps " + plain(epsilon), "");
    }

    private static Mapped activationLayer(Options o) {
        return new Mapped.Statement(activation(o, "activation"), "");
    }

    private static Mapped relu(Options o) {
        BigDecimal slope = o.decimal("negative_slope", BigDecimal.ZERO);
        JsonElement max = o.get("max_value");
        if (o.decimal("threshold", BigDecimal.ZERO).signum() != 0) {
            o.refuse("threshold", "the language's relu starts at 0", "use threshold=0");
        }
        if (max == null) {
            return new Mapped.Statement(slope.signum() == 0 ? "relu" : leaky(slope), "");
        }
        if (Options.decimal(max).compareTo(BigDecimal.valueOf(6)) != 0 || slope.signum() != 0) {
            o.refuse("max_value", "the language caps a relu at 6 only (relu6), without a slope",
                    "use ReLU(max_value=6) or ReLU()");
        }
        return new Mapped.Statement("relu6", "");
    }

    private static String leaky(BigDecimal slope) {
        return slope.compareTo(LEAKY_SLOPE) == 0 ? "leakyrelu" : "leakyrelu " + plain(slope);
    }

    private static Mapped plain(Options o, String word, String key, String only) {
        BigDecimal value = o.decimal(key, new BigDecimal(only));
        if (value.compareTo(new BigDecimal(only)) != 0) {
            o.refuse(key, "the language's " + word + " has " + key + " " + only, "use " + key + "=" + only);
        }
        return new Mapped.Statement(word, "");
    }

    private static Mapped prelu(Options o) {
        List<Long> shared = o.axes("shared_axes");
        List<Long> spatial = new ArrayList<>();
        for (long axis = 1; axis <= rank(o); axis++) {
            spatial.add(axis);
        }
        if (!shared.equals(spatial)) {
            o.refuse("shared_axes", "the language's prelu has one slope per channel, shared_axes=" + spatial,
                    "build the PReLU with shared_axes=" + spatial);
        }
        return new Mapped.Statement("prelu", "");
    }

    private static Mapped pool(Options o, String word) {
        List<Long> window = o.sizes("pool_size", rank(o), null);
        StringBuilder s = new StringBuilder(word + " " + size(window));
        strideAndPadding(o, s, window);
        if (o.layer.negativeInfinityPadding != null) {
            s.append(maxPoolPadding(o, window, o.sizes("strides", rank(o), window)));
        }
        return new Mapped.Statement(s.toString(), "");
    }

    /**
     * cnnc's MaxPoolPadding in front of the max pooling {@code pool} reads: PyTorch's padding P, before and after
     * each axis, as {@code pad P}, plus at the end the rows that PyTorch's ceil mode reads past it, as {@code ceil}.
     * Pads the language cannot say that way (of another form, negative, more than half the window, or after that
     * are neither P nor ceil mode's) are refused at the MaxPoolPadding, as the shapes Keras gives would not be the
     * description's.
     */
    private static String maxPoolPadding(Options pool, List<Long> window, List<Long> stride) {
        Options o = pool.of(pool.layer.negativeInfinityPadding);
        int rank = rank(pool);
        List<long[]> pads = pairs(o.get("padding"), rank);
        o.checkUnread();
        if (pads == null) {
            o.refuse("padding", "cnnc's MaxPoolPadding pads each of the " + rank + " spatial axes by a (before, after) "
                    + "pair of whole numbers from 0 to 2^31 - 1", "give padding=" + sides(Collections.nCopies(rank,
                    "(1, 1)")) + " for PyTorch's padding 1");
            return "";
        }
        if (pool.text("padding", "valid").equals("same")) {
            o.refuse("padding", "it pads in front of a \"valid\" max pooling; " + pool.layer.name + " is \"same\"",
                    "remove the MaxPoolPadding or make the pooling \"valid\"");
            return "";
        }
        List<String> even = new ArrayList<>();
        List<String> ceiled = new ArrayList<>();
        for (int axis = 0; axis < rank; axis++) {
            long n = o.layer.inputShape().get(axis);
            long pad = pads.get(axis)[0];
            if (pad > window.get(axis) / 2) {
                o.refuse("padding", "PyTorch pads a max pooling by at most half its window (" + window.get(axis)
                        + "), here " + pad + " along axis " + (axis + 1), "pad by " + window.get(axis) / 2 + " or less");
                return "";
            }
            even.add("(" + pad + ", " + pad + ")");
            ceiled.add("(" + pad + ", " + (pad + ceilModeBeyond(n, pad, window.get(axis), stride.get(axis))) + ")");
        }
        String given = sides(pads.stream().map(pad -> "(" + pad[0] + ", " + pad[1] + ")").toList());
        if (!given.equals(sides(even)) && !given.equals(sides(ceiled))) {
            o.refuse("padding", "PyTorch's padding pads as much after each axis as before, " + sides(even) + ", and "
                    + "in ceil mode also the rows its last window reads past the input, " + sides(ceiled),
                    "give one of them, as torch's MaxPool with that padding and ceil_mode pads");
            return "";
        }
        for (int axis = 0; axis < rank; axis++) {
            long padded = Math.addExact(o.layer.inputShape().get(axis), pads.get(axis)[0] + pads.get(axis)[1]);
            if (padded != pool.layer.inputShape().get(axis)) {
                o.refuse("padding", "it pads axis " + (axis + 1) + " to " + padded + ", where " + pool.layer.name
                        + " reads " + pool.layer.inputShape().get(axis), "give the shapes Keras gives");
                return "";
            }
        }
        List<Long> before = pads.stream().map(pad -> pad[0]).toList();
        return (before.stream().anyMatch(pad -> pad > 0) ? " pad " + size(before) : "")
                + (given.equals(sides(even)) ? "" : " ceil");
    }

    /** A (before, after) pair of whole numbers from 0 to 2^31 - 1 for each of the rank axes; null if not that. */
    private static List<long[]> pairs(JsonElement padding, int rank) {
        if (!(padding instanceof JsonArray axes) || axes.size() != rank) {
            return null;
        }
        List<long[]> pairs = new ArrayList<>();
        for (JsonElement axis : axes) {
            if (!(axis instanceof JsonArray pair) || pair.size() != 2) {
                return null;
            }
            long[] sides = new long[2];
            for (int side = 0; side < 2; side++) {
                Long value = Options.whole(pair.get(side));
                if (value == null || value < 0 || value > Integer.MAX_VALUE) {
                    return null;
                }
                sides[side] = value;
            }
            pairs.add(sides);
        }
        return pairs;
    }

    /** Python's tuple of the items given, as a message shows padding. */
    private static String sides(List<String> axes) {
        return axes.size() == 1 ? "(" + axes.get(0) + ",)" : "(" + String.join(", ", axes) + ")";
    }

    /**
     * The rows past the padded input that PyTorch's ceil mode reads along an axis of n with padding p, window k,
     * stride s (torch.nn.MaxPool2d's documented output size): ceil((n + 2p - k) / s) + 1 windows, less the last if
     * it would start at or past n + p, the input and its padding before; none where no window fits (a pooling
     * Keras does not build).
     */
    private static long ceilModeBeyond(long n, long pad, long window, long stride) {
        long padded = Math.addExact(n, Math.multiplyExact(2, pad));
        if (stride < 1 || window < 1 || padded < window) {
            return 0;
        }
        // a stride or window past 2^62 from a hostile JSON overflows: ArithmeticException, refused as E0820
        long windows = Math.floorDiv(Math.addExact(padded - window, stride - 1), stride) + 1;
        if (windows > 1 && Math.multiplyExact(windows - 1, stride) >= Math.addExact(n, pad)) {
            windows--;
        }
        return Math.max(0, Math.addExact(Math.multiplyExact(windows - 1, stride), window) - padded);
    }

    /**
     * cnnc keras writes a max pooling's PyTorch padding (and ceil mode) as cnnc's MaxPoolPadding (registered as
     * {@code cnnc>MaxPoolPadding}) named after the pooling with {@code _pad} (keras.md): one, read by that pooling
     * alone, is folded into it ({@link #maxPoolPadding}).
     */
    static void markHelpers(KerasGraph graph) {
        for (KerasLayer layer : graph.layers) {
            if (!layer.className.startsWith("MaxPooling") || layer.inputs.size() != 1) {
                continue;
            }
            KerasLayer before = layer.inputs.get(0);
            if (before.className.equals(MAX_POOL_PADDING) && before.registeredName.equals(CNNC_PACKAGE + ">"
                    + MAX_POOL_PADDING) && before.name.equals(layer.name + "_pad") && before.consumers == 1) {
                layer.negativeInfinityPadding = before;
                before.helper = true;
            }
        }
    }

    private static Mapped global(Options o, String word) {
        return new Mapped.Statement(o.flag("keepdims", false) ? word + " keep" : word, "");
    }

    /** Keras's padding or cropping: one number, one per axis, or a pair per axis. */
    private static Mapped borders(Options o, String word, String key) {
        JsonElement value = o.get(key);
        List<JsonElement> numbers = new ArrayList<>();
        int rank = rank(o);
        if (value.isJsonPrimitive()) {
            numbers.addAll(Collections.nCopies(2 * rank, value));
        } else if (rank == 1 && value.getAsJsonArray().get(0).isJsonPrimitive()) {
            value.getAsJsonArray().forEach(numbers::add);
        } else {
            for (JsonElement axis : value.getAsJsonArray()) {
                if (axis.isJsonPrimitive()) {
                    numbers.add(axis);
                    numbers.add(axis);
                } else {
                    axis.getAsJsonArray().forEach(numbers::add);
                }
            }
        }
        List<Long> sides = new ArrayList<>();
        for (JsonElement number : numbers) {
            Long side = Options.whole(number);
            if (side == null || side < 0) {
                o.refuseNumber(key, 0);
                return new Mapped.Refused();
            }
            sides.add(side);
        }
        if (sides.size() != 2 * rank) {
            o.refuse(key, "Keras writes a number before and after each of the input's " + rank + " spatial axes",
                    "give the JSON that model.to_json() writes");
            return new Mapped.Refused();
        }
        return new Mapped.Statement(word + " " + sidesText(sides), "");
    }

    /** Before and after along each axis, in the shortest form the language reads. */
    static String sidesText(List<Long> sides) {
        if (sides.stream().distinct().count() == 1) {
            return String.valueOf(sides.get(0));
        }
        List<Long> perAxis = new ArrayList<>();
        for (int i = 0; i < sides.size(); i += 2) {
            if (!sides.get(i).equals(sides.get(i + 1))) {
                return String.join(" ", sides.stream().map(String::valueOf).toList());
            }
            perAxis.add(sides.get(i));
        }
        return perAxis.size() == 1 ? String.join(" ", sides.stream().map(String::valueOf).toList())
                : String.join("x", perAxis.stream().map(String::valueOf).toList());
    }

    private static Mapped upsample(Options o) {
        List<Long> factor = o.sizes("size", rank(o), null);
        String interpolation = o.text("interpolation", "nearest");
        String s = "upsample " + size(factor);
        if (interpolation.equals("bilinear")) {
            s += " bilinear";
        } else if (!interpolation.equals("nearest")) {
            o.refuse("interpolation", "the language repeats values (nearest) or interpolates them bilinearly",
                    "use interpolation=\"nearest\" or \"bilinear\"");
        }
        return new Mapped.Statement(s, "");
    }

    private static Mapped reshape(Options o) {
        List<Long> target = new ArrayList<>();
        for (JsonElement value : o.get("target_shape").getAsJsonArray()) {
            Long size = Options.whole(value);
            if (size == null || (size < 1 && size != -1)) {
                o.refuse("target_shape", "Keras writes sizes of 1 or more here, or one -1 for the size left over",
                        "give the JSON that model.to_json() writes");
                return new Mapped.Refused();
            }
            target.add(size);
        }
        int unknown = target.indexOf(-1L);
        if (unknown >= 0) {
            long all = o.layer.inputShape().stream().reduce(1L, Math::multiplyExact);
            long known = target.stream().filter(v -> v != -1).reduce(1L, Math::multiplyExact);
            if (target.lastIndexOf(-1L) != unknown || all % known != 0) {
                o.refuse("target_shape", "it must leave one size over, from the input's " + all + " values",
                        "give at most one -1, and sizes whose product divides the input's size");
                return new Mapped.Refused();
            }
            target.set(unknown, all / known);
        }
        return new Mapped.Statement("reshape " + String.join("x", target.stream().map(String::valueOf).toList()), "");
    }

    /**
     * Keras's {@code noise_shape} of (None, 1, ..., 1) drops whole samples (stochastic depth, as EfficientNet's
     * blocks); the language's dropout drops values. Neither has parameters or cost and both pass values through
     * at inference, so it is imported as {@code dropout}, with a comment that says so.
     */
    private static Mapped dropout(Options o) {
        BigDecimal given = o.decimal("rate", BigDecimal.ZERO);
        if (given.signum() < 0 || given.compareTo(BigDecimal.ONE) >= 0) {
            o.refuse("rate", "the language's dropout rate is at least 0 and below 1", "give a rate below 1");
        }
        String rate = plain(given);
        JsonElement noise = o.get("noise_shape");
        if (noise == null) {
            return new Mapped.Statement("dropout " + rate, "");
        }
        JsonArray axes = noise.getAsJsonArray();
        boolean wholeSamples = true;
        for (int i = 1; i < axes.size(); i++) {
            wholeSamples &= Long.valueOf(1).equals(Options.whole(axes.get(i)));
        }
        if (!wholeSamples) {
            o.refuse("noise_shape", "the language's dropout drops single values (or, as imported, whole samples)",
                    "remove noise_shape");
        }
        return new Mapped.Statement("dropout " + rate, "Keras drops whole samples here, noise_shape "
                + noise.toString().replace("null", "None"));
    }

    private static Mapped rescale(Options o) {
        for (String key : List.of("scale", "offset")) {
            JsonElement value = o.get(key);
            if (value != null && !value.isJsonPrimitive()) {
                o.refuse(key, "the language's rescale takes one number for every channel", "give one number");
                return new Mapped.Refused();
            }
        }
        BigDecimal scale = o.decimal("scale", BigDecimal.ONE);
        BigDecimal offset = o.decimal("offset", BigDecimal.ZERO);
        return new Mapped.Statement("rescale " + Statements.scale(scale)
                + (offset.signum() == 0 ? "" : " offset " + plain(offset)), "");
    }

    private static Mapped normalize(Options o) {
        if (!axisLast(o, "axis")) {
            return new Mapped.Refused();
        }
        if (o.flag("invert", false)) {
            o.refuse("invert", "the language's normalize does not invert", "use invert=False");
        }
        JsonElement mean = o.get("mean");
        JsonElement variance = o.get("variance");
        if (mean == null && variance == null) {
            return new Mapped.Statement("normalize", "");
        }
        if (mean == null || variance == null) {
            o.refuse(mean == null ? "variance" : "mean", "the language's normalize has both or neither",
                    "give both mean and variance");
            return new Mapped.Refused();
        }
        return new Mapped.Statement("normalize mean " + numbers(mean) + " variance " + numbers(variance), "");
    }

    private static String numbers(JsonElement value) {
        List<String> numbers = new ArrayList<>();
        if (value instanceof JsonArray list) {
            list.forEach(v -> numbers.add(plain(Options.decimal(v))));
        } else {
            numbers.add(plain(Options.decimal(value)));
        }
        return String.join(" ", numbers);
    }

    /** ConvNeXt's LayerScale (keras.applications.convnext's class, and cnnc's own of the same name). */
    private static Mapped layerScale(Options o) {
        o.get("projection_dim");
        BigDecimal start = o.decimal("init_values", new BigDecimal("0.000001"));
        if (start.compareTo(new BigDecimal("0.000001")) != 0) {
            o.refuse("init_values", "the language's layerscale starts at 0.000001", "use init_values=1e-6");
        }
        return new Mapped.Statement("layerscale", "");
    }

    /** Whether an {@code axis} option is the channels (the last axis); refused otherwise. */
    private static boolean axisLast(Options o, String key) {
        JsonElement value = o.get(key);
        int last = o.layer.inputRank() + 1;
        boolean isLast = value == null;
        if (value != null) {
            JsonElement axis = value instanceof JsonArray list && list.size() == 1 ? list.get(0) : value;
            Long number = Options.whole(axis);
            isLast = number != null && (number == -1 || number == last);
        }
        if (!isLast) {
            o.refuse(key, "the language's " + o.layer.className + " acts on the channels, the last axis",
                    "use " + key + "=-1");
        }
        return isLast;
    }

    static String size(List<Long> sizes) {
        if (sizes.stream().distinct().count() == 1) {
            return String.valueOf(sizes.get(0));
        }
        return String.join("x", sizes.stream().map(String::valueOf).toList());
    }

    private static List<Long> ones(int n) {
        return Collections.nCopies(Math.max(n, 1), 1L);
    }

    /** A number as the language reads it: digits, a point, no exponent. */
    static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
