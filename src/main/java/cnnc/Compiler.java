package cnnc;

import cnnc.check.CheckResult;
import cnnc.check.Checker;
import cnnc.diag.Diagnostics;
import cnnc.parse.DescriptionParser;
import cnnc.parse.ParseResult;
import cnnc.source.SourceFile;

/** The front end: parse, then check. Backends start from the {@link Compilation} it returns. */
public final class Compiler {
    private Compiler() {
    }

    public static Compilation compile(SourceFile source) {
        ParseResult parsed = DescriptionParser.parse(source);
        boolean syntaxErrors = !parsed.diagnostics().isEmpty();
        CheckResult checked = Checker.check(parsed.description(), source.baseName(), syntaxErrors);
        Diagnostics all = new Diagnostics();
        all.addAll(parsed.diagnostics());
        all.addAll(checked.diagnostics());
        return new Compilation(source, checked.model(), all.sorted());
    }
}
