package cnnc.cli;

import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.diag.DiagnosticRenderer;
import cnnc.format.Formatted;
import cnnc.format.Formatter;
import cnnc.source.SourceFile;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code cnnc fmt FILE... [--check] [-w]}: descriptions in their one layout (see {@link Formatter}).
 * A file with a syntax error is never changed: its errors are printed and the command exits 1.
 */
final class FmtCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpecs.command("fmt", this, "Formats descriptions in cnnc's one layout: "
            + "prints the formatted text of one file, rewrites files in place (-w), or names the files that are not "
            + "formatted (--check). A file with a syntax error is left as it is.");

    FmtCommand() {
        spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("1..*").required(true).type(List.class)
                .auxiliaryTypes(String.class).converters(CommandSpecs.FILE_NAME)
                .description("a .cnn file, or - for standard input").build());
        spec.addOption(OptionSpec.builder("-w", "--write").type(boolean.class)
                .description("rewrite the files that are not formatted, in place (nothing else is printed)").build());
        spec.addOption(OptionSpec.builder("--check").type(boolean.class)
                .description("change nothing: name the files that are not formatted, and exit 1 if there is one")
                .build());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        List<String> files = spec.positionalParameters().get(0).getValue();
        CommandSpecs.requireStdinOnce(spec, files);
        boolean write = Boolean.TRUE.equals(CommandSpecs.value(spec, "-w"));
        boolean check = Boolean.TRUE.equals(CommandSpecs.value(spec, "--check"));
        if (write && check) {
            throw new ParameterException(spec.commandLine(), "--check and -w do not go together: --check changes nothing");
        }
        if (write && files.contains(Sources.STDIN)) {
            throw new ParameterException(spec.commandLine(), "-w cannot rewrite standard input; without -w, fmt prints "
                    + "it formatted");
        }
        if (!write && !check && files.size() > 1) {
            throw new ParameterException(spec.commandLine(), "fmt prints one file; rewrite several with -w, or name "
                    + "those not formatted with --check");
        }
        int exit = ExitCode.OK;
        for (String file : files) {
            try {
                exit = Math.max(exit, formatOne(file, write, check));
            } catch (CliFailure failure) {
                err().println("cnnc: " + DiagnosticRenderer.printable(failure.getMessage()));
                exit = Math.max(exit, failure.exitCode());
            }
        }
        return exit;
    }

    private int formatOne(String file, boolean write, boolean check) {
        if (write) {
            Outputs.requireRewritable(file);
        }
        Sources.Decoded read = Sources.readExactly(file, System.in);
        SourceFile source = read.source();
        if (read.notUtf8() >= 0) {
            DiagnosticPrinter.print(source, List.of(notUtf8(read)), err());
            return ExitCode.MODEL_ERRORS;
        }
        Formatted formatted = Formatter.format(source);
        if (formatted.text().isEmpty()) {
            DiagnosticPrinter.print(source, formatted.errors(), err());
            return ExitCode.MODEL_ERRORS;
        }
        String text = formatted.text().get();
        boolean changes = !text.equals(source.text());
        if (check) {
            if (changes) {
                out().println(DiagnosticRenderer.printable(source.name()));
                out().flush();
            }
            return changes ? ExitCode.MODEL_ERRORS : ExitCode.OK;
        }
        if (write) {
            if (changes) {
                Outputs.rewrite(file, source.text(), text);
            }
            return ExitCode.OK;
        }
        out().print(text);
        out().flush();
        return ExitCode.OK;
    }

    /**
     * fmt prints and writes UTF-8, so bytes that are not would come out as U+FFFD: the file is refused
     * at the first of them, whether printed, rewritten or checked.
     */
    private static Diagnostic notUtf8(Sources.Decoded read) {
        return Diagnostic.of(Code.E0101, read.source().span(read.notUtf8(), read.notUtf8() + 1),
                String.format(java.util.Locale.ROOT, "a byte that is not UTF-8 (0x%02X): cnnc fmt would write it as "
                        + "U+FFFD, so it leaves the file as it is", read.badByte()),
                "save the file as UTF-8 (cnnc reads and writes nothing else), then format it");
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
