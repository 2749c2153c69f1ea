package cnnc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The cnnc launcher: picocli reads the command line, each subcommand runs one pipeline. */
@Command(name = "cnnc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Checks convolutional network descriptions (.cnn files), reports their shapes and parameters, and writes them as Keras or Deeplearning4j code.",
        subcommands = {CheckCommand.class, ReportCommand.class, KerasCommand.class, Dl4jCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (warnings allowed)",
            "1:the model has errors",
            "2:bad command line",
            "3:a file cannot be read or written",
            "4:internal error (a bug in cnnc: please report it)"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the launcher in-process with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof CliFailure failure) {
                        cmd.getErr().println("cnnc: " + failure.getMessage());
                        return failure.exitCode();
                    }
                    cmd.getErr().println("cnnc: internal error: " + e
                            + " (this is a bug in cnnc; please report it with the input that caused it)");
                    return ExitCode.INTERNAL;
                });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: check, report, keras or dl4j");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"cnnc " + (version != null ? version : "(development build)")};
        }
    }
}
