package cnnc.cli;

import cnnc.backend.keras.KerasBackend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

final class KerasCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpecs.command("keras", this,
            "Writes the model as a Python module for Keras 3: build_model() returns it.");

    KerasCommand() {
        spec.addPositional(CommandSpecs.file());
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("OUT.py").type(String.class)
                .description("the file to write; default: standard output").build());
        spec.addOption(Allowed.option());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String file = spec.positionalParameters().get(0).getValue();
        String output = CommandSpecs.value(spec, "--output");
        return Generation.run(spec, file, output, compilation -> {
            KerasBackend.Result result = KerasBackend.generate(compilation);
            return new Generation.Generated(result.python(), result.diagnostics());
        });
    }
}
