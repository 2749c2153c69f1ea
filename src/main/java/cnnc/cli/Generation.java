package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every code generator's command does: compile, stop at the model's errors, run the backend,
 * print its diagnostics, and write its text only when it has one (a failed command writes nothing).
 */
final class Generation {
    private Generation() {
    }

    /** A backend's answer: the generated text, empty when it has errors, and its diagnostics. */
    record Generated(Optional<String> text, List<Diagnostic> diagnostics) {
    }

    static int run(CommandSpec spec, String file, String output, Function<Compilation, Generated> backend) {
        Outputs.check(spec, output, file);
        Set<Code> allowed = Allowed.codes(spec);
        Compilation compilation = Allowed.apply(Compiler.compile(Sources.read(file, System.in)), allowed);
        if (compilation.hasErrors()) {
            DiagnosticPrinter.print(compilation, spec.commandLine().getErr());
            return ExitCode.MODEL_ERRORS;
        }
        Generated generated = backend.apply(compilation);
        DiagnosticPrinter.print(Allowed.apply(compilation.withDiagnostics(generated.diagnostics()), allowed),
                spec.commandLine().getErr());
        if (generated.text().isEmpty()) {
            return ExitCode.MODEL_ERRORS;
        }
        Outputs.write(output, generated.text().get(), spec.commandLine().getOut());
        return ExitCode.OK;
    }
}
