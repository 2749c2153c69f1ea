package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.PythonBackend;
import cnnc.backend.keras.KerasBackend;
import cnnc.backend.torch.TorchBackend;
import java.util.concurrent.Callable;
import cnnc.backend.training.TrainingSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import picocli.CommandLine.Model.CommandSpec;

/** A command that writes the model as one Python module: {@code cnnc keras} and {@code cnnc torch}. */
final class PythonCommand implements Callable<Integer> {
    private final CommandSpec spec;
    private final BiFunction<Compilation, Optional<TrainingSetup>, Generation.Generated> backend;

    static final List<OptionDef> OPTIONS = options();

    private PythonCommand(String name, String description, BiFunction<Compilation, Optional<TrainingSetup>, Generation.Generated> backend) {
        this.spec = CommandSpecs.command(name, this, description);
        this.backend = backend;
        spec.addPositional(CommandSpecs.file());
        CommandSpecs.add(spec, OPTIONS);
    }

    private static List<OptionDef> options() {
        List<OptionDef> options = new ArrayList<>(List.of(
                OptionDef.output("OUT.py", "the file to write; default: standard output"),
                Allowed.OPTION,
                ReportCommand.at("the code at these sizes", Generation.EVERY_SIZE)));
        options.addAll(TrainingOptions.OPTIONS);
        return List.copyOf(options);
    }

    static final String KERAS = "Writes the model as a Python module for Keras 3: build_model() returns it.";
    static final String TORCH = "Writes the model as a Python module for PyTorch: build_model() returns an nn.Module "
            + "computing what the Keras module computes.";

    static PythonCommand keras() {
        return new PythonCommand("keras", KERAS, PythonCommand::keras);
    }

    static PythonCommand torch() {
        return new PythonCommand("torch", TORCH, PythonCommand::torch);
    }

    static Generation.Generated keras(Compilation compilation, Optional<TrainingSetup> training) {
        PythonBackend.Result result = KerasBackend.generate(compilation, training);
        return new Generation.Generated(result.python(), result.diagnostics());
    }

    static Generation.Generated torch(Compilation compilation, Optional<TrainingSetup> training) {
        PythonBackend.Result result = TorchBackend.generate(compilation, training);
        return new Generation.Generated(result.python(), result.diagnostics());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        return run(CommandSpecs.given(spec), new FileHost(spec), backend);
    }

    static int run(Given given, Host host, BiFunction<Compilation, Optional<TrainingSetup>, Generation.Generated> backend) {
        Optional<TrainingSetup> training = TrainingOptions.setup(given);
        return Generation.run(given, host, host.destination(given.value("--output")),
                compilation -> backend.apply(compilation, training));
    }
}
