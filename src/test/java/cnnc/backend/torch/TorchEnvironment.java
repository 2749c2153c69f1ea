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
 *
 * <p>timm's models have a venv of their own, {@code target/timm-venv}, so that the torch suites keep
 * running where torch alone is installed: the same packages, then timm, torchvision (the build made for
 * torch 2.13.0; {@code timm/timm_models.py} lets it import) and pillow, which torchvision imports, pinned
 * and installed without what they require: huggingface_hub and safetensors, which timm imports only when
 * they are there, to fetch weights the tests never fetch, and their own dozen requirements.
 */
public final class TorchEnvironment {
    public static final PythonVenv VENV = new PythonVenv("torch-venv", List.of("torch==2.13.0", "numpy"),
            "import torch; print('torch', torch.__version__)", Map.of());
    public static final PythonVenv TIMM = new PythonVenv("timm-venv", List.of("torch==2.13.0", "numpy"),
            List.of("timm==1.0.29", "torchvision==0.28.0", "pillow==12.3.0"),
            "import torch, importlib.metadata as m; print('torch', torch.__version__, 'timm', m.version('timm'))",
            Map.of());

    private TorchEnvironment() {
    }

    /** Runs a script of src/test/resources/torch with the venv's python. */
    static PythonVenv.Run script(String name, List<String> arguments, Duration timeout) {
        return VENV.script("torch", name, arguments, timeout);
    }
}
