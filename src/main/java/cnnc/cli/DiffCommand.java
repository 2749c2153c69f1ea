package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.analysis.Options;
import cnnc.backend.diff.DiffJson;
import cnnc.backend.diff.DiffText;
import cnnc.backend.diff.Difference;
import cnnc.backend.diff.ModelDiff;
import cnnc.diag.Code;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code cnnc diff BEFORE AFTER}: what changed from one model to another. Exits as diff(1) does: 0 when they are
 * the same, 1 when they differ, and above for trouble; a model with errors is {@link ExitCode#DIFF_MODEL_ERRORS},
 * not the 1 of the other commands, which here says the models differ.
 */
final class DiffCommand implements Callable<Integer> {
    enum Format { text, json, markdown }

    static final String DESCRIPTION = "Compares two descriptions: the layers and block instances inserted, removed or "
            + "changed (shape, parameters, MACs, arguments), matched by block path and name, and the totals' changes. "
            + "Exits 0 when the models are the same, 1 when they differ, 6 when one has errors.";

    static final List<OptionDef> OPTIONS = List.of(
            OptionDef.value("--format", "FORMAT", new FormatWord(), "text", "text (for people), markdown or md (for a "
                    + "pull request), json (for tools); default: ${DEFAULT-VALUE}"),
            OptionDef.output("FILE", "the file to write; default: standard output"),
            OptionDef.flag("--expand", "text and markdown: each inserted or removed block instance on a line of its "
                    + "own with every layer it makes under it, rather than a run of instances of one block as one "
                    + "line with its sums (json has every entry)"),
            Allowed.OPTION,
            option(ReportCommand.OPTIONS, "--batch"),
            option(ReportCommand.OPTIONS, "--dtype"),
            option(ReportCommand.OPTIONS, "--optimizer"));

    private final CommandSpec spec = CommandSpecs.command("diff", this, DESCRIPTION);

    DiffCommand() {
        spec.addPositional(description("BEFORE", "0", "the first .cnn file (the one before the change), or - for "
                + "standard input"));
        spec.addPositional(description("AFTER", "1", "the second .cnn file (the one after the change), or - for "
                + "standard input"));
        CommandSpecs.add(spec, OPTIONS);
    }

    private static PositionalParamSpec description(String label, String index, String text) {
        return PositionalParamSpec.builder().paramLabel(label).index(index).arity("1").required(true)
                .type(String.class).converters(CommandSpecs.FILE_NAME).description(text).build();
    }

    /** The report's option of that name: the figures are the report's, so are the words for them. */
    private static OptionDef option(List<OptionDef> options, String name) {
        return options.stream().filter(option -> option.name().equals(name)).findFirst().orElseThrow();
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
        String beforeFile = given.files().get(0);
        String afterFile = given.files().get(1);
        Format format = given.value("--format");
        boolean expand = Boolean.TRUE.equals(given.value("--expand"));
        if (expand && format == Format.json) {
            throw new UsageError("--expand lists the layers of inserted and removed instances in text and markdown; "
                    + "json has them all already");
        }
        Generation.Destination destination = host.destination(given.value("--output"));
        destination.check(beforeFile);
        destination.check(afterFile);
        Set<Code> allowed = Allowed.codes(given);
        Options options = new Options(given.<Long>value("--batch"), given.value("--dtype"), given.value("--optimizer"));
        Compilation before = Allowed.apply(Compiler.compile(host.read(beforeFile), options), allowed);
        Compilation after = Allowed.apply(Compiler.compile(host.read(afterFile), options), allowed);
        DiagnosticPrinter.print(before, host.err());
        DiagnosticPrinter.print(after, host.err());
        if (before.hasErrors() || after.hasErrors()) {
            return ExitCode.DIFF_MODEL_ERRORS;
        }
        Difference difference = ModelDiff.compare(before, after);
        String text = switch (format) {
            case text -> DiffText.text(difference, expand);
            case markdown -> DiffText.markdown(difference, expand);
            case json -> DiffJson.render(difference);
        };
        destination.write(after, text, host.out());
        host.out().flush();
        return difference.same() ? ExitCode.OK : ExitCode.DIFFERENT;
    }

    static final class FormatWord implements ITypeConverter<Format> {
        @Override
        public Format convert(String word) {
            for (Format format : Format.values()) {
                if (format.name().equals(word)) {
                    return format;
                }
            }
            if (word.equals("md")) {
                return Format.markdown;
            }
            throw new TypeConversionException("'" + word + "' is not a format of diff; choose text, json or markdown "
                    + "(or md)");
        }
    }
}
