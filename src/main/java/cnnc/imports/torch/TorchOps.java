package cnnc.imports.torch;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import cnnc.imports.Statements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each traced node as the statement it becomes, at its input's rank (Conv1d, Conv2d and Conv3d are all
 * {@code conv}); the operations the language cannot express, or options it cannot say, as problems naming
 * the module path and the operation. Functions and methods that are the same layer as a module
 * ({@code F.relu}, {@code torch.flatten}, {@code x + y}, {@code torch.cat}) map as the module does.
 */
final class TorchOps {
    /** A problem with a node: E0834 an operation, E0835 an option, E0836 the graph. */
    record Problem(TorchNode node, String code, String message, String hint) {
    }

    private static final Map<String, String> ACTIVATIONS = Map.ofEntries(Map.entry("ReLU", "relu"),
            Map.entry("ReLU6", "relu6"), Map.entry("SiLU", "swish"), Map.entry("Hardswish", "hardswish"),
            Map.entry("Hardsigmoid", "hardsigmoid"), Map.entry("Sigmoid", "sigmoid"), Map.entry("Tanh", "tanh"),
            Map.entry("ELU", "elu"), Map.entry("SELU", "selu"), Map.entry("Softplus", "softplus"),
            Map.entry("Softsign", "softsign"), Map.entry("Mish", "mish"), Map.entry("GELU", "gelu"));
    private static final Map<String, String> ACTIVATION_FUNCTIONS = Map.ofEntries(Map.entry("relu", "relu"),
            Map.entry("relu_", "relu"), Map.entry("relu6", "relu6"), Map.entry("silu", "swish"),
            Map.entry("hardswish", "hardswish"), Map.entry("hardsigmoid", "hardsigmoid"),
            Map.entry("sigmoid", "sigmoid"), Map.entry("tanh", "tanh"), Map.entry("elu", "elu"),
            Map.entry("selu", "selu"), Map.entry("softplus", "softplus"), Map.entry("softsign", "softsign"),
            Map.entry("mish", "mish"), Map.entry("gelu", "gelu"), Map.entry("sigmoid_", "sigmoid"));
    /** Functions and methods that make no tensor of their own (sizes, a contiguous copy) or change no value. */
    private static final Set<String> PASSING = Set.of("contiguous", "torch.nn.functional.dropout", "dropout",
            "clone", "detach");
    /** Module settings that change nothing the description holds (how numbers are stored, in-place work). */
    private static final Set<String> IGNORED = Set.of("inplace", "has_weight", "parameters", "buffers", "children",
            "trainable", "has_bias", "in_channels", "out_channels", "in_features", "out_features", "num_features",
            "normalized_shape", "transposed");

    /**
     * cnnc torch's own helper classes, read back as the statement each was written for (the tracer keeps them
     * whole where the class's name and source are cnnc's; see {@link #helper}).
     */
    static final Set<String> HELPERS = Set.of("FlattenHWC", "FlattenLC", "FlattenDHWC", "ReshapeHWC",
            "ReshapeChannelsLast", "SeparableConv2d", "SeparableConv1d", "BatchNormNoScale", "BatchNormNoScale3d",
            "ChannelLayerNorm", "ChannelLayerNorm1d", "ChannelLayerNorm3d", "Normalization", "ConstantNormalization",
            "LayerScale", "PerChannel", "PerChannel1d", "PerChannel3d", "Rescaling", "AvgPoolSame", "AvgPoolSame1d",
            "AvgPoolSame3d", "ChannelSplit", "ChannelSlices", "MatMul", "Select");

    private final List<Problem> problems;
    /** Tensors on the way through channel_shuffle (a view as G x C/G, its transpose): G. */
    private final Map<TorchNode, Integer> shuffles = new java.util.HashMap<>();
    /**
     * Nodes that read a tensor permuted to channels last and act on each position's channels, as the language's
     * layers do (ConvNeXt's LayerNorm2d and block: permute, layer norm, Linear, GELU, Linear, permute back).
     */
    private final Set<TorchNode> channelsLast = new java.util.HashSet<>();

    TorchOps(List<Problem> problems) {
        this.problems = problems;
    }

    /** The node's step, or null when its output is its input (Identity, eval-mode dropout of a function). */
    Step map(TorchNode node) {
        try {
            return switch (node.op) {
                case "call_module" -> module(node);
                case "call_function", "call_method" -> function(node);
                default -> refuse(node, "E0834", "the operation " + node.op + " " + node.target);
            };
        } catch (RuntimeException unexpected) {
            return refuse(node, "E0835", "an argument of a form the import does not read ("
                    + unexpected.getMessage() + ")");
        }
    }

    private Step refuse(TorchNode node, String code, String why) {
        problems.add(new Problem(node, code, node.describe() + ": " + why, hint(code)));
        return new Step(node, "?");
    }

    private static String hint(String code) {
        return switch (code) {
            case "E0834" -> "the language has no layer for it (see docs/import.md for what is mapped); write the "
                    + "model without it, or describe it by hand";
            case "E0835" -> "the language cannot say this option; see docs/import.md for what each module may set";
            default -> "see docs/import.md for the graphs the import takes";
        };
    }

