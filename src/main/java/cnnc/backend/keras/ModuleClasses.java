package cnnc.backend.keras;

import java.util.List;

/**
 * Layers that keras.layers lacks, written into the generated module, above {@code build_model}, when a
 * layer uses them: ConvNeXt's LayerScale, which keras.applications.convnext defines for itself
 * (not in keras.layers), written here the same way: the same weight, its shape, its initial value; and the
 * two merges Keras has no layer for, matmul and select, without weights.
 */
final class ModuleClasses {
    static final String LAYER_SCALE = "LayerScale";
    static final String MATMUL = "MatMul";
    static final String SELECT = "Select";

    private ModuleClasses() {
    }

    static boolean defines(String type) {
        return type.equals(LAYER_SCALE) || type.equals(MATMUL) || type.equals(SELECT);
    }

    /** The classes that {@code layers} use, as Python, each followed by two blank lines. */
    static String forLayers(List<KerasLayer> layers) {
        StringBuilder sources = new StringBuilder();
        for (String type : List.of(LAYER_SCALE, MATMUL, SELECT)) {
            if (layers.stream().anyMatch(layer -> layer.type().equals(type))) {
                sources.append(type.equals(LAYER_SCALE) ? LAYER_SCALE_SOURCE : type.equals(MATMUL) ? MATMUL_SOURCE
                        : SELECT_SOURCE);
            }
        }
        return sources.toString();
    }

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
}
