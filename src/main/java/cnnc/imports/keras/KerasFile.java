package cnnc.imports.keras;

import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The JSON text of a Keras model: a {@code .keras} file is a zip archive whose {@code config.json} holds
 * the architecture (the weights, in {@code model.weights.h5}, are not read); anything else is taken
 * as the JSON of {@code model.to_json()}.
 */
public final class KerasFile {
    /** The most bytes of JSON read: EfficientNetB7's to_json is under 1 MiB, NASNetLarge's about 3. */
    public static final int MAX_JSON_BYTES = 64 << 20;
    private static final byte[] ZIP = {'P', 'K', 3, 4};

    private KerasFile() {
    }

    /** @throws Refusal when the archive has no config.json, or it is too large */
    static SourceFile source(String name, byte[] bytes) {
        if (!isZip(bytes)) {
            return new SourceFile(name, text(bytes));
        }
        SourceFile archive = new SourceFile(name, "");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("config.json")) {
                    byte[] json = zip.readNBytes(MAX_JSON_BYTES + 1);
                    if (json.length > MAX_JSON_BYTES) {
                        throw refusal(archive, "its config.json holds more than 64 MiB");
                    }
                    return new SourceFile(name + "!config.json", text(json));
                }
            }
        } catch (IOException e) {
            throw refusal(archive, "the zip archive cannot be read (" + e.getMessage() + ")");
        }
        throw refusal(archive, "the zip archive holds no config.json");
    }

    private static boolean isZip(byte[] bytes) {
        if (bytes.length < ZIP.length) {
            return false;
        }
        for (int i = 0; i < ZIP.length; i++) {
            if (bytes[i] != ZIP[i]) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static Refusal refusal(SourceFile archive, String why) {
        return new Refusal(Diagnostic.of(Code.E0820, archive.span(0, 0), "this is not a Keras model file: " + why,
                "give a .keras file that model.save() wrote, or the JSON of model.to_json()"));
    }
}
