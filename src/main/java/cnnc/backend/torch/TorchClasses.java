package cnnc.backend.torch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The modules torch.nn lacks, written into the generated module above the model's class when a
 * submodule uses them, each the Keras layer's computation in channels-first layout.
 */
final class TorchClasses {
    private TorchClasses() {
    }

    /** The Python source of each class, in the order they are written. */
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    /** Each image class's name at another rank; the image's own name at rank 2 and for the classes of any rank. */
    private static final Map<String, String> RANKED = new java.util.HashMap<>();

    static {
        SOURCES.put("FlattenHWC", """
                class FlattenHWC(nn.Module):
                    \"\"\"Keras's Flatten: the values in height, width, channels order, as a channels-last tensor holds them.\"\"\"

                    def forward(self, x):
                        return x.permute(0, 2, 3, 1).flatten(1)
                """);
        SOURCES.put("ReshapeHWC", """
                class ReshapeHWC(nn.Module):
                    \"\"\"Keras's Reshape: the values in channels-last order, put into the shape (H, W, C) or (N,).\"\"\"

                    def __init__(self, *shape):
                        super().__init__()
                        self.shape = shape

                    def forward(self, x):
                        if x.dim() == 4:
                            x = x.permute(0, 2, 3, 1)
                        x = x.reshape(x.shape[0], *self.shape)
                        return x.permute(0, 3, 1, 2) if x.dim() == 4 else x

                    def extra_repr(self):
                        return ", ".join(str(d) for d in self.shape)
                """);
        SOURCES.put("SeparableConv2d", """
                class SeparableConv2d(nn.Module):
                    \"\"\"Keras's SeparableConv2D: a depthwise convolution without bias, then a 1x1 convolution with the bias.\"\"\"

                    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
                                 depth_multiplier=1, bias=True):
                        super().__init__()
                        self.depthwise = nn.Conv2d(in_channels, in_channels * depth_multiplier, kernel_size, stride,
                                                   padding, dilation, groups=in_channels, bias=False)
                        self.pointwise = nn.Conv2d(in_channels * depth_multiplier, out_channels, 1, bias=bias)

                    def forward(self, x):
                        return self.pointwise(self.depthwise(x))
                """);
        SOURCES.put("BatchNormNoScale", """
                class BatchNormNoScale(nn.Module):
                    \"\"\"Keras's BatchNormalization(scale=False): no gamma, a trained beta; the moving statistics are buffers.\"\"\"

                    def __init__(self, num_features, eps, momentum, image=True):
                        super().__init__()
                        norm = nn.BatchNorm2d if image else nn.BatchNorm1d
                        self.norm = norm(num_features, eps=eps, momentum=momentum, affine=False)
                        self.bias = nn.Parameter(torch.zeros(num_features))

                    def forward(self, x):
                        return self.norm(x) + self.bias.view(1, -1, *([1] * (x.dim() - 2)))
                """);
        SOURCES.put("ChannelLayerNorm", """
                class ChannelLayerNorm(nn.LayerNorm):
                    \"\"\"Keras's LayerNormalization on an image: each position's channels normalised (the last axis in Keras).\"\"\"

                    def forward(self, x):
                        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
                """);
        SOURCES.put("Normalization", """
                class Normalization(nn.Module):
                    \"\"\"Keras's Normalization: (x - mean) / max(sqrt(variance), 1e-7) per channel. mean, variance and count
                    are buffers, as Keras's non-trainable weights: set them from your data (Keras's adapt()).\"\"\"

                    def __init__(self, num_features):
                        super().__init__()
                        self.register_buffer("mean", torch.zeros(num_features))
                        self.register_buffer("variance", torch.ones(num_features))
                        self.register_buffer("count", torch.zeros((), dtype=torch.int64))

                    def forward(self, x):
                        shape = (1, -1) + (1,) * (x.dim() - 2)
                        return (x - self.mean.view(shape)) / torch.sqrt(self.variance.view(shape)).clamp(min=1e-7)
                """);
        SOURCES.put("ConstantNormalization", """
                class ConstantNormalization(nn.Module):
                    \"\"\"Keras's Normalization(mean=..., variance=...): constants, kept out of the state dict.\"\"\"

                    def __init__(self, mean, variance):
                        super().__init__()
                        self.register_buffer("mean", torch.tensor(mean, dtype=torch.float32), persistent=False)
                        self.register_buffer("variance", torch.tensor(variance, dtype=torch.float32), persistent=False)

                    def forward(self, x):
                        shape = (1, -1) + (1,) * (x.dim() - 2)
                        return (x - self.mean.view(shape)) / torch.sqrt(self.variance.view(shape)).clamp(min=1e-7)
                """);
        SOURCES.put("LayerScale", """
                class LayerScale(nn.Module):
                    \"\"\"ConvNeXt's layer scale: every channel times a trained gamma, which starts at init_value.\"\"\"

                    def __init__(self, init_value, num_features):
                        super().__init__()
                        self.gamma = nn.Parameter(torch.full((num_features,), init_value))

                    def forward(self, x):
                        return x * self.gamma.view(1, -1, *([1] * (x.dim() - 2)))
                """);
        SOURCES.put("PerChannel", """
                class PerChannel(nn.Module):
                    \"\"\"LeNet-5's trained coefficient and bias per channel, starting as the identity.\"\"\"

                    def __init__(self, num_features):
                        super().__init__()
                        self.weight = nn.Parameter(torch.ones(num_features))
                        self.bias = nn.Parameter(torch.zeros(num_features))

                    def forward(self, x):
                        return x * self.weight.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)
                """);
        SOURCES.put("Rescaling", """
                class Rescaling(nn.Module):
                    \"\"\"Keras's Rescaling: x * scale + offset.\"\"\"

                    def __init__(self, scale, offset=0.0):
                        super().__init__()
                        self.scale = scale
                        self.offset = offset

                    def forward(self, x):
                        return x * self.scale + self.offset

                    def extra_repr(self):
                        return f"scale={self.scale}, offset={self.offset}"
                """);
        SOURCES.put("AvgPoolSame", """
                class AvgPoolSame(nn.Module):
                    \"\"\"Keras's AveragePooling2D with padding="same" where the zeros are uneven: each window's mean over
                    the input values it covers, the zeros (left, right, top, bottom) not counted.\"\"\"

                    def __init__(self, kernel_size, stride, padding):
                        super().__init__()
                        self.kernel_size, self.stride, self.padding = kernel_size, stride, padding

                    def forward(self, x):
                        total = F.avg_pool2d(F.pad(x, self.padding), self.kernel_size, self.stride)
                        ones = torch.ones_like(x[:1, :1])
                        covered = F.avg_pool2d(F.pad(ones, self.padding), self.kernel_size, self.stride)
                        return total / covered

                    def extra_repr(self):
                        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"
                """);
        SOURCES.put("ChannelSplit", """
                class ChannelSplit(nn.Module):
                    \"\"\"The channels start to end - 1 (one part of torch.chunk).\"\"\"

                    def __init__(self, start, end):
                        super().__init__()
                        self.start, self.end = start, end

                    def forward(self, x):
                        return x[:, self.start:self.end]

                    def extra_repr(self):
                        return f"{self.start}, {self.end}"
                """);
        SOURCES.put("ChannelSlices", """
                class ChannelSlices(nn.Module):
                    \"\"\"Part take (from 0) of the channels cut into parts of the sizes given (torch.split).\"\"\"

                    def __init__(self, sizes, take):
                        super().__init__()
                        self.sizes, self.take = sizes, take

                    def forward(self, x):
                        return torch.split(x, self.sizes, dim=1)[self.take]

                    def extra_repr(self):
                        return f"{self.sizes}, take={self.take}"
                """);
        SOURCES.put("Add", """
                class Add(nn.Module):
                    \"\"\"The branches added (a size of 1 stretches, as in Keras).\"\"\"

                    def forward(self, *xs):
                        return sum(xs[1:], xs[0])
                """);
        SOURCES.put("Multiply", """
                class Multiply(nn.Module):
                    \"\"\"The branches multiplied (a size of 1 stretches, as in Keras).\"\"\"

                    def forward(self, *xs):
                        return math.prod(xs[1:], start=xs[0])
                """);
        SOURCES.put("Concat", """
                class Concat(nn.Module):
                    \"\"\"The branches joined along the channels (vectors: end to end).\"\"\"

                    def forward(self, *xs):
                        return torch.cat(xs, dim=1)
                """);
        SOURCES.put("MatMul", """
                class MatMul(nn.Module):
                    \"\"\"The matrix product of a (N, K, H, W) as H*W rows of K and b (N, C, H', W') as H'*W' rows of C,
                    K = H'*W': an (N, C, H, W) image (GCNet's attention pooling when a holds one weight per position).\"\"\"

                    def forward(self, a, b):
                        rows = a.flatten(2).transpose(1, 2) @ b.flatten(2).transpose(1, 2)
                        return rows.transpose(1, 2).reshape(a.shape[0], -1, *a.shape[2:])
                """);
        SOURCES.put("Select", """
                class Select(nn.Module):
                    \"\"\"SKNet's selection: the branches weighted by a softmax across them of the logits (the last input, n*C
                    channels, branch i's the i-th C), then added.\"\"\"

                    def __init__(self, branches):
                        super().__init__()
                        self.branches = branches

                    def forward(self, *xs):
                        logits = xs[-1]
                        weights = logits.view(logits.shape[0], self.branches, -1, *logits.shape[2:]).softmax(dim=1)
                        return sum(weights[:, i] * x for i, x in enumerate(xs[:-1]))

                    def extra_repr(self):
                        return f"{self.branches}"
                """);
        SOURCES.put("ReshapeChannelsLast", """
                class ReshapeChannelsLast(nn.Module):
                    \"\"\"Keras's Reshape of a sequence or a volume: the values in channels-last order, put into the shape
                    (L, C), (D, H, W, C) or (N,).\"\"\"

                    def __init__(self, *shape):
                        super().__init__()
                        self.shape = shape

                    def forward(self, x):
                        if x.dim() > 2:
                            x = x.movedim(1, -1)
                        x = x.reshape(x.shape[0], *self.shape)
                        return x.movedim(-1, 1) if x.dim() > 2 else x

                    def extra_repr(self):
                        return ", ".join(str(d) for d in self.shape)
                """);
        // the image classes at the other ranks: a sequence's (N, C, L) and a volume's (N, C, D, H, W)
        variant("FlattenHWC", 1, "FlattenLC", "height, width, channels", "length, channels", "permute(0, 2, 3, 1)",
                "permute(0, 2, 1)");
        variant("FlattenHWC", 3, "FlattenDHWC", "height, width, channels", "depth, height, width, channels",
                "permute(0, 2, 3, 1)", "permute(0, 2, 3, 4, 1)");
        variant("SeparableConv2d", 1, "SeparableConv1d", "SeparableConv2D", "SeparableConv1D", "1x1", "size-1",
                "nn.Conv2d", "nn.Conv1d");
        variant("BatchNormNoScale", 3, "BatchNormNoScale3d", ", image=True", "",
                "norm = nn.BatchNorm2d if image else nn.BatchNorm1d", "norm = nn.BatchNorm3d");
        variant("ChannelLayerNorm", 1, "ChannelLayerNorm1d", "on an image", "on a sequence",
                "x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)", "x.transpose(1, 2)).transpose(1, 2)");
        variant("ChannelLayerNorm", 3, "ChannelLayerNorm3d", "on an image", "on a volume",
                "x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)", "x.permute(0, 2, 3, 4, 1)).permute(0, 4, 1, 2, 3)");
        variant("PerChannel", 1, "PerChannel1d", "view(1, -1, 1, 1)", "view(1, -1, 1)");
        variant("PerChannel", 3, "PerChannel3d", "view(1, -1, 1, 1)", "view(1, -1, 1, 1, 1)");
        variant("AvgPoolSame", 1, "AvgPoolSame1d", "AveragePooling2D", "AveragePooling1D", "(left, right, top, bottom)",
                "(left, right)", "avg_pool2d", "avg_pool1d");
        variant("AvgPoolSame", 3, "AvgPoolSame3d", "AveragePooling2D", "AveragePooling3D", "(left, right, top, bottom)",
                "(left, right, top, bottom, front, back)", "avg_pool2d", "avg_pool3d");
    }

