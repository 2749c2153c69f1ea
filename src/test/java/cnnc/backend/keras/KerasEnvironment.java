package cnnc.backend.keras;

import cnnc.testing.PythonVenv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Real Keras for the tests: a Python virtual environment at {@code target/keras-venv} with keras and
 * jax ({@link PythonVenv}: made by the test run itself the first time it is needed), whose processes
 * run Keras on jax.
 */
public final class KerasEnvironment {
    private static final PythonVenv VENV = new PythonVenv("keras-venv", List.of("keras", "jax"),
            "import keras; print('keras', keras.__version__)", Map.of("KERAS_BACKEND", "jax"));

    private KerasEnvironment() {
    }

    /** What a process printed (standard output and error together) and its exit code. */
    public record Run(int exit, String output) {
    }

    /** The venv's python, made on first use. */
    public static Path python() {
        return VENV.python();
    }

    /** Runs a command with the jax backend of Keras, from the project folder; fails the test on a timeout. */
    public static Run run(List<String> command, Duration timeout) {
        PythonVenv.Run run = VENV.run(command, timeout);
        return new Run(run.exit(), run.output());
    }

    /** Runs a script of src/test/resources/keras with the venv's python. */
    public static Run script(String name, List<String> arguments, Duration timeout) {
        PythonVenv.Run run = VENV.script("keras", name, arguments, timeout);
        return new Run(run.exit(), run.output());
    }
}
