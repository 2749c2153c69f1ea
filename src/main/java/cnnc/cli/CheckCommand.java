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
    static final String DESCRIPTION = "Checks descriptions and prints their diagnostics; prints one summary line per "
            + "good file.";
    static final List<OptionDef> OPTIONS = List.of(Allowed.OPTION);
    private final CommandSpec spec = CommandSpecs.command("check", this, DESCRIPTION);

    CheckCommand() {
        spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("1..*").required(true).type(List.class)
                .auxiliaryTypes(String.class).converters(CommandSpecs.FILE_NAME)
                .description("a .cnn file, or - for standard input").build());
        CommandSpecs.add(spec, OPTIONS);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        Given given = CommandSpecs.given(spec);
        CommandSpecs.requireStdinOnce(spec, given.files());
        return run(given, new FileHost(spec));
    }

    static int run(Given given, Host host) {
        int exit = ExitCode.OK;
        Set<Code> allowed = Allowed.codes(given);
        for (String file : given.files()) {
            exit = Math.max(exit, checkOne(file, allowed, host));
        }
        return exit;
    }

    private static int checkOne(String file, Set<Code> allowed, Host host) {
        Compilation compilation;
        try {
            compilation = Allowed.apply(Compiler.compile(host.read(file)), allowed);
        } catch (CliFailure failure) {
            host.err().println("cnnc: " + DiagnosticRenderer.printable(failure.getMessage()));
            return failure.exitCode();
        }
        DiagnosticPrinter.print(compilation, host.err());
        if (compilation.hasErrors()) {
            return ExitCode.MODEL_ERRORS;
        }
        int layers = compilation.model().layers().size();
        // println, not %n: the playground's class library (TeaVM's) has no %n
        host.out().println(String.format(java.util.Locale.ROOT, "%s: ok, %,d %s, %,d parameters",
                DiagnosticRenderer.printable(compilation.source().name()), layers, layers == 1 ? "layer" : "layers",
                compilation.model().totals().params()));
        return ExitCode.OK;
    }
}
