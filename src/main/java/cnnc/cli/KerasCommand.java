package cnnc.cli;

import cnnc.backend.keras.KerasBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keras", mixinStandardHelpOptions = true,
        description = "Writes the model as a Python module for Keras 3: build_model() returns it.")
final class KerasCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a .cnn file, or - for standard input")
    String file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.py", description = "the file to write; default: standard output")
    String output;

    @Override
    public Integer call() {
        return Generation.run(spec, file, output, compilation -> {
            KerasBackend.Result result = KerasBackend.generate(compilation);
            return new Generation.Generated(result.python(), result.diagnostics());
        });
    }
}