    /** The class {@code image} at {@code rank}: its source with each pair of {@code edits} (old, new) made. */
    private static void variant(String image, int rank, String name, String... edits) {
        String source = SOURCES.get(image).replace("class " + image + "(", "class " + name + "(");
        for (int i = 0; i < edits.length; i += 2) {
            if (!source.contains(edits[i])) {
                throw new IllegalStateException(image + " has no '" + edits[i] + "'");
            }
            source = source.replace(edits[i], edits[i + 1]);
        }
        SOURCES.put(name, source);
        RANKED.put(image + rank, name);
    }

    /** The helper class {@code image} (an image's) at {@code rank}: FlattenHWC at 1 is FlattenLC. */
    static String ranked(String image, int rank) {
        return RANKED.getOrDefault(image + rank, image);
    }

    /** Each class's Python source, by name. */
    static Map<String, String> sources() {
        return java.util.Collections.unmodifiableMap(SOURCES);
    }

    /** True for a name that one of these classes has, which the model's class must not take. */
    static boolean isClassName(String name) {
        return SOURCES.containsKey(name);
    }

    /** {@code import math} where a class needs it (Multiply). */
    static String imports(List<TorchModule> modules) {
        return uses(modules, "Multiply") ? "import math\n" : "";
    }

    private static boolean uses(List<TorchModule> modules, String type) {
        String call = type + "(";
        return modules.stream().anyMatch(m -> m.constructor().startsWith(call));
    }

    /** The classes that {@code modules} construct, as Python, each followed by two blank lines. */
    static String forModules(List<TorchModule> modules) {
        return SOURCES.entrySet().stream()
                .filter(entry -> uses(modules, entry.getKey()))
                .map(entry -> entry.getValue() + "\n\n")
                .collect(Collectors.joining());
    }
}
