package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.report.Column;
import cnnc.backend.training.TrainingSetup;
import cnnc.diag.DiagnosticRenderer;
import cnnc.source.SourceFile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * cnnc's command line where picocli cannot run: the playground's Node command, which TeaVM compiles from these
 * sources. It reads the options of {@code check}, {@code report}, {@code diff}, {@code keras}, {@code torch} and
 * {@code dl4j} from the same definitions ({@link OptionDef}) as picocli does, as picocli reads them (an option
 * before or after the file, {@code --name value} or {@code --name=value}, {@code --} before a file that starts
 * with a dash), says
 * a mistake in the same words, and runs the same command; so it prints what {@code ./cnnc} prints, on both
 * streams, with the same exit code. What needs more of the machine than reading descriptions and writing
 * standard output ({@code -o}, {@code --project}, {@code --package}, the diagram's formats, {@code fmt},
 * {@code lsp}) it refuses in one line.
 */
public final class PortableCommandLine {
    /** The descriptions the command line names, read by whatever runs it. */
    public interface Files {
        /** The description {@code argument} names ({@code -}: standard input); a CliFailure when it cannot be read. */
        SourceFile read(String argument);
    }

    /** What a run printed on each stream, and its exit code. */
    public record Result(int exit, String out, String err) {
    }

    /** What ./cnnc and the Node command say without a command: one text, so that they cannot drift apart. */
    static final String COMMAND_NEEDED = "a command is needed: check, report, diff, keras, torch, dl4j, fmt, import or lsp";
    private static final List<String> COMMANDS = List.of("check", "report", "diff", "keras", "torch", "dl4j", "fmt", "import",
            "lsp", "help");
    private static final OptionDef HELP = new OptionDef(List.of("-h", "--help"), null, OptionDef.Kind.FLAG, null, null,
            "Show this help message and exit.");
    private static final OptionDef VERSION = new OptionDef(List.of("-V", "--version"), null, OptionDef.Kind.FLAG, null,
            null, "Print version information and exit.");
    /**
     * What the Node command leaves to ./cnnc: writing files, and --package, whose check asks the JVM's module
     * layer for the platform's packages (html and svg, the diagram's layout by ELK for Java, are refused by format).
     */
    private static final List<String> REFUSED = List.of("-o", "--output", "--project", "--package");

    private PortableCommandLine() {
    }