    private Step module(TorchNode node) {
        String kind = node.className;
        JsonObject o = node.options;
        if (bool(o, "helper")) {
            return helper(node, o);
        }
        if (!bool(o, "trainable")) {
            return refuse(node, "E0835", "some of its parameters have requires_grad=False (the description counts them "
                    + "as trainable)");
        }
        switch (kind) {
            case "Conv1d", "Conv2d", "Conv3d" -> {
                return conv(node, o);
            }
            case "ConvTranspose1d", "ConvTranspose2d", "ConvTranspose3d" -> {
                return deconv(node, o);
            }
            case "Linear" -> {
                if (channelsLast.contains(node)) {
                    // Linear on the last axis of channels-last positions: Keras's Dense on an image
                    return activatable(new Step(node, "dense " + integer(o, "out_features") + " keep"
                            + (bool(o, "has_bias") ? "" : " nobias")));
                }
                if (node.inputShape().size() != 1) {
                    return refuse(node, "E0835", "a Linear on a tensor of " + dims(node.inputShape())
                            + " (channels first) acts on its last axis, the width; the language's dense acts on a vector "
                            + "or on the channels");
                }
                return activatable(new Step(node, "dense " + integer(o, "out_features") + (bool(o, "has_bias") ? ""
                        : " nobias")));
            }
            case "BatchNorm1d", "BatchNorm2d", "BatchNorm3d" -> {
                return batchNorm(node, o);
            }
            case "ReLU", "ReLU6", "SiLU", "Hardswish", "Hardsigmoid", "Sigmoid", "Tanh", "ELU", "SELU", "Softplus",
                 "Softsign", "Mish", "GELU" -> {
                return activation(node, kind, o);
            }
            case "LeakyReLU" -> {
                return new Step(node, "leakyrelu " + numberText(o.get("negative_slope")));
            }
            case "Softmax" -> {
                return softmax(node, o.get("dim"));
            }
            case "PReLU" -> {
                if (integer(o, "num_parameters") != node.shape.get(0)) {
                    return refuse(node, "E0835", "num_parameters=" + integer(o, "num_parameters")
                            + ": the language's prelu has one slope per channel");
                }
                return new Step(node, "prelu");
            }
            case "Identity" -> {
                // cnnc torch writes a 'linear' statement (ConvNeXt's, after its layer scale) as nn.Identity named linearN
                return node.module.matches("(.*\\.)?linear[0-9]+") ? new Step(node, "linear") : null;
            }
            case "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout" -> {
                return new Step(node, "dropout " + numberText(o.get("p")));
            }
            case "Flatten" -> {
                if (integer(o, "start_dim") != 1 || integer(o, "end_dim") != -1) {
                    return refuse(node, "E0835", "start_dim=" + integer(o, "start_dim") + ", end_dim="
                            + integer(o, "end_dim") + ": the language flattens everything but the batch axis");
                }
                return flatten(node);
            }
            case "MaxPool1d", "MaxPool2d", "MaxPool3d", "AvgPool1d", "AvgPool2d", "AvgPool3d" -> {
                return pool(node, o, kind.startsWith("Max") ? "maxpool" : "avgpool");
            }
            case "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d", "AdaptiveMaxPool1d",
                 "AdaptiveMaxPool2d", "AdaptiveMaxPool3d" -> {
                return adaptive(node, kind.contains("Avg") ? "gap" : "gmp");
            }
            case "ZeroPad1d", "ZeroPad2d", "ZeroPad3d", "ConstantPad1d", "ConstantPad2d", "ConstantPad3d" -> {
                return pad(node, ints(o.get("padding"), node.rank() * 2), o.has("value") ? o.get("value") : null);
            }
            case "Upsample" -> {
                return upsample(node, o);
            }
            case "ChannelShuffle" -> {
                return new Step(node, "shuffle " + integer(o, "groups"));
            }
            case "LayerNorm" -> {
                if (node.rank() != 0 && !channelsLast.contains(node)) {
                    return refuse(node, "E0835", "a LayerNorm on a tensor of " + dims(node.shape) + " (channels "
                            + "first) normalises its last axis, the width; the language's ln normalises the channels");
                }
                return layerNorm(node, o.get("eps"), bool(o, "has_weight") && bool(o, "has_bias"));
            }
            default -> {
                return refuse(node, "E0834", "the language has no layer for " + node.className);
            }
        }
    }

    /** One of cnnc torch's helpers ({@link #HELPERS}) as the statement {@code cnnc torch} wrote it from. */
    private Step helper(TorchNode node, JsonObject o) {
        String kind = node.className.replaceAll("(1d|3d|LC|DHWC|HWC)$", "");
        JsonObject parts = o.getAsJsonObject("parts");
        JsonObject values = o.getAsJsonObject("values");
        switch (kind) {
            case "Flatten" -> {
                return flatten(node);
            }
            case "Reshape", "ReshapeChannelsLast" -> {
                return new Step(node, "reshape " + dims(TorchNode.ints(o.getAsJsonArray("shape"))));
            }
            case "SeparableConv2d", "SeparableConv" -> {
                return separable(node, parts.getAsJsonObject("depthwise"), parts.getAsJsonObject("pointwise"));
            }
            case "BatchNormNoScale" -> {
                JsonObject norm = parts.getAsJsonObject("norm");
                return new Step(node, "bn eps " + numberText(norm.get("eps")) + " momentum "
                        + numberText(norm.get("momentum")) + " noscale");
            }
            case "ChannelLayerNorm" -> {
                if (!bool(o, "elementwise_affine") || !bool(o, "has_bias")) {
                    return refuse(node, "E0835", "a layer norm without its gamma or beta: the language's ln has both");
                }
                return new Step(node, "ln eps " + numberText(o.get("eps")));
            }
            case "Normalization" -> {
                return new Step(node, "normalize");
            }
            case "ConstantNormalization" -> {
                return new Step(node, "normalize mean " + words(values.getAsJsonArray("mean")) + " variance "
                        + words(values.getAsJsonArray("variance")));
            }
            case "LayerScale" -> {
                return new Step(node, "layerscale");
            }
            case "PerChannel" -> {
                TorchNode pool = node.inputs.get(0);
                if (!node.module.equals(pool.module + "_scale") || !pool.op.equals("call_module")
                        || !pool.className.matches("(Max|Avg)Pool[123]d|AvgPoolSame(1d|3d)?")) {
                    return refuse(node, "E0834", "a coefficient and bias per channel that does not follow the pooling it "
                            + "is named after: the language has it as a pooling's 'scaled' only");
                }
                Step step = new Step(node, "scaled");
                step.scales = true;
                return step;
            }
            case "Rescaling" -> {
                BigDecimal offset = number(o.get("offset"));
                return new Step(node, "rescale " + Statements.scale(number(o.get("scale")))
                        + (offset.signum() == 0 ? "" : " offset " + offset.toPlainString()));
            }
            case "AvgPoolSame" -> {
                return averageSame(node, o);
            }
            case "ChannelSplit" -> {
                int start = integer(o, "start");
                int end = integer(o, "end");
                // MixNet's split of one part (a mix of one kernel size): all the channels, a row of its own
                return start == 0 && end == node.inputShape().get(0) ? new Step(node, "split 1 take 1")
                        : channels(node, start, end);
            }
            case "ChannelSlices" -> {
                List<Integer> sizes = TorchNode.ints(o.getAsJsonArray("sizes"));
                boolean equal = sizes.stream().distinct().count() == 1;
                return new Step(node, "split " + (equal ? String.valueOf(sizes.size()) : sizes.stream()
                        .map(String::valueOf).collect(Collectors.joining(", "))) + " take " + (integer(o, "take") + 1));
            }
            case "MatMul" -> {
                return Step.merge(node, "matmul");
            }
            case "Select" -> {
                return Step.merge(node, "select");
            }
            default -> throw new IllegalStateException("a helper class the import lists but does not read: "
                    + node.className);
        }
    }

