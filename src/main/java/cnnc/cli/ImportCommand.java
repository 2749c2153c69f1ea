package cnnc.cli;

import cnnc.imports.keras.KerasFile;
import cnnc.imports.keras.KerasImport;
import cnnc.imports.torch.TorchImport;
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
import picocli.CommandLine.ParameterException;

/**
 * {@code cnnc import FILE [-o OUT.cnn]}: a Keras model (a {@code .keras} file, or the JSON of
 * {@code model.to_json()}) as a description, formatted and checked before it is written; a model the
 * language cannot express gets its errors at the Keras layer's name, and nothing is written.
 * {@code cnnc import SPEC --input HxWxC [--python PATH]}: a PyTorch module ({@code file.py:NAME} or
 * {@code package.module:NAME}), traced by the user's Python; its errors are at the line of forward() that
 * makes the operation. FILE is a Keras file when a file of that name exists or it ends in .keras or
 * .json; otherwise a SPEC when it has a ':'.
 */
final class ImportCommand implements Callable<Integer> {
    static final List<OptionDef> OPTIONS = List.of(OptionDef.output("OUT.cnn", "the file to write; default: standard output"),
            OptionDef.text(List.of("--input"), "HxWxC", "a PyTorch module's input, as cnnc writes it (channels last: "
                    + "224x224x3; a sequence LxC, a volume DxHxWxC, a vector N); needed for a PyTorch module"),
            OptionDef.text(List.of("--python"), "PATH", "the Python with torch that traces a PyTorch module; "
                    + "default: the environment's CNNC_PYTHON, else python3"));
    private final CommandSpec spec = CommandSpecs.command("import", this, "Writes a Keras model (a .keras file, or the "
            + "JSON of model.to_json()) or a PyTorch module (file.py:NAME or package.module:NAME, with --input) as a "
            + "description, checked; refuses, at the layer, what the language cannot express.");

    ImportCommand() {
        spec.addPositional(CommandSpecs.file("a .keras file or a model's to_json() JSON, or - for standard input; or "
                + "a PyTorch module, path/to/file.py:NAME or package.module:NAME"));
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
        if (isTorch(file)) {
            return torch(given, file, output);
        }
        if (given.value("--input") != null || given.value("--python") != null) {
            throw new ParameterException(spec.commandLine(), "--input and --python are for a PyTorch module "
                    + "(file.py:NAME or package.module:NAME); " + file + " is read as a Keras model");
        }
        String name = file.equals(Sources.STDIN) ? "<stdin>" : file;
        KerasImport.Result result = KerasImport.run(name, bytes(file), descriptionName(output));
        DiagnosticPrinter.print(result.source(), result.diagnostics(), spec.commandLine().getErr());
        if (result.text().isEmpty()) {
            return ExitCode.MODEL_ERRORS;
        }
        Outputs.write(output, result.text().get(), spec.commandLine().getOut());
        return ExitCode.OK;
    }

    /**
     * A PyTorch module's spec: a ':' before a Python name, and no file of that name, nor a Keras file's
     * ending (so {@code C:\\models\\m.json} stays a Keras file).
     */
    static boolean isTorch(String file) {
        if (file.equals(Sources.STDIN) || file.endsWith(".keras") || file.endsWith(".json")
                || !TorchImport.SPEC.matcher(file).matches()) {
            return false;
        }
        try {
            return !Files.exists(Path.of(file));
        } catch (java.nio.file.InvalidPathException e) {
            return true;
        }
    }

    private Integer torch(Given given, String module, String output) {
        String input = given.value("--input");
        if (input == null) {
            throw new ParameterException(spec.commandLine(), "a PyTorch module needs its input size: --input HxWxC "
                    + "(224x224x3, channels last as cnnc writes it)");
        }
        if (!input.matches("[1-9][0-9]{0,5}(x[1-9][0-9]{0,5}){0,3}")) {
            throw new ParameterException(spec.commandLine(), "--input " + input + " is not sizes: write HxWxC "
                    + "(224x224x3), LxC, DxHxWxC or N, each a whole number from 1");
        }
        List<Integer> sizes = java.util.Arrays.stream(input.split("x")).map(Integer::valueOf).toList();
        String python = TorchImport.python(given.value("--python"), System.getenv());
        TorchImport.Result result = TorchImport.run(module, sizes, python, descriptionName(output));
        for (TorchImport.Located located : result.diagnostics()) {
            DiagnosticPrinter.print(located.source(), List.of(located.diagnostic()), spec.commandLine().getErr());
        }
        if (result.text().isEmpty()) {
            return result.unreadable() ? ExitCode.IO : ExitCode.MODEL_ERRORS;
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
