package cnnc.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes generated output to a file (through a temporary file in the same folder, moved into
 * place, so a failed command never leaves half a file), or to standard output when no file is given.
 */
final class Outputs {
    private Outputs() {
    }

    /** @throws CliFailure with exit code 3 when the file cannot be written */
    static void write(String file, String content, PrintWriter stdout) {
        if (file == null || file.equals("-")) {
            stdout.print(content);
            stdout.flush();
            return;
        }
        Path target = Path.of(file).toAbsolutePath();
        Path temporary = null;
        try {
            if (Files.isDirectory(target)) {
                throw new CliFailure(ExitCode.IO, "cannot write " + file + ": it is a directory");
            }
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            deleteQuietly(temporary);
            throw new CliFailure(ExitCode.IO, "cannot write " + file + ": " + reason(e));
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // nothing more can be done; the temporary file's name starts with a dot
            }
        }
    }
}
