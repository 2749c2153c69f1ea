package cnnc.cli;

import cnnc.source.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a description from a path, or from standard input for {@code -}: at most {@value #MAX_BYTES}
 * bytes (1 MiB, seven times the 10,000-layer description the benchmarks compile), so that neither
 * {@code /dev/zero} nor a runaway pipe can fill the memory.
 */
public final class Sources {
    static final String STDIN = "-";
    /** Why a file cannot be read, as cnnc says it after its name. */
    public static final String NO_SUCH_FILE = "no such file";
    public static final String DIRECTORY = "it is a directory";
    public static final String PERMISSION_DENIED = "permission denied";
    static final int MAX_BYTES = SourceFile.MAX_BYTES;
    /** Set by the launcher when it found standard input closed (and gave the JVM /dev/null instead). */
    static final String STDIN_CLOSED = "cnnc.stdin.closed";

    private Sources() {
    }

    /** @throws CliFailure with exit code 3 and a one-line reason */
    static SourceFile read(String argument, InputStream stdin) {
        return new SourceFile(name(argument), decode(bytes(argument, stdin)));
    }

    /**
     * A description and where its bytes stop being UTF-8 (for {@code cnnc fmt}, which must write back
     * every byte it read), or -1.
     *
     * @param notUtf8 the offset in the text of the first character decoded from bytes that are not UTF-8
     *                (where the text holds U+FFFD instead), or -1
     * @param badByte that first byte
     */
    record Decoded(SourceFile source, int notUtf8, int badByte) {
    }

    /** @throws CliFailure with exit code 3 and a one-line reason */
    static Decoded readExactly(String argument, InputStream stdin) {
        byte[] bytes = bytes(argument, stdin);
        SourceFile source = new SourceFile(name(argument), decode(bytes));
        CharBuffer decoded = CharBuffer.allocate(bytes.length + 1);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, decoded, true);
        if (!result.isError()) {
            return new Decoded(source, -1, 0);
        }
        boolean bom = decoded.position() > 0 && decoded.get(0) == '\uFEFF';
        return new Decoded(source, decoded.position() - (bom ? 1 : 0), bytes[in.position()] & 0xff);
    }

    private static String name(String argument) {
        return argument.equals(STDIN) ? "<stdin>" : argument;
    }

    private static byte[] bytes(String argument, InputStream stdin) {
        try {
            if (argument.equals(STDIN)) {
                if (Boolean.getBoolean(STDIN_CLOSED)) {
                    throw new CliFailure(ExitCode.IO, "cannot read standard input: it is closed");
                }
                return limited(stdin, "standard input");
            }
            Path path = Path.of(argument);
            if (Files.isDirectory(path)) {
                throw unreadable(argument, DIRECTORY);
            }
            try (InputStream in = Files.newInputStream(path)) {
                return limited(in, argument);
            }
        } catch (NoSuchFileException e) {
            throw unreadable(argument, NO_SUCH_FILE);
        } catch (AccessDeniedException e) {
            throw unreadable(argument, PERMISSION_DENIED);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCode.IO, "cannot read " + argument + ": " + e.getMessage());
        }
    }

    private static byte[] limited(InputStream in, String name) throws IOException {
        return limited(in.readNBytes(MAX_BYTES + 1), name);
    }

    private static byte[] limited(byte[] bytes, String name) {
        if (bytes.length > MAX_BYTES) {
            throw new CliFailure(ExitCode.IO, String.format(Locale.ROOT, "cannot read %s: it holds more than %,d bytes "
                    + "(1 MiB), the most a description may have", name, MAX_BYTES));
        }
        return bytes;
    }

    /**
     * The description in the first bytes of a file or of standard input ({@code -}), read by another runner (the
     * Node command): what {@link #read} makes of the same bytes, or the same failure.
     *
     * @param bytes at most {@value #MAX_BYTES} + 1 of them, so that a larger file is refused as here
     */
    public static SourceFile fromBytes(String argument, byte[] bytes) {
        boolean stdin = argument.equals(STDIN);
        return new SourceFile(stdin ? "<stdin>" : argument, decode(limited(bytes, stdin ? "standard input" : argument)));
    }

    /** The failure to read a file, as {@link #read} says it ({@code no such file}, {@code it is a directory}, ...). */
    public static RuntimeException unreadable(String argument, String reason) {
        return new CliFailure(ExitCode.IO, "cannot read " + (argument.equals(STDIN) ? "standard input" : argument) + ": "
                + reason);
    }

    /** Bytes that are not UTF-8 become U+FFFD, which the parser then reports at their place. */
    private static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