    private static String words(JsonArray numbers) {
        return numbers.asList().stream().map(JsonElement::getAsString).collect(Collectors.joining(" "));
    }

    /** cnnc torch's SeparableConv2d: its depthwise step's window, stride, padding and multiplier, its pointwise filters. */
    private Step separable(TorchNode node, JsonObject depthwise, JsonObject pointwise) {
        int rank = node.rank();
        int in = integer(depthwise, "in_channels");
        int multiplier = integer(depthwise, "out_channels") / in;
        int[] kernel = ints(depthwise.get("kernel_size"), rank);
        int[] stride = ints(depthwise.get("stride"), rank);
        int[] dilation = ints(depthwise.get("dilation"), rank);
        Step step = new Step(node, null);
        String padding = padding(depthwise.get("padding"), rank, step);
        step.text = "sepconv " + integer(pointwise, "out_channels") + "@" + axes(kernel) + stride(stride) + padding
                + (allOne(dilation) ? "" : " dil " + axes(dilation)) + (multiplier == 1 ? "" : " mult " + multiplier)
                + (bool(pointwise, "has_bias") ? "" : " nobias");
        return windowed(step, padding.isEmpty(), kernel, stride, dilation);
    }

    /**
     * A convolution that takes an activation behind it, with its window where it pads nothing of its own (what a
     * padding helper in front, {@code conv1_pad}, is compared with).
     */
    private static Step windowed(Step step, boolean unpadded, int[] kernel, int[] stride, int[] dilation) {
        if (unpadded) {
            step.kernel = kernel;
            step.stride = stride;
            step.dilation = dilation;
        }
        return activatable(step);
    }

    /** cnnc torch's AvgPoolSame: Keras's "same" average pooling where the zeros are uneven (F.pad's order). */
    private Step averageSame(TorchNode node, JsonObject o) {
        int rank = node.rank();
        int[] kernel = ints(o.get("kernel_size"), rank);
        int[] stride = ints(o.get("stride"), rank);
        int[] torchOrder = ints(o.get("padding"), 2 * rank);
        List<Integer> in = node.inputShape();
        for (int axis = 0; axis < rank; axis++) {
            int n = in.get(axis + 1);
            int total = Math.max(((n + stride[axis] - 1) / stride[axis] - 1) * stride[axis] + kernel[axis] - n, 0);
            int at = 2 * (rank - 1 - axis);
            if (torchOrder[at] != total / 2 || torchOrder[at + 1] != total - total / 2) {
                return refuse(node, "E0835", "an average over the values a window covers with a padding of "
                        + dims(java.util.Arrays.stream(torchOrder).boxed().toList()) + ", not Keras's \"same\"");
            }
        }
        return new Step(node, "avgpool " + axes(kernel) + (java.util.Arrays.equals(stride, kernel) ? ""
                : " /" + axes(stride)) + " same");
    }

    private Step conv(TorchNode node, JsonObject o) {
        if (!"zeros".equals(o.get("padding_mode").getAsString())) {
            return refuse(node, "E0835", "padding_mode=\"" + o.get("padding_mode").getAsString()
                    + "\": the language pads with zeros");
        }
        int rank = node.rank();
        int in = integer(o, "in_channels");
        int out = integer(o, "out_channels");
        int groups = integer(o, "groups");
        int[] kernel = ints(o.get("kernel_size"), rank);
        int[] stride = ints(o.get("stride"), rank);
        int[] dilation = ints(o.get("dilation"), rank);
        StringBuilder text = new StringBuilder();
        if (groups == in && groups > 1 && out % in == 0) {
            text.append("dwconv ").append(axes(kernel));
            if (out != in) {
                text.append(" mult ").append(out / in);
            }
        } else {
            text.append("conv ").append(out).append('@').append(axes(kernel));
        }
        Step step = new Step(node, null);
        String padding = padding(o.get("padding"), rank, step);
        if (padding == null) {
            return refuse(node, "E0835", "padding=" + o.get("padding") + ": the language pads the same on both sides");
        }
        text.append(stride(stride)).append(padding);
        if (!allOne(dilation)) {
            text.append(" dil ").append(axes(dilation));
        }
        if (groups > 1 && !(groups == in && out % in == 0)) {
            text.append(" groups ").append(groups);
        }
        if (!bool(o, "has_bias")) {
            text.append(" nobias");
        }
        step.text = text.toString();
        return windowed(step, padding.isEmpty(), kernel, stride, dilation);
    }

    private Step deconv(TorchNode node, JsonObject o) {
        int rank = node.rank();
        int[] padding = ints(o.get("padding"), rank);
        int[] outputPadding = ints(o.get("output_padding"), rank);
        if (integer(o, "groups") != 1) {
            return refuse(node, "E0835", "groups=" + integer(o, "groups") + ": the language's deconv has no groups");
        }
        if (!"zeros".equals(o.get("padding_mode").getAsString())) {
            return refuse(node, "E0835", "padding_mode=\"" + o.get("padding_mode").getAsString() + "\"");
        }
        int[] kernel = ints(o.get("kernel_size"), rank);
        int[] stride = ints(o.get("stride"), rank);
        int[] dilation = ints(o.get("dilation"), rank);
        String padded = "";
        if (!allZero(padding) || !allZero(outputPadding)) {
            // Keras's "same": the output is n * s, the cut (k - s) put before the odd one, as cnnc torch writes it
            boolean same = true;
            for (int i = 0; i < rank; i++) {
                int cut = (kernel[i] - 1) * dilation[i] + 1 - stride[i];
                same &= cut >= 0 && padding[i] == (cut + 1) / 2 && outputPadding[i] == 2 * padding[i] - cut;
            }
            if (!same) {
                return refuse(node, "E0835", "padding=" + o.get("padding") + ", output_padding="
                        + o.get("output_padding") + ": the language's deconv is valid or same (an output of n * s)");
            }
            padded = " same";
        }
        String text = "deconv " + integer(o, "out_channels") + "@" + axes(kernel) + stride(stride) + padded
                + (allOne(dilation) ? "" : " dil " + axes(dilation)) + (bool(o, "has_bias") ? "" : " nobias");
        return activatable(new Step(node, text));
    }

