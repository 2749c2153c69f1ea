package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks descriptions and prints their diagnostics; prints one summary line per good file.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "a .cnn file, or - for standard input")
    List<String> files;

    @Override
    public Integer call() {
        int exit = ExitCode.OK;
        for (String file : files) {
            exit = Math.max(exit, checkOne(file));
        }
        return exit;
    }

    private int checkOne(String file) {
        Compilation compilation;
        try {
            compilation = Compiler.compile(Sources.read(file, System.in));
        } catch (CliFailure failure) {
            spec.commandLine().getErr().println("cnnc: " + failure.getMessage());
            return failure.exitCode();
        }
        DiagnosticPrinter.print(compilation, spec.commandLine().getErr());
        if (compilation.hasErrors()) {
            return ExitCode.MODEL_ERRORS;
        }
        int layers = compilation.model().layers().size();
        spec.commandLine().getOut().printf(java.util.Locale.ROOT, "%s: ok, %d %s, %,d parameters%n",
                compilation.source().name(), layers, layers == 1 ? "layer" : "layers",
                compilation.model().totals().params());
        return ExitCode.OK;
    }
}
