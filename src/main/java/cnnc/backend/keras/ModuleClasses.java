package cnnc.backend.keras;

import java.util.List;

/**
 * Layers that keras.layers lacks, written into the generated module, above {@code build_model}, when a
 * layer uses them: only ConvNeXt's LayerScale, which keras.applications.convnext defines for itself
 * (not in keras.layers), written here the same way: the same weight, its shape, its initial value.
 */
final class ModuleClasses {
    static final String LAYER_SCALE = "LayerScale";

    private ModuleClasses() {
    }

    static boolean defines(String type) {
        return type.equals(LAYER_SCALE);
    }

    /** The classes that {@code layers} use, as Python, each followed by two blank lines. */
    static String forLayers(List<KerasLayer> layers) {
        return layers.stream().anyMatch(layer -> layer.type().equals(LAYER_SCALE)) ? LAYER_SCALE_SOURCE : "";
    }

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
