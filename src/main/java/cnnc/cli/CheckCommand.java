package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.diag.Code;
import cnnc.diag.DiagnosticRenderer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class CheckCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpecs.command("check", this,
            "Checks descriptions and prints their diagnostics; prints one summary line per good file.");

    CheckCommand() {
        spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("1..*").required(true).type(List.class)
                .auxiliaryTypes(String.class).converters(CommandSpecs.FILE_NAME)
                .description("a .cnn file, or - for standard input").build());
        spec.addOption(Allowed.option());
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        int exit = ExitCode.OK;
        List<String> files = spec.positionalParameters().get(0).getValue();
        CommandSpecs.requireStdinOnce(spec, files);
        Set<Code> allowed = Allowed.codes(spec);
        for (String file : files) {
            exit = Math.max(exit, checkOne(file, allowed));
        }
        return exit;
    }

    private int checkOne(String file, Set<Code> allowed) {
        Compilation compilation;
        try {
            compilation = Allowed.apply(Compiler.compile(Sources.read(file, System.in)), allowed);
        } catch (CliFailure failure) {
            spec.commandLine().getErr().println("cnnc: " + DiagnosticRenderer.printable(failure.getMessage()));
            return failure.exitCode();
        }
        DiagnosticPrinter.print(compilation, spec.commandLine().getErr());
        if (compilation.hasErrors()) {
            return ExitCode.MODEL_ERRORS;
        }
        int layers = compilation.model().layers().size();
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%s: ok, %d %s, %,d parameters%n",
                DiagnosticRenderer.printable(compilation.source().name()), layers, layers == 1 ? "layer" : "layers",
                compilation.model().totals().params());
        return ExitCode.OK;
    }
}
