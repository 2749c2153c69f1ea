package cnnc.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code cnnc help [COMMAND]}: the usage of cnnc or of one of its commands. */
final class HelpCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpecs.command("help", this, "Prints the usage of cnnc or of a command.");

    HelpCommand() {
        spec.addPositional(PositionalParamSpec.builder().paramLabel("COMMAND").arity("0..1").type(String.class)
                .description("the command to describe").build());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        String name = spec.positionalParameters().get(0).getValue();
        CommandLine cnnc = spec.parent().commandLine();
        CommandLine described = name == null ? cnnc : cnnc.getSubcommands().get(name);
        if (described == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + name + "' is not a command; the commands are "
                    + String.join(", ", List.copyOf(cnnc.getSubcommands().keySet())));
        }
        described.usage(spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
