package cnnc.imports;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.ActivationKind;
import cnnc.ast.Words;
import cnnc.diag.Diagnostic;
import cnnc.format.Formatted;
import cnnc.format.Formatter;
import cnnc.source.SourceFile;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What both imports (Keras's and PyTorch's) need to write statements: the language's words a name may not
 * be, names made from the source model's, runs of the same statements written as one repetition, and the
 * written description formatted and checked.
 */
public final class Statements {
    /** The most statements a repeated group holds. */
    private static final int MAX_GROUP = 8;
    private static final Pattern NOT_NAME = Pattern.compile("[^A-Za-z0-9_]");
    private static final Pattern REPEAT = Pattern.compile("x[0-9]*");
    private static final Set<String> KEYWORDS = Set.of("model", "defaults", "input", "conv", "sepconv", "deconv",
            "dwconv", "maxpool", "avgpool", "dense", "dropout", "rescale", "upsample", "zeropad", "crop", "reshape",
            "normalize", "split", "shuffle", "add", "concat", "multiply", "matmul", "select", "by", "block", "from",
            "as", "pad", "dil", "groups", "mult", "for", "in", "identity", "take", "torch", "keras", "same", "valid");

    private Statements() {
    }

    /** Whether a word is the language's own (a keyword, a layer word, an activation, a repetition's {@code x3}). */
    public static boolean reserved(String word) {
        return KEYWORDS.contains(word) || Words.LAYER_WORDS.contains(word) || ActivationKind.WORDS.contains(word)
                || REPEAT.matcher(word).matches();
    }

    /**
     * A name as the language writes names, made from the source model's: other characters as {@code _},
     * {@code prefix} before one that would start with a digit, {@code _} after a reserved word.
     */
    public static String name(String source, String prefix) {
        String name = NOT_NAME.matcher(source).replaceAll("_");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = prefix + name;
        }
        return reserved(name) ? name + "_" : name;
    }

    /** A model's name: as a word where it is one, otherwise a string. */
    public static String modelName(String name) {
        if (!name.isEmpty() && !NOT_NAME.matcher(name).find() && !Character.isDigit(name.charAt(0)) && !reserved(name)) {
            return name;
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", "_") + "\"";
    }

    /**
     * A rescale's scale as the language writes it: 1/255 rather than 0.00392156862745098, where the scale is the
     * reciprocal of a whole number; else the number without an exponent or trailing zeros.
     */
    public static String scale(BigDecimal scale) {
        if (scale.signum() > 0 && scale.compareTo(BigDecimal.ONE) < 0) {
            BigDecimal inverse = BigDecimal.ONE.divide(scale, MathContext.DECIMAL64);
            BigDecimal whole = inverse.setScale(0, RoundingMode.HALF_EVEN);
            if (inverse.subtract(whole).abs().compareTo(new BigDecimal("1e-9")) < 0
                    && Double.toString(1.0 / whole.doubleValue()).equals(Double.toString(scale.doubleValue()))) {
                return "1/" + whole.toPlainString();
            }
        }
        BigDecimal stripped = scale.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /**
     * Consecutive runs of the same statements as one repetition: {@code add { identity | ... } x3}, or a group,
     * {@code { add { ... }; relu } x2}. At each place the run that covers the most statements is taken (the
     * shorter group where two cover as many); a statement that names its output is never repeated (the name
     * would be made twice).
     */
    public static List<String> repeated(List<String> statements) {
        List<String> lines = new ArrayList<>();
        int i = 0;
        while (i < statements.size()) {
            int bestLength = 1;
            int bestCount = 1;
            for (int length = 1; length <= MAX_GROUP && i + 2 * length <= statements.size(); length++) {
                List<String> group = statements.subList(i, i + length);
                if (group.stream().anyMatch(line -> line.contains(" as ") || line.contains("#"))) {
                    break;
                }
                int count = 1;
                while (i + (count + 1) * length <= statements.size()
                        && statements.subList(i + count * length, i + (count + 1) * length).equals(group)) {
                    count++;
                }
                if (count > 1 && length * count > bestLength * bestCount) {
                    bestLength = length;
                    bestCount = count;
                }
            }
            List<String> group = statements.subList(i, i + bestLength);
            if (bestCount == 1) {
                lines.add(group.get(0));
            } else {
                lines.add((bestLength == 1 ? group.get(0) : "{ " + String.join("; ", group) + " }") + " x" + bestCount);
            }
            i += bestLength * bestCount;
        }
        return lines;
    }

    /**
     * A written description, formatted as {@code cnnc fmt} formats it and checked.
     *
     * @param failure     why it is not a description that checks (a bug of the import), when text is empty
     * @param unformatted whether it failed in the formatter (the written text does not parse)
     */
    public record Checked(Optional<String> text, Optional<Compilation> compilation, String failure, boolean unformatted) {
    }

    public static Checked check(String written, String output) {
        Formatted formatted = Formatter.format(new SourceFile(output, written));
        if (formatted.text().isEmpty()) {
            return new Checked(Optional.empty(), Optional.empty(), formatted.errors().get(0).message(), true);
        }
        String text = formatted.text().get();
        Compilation compilation = Compiler.compile(new SourceFile(output, text));
        if (compilation.hasErrors()) {
            Diagnostic first = compilation.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow();
            String line = text.lines().skip(first.span().line() - 1L).findFirst().orElse("");
            return new Checked(Optional.empty(), Optional.empty(), first.code() + " " + first.message() + ", at line "
                    + first.span().line() + ": " + line.strip(), false);
        }
        return new Checked(Optional.of(text), Optional.of(compilation), "", false);
    }
}
