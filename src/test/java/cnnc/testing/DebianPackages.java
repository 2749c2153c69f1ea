package cnnc.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Installs a Debian package with apt-get when the program a test needs is missing (the tests run as
 * root on the build machine, as the README says); when that fails, so does the test, never a skip.
 */
public final class DebianPackages {
    private DebianPackages() {
    }

    /** Makes sure {@code binary} exists, installing {@code debianPackage} for it if not. */
    public static void ensure(Path binary, String debianPackage, String neededFor) throws IOException, InterruptedException {
        if (Files.isExecutable(binary)) {
            return;
        }
        for (List<String> command : List.of(List.of("apt-get", "update", "-q"),
                List.of("apt-get", "install", "-y", "-q", debianPackage))) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            int exit = builder.start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + exit
                        + "; " + neededFor + " need Debian's " + debianPackage + " package");
            }
        }
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("apt-get installed " + debianPackage + ", but " + binary + " is missing");
        }
    }
}
