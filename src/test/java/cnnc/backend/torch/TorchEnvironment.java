package cnnc.backend.torch;

import cnnc.testing.PythonVenv;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real PyTorch for the tests: a Python virtual environment at {@code target/torch-venv} with torch
 * 2.13.0 (the CPU build, from the pip mirror) and numpy, which reads the Keras suite's weights
 * ({@link PythonVenv}: made by the test run itself the first time it is needed). torchvision is not
 * installed: the mirror's build does not import with this torch.
 */
public final class TorchEnvironment {
    public static final PythonVenv VENV = new PythonVenv("torch-venv", List.of("torch==2.13.0", "numpy"),
            "import torch; print('torch', torch.__version__)", Map.of());

    private TorchEnvironment() {
    }

    /** Runs a script of src/test/resources/torch with the venv's python. */
    static PythonVenv.Run script(String name, List<String> arguments, Duration timeout) {
        return VENV.script("torch", name, arguments, timeout);
    }
}
