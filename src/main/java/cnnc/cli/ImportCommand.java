package cnnc.cli;

import cnnc.imports.keras.KerasFile;
import cnnc.imports.keras.KerasImport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cnnc import FILE [-o OUT.cnn]}: a Keras model (a {@code .keras} file, or the JSON of
 * {@code model.to_json()}) as a description, formatted and checked before it is written; a model the
 * language cannot express gets its errors at the Keras layer's name, and nothing is written.
 */
final class ImportCommand implements Callable<Integer> {
    static final List<OptionDef> OPTIONS = List.of(OptionDef.output("OUT.cnn", "the file to write; default: standard output"));
    private final CommandSpec spec = CommandSpecs.command("import", this, "Writes a Keras model (a .keras file, or the "
            + "JSON of model.to_json()) as a description, checked; refuses, at the layer, what the language cannot "
            + "express.");

    ImportCommand() {
        spec.addPositional(CommandSpecs.file("a .keras file or a model's to_json() JSON, or - for standard input"));
        CommandSpecs.add(spec, OPTIONS);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        Given given = CommandSpecs.given(spec);
        String file = given.files().get(0);
        String output = given.value("--output");
        Outputs.check(output, file);
        String name = file.equals(Sources.STDIN) ? "<stdin>" : file;
        KerasImport.Result result = KerasImport.run(name, bytes(file), descriptionName(output));
        DiagnosticPrinter.print(result.source(), result.diagnostics(), spec.commandLine().getErr());
        if (result.text().isEmpty()) {
            return ExitCode.MODEL_ERRORS;
        }
        Outputs.write(output, result.text().get(), spec.commandLine().getOut());
        return ExitCode.OK;
    }

    private static String descriptionName(String output) {
        return output == null || output.equals("-") ? "<stdout>" : output;
    }

    /** @throws CliFailure with exit code 3 when the file cannot be read, or holds more than the import reads */
    private static byte[] bytes(String file) {
        if (!file.equals(Sources.STDIN) && Files.isDirectory(Path.of(file))) {
            throw Sources.unreadable(file, Sources.DIRECTORY);
        }
        try (InputStream in = file.equals(Sources.STDIN) ? System.in : Files.newInputStream(Path.of(file))) {
            byte[] bytes = in.readNBytes(KerasFile.MAX_JSON_BYTES + 1);
            if (bytes.length > KerasFile.MAX_JSON_BYTES) {
                throw new CliFailure(ExitCode.IO, String.format(Locale.ROOT, "cannot read %s: it holds more than "
                        + "%,d bytes (64 MiB), the most cnnc import reads", file, KerasFile.MAX_JSON_BYTES));
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw Sources.unreadable(file, Sources.NO_SUCH_FILE);
        } catch (AccessDeniedException e) {
            throw Sources.unreadable(file, Sources.PERMISSION_DENIED);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliFailure(ExitCode.IO, "cannot read " + file + ": " + e.getMessage());
        }
    }
}