    public static Result run(String[] args, Files files) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out);
        PrintWriter errWriter = new PrintWriter(err);
        int exit = run(args, files, outWriter, errWriter);
        outWriter.flush();
        errWriter.flush();
        return new Result(exit, out.toString(), err.toString());
    }

    private static int run(String[] args, Files files, PrintWriter out, PrintWriter err) {
        String command = args.length > 0 ? args[0] : "";
        try {
            if (args.length == 0) {
                throw new UsageError(COMMAND_NEEDED);
            }
            if (args.length == 1 && (command.equals("--help") || command.equals("-h"))) {
                usage(out);
                return ExitCode.OK;
            }
            if (args.length == 1 && (command.equals("--version") || command.equals("-V"))) {
                out.println(Version.text(null));
                return ExitCode.OK;
            }
            List<OptionDef> options = options(command);
            if (options == null) {
                throw new UsageError(COMMANDS.contains(command) ? "cnnc " + command + " is not in the Node command: "
                        + "it needs the file system (use ./cnnc " + command + ")" : "'" + command + "' is not a command"
                        + UsageErrors.guess(command, COMMANDS) + "; the commands are " + String.join(", ", COMMANDS));
            }
            Host host = new StandardOutputHost(files, out, err);
            Parsed given;
            try {
                given = parse(command, options, args);
            } catch (UsageError mistake) {
                err.println(UsageErrors.line(mistake.getMessage(), "cnnc " + command));
                return ExitCode.USAGE;
            }
            if (given.help) {
                help(command, options, out);
                return ExitCode.OK;
            }
            if (given.version) {
                out.println(Version.text(null));
                return ExitCode.OK;
            }
            return switch (command) {
                case "check" -> CheckCommand.run(given, host);
                case "report" -> ReportCommand.run(given, host);
                case "diff" -> DiffCommand.run(given, host);
                case "keras" -> PythonCommand.run(given, host, PythonCommand::keras);
                case "torch" -> PythonCommand.run(given, host, PythonCommand::torch);
                default -> Dl4jCommand.run(given, host);
            };
        } catch (UsageError mistake) {
            err.println(UsageErrors.line(mistake.getMessage(), args.length == 0 || options(command) == null ? "cnnc"
                    : "cnnc " + command));
            return ExitCode.USAGE;
        } catch (CliFailure failure) {
            err.println("cnnc: " + DiagnosticRenderer.printable(failure.getMessage()));
            return failure.exitCode();
        } catch (OutOfMemoryError full) {
            err.println("cnnc: out of memory: the description's model or output does not fit in this Node process's "
                    + "heap (give it more with node --max-old-space-size=4096, or split the description)");
            return ExitCode.OUT_OF_MEMORY;
        } catch (RuntimeException | StackOverflowError bug) {
            err.println("cnnc: internal error: " + bug + " (this is a bug in cnnc; please report it with the input "
                    + "that caused it)");
            return ExitCode.INTERNAL;
        }
    }

    /** A command's options as ./cnnc has them, -h and -V first as picocli lists them; null for no such command here. */
    private static List<OptionDef> options(String command) {
        List<OptionDef> own = switch (command) {
            case "check" -> CheckCommand.OPTIONS;
            case "report" -> ReportCommand.OPTIONS;
            case "diff" -> DiffCommand.OPTIONS;
            case "keras", "torch" -> PythonCommand.OPTIONS;
            case "dl4j" -> Dl4jCommand.OPTIONS;
            default -> null;
        };
        if (own == null) {
            return null;
        }
        List<OptionDef> all = new ArrayList<>(List.of(HELP, VERSION));
        all.addAll(own);
        return all;
    }

    /** The arguments after the command, read as picocli reads them with cnnc's settings. */
    private static Parsed parse(String command, List<OptionDef> options, String[] args) {
        Map<String, OptionDef> byName = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (OptionDef option : options) {
            for (String name : option.names()) {
                byName.put(name, option);
                names.add(name);
            }
        }
        Parsed parsed = new Parsed();
        int mostFiles = switch (command) {
            case "check" -> Integer.MAX_VALUE;
            case "diff" -> 2;
            default -> 1;
        };
        boolean onlyFiles = false;
        List<String> unmatched = new ArrayList<>(); // picocli's unmatched arguments, said after all are read
        String unknownOption = null;
        for (int i = 1; i < args.length; i++) {
            String argument = args[i];
            if (!onlyFiles && argument.equals("--")) {
                onlyFiles = true;
                continue;
            }
            if (!onlyFiles && argument.startsWith("-") && argument.length() > 1) {
                int equals = argument.indexOf('=');
                String name = equals > 0 ? argument.substring(0, equals) : argument;
                OptionDef option = byName.get(name);
                if (option == null) {
                    if (unmatched.isEmpty()) {
                        unknownOption = "unknown option '" + name + "'" + UsageErrors.guess(name, names);
                    }
                    unmatched.add(argument);
                    continue;
                }
                if (REFUSED.contains(name)) {
                    throw new UsageError(name + " is not in the Node command: " + (name.equals("--package")
                            ? "its check asks the JVM which packages are the platform's (use ./cnnc)"
                            : "it writes only standard output and leaves files to ./cnnc"));
                }
                if (option.kind() == OptionDef.Kind.FLAG) {
                    if (equals > 0) {
                        throw new UsageError("option '" + option.name() + "' should be specified without '"
                                + argument.substring(equals + 1) + "' parameter");
                    }
                    parsed.flag(option);
                    continue;
                }
                String text;
                if (equals > 0) {
                    text = argument.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    text = args[++i];
                } else {
                    throw new UsageError("missing required parameter for option '" + option.name() + "' ("
                            + option.label() + ")");
                }
                parsed.value(option, text);
                continue;
            }
            if (parsed.files.size() == mostFiles) {
                unmatched.add(argument);
                continue;
            }
            parsed.files.add(argument);
        }
        if (parsed.help || parsed.version) {
            return parsed;
        }
        if (unknownOption != null) { // before a missing file, as UsageErrors has picocli's
            throw new UsageError(unknownOption);
        }
        if (command.equals("diff") && parsed.files.size() < 2) { // picocli names each positional parameter missing
            throw new UsageError(parsed.files.isEmpty() ? "missing required parameters: 'BEFORE', 'AFTER'"
                    : "missing required parameter: 'AFTER'");
        }
        if (parsed.files.isEmpty()) {
            throw new UsageError("missing required parameter: 'FILE'");
        }
        if (!unmatched.isEmpty()) {
            throw new UsageError("unexpected argument '" + unmatched.get(0) + "'" + (unmatched.size() > 1
                    ? " (and " + (unmatched.size() - 1) + " more)" : ""));
        }
        if (parsed.files.indexOf(Sources.STDIN) != parsed.files.lastIndexOf(Sources.STDIN)) {
            throw new UsageError("- (standard input) is named more than once; it can be read once");
        }
        for (OptionDef option : options) {
            if (!parsed.values.containsKey(option.name()) && option.defaultValue() != null) {
                parsed.values.put(option.name(), convert(option, option.defaultValue()));
            }
        }
        if (command.equals("report")) {
            Object format = parsed.values.get("--format");
            if (format == ReportCommand.Format.html || format == ReportCommand.Format.svg) {
                throw new UsageError("--format " + format + " is not in the Node command: the diagram's layout needs "
                        + "./cnnc");
            }
        }
        return parsed;
    }

    private static Object convert(OptionDef option, String text) {
        ITypeConverter<?> converter = option.converter();
        if (converter == null) {
            return text;
        }
        try {
            return converter.convert(text);
        } catch (TypeConversionException wrong) {
            throw new UsageError("invalid value for option '" + option.name() + "': " + wrong.getMessage());
        } catch (Exception wrong) {
            throw new UsageError("invalid value for option '" + option.name() + "': " + wrong);
        }
    }

    /** What {@code --help} prints before a command: the commands here, and what only ./cnnc does. */
    private static void usage(PrintWriter out) {
        out.println("Usage: node cnnc.mjs COMMAND [OPTIONS] FILE");
        out.println("(the playground's Node command: cnnc's compiler as JavaScript, printing what ./cnnc prints)");
        out.println("  check FILE...   diagnostics only; one \"ok\" line per good file");
        out.println("  report FILE     the report as text, markdown (md), csv or json; --explain, --depth, --columns");
        out.println("  diff A B        what changed from model A to model B, as text, markdown (md) or json");
        out.println("  keras FILE      the Keras module, on standard output");
        out.println("  torch FILE      the PyTorch module, on standard output");
        out.println("  dl4j FILE       the DL4J class, on standard output");
        out.println("FILE may be - for standard input; each command takes --help. Only ./cnnc has -o, the html and");
        out.println("svg formats, dl4j --project and --package, fmt, import and lsp (they write files, read archives,");
        out.println("lay the diagram out or ask the JVM which packages are its own).");
    }

    /** What {@code --help} prints here: the options this command takes, and where the rest is. */
    private static void help(String command, List<OptionDef> options, PrintWriter out) {
        out.println("Usage: node cnnc.mjs " + command + " [OPTIONS] " + switch (command) {
            case "check" -> "FILE...";
            case "diff" -> "BEFORE AFTER";
            default -> "FILE";
        });
        out.println("(the playground's Node command: ./cnnc " + command + " --help has the whole usage)");
        for (OptionDef option : options) {
            if (option.names().stream().anyMatch(REFUSED::contains)) {
                continue;
            }
            String names = String.join(", ", option.names()) + (option.label() == null ? "" : "=" + option.label());
            // the diagram's formats are refused here (their layout needs ELK for Java), so not offered
            out.println("  " + names + "  " + option.description().replace(ReportCommand.DIAGRAM_FORMATS, "")
                    .replace(ReportCommand.AND_HTML, "")
                    .replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()))
                    + (option.names().contains("--format") ? " (html and svg, the diagram's: ./cnnc only)" : ""));
        }
    }

    /** The values read: an option given twice is a mistake, as picocli has it; --allow gathers its values. */
    private static final class Parsed implements Given {
        private final Map<String, Object> values = new HashMap<>();
        private final List<String> files = new ArrayList<>();
        private boolean help;
        private boolean version;

        void flag(OptionDef option) {
            if (option == HELP) {
                help = true;
            } else if (option == VERSION) {
                version = true;
            } else if (values.put(option.name(), Boolean.TRUE) != null) {
                throw new UsageError("option '" + option.name() + "' should be specified only once");
            }
        }

        @SuppressWarnings("unchecked")
        void value(OptionDef option, String text) {
            if (option.kind() == OptionDef.Kind.LIST) {
                List<String> list = (List<String>) values.computeIfAbsent(option.name(), name -> new ArrayList<String>());
                list.addAll(List.of(text.split(",", -1)));
                return;
            }
            if (values.containsKey(option.name())) {
                throw new UsageError("option '" + option.name() + "' (" + option.label() + ") should be specified only once");
            }
            values.put(option.name(), convert(option, text));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T value(String option) {
            return (T) values.get(option);
        }

        @Override
        public List<String> files() {
            return files;
        }
    }

    /** A machine with the files the runner reads and standard output: what writes files was refused already. */
    private record StandardOutputHost(Files files, PrintWriter out, PrintWriter err) implements Host {
        @Override
        public SourceFile read(String argument) {
            return files.read(argument);
        }

        @Override
        public Generation.Destination destination(String output) {
            return Generation.standardOutput();
        }

        @Override
        public Generation.Destination project(String folder, Function<Compilation, JavaClassName> target,
                                              Optional<TrainingSetup> training) {
            throw new IllegalStateException("--project was refused when it was read");
        }

        @Override
        public String picture(ReportCommand.Format format, Compilation compilation, Set<Column> columns, int depth) {
            throw new IllegalStateException("--format " + format + " was refused when it was read");
        }

        @Override
        public boolean isPlatformPackage(String name) {
            throw new IllegalStateException("--package was refused when it was read");
        }
    }
}
