package cnnc.analysis;

/**
 * The distance, in input pixels, between neighbouring positions of a tensor: a whole number after
 * convolutions and pooling, a fraction after upsampling ({@code 1/2}). Kept exact as a reduced
 * fraction; arithmetic beyond 64 bits throws ArithmeticException.
 */
public record Jump(long numerator, long denominator) implements Comparable<Jump> {
    public static final Jump ONE = new Jump(1, 1);

    public Jump {
        long gcd = gcd(numerator, denominator);
        numerator /= gcd;
        denominator /= gcd;
    }

    // written out: a record's generated equals is bootstrapped on first use, which costs a short run more than
    // everything else the report does
    @Override
    public boolean equals(Object other) {
        return other instanceof Jump jump && numerator == jump.numerator && denominator == jump.denominator;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(numerator) * 31 + Long.hashCode(denominator);
    }

    Jump times(long factor) {
        return new Jump(Math.multiplyExact(numerator, factor), denominator);
    }

    Jump dividedBy(long factor) {
        return new Jump(numerator, Math.multiplyExact(denominator, factor));
    }

    /** {@code ceil(steps x this)}: the input pixels {@code steps} positions span, rounded up. */
    long span(long steps) {
        long product = Math.multiplyExact(steps, numerator);
        return Math.floorDiv(Math.addExact(product, denominator - 1), denominator);
    }

    public boolean isWhole() {
        return denominator == 1;
    }

    /** As a JSON number: a long when whole, else the nearest double. */
    public Number value() {
        return isWhole() ? (Number) numerator : (Number) ((double) numerator / denominator);
    }

    @Override
    public int compareTo(Jump other) {
        return Long.compare(Math.multiplyExact(numerator, other.denominator), Math.multiplyExact(other.numerator, denominator));
    }

    @Override
    public String toString() {
        return isWhole() ? Long.toString(numerator) : numerator + "/" + denominator;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
