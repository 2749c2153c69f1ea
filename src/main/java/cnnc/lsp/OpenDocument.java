package cnnc.lsp;

import cnnc.Compilation;
import cnnc.analysis.Options;
import cnnc.editor.EditedText;
import cnnc.source.SourceFile;
import java.net.URI;

/**
 * One document the editor has open, as last sent, compiled. Each change replaces it whole: a
 * compilation of ResNet50 takes about a millisecond, so there is nothing to gain from reusing parts.
 */
record OpenDocument(String uri, int version, Compilation compilation, LineMap lines, boolean tooLarge) {

    /**
     * The text compiled; a text beyond the command line's limit ({@link SourceFile#MAX_BYTES}) is not,
     * so that no file makes every keystroke wait: it stands as an empty description, with one error.
     */
    static OpenDocument compile(String uri, int version, String text) {
        EditedText edited = EditedText.compile(fileName(uri), text, Options.DEFAULT);
        Compilation compilation = edited.compilation();
        return new OpenDocument(uri, version, compilation, new LineMap(compilation.source()), edited.tooLarge());
    }

    /** The path of a file: URI (the model's default name is its base name), else the URI as it is. */
    static String fileName(String uri) {
        try {
            URI parsed = URI.create(uri);
            return parsed.getPath() != null ? parsed.getPath() : uri;
        } catch (IllegalArgumentException notAUri) {
            return uri;
        }
    }
}
