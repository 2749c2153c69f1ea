package cnnc.check;

import java.math.BigDecimal;

/**
 * What an expression evaluates to: a whole number, or a decimal held exactly ({@code f * 0.25}),
 * as Python tells an int from a float. Arithmetic on two whole numbers stays whole ({@code /} rounding
 * down); a decimal on either side makes a decimal, and {@code round} and {@code divisible} make it whole.
 */
record Amount(long whole, BigDecimal decimal) {
    static Amount of(long whole) {
        return new Amount(whole, null);
    }

    static Amount of(BigDecimal decimal) {
        return new Amount(0, decimal);
    }

    boolean isWhole() {
        return decimal == null;
    }

    BigDecimal exact() {
        return decimal == null ? BigDecimal.valueOf(whole) : decimal;
    }

    /** As a message or an argument's value reads it: {@code 64}, {@code 12.5}. */
    String text() {
        return decimal == null ? Long.toString(whole) : plain(decimal);
    }

    static String plain(BigDecimal decimal) {
        String text = decimal.stripTrailingZeros().toPlainString();
        return text.contains(".") ? text : text + ".0";
    }
}
