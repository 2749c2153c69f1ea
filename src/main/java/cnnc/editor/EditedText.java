package cnnc.editor;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.analysis.Options;
import cnnc.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A text being edited, compiled as an editor needs it after each change. A text beyond the command
 * line's limit ({@link SourceFile#MAX_BYTES}) is not compiled, so that no paste makes every keystroke
 * wait: it stands as an empty description, and the editor shows {@link #tooLargeMessage()} instead.
 */
public record EditedText(Compilation compilation, boolean tooLarge) {

    public static EditedText compile(String name, String text, Options options) {
        boolean tooLarge = text.length() > SourceFile.MAX_BYTES / 3
                && text.getBytes(StandardCharsets.UTF_8).length > SourceFile.MAX_BYTES;
        return new EditedText(Compiler.compile(new SourceFile(name, tooLarge ? "" : text), options), tooLarge);
    }

    public static String tooLargeMessage() {
        return String.format(Locale.ROOT, "this file holds more than %,d bytes (1 MiB), the most a description may "
                + "have: it is not checked", SourceFile.MAX_BYTES);
    }
}
