package cnnc.ast;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The functions an expression may call, wherever a number stands: each with its word, how many
 * arguments it takes, its form and what it gives, for the parser's checks and hints and the docs.
 */
public enum FunctionKind {
    MIN("min", 2, 2, "`min(a, b)`", "the smaller of a and b"),
    MAX("max", 2, 2, "`max(a, b)`", "the larger of a and b"),
    ROUND("round", 1, 1, "`round(x)`", "x to the nearest whole number, a half to the even one (Python's round: "
            + "round(2.5) is 2, round(3.5) is 4)"),
    DIVISIBLE("divisible", 2, 4, "`divisible(v, d)`, `divisible(v, d, min, limit)`", "timm's make_divisible(v, d, "
            + "min, limit): max(min, int(v + d/2) // d * d), plus d when that is below limit x v; min is d when "
            + "omitted or 0, limit 0.9 when omitted"),
    LEN("len", 1, 1, "`len(ks)`", "how many values the list ks holds (a block parameter given [3, 5, 7])"),
    FLOOR("floor", 1, 1, "`floor(a/d)`", "a/d rounded down, in a shape asserted as a formula of the input's size "
            + "variables only (`=> floor(H/2) x floor(W/2) x 8`, [sizes.md](sizes.md)); elsewhere `/` rounds down"),
    CEIL("ceil", 1, 1, "`ceil(a/d)`", "a/d rounded up, in such a shape only (`=> ceil(H/32) x ceil(W/32) x 2048`)");

    public static final List<String> WORDS = Arrays.stream(values()).map(FunctionKind::word).toList();

    private final String word;
    private final int fewest;
    private final int most;
    private final String form;
    private final String meaning;

    FunctionKind(String word, int fewest, int most, String form, String meaning) {
        this.word = word;
        this.fewest = fewest;
        this.most = most;
        this.form = form;
        this.meaning = meaning;
    }

    public String word() {
        return word;
    }

    public int fewest() {
        return fewest;
    }

    public int most() {
        return most;
    }

    public String form() {
        return form;
    }

    public String meaning() {
        return meaning;
    }

    /** floor and ceil round in a shape asserted as a formula of the size variables, which no backend writes. */
    public boolean inAssertionsOnly() {
        return this == FLOOR || this == CEIL;
    }

    public static Optional<FunctionKind> fromWord(String word) {
        return Arrays.stream(values()).filter(f -> f.word.equals(word)).findFirst();
    }
}