    /** The padding as the language writes it ("", " pad 1", " pad 1x3", " same"); null when it cannot. */
    private static String padding(JsonElement padding, int rank, Step step) {
        if (padding.isJsonPrimitive() && padding.getAsJsonPrimitive().isString()) {
            return padding.getAsString().equals("same") ? " same" : "";
        }
        int[] amounts = ints(padding, rank);
        return allZero(amounts) ? "" : " pad " + axes(amounts);
    }

    private Step batchNorm(TorchNode node, JsonObject o) {
        if (!bool(o, "affine")) {
            return refuse(node, "E0835", "affine=False: the language's bn has its beta (and gamma, or noscale)");
        }
        if (!bool(o, "track_running_stats")) {
            return refuse(node, "E0835", "track_running_stats=False: the language's bn keeps moving statistics");
        }
        if (o.get("momentum").isJsonNull()) {
            return refuse(node, "E0835", "momentum=None (a cumulative average): the language's momentum is a weight");
        }
        return new Step(node, "bn eps " + numberText(o.get("eps")) + " momentum " + numberText(o.get("momentum")));
    }

    private Step activation(TorchNode node, String kind, JsonObject o) {
        if (kind.equals("GELU") && !"none".equals(o.get("approximate").getAsString())) {
            return refuse(node, "E0835", "approximate=\"tanh\": the language's gelu is the exact one");
        }
        if (kind.equals("ELU") && number(o.get("alpha")).compareTo(BigDecimal.ONE) != 0) {
            return refuse(node, "E0835", "alpha=" + o.get("alpha") + ": the language's elu has alpha 1");
        }
        if (kind.equals("Softplus") && (number(o.get("beta")).compareTo(BigDecimal.ONE) != 0)) {
            return refuse(node, "E0835", "beta=" + o.get("beta") + ": the language's softplus has beta 1");
        }
        Step step = new Step(node, ACTIVATIONS.get(kind));
        return step;
    }

    private Step softmax(TorchNode node, JsonElement dim) {
        if (dim == null || dim.isJsonNull() || !(dim.getAsInt() == 1 || node.shape.size() == 1 && dim.getAsInt() == -1)) {
            return refuse(node, "E0835", "softmax over dim=" + dim + ": the language's softmax is over the channels");
        }
        return new Step(node, "softmax");
    }

    private Step flatten(TorchNode node) {
        return new Step(node, "flatten");
    }

    private Step pool(TorchNode node, JsonObject o, String word) {
        int rank = node.rank();
        int[] kernel = ints(o.get("kernel_size"), rank);
        int[] stride = o.get("stride").isJsonNull() ? kernel : ints(o.get("stride"), rank);
        int[] padding = ints(o.get("padding"), rank);
        if (o.has("dilation") && !allOne(ints(o.get("dilation"), rank))) {
            return refuse(node, "E0835", "dilation=" + o.get("dilation") + ": the language's pooling has none");
        }
        boolean ceil = bool(o, "ceil_mode");
        if (word.equals("avgpool")) {
            if (ceil && windowsFit(node, kernel, stride, padding)) {
                // timm's ResNet-D shortcut, AvgPool2d(2, 2, ceil_mode=True) on an even size: no window to round up
                ceil = false;
            }
            if (ceil) {
                return refuse(node, "E0835", "ceil_mode=True: the language's ceil is max pooling's");
            }
            if (!allZero(padding) && !bool(o, "count_include_pad")) {
                if (!keepsSize(node, kernel, stride, padding)) {
                    return refuse(node, "E0835", "count_include_pad=False: the language's avgpool counts the padding "
                            + "(but for Keras's \"same\", which does not)");
                }
                return new Step(node, "avgpool " + axes(kernel) + (java.util.Arrays.equals(stride, kernel) ? ""
                        : " /" + axes(stride)) + " same");
            }
            if (o.has("divisor_override") && !o.get("divisor_override").isJsonNull()) {
                return refuse(node, "E0835", "divisor_override=" + o.get("divisor_override"));
            }
        }
        if (o.has("return_indices") && bool(o, "return_indices")) {
            return refuse(node, "E0835", "return_indices=True");
        }
        String text = word + " " + axes(kernel) + (java.util.Arrays.equals(stride, kernel) ? "" : " /" + axes(stride))
                + (allZero(padding) ? "" : " pad " + axes(padding)) + (ceil ? " ceil" : "");
        Step step = new Step(node, text);
        if (allZero(padding) && !ceil) {
            step.kernel = kernel;
            step.stride = stride;
            step.dilation = ones(rank);
        }
        return step;
    }

