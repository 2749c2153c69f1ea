package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.torch.TorchBackend;
import java.util.concurrent.Callable;
import cnnc.backend.training.TrainingSetup;
import java.util.Optional;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** A command that writes the model as one Python module: {@code cnnc keras} and {@code cnnc torch}. */
final class PythonCommand implements Callable<Integer> {
    private final CommandSpec spec;
    private final BiFunction<Compilation, Optional<TrainingSetup>, Generation.Generated> backend;

    private PythonCommand(String name, String description, BiFunction<Compilation, Optional<TrainingSetup>, Generation.Generated> backend) {
        this.spec = CommandSpecs.command(name, this, description);
        this.backend = backend;
        spec.addPositional(CommandSpecs.file());
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("OUT.py").type(String.class)
                .converters(CommandSpecs.FILE_NAME)
                .description("the file to write; default: standard output").build());
        spec.addOption(Allowed.option());
        TrainingOptions.add(spec);
    }

    static PythonCommand keras() {
        return new PythonCommand("keras", "Writes the model as a Python module for Keras 3: build_model() returns it.",
                (compilation, training) -> {
                    KerasBackend.Result result = KerasBackend.generate(compilation, training);
                    return new Generation.Generated(result.python(), result.diagnostics());
                });
    }

    static PythonCommand torch() {
        return new PythonCommand("torch", "Writes the model as a Python module for PyTorch: build_model() returns "
                + "an nn.Module computing what the Keras module computes.", (compilation, training) -> {
                    TorchBackend.Result result = TorchBackend.generate(compilation, training);
                    return new Generation.Generated(result.python(), result.diagnostics());
                });
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String file = spec.positionalParameters().get(0).getValue();
        Optional<TrainingSetup> training = TrainingOptions.setup(spec);
        return Generation.run(spec, file, Generation.file(CommandSpecs.value(spec, "--output")),
                compilation -> backend.apply(compilation, training));
    }
}
