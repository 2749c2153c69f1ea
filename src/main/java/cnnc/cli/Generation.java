package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.Input;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.analysis.Options;
import cnnc.parse.DescriptionParser;
import cnnc.parse.ParseResult;
import cnnc.sizes.AcceptedSizes;
import cnnc.sizes.SizeVariables;
import cnnc.source.SourceFile;
import java.util.Map;
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

        /** The text {@code writer} writes, as it writes it where the destination can (a long model's page). */
        default void write(Compilation compilation, java.util.function.Consumer<java.io.Writer> writer,
                           java.io.PrintWriter out) {
            java.io.StringWriter text = new java.io.StringWriter();
            writer.accept(text);
            write(compilation, text.toString(), out);
        }
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

            @Override
            public void write(Compilation compilation, java.util.function.Consumer<java.io.Writer> writer,
                              java.io.PrintWriter out) {
                Outputs.write(output, writer, out);
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

    static final String EVERY_SIZE = "one code for every size accepted, where it reads the same at all of them";

    static int run(Given given, Host host, Destination destination, Function<Compilation, Generated> backend) {
        String file = given.files().get(0);
        destination.check(file);
        Set<Code> allowed = Allowed.codes(given);
        SourceFile source = host.read(file);
        // --at: the model checked at those sizes, whose code is the code of the model with them written in
        ParseResult parsed = DescriptionParser.parse(source);
        Map<String, Long> sizes = ReportCommand.at(given, file, SizeVariables.variables(parsed.description()));
        Compilation compilation = Allowed.apply(Compiler.compile(source, parsed, Options.DEFAULT, sizes), allowed);
        if (compilation.hasErrors()) {
            DiagnosticPrinter.print(compilation, host.err());
            return ExitCode.MODEL_ERRORS;
        }
        Optional<Input> input = AcceptedSizes.input(compilation.syntax());
        Generated generated = input.isPresent() && !input.get().variables().isEmpty() && sizes.isEmpty()
                ? VariableSizesCode.generate(compilation, input.get(), backend) : backend.apply(compilation);
        DiagnosticPrinter.print(Allowed.apply(compilation.withDiagnostics(generated.diagnostics()), allowed), host.err());
        if (generated.text().isEmpty()) {
            return ExitCode.MODEL_ERRORS;
        }
        destination.write(compilation, generated.text().get(), host.out());
        return ExitCode.OK;
    }
}
