package cnnc;

import cnnc.analysis.Analysis;
import cnnc.analysis.Analyzer;
import cnnc.analysis.Options;
import cnnc.ast.Description;
import cnnc.check.CheckResult;
import cnnc.check.CheckedModel;
import cnnc.check.Checker;
import cnnc.check.Shape;
import cnnc.check.Totals;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.parse.DescriptionParser;
import cnnc.parse.ParseResult;
import cnnc.ast.Input;
import cnnc.sizes.AcceptedSizes;
import cnnc.sizes.SizeVariables;
import cnnc.source.SourceFile;
import cnnc.source.Span;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The front end: parse, check, then analyse. Backends start from the {@link Compilation} it returns. */
public final class Compiler {
    private Compiler() {
    }

    public static Compilation compile(SourceFile source) {
        return compile(source, Options.DEFAULT);
    }

    public static Compilation compile(SourceFile source, Options options) {
        return compile(source, options, Map.of());
    }

    /**
     * @param sizes values for the input's size variables ({@code input HxWx1}); a variable without one is
     *              checked at the smallest sizes the model accepts (see {@link SizeVariables})
     */
    public static Compilation compile(SourceFile source, Options options, Map<String, Long> sizes) {
        try {
            return run(source, DescriptionParser.parse(source), options, sizes);
        } catch (StackOverflowError tooDeep) {
            return tooDeep(source);
        }
    }

    /**
     * The same, from the file's parse made already: a command that reads the input's size variables before it
     * compiles (report and the code generators) parses once, not twice (a third of the main thread's time on a
     * 20,000-layer file, and as much garbage).
     */
    public static Compilation compile(SourceFile source, ParseResult parsed, Options options, Map<String, Long> sizes) {
        try {
            return run(source, parsed, options, sizes);
        } catch (StackOverflowError tooDeep) {
            return tooDeep(source);
        }
    }

    private static Compilation tooDeep(SourceFile source) {
        Span start = source.span(0, 0);
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.add(Code.E0100, start, "the description is nested too deeply to compile",
                "split deeply nested expressions or merges into blocks");
        return new Compilation(source, new Description(List.of(), List.of(), start),
                new CheckedModel(source.baseName(), new Shape.Unknown(), start, List.of(), new Totals(0, 0, 0, 0, 0, 0)),
                Optional.empty(), diagnostics.sorted());
    }

    private static Compilation run(SourceFile source, ParseResult parsed, Options options, Map<String, Long> sizes) {
        boolean syntaxErrors = !parsed.diagnostics().isEmpty();
        Diagnostics all = new Diagnostics();
        Description concrete = syntaxErrors ? parsed.description()
                : SizeVariables.bind(parsed.description(), source.baseName(), sizes, all);
        List<String> variables = AcceptedSizes.input(parsed.description()).map(Input::variables).orElse(List.of());
        CheckResult checked = Checker.check(concrete, source.baseName(), syntaxErrors, variables, false);
        all.addAll(parsed.diagnostics());
        all.addAll(checked.diagnostics());
        if (!all.hasErrors() && !checked.claims().isEmpty()) {
            // a shape asserted as formulas of the size variables holds at every size accepted, or is an error
            all.addAll(AcceptedSizes.analyze(parsed.description(), checked.model().name(), source).assertions());
        }
        Optional<Analysis> analysis = all.hasErrors() ? Optional.empty()
                : Analyzer.analyze(checked.model(), options, all);
        return new Compilation(source, parsed.description(), checked.model(), analysis, all.sorted());
    }
}
