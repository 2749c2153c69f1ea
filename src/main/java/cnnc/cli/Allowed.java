package cnnc.cli;

import cnnc.Compilation;
import cnnc.diag.Code;
import cnnc.diag.Severity;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --allow CODE}: warnings the user has looked at and accepts, left out of what a command prints
 * (and of the JSON report). Only warnings: an error cannot be allowed, as the model would be wrong.
 */
final class Allowed {
    private Allowed() {
    }

    static final OptionDef OPTION = OptionDef.list("--allow", "CODE", "a warning to leave out of the output, e.g. "
            + "W0500 (repeat it, or separate codes with commas)");

    /** The codes the command line allows; a code that is not a warning is a bad command line (exit 2). */
    static Set<Code> codes(Given given) {
        List<String> written = given.value("--allow");
        Set<Code> codes = EnumSet.noneOf(Code.class);
        for (String word : written == null ? List.<String>of() : written) {
            Code code;
            try {
                code = Code.valueOf(word.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new UsageError("--allow " + word + ": there is no diagnostic code "
                        + word + "; the warnings are " + warnings());
            }
            if (code.severity() != Severity.WARNING) {
                throw new UsageError("--allow " + word + ": " + code
                        + " is an error, and only warnings can be allowed (" + warnings() + ")");
            }
            codes.add(code);
        }
        return codes;
    }

    /** The compilation without the allowed warnings. */
    static Compilation apply(Compilation compilation, Set<Code> allowed) {
        if (allowed.isEmpty()) {
            return compilation;
        }
        return compilation.withDiagnostics(compilation.diagnostics().stream()
                .filter(d -> !allowed.contains(d.code())).toList());
    }

    private static String warnings() {
        return String.join(", ", java.util.Arrays.stream(Code.values()).filter(c -> c.severity() == Severity.WARNING)
                .map(Code::name).toList());
    }
}
