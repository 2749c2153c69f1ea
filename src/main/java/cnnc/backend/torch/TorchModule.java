package cnnc.backend.torch;

import java.util.List;

/**
 * One submodule of the generated class: {@code self.NAME = CONSTRUCTOR} in {@code __init__}.
 *
 * @param name        the row's name, or it with a suffix for a helper ({@code conv1_pad} in front,
 *                    {@code maxpool1_scale} and {@code deconv1_crop} behind), so that print(model) lines
 *                    up with the report
 * @param constructor the Python expression that makes it ({@code nn.Conv2d(1, 60, 7)})
 * @param notes       why it is written this way, one comment line each
 */
record TorchModule(String name, String constructor, List<String> notes) {
    TorchModule {
        notes = List.copyOf(notes);
    }

    TorchModule(String name, String constructor) {
        this(name, constructor, List.of());
    }
}
