package cnnc.backend.keras;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers that keras.layers lacks, written into the generated module, above {@code build_model}, when a
 * layer uses them: ConvNeXt's LayerScale, which keras.applications.convnext defines for itself
 * (not in keras.layers), written here the same way: the same weight, its shape, its initial value; the
 * two merges Keras has no layer for, matmul and select; split and shuffle, which keras.layers has no
 * layer for either; and the -inf padding in front of a max pooling with PyTorch's padding or ceil mode
 * (keras.layers pads with zeros only, which a max would pick over negative values). Each is a class
 * rather than a Lambda, its settings its constructor's arguments, which {@code get_config} returns: a Lambda is saved as its Python bytecode, which Keras documents as
 * non-portable (to be loaded only where it was saved) and refuses to load in its default safe mode, and
 * which {@code cnnc import} cannot read, while a class's settings stand in the model's JSON. Each is
 * registered with Keras under the package {@value #PACKAGE} ({@code "registered_name": "cnnc>Split"} in
 * the JSON), so that {@code keras.models.load_model} finds it once the module is imported, and so that the
 * import tells cnnc's classes from another's of the same name.
 */
final class ModuleClasses {
    /** The package the classes are registered under: their JSON's registered_name is {@code cnnc>NAME}. */
    static final String PACKAGE = "cnnc";
    static final String LAYER_SCALE = "LayerScale";
    static final String MATMUL = "MatMul";
    static final String SELECT = "Select";
    static final String SPLIT = "Split";
    static final String CHANNEL_SHUFFLE = "ChannelShuffle";
    static final String MAX_POOL_PADDING = "MaxPoolPadding";

    private static final String REGISTER = "@keras.saving.register_keras_serializable(package=\"" + PACKAGE + "\")\n";

    private ModuleClasses() {
    }

    static boolean defines(String type) {
        return SOURCES.containsKey(type);
    }

    /** The classes that {@code layers} use, as Python, each followed by two blank lines. */
    static String forLayers(List<KerasLayer> layers) {
        StringBuilder sources = new StringBuilder();
        SOURCES.forEach((type, source) -> {
            if (layers.stream().anyMatch(layer -> layer.type().equals(type))) {
                sources.append(REGISTER).append(source);
            }
        });
        return sources.toString();
    }

    private static final String SPLIT_SOURCE = """
            class Split(layers.Layer):
                \"\"\"Part `part` (from 0) of the channels cut into `parts` equal parts, as torch.chunk(x, parts, dim=1)[part],
                or into parts of the sizes listed in `parts`, as torch.split(x, parts, dim=1)[part].\"\"\"

                def __init__(self, parts, part, **kwargs):
                    super().__init__(**kwargs)
                    self.parts = parts
                    self.part = part

                def call(self, x):
                    if isinstance(self.parts, int):
                        return keras.ops.split(x, self.parts, axis=-1)[self.part]
                    ends = [sum(self.parts[:i]) for i in range(1, len(self.parts))]
                    return keras.ops.split(x, ends, axis=-1)[self.part]

                def get_config(self):
                    config = super().get_config()
                    config.update({"parts": self.parts, "part": self.part})
                    return config


            """;

    private static final String CHANNEL_SHUFFLE_SOURCE = """
            class ChannelShuffle(layers.Layer):
                \"\"\"torch.nn.ChannelShuffle, channels last: the channels as `groups` groups, transposed, so that each group
                of the grouped convolution after it reads channels of every group before (ShuffleNet).\"\"\"

                def __init__(self, groups, **kwargs):
                    super().__init__(**kwargs)
                    self.groups = groups

                def call(self, x):
                    *positions, channels = x.shape[1:]
                    grouped = keras.ops.reshape(x, (-1, *positions, self.groups, channels // self.groups))
                    return keras.ops.reshape(keras.ops.swapaxes(grouped, -2, -1), (-1, *positions, channels))

                def get_config(self):
                    config = super().get_config()
                    config.update({"groups": self.groups})
                    return config


            """;

