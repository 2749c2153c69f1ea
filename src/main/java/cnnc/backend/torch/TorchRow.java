package cnnc.backend.torch;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.check.CheckedLayer;
import java.util.List;

/**
 * A checked layer and the submodules that compute it, applied in order (the first to the row's
 * inputs), then its activation: a function of {@code torch.nn.functional} applied in forward, or in an
 * {@code nn.Sequential}, a submodule of its own.
 *
 * @param activation the activation the row ends in, LINEAR for none
 */
record TorchRow(CheckedLayer row, List<TorchModule> modules, Activation activation) {
    TorchRow {
        modules = List.copyOf(modules);
    }

    static TorchRow of(CheckedLayer row, TorchModule... modules) {
        return new TorchRow(row, List.of(modules), new Activation(ActivationKind.LINEAR, row.layer().span()));
    }
}
