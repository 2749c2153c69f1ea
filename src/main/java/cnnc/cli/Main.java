package cnnc.cli;

import cnnc.diag.DiagnosticRenderer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;

/** The cnnc launcher: picocli reads the command line, each subcommand runs one pipeline. */
public final class Main implements Runnable {
    /** Set by the launcher when it found standard output closed (and gave the JVM /dev/full instead). */
    static final String STDOUT_CLOSED = "cnnc.stdout.closed";
    private static final String PICOCLI_EXCLUDES = "picocli.converters.excludes";
    private final CommandSpec spec;

    private Main(boolean withCommands) {
        spec = CommandSpecs.command("cnnc", this, "Checks convolutional network descriptions (.cnn files), reports "
                + "their shapes and parameters, compares two of them, writes them as Keras, PyTorch or Deeplearning4j code, and formats them.");
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes());
        if (withCommands) {
            spec.addSubcommand("check", new CheckCommand().spec());
            spec.addSubcommand("report", new ReportCommand().spec());
            spec.addSubcommand("diff", new DiffCommand().spec());
            spec.addSubcommand("keras", PythonCommand.keras().spec());
            spec.addSubcommand("torch", PythonCommand.torch().spec());
            spec.addSubcommand("dl4j", new Dl4jCommand().spec());
            spec.addSubcommand("fmt", new FmtCommand().spec());
            spec.addSubcommand("import", new ImportCommand().spec());
            spec.addSubcommand("lsp", new LspCommand().spec());
            spec.addSubcommand("help", new HelpCommand().spec());
        }
    }

    /**
     * The command line that parses {@code args}. Each command costs picocli some regular expressions
     * and a set of converters to set up, so when the first argument names a command only that one is
     * set up, on its own as "cnnc NAME" (its usage and messages read as they would under cnnc), and
     * {@code --version} alone sets up none; anything else gets every command, for the usage and "did
     * you mean".
     */
    private static Parsing parsing(String[] args) {
        String first = args.length > 0 ? args[0] : "";
        CommandSpec command = switch (first) {
            case "check" -> new CheckCommand().spec();
            case "report" -> new ReportCommand().spec();
            case "diff" -> new DiffCommand().spec();
            case "keras" -> PythonCommand.keras().spec();
            case "torch" -> PythonCommand.torch().spec();
            case "dl4j" -> new Dl4jCommand().spec();
            case "fmt" -> new FmtCommand().spec();
            case "import" -> new ImportCommand().spec();
            case "lsp" -> new LspCommand().spec();
            default -> null;
        };
        if (command != null) {
            return new Parsing(new CommandLine(command.name("cnnc " + first), CommandSpecs.FACTORY),
                    Arrays.copyOfRange(args, 1, args.length));
        }
        boolean versionOnly = args.length == 1 && (first.equals("--version") || first.equals("-V"));
        return new Parsing(new CommandLine(new Main(!versionOnly).spec, CommandSpecs.FACTORY), args);
    }

    /** A command line and the arguments it is to parse. */
    private record Parsing(CommandLine commandLine, String[] args) {
    }

    public static void main(String[] args) {
        System.exit(run(args, standard(FileDescriptor.out), standard(FileDescriptor.err)));
    }

    /** A buffered UTF-8 writer on one of the process's streams, whatever the locale says. */
    private static PrintWriter standard(FileDescriptor descriptor) {
        return writer(new FileOutputStream(descriptor));
    }

    /** The writer the command line writes its standard streams with, on {@code out} (a benchmark's /dev/null). */
    public static PrintWriter writer(java.io.OutputStream out) {
        return new PrintWriter(new Utf8Writer(out));
    }

    /**
     * Runs the launcher in-process with the given streams; returns the exit code. Output that could not
     * be written (a full disk, a closed pipe) is exit 3, not a success; running out of memory is exit 5:
     * each with one line on {@code err}, never a stack trace.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        int exit;
        try {
            exit = execute(args, out, err);
        } catch (OutOfMemoryError full) {
            err.println("cnnc: out of memory: the description's model or output does not fit in this Java heap "
                    + "(give Java more with JAVA_TOOL_OPTIONS=-Xmx2g, or split the description)");
            exit = ExitCode.OUT_OF_MEMORY;
        } catch (StackOverflowError deep) {
            err.println("cnnc: internal error: " + deep + " (this is a bug in cnnc; please report it with the input "
                    + "that caused it)");
            exit = ExitCode.INTERNAL;
        }
        if (out.checkError()) {
            err.println("cnnc: cannot write standard output: " + (Boolean.getBoolean(STDOUT_CLOSED) ? "it is closed"
                    : "the device is full, or the reader of the pipe has gone"));
            exit = Math.max(exit, ExitCode.IO);
        }
        err.flush();
        return exit;
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // picocli registers converters for java.sql, java.time and java.nio.file types by reflection
        // (initialising those classes) for every command line; cnnc's options use none of them
        if (System.getProperty(PICOCLI_EXCLUDES) == null) {
            System.setProperty(PICOCLI_EXCLUDES, "java\\..*");
        }
        Parsing parsing = parsing(args);
        CommandLine commandLine = parsing.commandLine()
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(new UsageErrors())
                .setExecutionExceptionHandler(new Failures());
        return commandLine.execute(parsing.args());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), PortableCommandLine.COMMAND_NEEDED);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "success (warnings allowed); diff: the models are the same");
        codes.put("1", "the model has errors (fmt: a syntax error, or with --check a file not formatted; diff: the "
                + "models differ)");
        codes.put("2", "bad command line");
        codes.put("3", "a file cannot be read or written (or holds more than 1 MiB), or the output cannot be written");
        codes.put("4", "internal error (a bug in cnnc: please report it)");
        codes.put("5", "out of memory");
        codes.put("6", "diff: a model has errors");
        return codes;
    }

    /** A command's failure as one line and its exit code (a class, not a lambda: nothing to link at start-up). */
    private static final class Failures implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
            if (e instanceof CliFailure failure) {
                cmd.getErr().println("cnnc: " + DiagnosticRenderer.printable(failure.getMessage()));
                return failure.exitCode();
            }
            if (e instanceof UsageError usage) {
                cmd.getErr().println(UsageErrors.line(usage.getMessage(), cmd.getCommandSpec().qualifiedName()));
                return ExitCode.USAGE;
            }
            cmd.getErr().println("cnnc: internal error: " + e
                    + " (this is a bug in cnnc; please report it with the input that caused it)");
            return ExitCode.INTERNAL;
        }
    }
}