    private static final String MAX_POOL_PADDING_SOURCE = """
            class MaxPoolPadding(layers.Layer):
                \"\"\"The padding of torch's MaxPool2d(padding=P, ceil_mode=...) (1d, 3d) in front of a "valid" max
                pooling: -inf, which the max never picks, `padding` before and after each spatial axis (P, and at the
                end the rows and columns ceil_mode's last window reads past them).\"\"\"

                def __init__(self, padding, **kwargs):
                    super().__init__(**kwargs)
                    self.padding = tuple(tuple(sides) for sides in padding)

                def call(self, x):
                    return keras.ops.pad(x, ((0, 0), *self.padding, (0, 0)), constant_values=float("-inf"))

                def compute_output_shape(self, input_shape):
                    batch, *positions, channels = input_shape
                    padded = (None if n is None else n + before + after
                              for n, (before, after) in zip(positions, self.padding))
                    return (batch, *padded, channels)

                def get_config(self):
                    config = super().get_config()
                    config.update({"padding": self.padding})
                    return config


            """;

    private static final String MATMUL_SOURCE = """
            class MatMul(layers.Layer):
                \"\"\"The matrix product of a (H, W, K) as H*W rows of K and b (H', W', C) as H'*W' rows of C, K = H'*W':
                an (H, W, C) image (GCNet's attention pooling when a holds one weight per position).\"\"\"

                def call(self, inputs):
                    a, b = inputs
                    height, width, k = a.shape[1:]
                    rows = keras.ops.matmul(keras.ops.reshape(a, (-1, height * width, k)),
                                            keras.ops.reshape(b, (-1, k, b.shape[-1])))
                    return keras.ops.reshape(rows, (-1, height, width, b.shape[-1]))

                def compute_output_shape(self, input_shapes):
                    return tuple(input_shapes[0][:3]) + (input_shapes[1][3],)


            """;

    private static final String SELECT_SOURCE = """
            class Select(layers.Layer):
                \"\"\"SKNet's selection: the branches weighted by a softmax across them of the logits (the last input,
                n*C channels, branch i's the i-th C), then added.\"\"\"

                def __init__(self, branches, **kwargs):
                    super().__init__(**kwargs)
                    self.branches = branches

                def call(self, inputs):
                    *branches, logits = inputs
                    height, width, channels = logits.shape[1:]
                    weights = keras.ops.softmax(keras.ops.reshape(
                        logits, (-1, height, width, self.branches, channels // self.branches)), axis=3)
                    total = weights[:, :, :, 0] * branches[0]
                    for i in range(1, self.branches):
                        total = total + weights[:, :, :, i] * branches[i]
                    return total

                def compute_output_shape(self, input_shapes):
                    return tuple(input_shapes[0])

                def get_config(self):
                    config = super().get_config()
                    config.update({"branches": self.branches})
                    return config


            """;

    private static final String LAYER_SCALE_SOURCE = """
            class LayerScale(layers.Layer):
                \"\"\"ConvNeXt's layer scale, as keras.applications.convnext's: every value of the last axis times a
                trained gamma, which starts at init_values.\"\"\"

                def __init__(self, init_values, projection_dim, **kwargs):
                    super().__init__(**kwargs)
                    self.init_values = init_values
                    self.projection_dim = projection_dim

                def build(self, input_shape):
                    self.gamma = self.add_weight(
                        shape=(self.projection_dim,),
                        initializer=keras.initializers.Constant(self.init_values),
                        trainable=True,
                        name="gamma",
                    )

                def call(self, x):
                    return x * self.gamma

                def get_config(self):
                    config = super().get_config()
                    config.update({"init_values": self.init_values, "projection_dim": self.projection_dim})
                    return config


            """;

    /** The classes in the order the module writes them. */
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    static {
        SOURCES.put(LAYER_SCALE, LAYER_SCALE_SOURCE);
        SOURCES.put(MATMUL, MATMUL_SOURCE);
        SOURCES.put(SELECT, SELECT_SOURCE);
        SOURCES.put(SPLIT, SPLIT_SOURCE);
        SOURCES.put(CHANNEL_SHUFFLE, CHANNEL_SHUFFLE_SOURCE);
        SOURCES.put(MAX_POOL_PADDING, MAX_POOL_PADDING_SOURCE);
    }
}
