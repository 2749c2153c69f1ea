package cnnc.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes generated output to a file (through a temporary file in the same folder, moved into
 * place, so a failed command never leaves half a file), or to standard output when no file is given.
 * Only a regular file (or a new one) is written: the input itself, a symbolic link, a FIFO, a device
 * or a folder are refused before anything is compiled, as replacing them with a regular file is
 * never what was meant. A new file gets the mode the user's umask gives, and a file written over keeps
 * its mode, its owner and its other names, as a shell redirection's would.
 */
final class Outputs {
    private Outputs() {
    }

    /**
     * Refuses an {@code -o} that names the input (a bad command line, exit 2) or something other than a
     * regular file (exit 3).
     */
    static void check(String file, String input) {
        if (file == null || file.equals("-")) {
            return;
        }
        Path target;
        BasicFileAttributes attributes;
        try {
            target = Path.of(file);
            attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException absent) {
            return; // a new file, or a folder that is not there (reported when writing)
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCode.IO, "cannot write " + file + ": " + e.getMessage());
        }
        if (attributes.isSymbolicLink()) {
            throw new CliFailure(ExitCode.IO, "cannot write " + file + ": it is a symbolic link; cnnc replaces only "
                    + "regular files (name the file it points to)");
        }
        if (attributes.isDirectory()) {
            throw new CliFailure(ExitCode.IO, "cannot write " + file + ": it is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw new CliFailure(ExitCode.IO, "cannot write " + file + ": it is not a regular file (a FIFO, socket or "
                    + "device); write to standard output and redirect it instead");
        }
        if (!input.equals(Sources.STDIN) && isSameFile(target, Path.of(input))) {
            throw new UsageError("-o " + file
                    + " is the input file: writing it would replace the description");
        }
    }

    /** @throws CliFailure with exit code 3 when the file cannot be written */
    static void write(String file, String content, PrintWriter stdout) {
        write(file, writer -> written(writer, content), stdout);
    }

    private static void written(java.io.Writer writer, String content) {
        try {
            writer.write(content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@link #write(String, String, PrintWriter)} for text made as it is written ({@code content} writes it): a long
     * model's page (20 MB) goes to the file in pieces, never held whole.
     *
     * @throws CliFailure with exit code 3 when the file cannot be written
     */
    static void write(String file, java.util.function.Consumer<java.io.Writer> content, PrintWriter stdout) {
        if (file == null || file.equals("-")) {
            content.accept(stdout);
            stdout.flush();
            return;
        }
        try {
            replace(Path.of(file).toAbsolutePath(), content);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCode.IO, "cannot write " + file + ": " + reason(e));
        }
    }

    /**
     * Refuses a folder to write a project into that holds anything, or is not a folder (exit 3): a new project
     * is written whole, never over files someone may have added. A missing or empty folder is fine.
     */
    static void checkFolder(String folder) {
        Path target;
        try {
            target = Path.of(folder);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCode.IO, "cannot write " + folder + ": " + e.getMessage());
        }
        if (Files.isSymbolicLink(target) || (Files.exists(target) && !Files.isDirectory(target))) {
            throw new CliFailure(ExitCode.IO, "cannot write the project " + folder + ": it is a file or a link, not a folder");
        }
        if (Files.isDirectory(target)) {
            try (java.util.stream.Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new CliFailure(ExitCode.IO, "cannot write the project " + folder + ": the folder is not empty "
                            + "(cnnc writes a new project whole; remove it, or name a new folder)");
                }
            } catch (IOException e) {
                throw new CliFailure(ExitCode.IO, "cannot write the project " + folder + ": " + reason(e));
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new CliFailure(ExitCode.IO, "cannot write the project " + folder + ": no such folder " + parent);
        }
    }

    /**
     * Writes a folder of files ({@code files}: their paths inside it, and their text), all or nothing: into a
     * new folder beside it, moved into place when every file is written (over an empty folder of that name).
     * Folders and files get the modes the umask gives.
     */
    static void writeFolder(String folder, java.util.Map<String, String> files) {
        Path target = Path.of(folder).toAbsolutePath();
        Path temporary = null;
        try {
            temporary = createTemporaryFolder(target);
            for (java.util.Map.Entry<String, String> file : files.entrySet()) {
                Path path = temporary.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target); // empty, as checkFolder found it
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            deleteTree(temporary);
            throw new CliFailure(ExitCode.IO, "cannot write the project " + folder + ": " + reason(e));
        } catch (RuntimeException e) {
            deleteTree(temporary);
            throw e;
        }
    }

    private static Path createTemporaryFolder(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temporary = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createDirectory(temporary);
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
    }

    private static void deleteTree(Path folder) {
        if (folder == null) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // nothing more can be done; the temporary folder's name starts with a dot
        }
    }

