package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.torch.TorchBackend;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** A command that writes the model as one Python module: {@code cnnc keras} and {@code cnnc torch}. */
final class PythonCommand implements Callable<Integer> {
    private final CommandSpec spec;
    private final Function<Compilation, Generation.Generated> backend;

    private PythonCommand(String name, String description, Function<Compilation, Generation.Generated> backend) {
        this.spec = CommandSpecs.command(name, this, description);
        this.backend = backend;
        spec.addPositional(CommandSpecs.file());
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("OUT.py").type(String.class)
                .description("the file to write; default: standard output").build());
        spec.addOption(Allowed.option());
    }

    static PythonCommand keras() {
        return new PythonCommand("keras", "Writes the model as a Python module for Keras 3: build_model() returns it.",
                compilation -> {
                    KerasBackend.Result result = KerasBackend.generate(compilation);
                    return new Generation.Generated(result.python(), result.diagnostics());
                });
    }

    static PythonCommand torch() {
        return new PythonCommand("torch", "Writes the model as a Python module for PyTorch: build_model() returns "
                + "an nn.Module computing what the Keras module computes.", compilation -> {
                    TorchBackend.Result result = TorchBackend.generate(compilation);
                    return new Generation.Generated(result.python(), result.diagnostics());
                });
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String file = spec.positionalParameters().get(0).getValue();
        return Generation.run(spec, file, CommandSpecs.value(spec, "--output"), backend);
    }
}
