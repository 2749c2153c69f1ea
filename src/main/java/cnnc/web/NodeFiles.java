package cnnc.web;

import cnnc.cli.PortableCommandLine;
import cnnc.cli.Sources;
import cnnc.source.SourceFile;
import org.teavm.jso.JSBody;

/**
 * The files the Node command reads, through node:fs (command.js sets {@code globalThis.cnncReadFile}): the first
 * bytes of a file or of standard input, as many as cnnc reads, decoded here as ./cnnc decodes them.
 */
final class NodeFiles implements PortableCommandLine.Files {
    @Override
    public SourceFile read(String argument) {
        String answer = readFile(argument, SourceFile.MAX_BYTES + 1);
        if (answer.startsWith("E")) {
            String code = answer.substring(1);
            throw Sources.unreadable(argument, switch (code) {
                case "ENOENT", "ENOTDIR" -> Sources.NO_SUCH_FILE;
                case "EISDIR" -> Sources.DIRECTORY;
                case "EACCES", "EPERM" -> Sources.PERMISSION_DENIED;
                default -> code;
            });
        }
        byte[] bytes = new byte[answer.length() - 1];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) answer.charAt(i + 1);
        }
        return Sources.fromBytes(argument, bytes);
    }

    /**
     * {@code "F"} and the first {@code limit} bytes as characters 0 to 255; or {@code "E"} and the error's code
     * (ENOENT, EISDIR, EACCES) or message.
     */
    @JSBody(params = {"name", "limit"}, script = "return globalThis.cnncReadFile(name, limit);")
    private static native String readFile(String name, int limit);
}