    /**
     * Refuses to rewrite in place ({@code fmt -w}) anything but a regular file, or a symbolic link to one
     * (the file it points to is rewritten), before the file is read.
     */
    static void requireRewritable(String file) {
        try {
            if (!Files.isRegularFile(Path.of(file))) {
                throw new CliFailure(ExitCode.IO, Files.exists(Path.of(file))
                        ? "cannot rewrite " + file + ": it is not a regular file" : "cannot read " + file + ": no such file");
            }
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCode.IO, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Rewrites a file in place ({@code fmt -w}): the new text goes to a temporary file beside it, with
     * the file's own permissions, moved over it, so the file is either as it was or wholly new. A
     * symbolic link stays one: the file it points to is rewritten. {@code expected} is the text just
     * read; a file that changed since is left alone.
     *
     * @throws CliFailure with exit code 3 when the file cannot be written
     */
    static void rewrite(String file, String expected, String content) {
        try {
            Path target = Path.of(file).toRealPath();
            String now;
            try {
                now = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(target)))
                        .toString();
            } catch (java.nio.charset.CharacterCodingException notText) {
                throw new CliFailure(ExitCode.IO, "cannot rewrite " + file + ": it is not UTF-8 text, and rewriting "
                        + "would change the bytes that are not");
            }
            if (!now.equals(expected) && !now.equals("\uFEFF" + expected)) {
                throw new CliFailure(ExitCode.IO, "cannot rewrite " + file + ": it changed while it was being formatted");
            }
            replace(target, content);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCode.IO, "cannot rewrite " + file + ": " + reason(e));
        }
    }

    /**
     * Puts {@code content} in {@code target}. It is written to a new file beside the target, then moved
     * into place, so that a failure (a full device) never leaves half a file; a file it replaces lends
     * the new one its mode. A file that has other names (hard links), or another owner, is written in
     * place instead, as a shell's redirection writes it, once the new file beside it has shown that the
     * content fits: a new file would leave the other names on the old text, or take the file from its owner.
     */
    private static void replace(Path target, String content) throws IOException {
        replace(target, writer -> written(writer, content));
    }

    /** {@link #replace(Path, String)} for the text {@code content} writes, written to the new file as it is made. */
    private static void replace(Path target, java.util.function.Consumer<java.io.Writer> content) throws IOException {
        PosixFileAttributes existing = posixAttributes(target);
        Path temporary = null;
        try {
            temporary = createTemporary(target);
            try (java.io.Writer writer = new Utf8Writer(Files.newOutputStream(temporary))) {
                content.accept(writer);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause(); // the writer's, through the report's code
            }
            if (existing != null && (links(target) > 1 || !existing.owner().equals(Files.getOwner(temporary)))) {
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    Files.copy(temporary, out);
                }
                Files.delete(temporary);
                return;
            }
            if (existing != null) {
                Files.setPosixFilePermissions(temporary, existing.permissions());
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temporary); // the report's code may fail too (a stack overflow, say): no file is left
            throw e;
        }
    }

    /** The attributes of the regular file there, or null when there is none or the file system is not POSIX. */
    private static PosixFileAttributes posixAttributes(Path target) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(target, PosixFileAttributes.class);
            return attributes.isRegularFile() ? attributes : null;
        } catch (IOException | UnsupportedOperationException absent) {
            return null;
        }
    }

    /** How many names the file has; 1 where the file system does not say. */
    private static int links(Path target) {
        try {
            return ((Number) Files.getAttribute(target, "unix:nlink")).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException unknown) {
            return 1;
        }
    }

    /**
     * A new file beside the target, created without explicit permissions, so that the umask decides them
     * (Files.createTempFile would make it 0600 whatever the umask). Its name is short whatever the
     * target's: one as long as the longest a folder allows must still leave room for it.
     */
    private static Path createTemporary(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temporary = target.resolveSibling(".cnnc-" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            try (OutputStream created = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                return temporary;
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 10) {
                    throw taken;
                }
            }
        }
    }

    private static boolean isSameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /**
     * Why a file could not be written, without the paths an exception names (the temporary file's among
     * them, which the user never named): the error message says which file.
     */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException system) {
            String why = system.getReason();
            return why == null || why.isEmpty() ? system.getClass().getSimpleName()
                    : Character.toLowerCase(why.charAt(0)) + why.substring(1);
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
