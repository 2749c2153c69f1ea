package cnnc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Python virtual environment under {@code target/} with the packages a suite runs against, made by
 * the test run itself the first time it is needed ({@code python3 -m venv}, then pip), and kept for the
 * rest of the build by a marker file. When it cannot be made the suites fail: a backend that was never
 * run against its framework is not tested.
 */
public final class PythonVenv {
    private static final Path PYCACHE = Path.of("target", "pycache").toAbsolutePath();
    private static final Duration INSTALL_TIME = Duration.ofMinutes(10);

    private final Path root;
    private final List<String> packages;
    private final List<String> packagesAlone;
    private final String versionCheck;
    private final Map<String, String> environment;
    /** Why the environment could not be set up, once that is known: the next test fails at once with it. */
    private AssertionError failure;

    /**
     * @param folder       the venv's folder under target/
     * @param packages     what pip installs
     * @param versionCheck Python source printing the framework's version, run once installed
     * @param environment  variables every process run with the venv gets
     */
    public PythonVenv(String folder, List<String> packages, String versionCheck, Map<String, String> environment) {
        this(folder, packages, List.of(), versionCheck, environment);
    }

    /**
     * @param packagesAlone what pip installs afterwards without the packages they require
     *                      ({@code --no-deps}): what their imports need is in {@code packages}
     */
    public PythonVenv(String folder, List<String> packages, List<String> packagesAlone, String versionCheck,
            Map<String, String> environment) {
        this.root = Path.of("target", folder).toAbsolutePath();
        this.packages = List.copyOf(packages);
        this.packagesAlone = List.copyOf(packagesAlone);
        this.versionCheck = versionCheck;
        this.environment = Map.copyOf(environment);
    }

    /** What a process printed (standard output and error together) and its exit code. */
    public record Run(int exit, String output) {
    }

    /** The venv's python, made on first use. */
    public synchronized Path python() {
        Path python = root.resolve("bin").resolve("python");
        if (failure != null) {
            throw failure;
        }
        if (!Files.exists(root.resolve("cnnc-ready"))) {
            try {
                provision(python);
            } catch (AssertionError e) {
                failure = e;
                throw e;
            }
        }
        return python;
    }

    private void provision(Path python) {
        deleteTree(root);
        require(run(List.of("python3", "-m", "venv", root.toString()), INSTALL_TIME), "python3 -m venv");
        List<String> install = new ArrayList<>(List.of(python.toString(), "-m", "pip", "install", "--retries", "0"));
        install.addAll(packages);
        require(run(install, INSTALL_TIME), "pip install " + String.join(" ", packages));
        if (!packagesAlone.isEmpty()) {
            List<String> alone = new ArrayList<>(install.subList(0, install.size() - packages.size()));
            alone.add("--no-deps");
            alone.addAll(packagesAlone);
            require(run(alone, INSTALL_TIME), "pip install --no-deps " + String.join(" ", packagesAlone));
        }
        Run version = require(run(List.of(python.toString(), "-c", versionCheck), INSTALL_TIME), versionCheck);
        try {
            Files.writeString(root.resolve("cnnc-ready"), version.output().strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run require(Run run, String what) {
        if (run.exit() != 0) {
            throw new AssertionError("cannot set up the tests' Python: " + what + " exited with " + run.exit()
                    + ":\n" + run.output());
        }
        return run;
    }

    /** Runs a command with this venv's environment variables, from the project folder; fails the test on a timeout. */
    public Run run(List<String> command, Duration timeout) {
        try {
            Path log = Files.createTempFile("cnnc-python", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().putAll(environment);
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

    /** Runs a script of src/test/resources/FOLDER with the venv's python. */
    public Run script(String folder, String name, List<String> arguments, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(python().toString(),
                Path.of("src", "test", "resources", folder, name).toAbsolutePath().toString()));
        command.addAll(arguments);
        return run(command, timeout);
    }

    /**
     * Starts a script of src/test/resources/FOLDER with the venv's python, with this venv's environment variables,
     * for a caller that talks to it: standard input a pipe, standard output and error together on the process's
     * input stream. The caller waits for it and ends it.
     */
    public Process start(String folder, String name, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(python().toString(),
                Path.of("src", "test", "resources", folder, name).toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("PYTHONPYCACHEPREFIX", PYCACHE.toString());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        }
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
