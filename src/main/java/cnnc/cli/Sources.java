package cnnc.cli;

import cnnc.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a description from a path, or from standard input for {@code -}. */
final class Sources {
    static final String STDIN = "-";

    private Sources() {
    }

    /** @throws CliFailure with exit code 3 and a one-line reason */
    static SourceFile read(String argument, InputStream stdin) {
        try {
            if (argument.equals(STDIN)) {
                return new SourceFile("<stdin>", decode(stdin.readAllBytes()));
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                throw new CliFailure(ExitCode.IO, "cannot read " + argument + ": it is a directory");
            }
            return new SourceFile(argument, decode(Files.readAllBytes(path)));
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCode.IO, "cannot read " + argument + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CliFailure(ExitCode.IO, "cannot read " + argument + ": permission denied");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCode.IO, "cannot read " + argument + ": " + e.getMessage());
        }
    }

    /** Bytes that are not UTF-8 become U+FFFD, which the parser then reports at their place. */
    private static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
