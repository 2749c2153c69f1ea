package cnnc.backend.torch;

import cnnc.check.CheckedLayer;
import java.util.List;

/**
 * A checked layer and the submodules that compute it, applied in order (the first to the row's
 * inputs), then its activation, a function of {@code torch.nn.functional} applied in forward.
 *
 * @param activation the Python function call with {@code %s} for its argument ({@code F.relu(%s)}), or
 *                   "%s" for none
 */
record TorchRow(CheckedLayer row, List<TorchModule> modules, String activation) {
    TorchRow {
        modules = List.copyOf(modules);
    }

    static TorchRow of(CheckedLayer row, TorchModule... modules) {
        return new TorchRow(row, List.of(modules), "%s");
    }
}
