package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.Input;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.sizes.AcceptedSizes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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

    /**
     * Where the generated text goes: checked before anything is compiled (a destination that cannot be
     * written is refused first), written only when the backend has a text.
     */
    interface Destination {
        void check(String input);

        void write(Compilation compilation, String text, java.io.PrintWriter out);
    }

    /** {@code -o FILE}, or standard output without one. */
    static Destination file(String output) {
        return new Destination() {
            @Override
            public void check(String input) {
                Outputs.check(output, input);
            }

            @Override
            public void write(Compilation compilation, String text, java.io.PrintWriter out) {
                Outputs.write(output, text, out);
            }
        };
    }

    /** A destination that takes standard output only (the playground's Node command has no other). */
    static Destination standardOutput() {
        return new Destination() {
            @Override
            public void check(String input) {
            }

            @Override
            public void write(Compilation compilation, String text, java.io.PrintWriter out) {
                out.print(text);
                out.flush();
            }
        };
    }

    /** Code is written for the sizes of the input: one with size variables (input HxWx1) is E0802 for now. */
    private static Compilation fixedSizes(Compilation compilation) {
        Optional<Input> input = AcceptedSizes.input(compilation.syntax());
        if (input.isEmpty() || input.get().variables().isEmpty() || compilation.hasErrors()) {
            return compilation;
        }
        List<String> names = input.get().variables();
        List<Diagnostic> all = new ArrayList<>(compilation.diagnostics());
        all.add(Diagnostic.of(Code.E0802, input.get().span(), "the code is written for an input of fixed sizes, and "
                + String.join(", ", names) + (names.size() == 1 ? " is a size variable" : " are size variables"),
                "write the sizes in the input (input " + String.join("x", names.stream().map(n -> "128").toList())
                        + "x...); cnnc report states the sizes the model accepts"));
        return compilation.withDiagnostics(all);
    }

    static int run(Given given, Host host, Destination destination, Function<Compilation, Generated> backend) {
        String file = given.files().get(0);
        destination.check(file);
        Set<Code> allowed = Allowed.codes(given);
        Compilation compilation = Allowed.apply(fixedSizes(Compiler.compile(host.read(file))), allowed);
        if (compilation.hasErrors()) {
            DiagnosticPrinter.print(compilation, host.err());
            return ExitCode.MODEL_ERRORS;
        }
        Generated generated = backend.apply(compilation);
        DiagnosticPrinter.print(Allowed.apply(compilation.withDiagnostics(generated.diagnostics()), allowed), host.err());
        if (generated.text().isEmpty()) {
            return ExitCode.MODEL_ERRORS;
        }
        destination.write(compilation, generated.text().get(), host.out());
        return ExitCode.OK;
    }
}
