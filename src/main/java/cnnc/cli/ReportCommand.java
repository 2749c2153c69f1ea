package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.TextReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints every layer's output shape and parameters, and the totals.")
final class ReportCommand implements Callable<Integer> {
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a .cnn file, or - for standard input")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people) or json (for tools); default: ${DEFAULT-VALUE}")
    Format format;

    @Override
    public Integer call() {
        Compilation compilation = Compiler.compile(Sources.read(file, System.in));
        DiagnosticPrinter.print(compilation, spec.commandLine().getErr());
        if (format == Format.json) {
            spec.commandLine().getOut().print(JsonReport.render(compilation));
        } else if (!compilation.hasErrors()) {
            spec.commandLine().getOut().print(TextReport.render(compilation));
        }
        spec.commandLine().getOut().flush();
        return compilation.hasErrors() ? ExitCode.MODEL_ERRORS : ExitCode.OK;
    }
}
