package cnnc.backend.keras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real Keras for the tests: a Python virtual environment at {@code target/keras-venv} with keras and
 * jax, made by the test run itself the first time it is needed ({@code python3 -m venv}, then pip),
 * and kept for the rest of the build by a marker file. When it cannot be made the suites fail: a
 * Keras backend that was never run against Keras is not tested.
 */
public final class KerasEnvironment {
    public static final Path VENV = Path.of("target", "keras-venv").toAbsolutePath();
    private static final Path READY = VENV.resolve("cnnc-ready");
    private static final Path PYCACHE = Path.of("target", "pycache").toAbsolutePath();
    private static final Duration INSTALL_TIME = Duration.ofMinutes(10);

    private KerasEnvironment() {
    }

    /** What a process printed (standard output and error together) and its exit code. */
    public record Run(int exit, String output) {
    }

    /** Why Keras could not be set up, once that is known: the next test fails at once with it. */
    private static AssertionError failure;

    /** The venv's python, made on first use. */
    public static synchronized Path python() {
        Path python = VENV.resolve("bin").resolve("python");
        if (failure != null) {
            throw failure;
        }
        if (!Files.exists(READY)) {
            try {
                provision(python);
            } catch (AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return python;
    }

    private static void provision(Path python) {
        deleteTree(VENV);
        require(run(List.of("python3", "-m", "venv", VENV.toString()), INSTALL_TIME), "python3 -m venv");
        require(run(List.of(python.toString(), "-m", "pip", "install", "--retries", "0", "keras", "jax"), INSTALL_TIME),
                "pip install keras jax");
        Run version = require(run(List.of(python.toString(), "-c", "import keras; print(keras.__version__)"),
                INSTALL_TIME), "import keras");
        try {
            Files.writeString(READY, "keras " + version.output().strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run require(Run run, String what) {
        if (run.exit() != 0) {
            throw new AssertionError("cannot set up Keras for the tests: " + what + " exited with " + run.exit()
                    + ":\n" + run.output());
        }
        return run;
    }

    /** Runs a command with the jax backend of Keras, from the project folder; fails the test on a timeout. */
    public static Run run(List<String> command, Duration timeout) {
        try {
            Path log = Files.createTempFile("cnnc-keras", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().put("KERAS_BACKEND", "jax");
                // compiled modules go to target/, not next to the scripts in src/test/resources
                builder.environment().put("PYTHONPYCACHEPREFIX", PYCACHE.toString());
                Process process = builder.start();
                if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " took more than " + timeout + ":\n" + Files.readString(log));
                }
                return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Runs a script of src/test/resources/keras with the venv's python. */
    public static Run script(String name, List<String> arguments, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(python().toString(),
                Path.of("src", "test", "resources", "keras", name).toAbsolutePath().toString()));
        command.addAll(arguments);
        return run(command, timeout);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
