package cnnc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node.js and the npm packages of {@code src/test/node} (pinned by its package-lock.json), installed
 * into {@code target/node-packages} with {@code npm ci} when missing or when the lock changed. When
 * node or npm is missing it is installed with apt-get (Debian's nodejs and npm; the tests run as root
 * on the build machine, as for Chromium); when that fails, so does the test.
 */
public final class NodePackages {
    private static final Path SOURCE = Path.of("src/test/node");
    public static final Path FOLDER = Path.of("target/node-packages");

    private NodePackages() {
    }

    /** The folder with the packages and the scripts of src/test/node, ready for {@code node SCRIPT}. */
    public static synchronized Path install() throws IOException, InterruptedException {
        if (!works("node", "--version") || !works("npm", "--version")) {
            run(Path.of("."), "apt-get", "update", "-q");
            run(Path.of("."), "apt-get", "install", "-y", "-q", "nodejs", "npm");
        }
        Files.createDirectories(FOLDER);
        Path lock = FOLDER.resolve("package-lock.json");
        boolean current = Files.exists(FOLDER.resolve("node_modules/.package-lock.json")) && Files.exists(lock)
                && Files.mismatch(lock, SOURCE.resolve("package-lock.json")) == -1;
        try (var files = Files.list(SOURCE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, FOLDER.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!current) {
            run(FOLDER, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        }
        return FOLDER;
    }

    private static boolean works(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException absent) {
            return false;
        }
    }

    /** Runs a command in a folder; its output goes to target/node-packages.log, and a failure throws. */
    public static void run(Path folder, String... command) throws IOException, InterruptedException {
        Path log = Path.of("target/node-packages.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder.start();
        if (!process.waitFor(20, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " took more than 20 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                    + " (see " + log + ")");
        }
    }
}
