package cnnc.backend;

/** Functions a generated Python module defines for the block code that calls them. */
public final class PythonHelpers {
    /** cnnc's {@code divisible(v, d, min, limit)}: timm's make_divisible (timm/layers/helpers.py), as timm writes it. */
    public static final String MAKE_DIVISIBLE = """
            def make_divisible(v, divisor, min_value=None, round_limit=0.9):
                \"\"\"timm's make_divisible: v to the nearest multiple of divisor, at least min_value, not below round_limit x v.\"\"\"
                min_value = min_value or divisor
                new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
                if new_v < round_limit * v:
                    new_v += divisor
                return new_v
            """;

    /** The name the helper is called by, which no block or parameter of the description may take. */
    public static final String MAKE_DIVISIBLE_NAME = "make_divisible";

    private PythonHelpers() {
    }

    /** The helpers the code calls, each followed by two blank lines; "" when it calls none. */
    public static String used(String code) {
        return code.contains(MAKE_DIVISIBLE_NAME + "(") ? MAKE_DIVISIBLE + "\n\n" : "";
    }
}