    /** Whether the windows cover every axis exactly, so that ceil_mode changes no output size. */
    private static boolean windowsFit(TorchNode node, int[] kernel, int[] stride, int[] padding) {
        List<Integer> in = node.inputShape();
        for (int axis = 0; axis < kernel.length; axis++) {
            if ((in.get(axis + 1) + 2 * padding[axis] - kernel[axis]) % stride[axis] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether a padding is Keras's "same" for the window: as much on both sides, ceil(n / s) out. */
    private static boolean keepsSize(TorchNode node, int[] kernel, int[] stride, int[] padding) {
        List<Integer> in = node.inputShape();
        for (int axis = 0; axis < kernel.length; axis++) {
            int n = in.get(axis + 1);
            int total = Math.max(((n + stride[axis] - 1) / stride[axis] - 1) * stride[axis] + kernel[axis] - n, 0);
            if (total % 2 != 0 || padding[axis] != total / 2) {
                return false;
            }
        }
        return true;
    }

    private Step adaptive(TorchNode node, String word) {
        List<Integer> in = node.inputShape();
        List<Integer> out = node.shape;
        if (out.subList(1, out.size()).stream().allMatch(d -> d == 1)) {
            return new Step(node, word + " keep");
        }
        if (out.equals(in)) {
            return null;
        }
        return refuse(node, "E0834", "pooling " + dims(in.subList(1, in.size())) + " to " + dims(out.subList(1,
                out.size())) + ": the language's pools are global (to 1) or have one window");
    }

    /** {@code torch}'s order is the last axis first, before then after; the language's is the first axis first. */
    private Step pad(TorchNode node, int[] torchOrder, JsonElement value) {
        int rank = node.rank();
        boolean negativeInfinity = value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()
                && value.getAsString().equals("-inf");
        if (value != null && !negativeInfinity && number(value).signum() != 0) {
            return refuse(node, "E0835", "a padding of " + value + ": the language pads with zeros");
        }
        int[][] pads = new int[rank][2];
        for (int axis = 0; axis < rank; axis++) {
            int at = 2 * (rank - 1 - axis);
            pads[axis][0] = torchOrder[at];
            pads[axis][1] = torchOrder[at + 1];
        }
        boolean crop = java.util.Arrays.stream(torchOrder).allMatch(v -> v <= 0) && !negativeInfinity;
        if (crop) {
            List<String> amounts = new ArrayList<>();
            for (int[] axis : pads) {
                amounts.add(-axis[0] + " " + -axis[1]);
            }
            return new Step(node, "crop " + String.join(" ", amounts));
        }
        if (java.util.Arrays.stream(torchOrder).anyMatch(v -> v < 0)) {
            return refuse(node, "E0835", "a padding that adds on one side and crops on another: "
                    + dims(java.util.Arrays.stream(torchOrder).boxed().toList()));
        }
        List<String> amounts = new ArrayList<>();
        boolean symmetric = true;
        for (int[] axis : pads) {
            amounts.add(axis[0] + " " + axis[1]);
            symmetric &= axis[0] == axis[1];
        }
        String text = "zeropad " + (symmetric ? axes(java.util.Arrays.stream(pads).mapToInt(a -> a[0]).toArray())
                : String.join(" ", amounts));
        Step step = new Step(node, text);
        step.pads = pads;
        step.negativeInfinity = negativeInfinity;
        return step;
    }

    private Step upsample(TorchNode node, JsonObject o) {
        String mode = o.get("mode").getAsString();
        if (!mode.equals("nearest") && !(List.of("linear", "bilinear", "trilinear").contains(mode)
                && !bool(o, "align_corners"))) {
            return refuse(node, "E0835", "mode=\"" + mode + "\"" + (o.get("align_corners").isJsonNull() ? ""
                    : ", align_corners=" + o.get("align_corners")) + ": the language repeats or interpolates with "
                    + "half-pixel centres");
        }
        List<Integer> in = node.inputShape();
        int[] factors = new int[node.rank()];
        for (int i = 0; i < factors.length; i++) {
            if (node.shape.get(i + 1) % in.get(i + 1) != 0) {
                return refuse(node, "E0835", "a size that is not a whole multiple of the input's");
            }
            factors[i] = node.shape.get(i + 1) / in.get(i + 1);
        }
        return new Step(node, "upsample " + axes(factors) + (mode.equals("nearest") ? "" : " bilinear"));
    }

    private Step function(TorchNode node) {
        String name = node.target;
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        if (PASSING.contains(name) || PASSING.contains(shortName) && node.op.equals("call_method")
                || name.equals("torchvision.ops.stochastic_depth.stochastic_depth")) {
            if (shuffles.containsKey(node.inputs.get(0))) {
                shuffles.put(node, shuffles.get(node.inputs.get(0)));
            }
            return null;
        }
        switch (shortName) {
            case "getitem" -> {
                return slice(node);
            }
            case "prod" -> {
                return Step.merge(node, "multiply");
            }
            case "permute" -> {
                List<Integer> order = permutation(node);
                List<Integer> toLast = toChannelsLast(order.size());
                if (order.equals(toLast) && node.readers.stream().allMatch(r -> r.target.endsWith("flatten"))) {
                    // cnnc's own flatten, in Keras's order: the values' order is not part of a description
                    return null;
                }
                if (channelsLast.contains(node)) {
                    return null; // the permutation back to channels first that ends a run channelsLastRun took
                }
                String why = order.equals(toLast) ? channelsLastRun(node) : null;
                if (why == null && order.equals(toLast)) {
                    return null;
                }
                return refuse(node, "E0834", "a permutation of the axes " + order + " (channels first)"
                        + (why == null ? "" : ": " + why));
            }
            case "layer_norm" -> {
                JsonElement weight = node.argument(2, "weight");
                JsonElement eps = node.argument(4, "eps");
                if (!channelsLast.contains(node)) {
                    return refuse(node, "E0834", "a layer normalisation of the last axis of a channels-first tensor "
                            + "(the width): the language's ln normalises the channels");
                }
                return layerNorm(node, eps == null ? new JsonPrimitive(0.00001) : eps, isTensor(weight)
                        && isTensor(node.argument(3, "bias")));
            }
            case "transpose" -> {
                if (shuffles.containsKey(node.inputs.get(0))) {
                    shuffles.put(node, shuffles.get(node.inputs.get(0)));
                    return null;
                }
                return refuse(node, "E0834", "a transposition of axes");
            }
            case "max_pool1d", "max_pool2d", "max_pool3d", "avg_pool1d", "avg_pool2d", "avg_pool3d" -> {
                JsonObject o = new JsonObject();
                String[] keys = shortName.startsWith("max")
                        ? new String[] {"kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"}
                        : new String[] {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                            "divisor_override"};
                Object[] defaults = shortName.startsWith("max") ? new Object[] {null, null, 0, 1, false, false}
                        : new Object[] {null, null, 0, false, true, null};
                for (int i = 0; i < keys.length; i++) {
                    JsonElement value = node.argument(i + 1, keys[i]);
                    if (value == null) {
                        value = defaults[i] == null ? com.google.gson.JsonNull.INSTANCE : defaults[i] instanceof Boolean b
                                ? new JsonPrimitive(b) : new JsonPrimitive((Integer) defaults[i]);
                    }
                    o.add(keys[i], value);
                }
                if (o.get("stride").isJsonArray() && o.get("stride").getAsJsonArray().isEmpty()) {
                    o.add("stride", com.google.gson.JsonNull.INSTANCE);
                }
                return pool(node, o, shortName.startsWith("max") ? "maxpool" : "avgpool");
            }
            case "add", "iadd", "mul", "imul" -> {
                String word = shortName.contains("add") ? "add" : "multiply";
                if (node.inputs.stream().anyMatch(read -> read.op.equals("get_attr"))) {
                    return layerScale(node);
                }
                if (node.inputs.size() == 1 && tensorArguments(node) == 1 && node.args.size() == 2
                        && neutral(node, word.equals("add") ? 0 : 1)) {
                    // x + 0 or x * 1 (timm's MobileOne and FastViT add 0 for a branch they lack): x itself
                    return null;
                }
                if (node.inputs.size() != 2 || tensorArguments(node) != 2) {
                    return refuse(node, "E0834", (word.equals("add") ? "a sum" : "a product")
                            + " with a constant (" + constants(node) + "): the language's " + word + " takes tensors");
                }
                if (node.inputs.get(0) == node.inputs.get(1)) {
                    return refuse(node, "E0834", "a tensor " + (word.equals("add") ? "added to" : "multiplied by")
                            + " itself");
                }
                return Step.merge(node, word);
            }
            case "cat", "concat" -> {
                if (node.inputs.size() == 1) {
                    return null;
                }
                JsonElement dim = node.argument(1, "dim");
                if (dim == null || dim.getAsInt() != 1 && !(dim.getAsInt() == -1 && node.rank() == 0)) {
                    return refuse(node, "E0834", "a concatenation along dim=" + (dim == null ? 0 : dim)
                            + ": the language's concat joins the channels");
                }
                return Step.merge(node, "concat");
            }
            case "flatten" -> {
                JsonElement start = node.argument(1, "start_dim");
                if (start == null || start.getAsInt() != 1 || node.shape.size() != 1) {
                    return refuse(node, "E0835", "a flatten from dim " + (start == null ? 0 : start)
                            + ": the language flattens everything but the batch axis");
                }
                return flatten(node);
            }
            case "view", "reshape" -> {
                List<Integer> in = node.inputShape();
                List<Integer> out = node.shape;
                if (out.size() == 1 && in.size() > 1) {
                    return flatten(node);
                }
                if (out.size() == in.size() + 1 && out.get(0) * out.get(1) == in.get(0)
                        && out.subList(2, out.size()).equals(in.subList(1, in.size()))) {
                    // channel_shuffle's first step: C as G x C/G, to be transposed and put back
                    shuffles.put(node, out.get(0));
                    return null;
                }
                if (shuffles.containsKey(node.inputs.get(0)) && out.size() + 1 == in.size()) {
                    return new Step(node, "shuffle " + in.get(1));
                }
                if (node.shape.equals(node.inputShape())) {
                    return null;
                }
                return refuse(node, "E0834", "a reshape of " + dims(node.inputShape()) + " into " + dims(node.shape)
                        + " (channels first)");
            }
            case "adaptive_avg_pool1d", "adaptive_avg_pool2d", "adaptive_avg_pool3d" -> {
                return adaptive(node, "gap");
            }
            case "adaptive_max_pool1d", "adaptive_max_pool2d", "adaptive_max_pool3d" -> {
                return adaptive(node, "gmp");
            }
            case "mean" -> {
                List<Integer> in = node.inputShape();
                if (node.shape.size() == 1 && in.size() > 1 || node.shape.size() == in.size()
                        && node.shape.subList(1, node.shape.size()).stream().allMatch(d -> d == 1)
                        && node.shape.get(0).equals(in.get(0))) {
                    return new Step(node, node.shape.size() == 1 ? "gap" : "gap keep");
                }
                return refuse(node, "E0834", "a mean of " + dims(in) + " into " + dims(node.shape)
                        + " (channels first): the language's gap averages every position");
            }
            case "softmax" -> {
                return softmax(node, node.argument(1, "dim"));
            }
            case "leaky_relu" -> {
                JsonElement slope = node.argument(1, "negative_slope");
                return new Step(node, "leakyrelu " + (slope == null ? "0.01" : numberText(slope)));
            }
            case "channel_shuffle" -> {
                return new Step(node, "shuffle " + node.argument(1, "groups").getAsInt());
            }
            case "dropout", "dropout1d", "dropout2d", "dropout3d" -> {
                return null;
            }
            default -> {
                if (ACTIVATION_FUNCTIONS.containsKey(shortName) && node.inputs.size() == 1) {
                    if (shortName.equals("gelu") && node.kwargs.has("approximate")
                            && !node.kwargs.get("approximate").getAsString().equals("none")) {
                        return refuse(node, "E0835", "approximate=\"tanh\": the language's gelu is the exact one");
                    }
                    return new Step(node, ACTIVATION_FUNCTIONS.get(shortName));
                }
                return refuse(node, "E0834", "the language has no layer for " + (node.op.equals("call_method")
                        ? "the method ." + shortName + "()" : name + "()"));
            }
        }
    }

    /** A permutation's order of the axes, from {@code x.permute(0, 2, 3, 1)} or {@code torch.permute(x, [0, 2, 3, 1])}. */
    private static List<Integer> permutation(TorchNode node) {
        List<Integer> order = new ArrayList<>();
        JsonElement dims = node.argument(1, "dims");
        if (dims != null && dims.isJsonArray()) {
            dims.getAsJsonArray().forEach(d -> order.add(d.getAsInt()));
        } else {
            node.args.asList().subList(1, node.args.size()).forEach(d -> order.add(d.getAsInt()));
        }
        return order;
    }

    /** [0, 2, 3, 1] for an image's four axes: channels first to channels last. */
    private static List<Integer> toChannelsLast(int axes) {
        List<Integer> order = new ArrayList<>(List.of(0));
        for (int axis = 2; axis < axes; axis++) {
            order.add(axis);
        }
        order.add(1);
        return order;
    }

    /** [0, 3, 1, 2] for an image's four axes: channels last back to channels first. */
    private static List<Integer> toChannelsFirst(int axes) {
        List<Integer> order = new ArrayList<>(List.of(0, axes - 1));
        for (int axis = 1; axis < axes - 1; axis++) {
            order.add(axis);
        }
        return order;
    }

    /**
     * Takes the run of nodes from a permutation to channels last up to the permutations back, when every node in
     * it acts on each position's channels alone (a layer norm of the last axis, a Linear, an activation, an
     * eval-mode dropout), so that the run is the language's layers on channels-first tensors; else says which
     * node does not (null when the run is taken).
     */
    private String channelsLastRun(TorchNode start) {
        List<Integer> back = toChannelsFirst(start.shape.size() + 1);
        Set<TorchNode> run = new java.util.LinkedHashSet<>();
        java.util.Deque<TorchNode> tensors = new java.util.ArrayDeque<>(List.of(start));
        while (!tensors.isEmpty()) {
            TorchNode tensor = tensors.pop();
            for (TorchNode reader : tensor.readers) {
                if (!run.add(reader)) {
                    continue;
                }
                if (reader.target.endsWith("permute") && !reader.op.equals("call_module")
                        && permutation(reader).equals(back)) {
                    continue;
                }
                String why = onEachPosition(reader, tensor);
                if (why != null) {
                    return (reader.op.equals("output") ? "the module's output" : reader.describe()) + " reads the "
                            + "channels-last tensor" + why;
                }
                tensors.add(reader);
            }
        }
        channelsLast.addAll(run);
        return null;
    }

    /**
     * Null when the node, reading a channels-last tensor, acts on each position's channels alone as a layer of the
     * language does; else why not, for the message.
     */
    private static String onEachPosition(TorchNode node, TorchNode tensor) {
        String channelsOnly = ": the language's layers read channels first, and a run permuted to channels last "
                + "and back may hold only layer norms of the last axis (ln), Linear (dense keep), activations and "
                + "dropout";
        if (node.op.equals("output") || node.inputs.stream().filter(read -> read != tensor
                && !read.op.equals("get_attr")).anyMatch(read -> read.shape != null)) {
            return channelsOnly;
        }
        int channels = tensor.shape.get(tensor.shape.size() - 1);
        JsonArray lastAxis = new JsonArray();
        lastAxis.add(channels);
        String shortName = node.target.substring(node.target.lastIndexOf('.') + 1);
        boolean fits = switch (node.op) {
            case "call_module" -> switch (node.className) {
                case "LayerNorm" -> lastAxis.equals(node.options.get("normalized_shape"));
                case "Linear", "Identity", "Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout" -> true;
                default -> ACTIVATIONS.containsKey(node.className);
            };
            case "call_function", "call_method" -> shortName.equals("layer_norm")
                    ? node.inputs.get(0) == tensor && lastAxis.equals(node.argument(1, "normalized_shape"))
                    : PASSING.contains(node.target) || PASSING.contains(shortName) && node.op.equals("call_method")
                    || ACTIVATION_FUNCTIONS.containsKey(shortName);
            default -> false;
        };
        return fits ? null : channelsOnly;
    }

    private Step layerNorm(TorchNode node, JsonElement eps, boolean affine) {
        if (!affine) {
            return refuse(node, "E0835", "a layer normalisation without its weight or bias (elementwise_affine=False "
                    + "or bias=False): the language's ln has both");
        }
        return new Step(node, "ln eps " + numberText(eps));
    }

    private static boolean isTensor(JsonElement argument) {
        return argument != null && argument.isJsonObject() && argument.getAsJsonObject().has("node");
    }

    /**
     * A tensor the module holds itself, read by a product ({@code self.layer_scale * x}, torchvision's ConvNeXt
     * block): the language's {@code layerscale} when it is a trained parameter of one value per channel
     * (C, or C x 1 x 1 on an image), else refused.
     */
    private Step layerScale(TorchNode node) {
        if (!isLayerScale(node)) {
            return refuse(node, "E0834", "a tensor held by the module in " + (node.target.contains("add") ? "a sum"
                    : "a product") + ": the language's layerscale is one trained factor per channel");
        }
        TorchNode held = node.inputs.stream().filter(read -> read.op.equals("get_attr")).findFirst().orElseThrow();
        if (!held.held.get("requires_grad").getAsBoolean()) {
            return refuse(node, "E0835", held.target + " has requires_grad=False (the description counts it as "
                    + "trainable)");
        }
        return new Step(node, "layerscale");
    }

    /**
     * Whether the node is a channels-first tensor times a parameter the module holds of one value per channel, all
     * its positions alike: the product layerscale writes.
     */
    static boolean isLayerScale(TorchNode node) {
        String shortName = node.target.substring(node.target.lastIndexOf('.') + 1);
        if (!List.of("mul", "imul").contains(shortName) || node.inputs.size() != 2 || tensorArguments(node) != 2) {
            return false;
        }
        TorchNode held = node.inputs.get(0).op.equals("get_attr") ? node.inputs.get(0) : node.inputs.get(1);
        TorchNode tensor = node.inputs.get(0) == held ? node.inputs.get(1) : node.inputs.get(0);
        if (!held.op.equals("get_attr") || tensor.op.equals("get_attr") || held.held == null
                || !held.held.get("parameter").getAsBoolean() || tensor.shape == null) {
            return false;
        }
        List<Integer> perChannel = new ArrayList<>(List.of(tensor.shape.get(0)));
        for (int axis = 1; axis < tensor.shape.size(); axis++) {
            perChannel.add(1);
        }
        return TorchNode.ints(held.held.getAsJsonArray("shape")).equals(perChannel);
    }

    /**
     * Whether a tensor the module holds is read only as what a layer of the language holds: a layer norm's weight
     * or bias, or a layer scale's factor (each checked where it is read).
     */
    static boolean heldByLayer(TorchNode node) {
        return !node.readers.isEmpty() && node.readers.stream().allMatch(reader -> isLayerScale(reader)
                || reader.target.endsWith("layer_norm") && node != reader.inputs.get(0));
    }

    /** {@code x[:, a:b]}: the channels a to b - 1 as a part of a split. */
    private Step slice(TorchNode node) {
        JsonElement index = node.args.get(1);
        // x[:, a:b], or with the spatial axes written out whole: x[:, a:b, :, :] (timm's DPN)
        if (index.isJsonArray() && index.getAsJsonArray().size() >= 2 && node.inputs.size() == 1
                && index.getAsJsonArray().asList().subList(2, index.getAsJsonArray().size()).stream()
                .allMatch(TorchOps::wholeSlice)) {
            JsonElement all = index.getAsJsonArray().get(0);
            JsonElement part = index.getAsJsonArray().get(1);
            if (all.isJsonObject() && all.getAsJsonObject().has("slice") && part.isJsonObject()
                    && part.getAsJsonObject().has("slice")) {
                JsonArray whole = all.getAsJsonObject().getAsJsonArray("slice");
                JsonArray bounds = part.getAsJsonObject().getAsJsonArray("slice");
                int channels = node.inputShape().get(0);
                if (whole.get(0).isJsonNull() && whole.get(1).isJsonNull() && whole.get(2).isJsonNull()
                        && bounds.get(2).isJsonNull()) {
                    int start = bounds.get(0).isJsonNull() ? 0 : bounds.get(0).getAsInt();
                    int end = bounds.get(1).isJsonNull() ? channels : Math.min(channels, bounds.get(1).getAsInt());
                    if (start >= 0 && start < end) {
                        return channels(node, start, end);
                    }
                }
            }
        }
        return refuse(node, "E0834", "an index " + index + ": the language takes a run of the channels (x[:, a:b])");
    }

    /**
     * The channels start to end - 1 as a part of a split: one of equal parts where they are one
     * ({@code split 3 take 2}), else the parts before, it and after ({@code split 32, 16 take 2}); null for all.
     */
    private static Step channels(TorchNode node, int start, int end) {
        int channels = node.inputShape().get(0);
        int size = end - start;
        if (size < channels && channels % size == 0 && start % size == 0) {
            return new Step(node, "split " + channels / size + " take " + (start / size + 1));
        }
        List<Integer> parts = new ArrayList<>();
        if (start > 0) {
            parts.add(start);
        }
        parts.add(size);
        if (end < channels) {
            parts.add(channels - end);
        }
        if (parts.size() == 1) {
            return null;
        }
        return new Step(node, "split " + parts.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " take " + (start > 0 ? 2 : 1));
    }

    /** Whether an index is {@code :}, the whole axis. */
    private static boolean wholeSlice(JsonElement index) {
        if (!(index.isJsonObject() && index.getAsJsonObject().get("slice") instanceof JsonArray bounds)) {
            return false;
        }
        return bounds.get(0).isJsonNull() && bounds.get(1).isJsonNull() && bounds.get(2).isJsonNull();
    }

    private static int tensorArguments(TorchNode node) {
        int count = 0;
        for (JsonElement arg : node.args) {
            count += arg.isJsonObject() && arg.getAsJsonObject().has("node") ? 1 : 0;
        }
        return count;
    }

    /** Whether the constant of a binary operation on one tensor is the number given. */
    private static boolean neutral(TorchNode node, int value) {
        for (JsonElement arg : node.args) {
            if (!(arg.isJsonObject() && arg.getAsJsonObject().has("node"))) {
                return arg.isJsonPrimitive() && arg.getAsJsonPrimitive().isNumber() && arg.getAsDouble() == value;
            }
        }
        return false;
    }

    private static String constants(TorchNode node) {
        List<String> found = new ArrayList<>();
        for (JsonElement arg : node.args) {
            if (!(arg.isJsonObject() && arg.getAsJsonObject().has("node"))) {
                found.add(arg.toString());
            }
        }
        return String.join(", ", found);
    }

    private static Step activatable(Step step) {
        step.takesActivation = true;
        return step;
    }

    static int integer(JsonObject o, String key) {
        JsonElement value = o.get(key);
        return value.isJsonArray() ? value.getAsJsonArray().get(0).getAsInt() : value.getAsInt();
    }

    static boolean bool(JsonObject o, String key) {
        JsonElement value = o.get(key);
        return value != null && !value.isJsonNull() && value.getAsBoolean();
    }

    /** A number as the language writes it: no exponent, no trailing zeros. */
    static BigDecimal number(JsonElement value) {
        return new BigDecimal(value.getAsString()).stripTrailingZeros();
    }

    static String numberText(JsonElement value) {
        return number(value).toPlainString();
    }

    /** One value per axis from torch's int-or-tuple; a tuple of one value stands for every axis. */
    static int[] ints(JsonElement value, int rank) {
        if (value instanceof JsonPrimitive primitive) {
            int[] all = new int[rank];
            java.util.Arrays.fill(all, primitive.getAsInt());
            return all;
        }
        JsonArray array = value.getAsJsonArray();
        if (array.size() == 1 && rank > 1) {
            return ints(array.get(0), rank);
        }
        return array.asList().stream().mapToInt(JsonElement::getAsInt).toArray();
    }

    static String axes(int[] values) {
        boolean equal = java.util.Arrays.stream(values).allMatch(v -> v == values[0]);
        return equal ? String.valueOf(values[0]) : java.util.Arrays.stream(values).mapToObj(String::valueOf)
                .collect(Collectors.joining("x"));
    }

    private static String stride(int[] stride) {
        return allOne(stride) ? "" : " /" + axes(stride);
    }

    static boolean allOne(int[] values) {
        return java.util.Arrays.stream(values).allMatch(v -> v == 1);
    }

    static boolean allZero(int[] values) {
        return java.util.Arrays.stream(values).allMatch(v -> v == 0);
    }

    private static int[] ones(int rank) {
        int[] values = new int[rank];
        java.util.Arrays.fill(values, 1);
        return values;
    }

    static String dims(List<Integer> shape) {
        return shape.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }

}
