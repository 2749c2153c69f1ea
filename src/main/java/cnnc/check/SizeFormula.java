package cnnc.check;

import java.util.Optional;

/**
 * A size asserted as a formula of one size variable ({@code => floor(H/2) x W/2 x 8}): numbers, the
 * variable, sums and differences, multiples by a number, and quotients by a number, exact ({@code a/d},
 * a fraction) or rounded down ({@code floor(a/d)}) or up ({@code ceil(a/d)}). It is worked out in
 * fractions, as on paper ({@code floor(H/2/4)} is floor(H/8)), and the size it claims must come out whole.
 * Every such formula repeats: f(x + period) = f(x) + rise for every whole x (the rise a fraction), as a
 * row's size does, which is what lets the accepted sizes' analysis prove an assertion at every size
 * accepted by trying finitely many.
 */
public sealed interface SizeFormula {

    /** The value at x (the variable's value; any x for a number), a fraction. */
    Ratio at(long x);

    /** The period p and the rise r: f(x + p) = f(x) + r for every x. */
    Repeat repeat();

    record Repeat(long period, Ratio rise) {
    }

    /** A fraction in lowest terms, its denominator positive. */
    record Ratio(long numerator, long denominator) {
        public Ratio {
            if (denominator == 0) {
                throw new ArithmeticException("a fraction over 0");
            }
            long common = gcd(numerator, denominator) * (denominator < 0 ? -1 : 1);
            if (common != 0) {
                numerator /= common;
                denominator /= common;
            }
        }

        public static Ratio of(long whole) {
            return new Ratio(whole, 1);
        }

        public boolean isWhole() {
            return denominator == 1;
        }

        public Ratio plus(Ratio other) {
            return new Ratio(Math.addExact(Math.multiplyExact(numerator, other.denominator),
                    Math.multiplyExact(other.numerator, denominator)), Math.multiplyExact(denominator, other.denominator));
        }

        public Ratio times(Ratio other) {
            return new Ratio(Math.multiplyExact(numerator, other.numerator), Math.multiplyExact(denominator, other.denominator));
        }

        public Ratio negate() {
            return new Ratio(Math.subtractExact(0, numerator), denominator);
        }

        public long floor() {
            return Math.floorDiv(numerator, denominator);
        }

        public long ceil() {
            return -Math.floorDiv(-numerator, denominator);
        }

        @Override
        public String toString() {
            return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
        }
    }

    /** The variable the formula reads, none for a number. */
    Optional<String> variable();

    /** As the report writes it: {@code floor(H/2)}, {@code (H + 2)/4}, {@code 2*floor(W/8) - 1}. */
    String text();

    /** How tightly the text binds, for parentheses: sums 1, products and quotients 2, the rest 3. */
    int precedence();

    record Variable(String name) implements SizeFormula {
        public Ratio at(long x) {
            return Ratio.of(x);
        }

        public Repeat repeat() {
            return new Repeat(1, Ratio.of(1));
        }

        public Optional<String> variable() {
            return Optional.of(name);
        }

        public String text() {
            return name;
        }

        public int precedence() {
            return 3;
        }
    }

    record Constant(long value) implements SizeFormula {
        public Ratio at(long x) {
            return Ratio.of(value);
        }

        public Repeat repeat() {
            return new Repeat(1, Ratio.of(0));
        }

        public Optional<String> variable() {
            return Optional.empty();
        }

        public String text() {
            return Long.toString(value);
        }

        public int precedence() {
            return 3;
        }
    }

    /** {@code left + right}, or {@code left - right}. */
    record Sum(SizeFormula left, SizeFormula right, boolean subtract) implements SizeFormula {
        public Ratio at(long x) {
            Ratio r = right.at(x);
            return left.at(x).plus(subtract ? r.negate() : r);
        }

        public Repeat repeat() {
            Repeat l = left.repeat();
            Repeat r = right.repeat();
            long period = lcm(l.period(), r.period());
            Ratio lr = l.rise().times(Ratio.of(period / l.period()));
            Ratio rr = r.rise().times(Ratio.of(period / r.period()));
            return new Repeat(period, lr.plus(subtract ? rr.negate() : rr));
        }

        public Optional<String> variable() {
            return left.variable().or(right::variable);
        }

        public String text() {
            String r = right.text();
            return left.text() + (subtract ? " - " : " + ") + (subtract && right.precedence() == 1 ? "(" + r + ")" : r);
        }

        public int precedence() {
            return 1;
        }
    }

    /** {@code factor*of}. */
    record Scaled(long factor, SizeFormula of) implements SizeFormula {
        public Ratio at(long x) {
            return of.at(x).times(Ratio.of(factor));
        }

        public Repeat repeat() {
            Repeat r = of.repeat();
            return new Repeat(r.period(), r.rise().times(Ratio.of(factor)));
        }

        public Optional<String> variable() {
            return of.variable();
        }

        public String text() {
            return factor + "*" + (of.precedence() < 3 ? "(" + of.text() + ")" : of.text());
        }

        public int precedence() {
            return 2;
        }
    }

    enum Rounding { FLOOR, CEIL, EXACT }

    /** {@code floor(of/divisor)}, {@code ceil(of/divisor)}, or {@code of/divisor}, a fraction. */
    record Quotient(SizeFormula of, long divisor, Rounding rounding) implements SizeFormula {
        public Quotient {
            if (divisor < 1) {
                throw new IllegalArgumentException("a size is divided by a whole number of at least 1: " + divisor);
            }
        }

        public Ratio at(long x) {
            Ratio quotient = of.at(x).times(new Ratio(1, divisor));
            return switch (rounding) {
                case FLOOR -> Ratio.of(quotient.floor());
                case CEIL -> Ratio.of(quotient.ceil());
                case EXACT -> quotient;
            };
        }

        /**
         * With of/d rising by n/m (lowest terms) every p: after m periods it has risen by the whole number n,
         * and so has its floor or ceiling.
         */
        public Repeat repeat() {
            Repeat in = of.repeat();
            Ratio rise = in.rise().times(new Ratio(1, divisor));
            if (rounding == Rounding.EXACT) {
                return new Repeat(in.period(), rise);
            }
            return new Repeat(Math.multiplyExact(in.period(), rise.denominator()), Ratio.of(rise.numerator()));
        }

        public Optional<String> variable() {
            return of.variable();
        }

        public String text() {
            String quotient = divisor == 1 && rounding != Rounding.EXACT ? of.text()
                    : (of.precedence() < 3 ? "(" + of.text() + ")" : of.text()) + "/" + divisor;
            return switch (rounding) {
                case FLOOR -> "floor(" + quotient + ")";
                case CEIL -> "ceil(" + quotient + ")";
                case EXACT -> quotient;
            };
        }

        public int precedence() {
            return rounding == Rounding.EXACT ? 2 : 3;
        }
    }

    /** The greatest common divisor of |x| and |y| (the size analysis's too). */
    public static long gcd(long x, long y) {
        x = Math.abs(x);
        y = Math.abs(y);
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return x;
    }

    public static long lcm(long x, long y) {
        return Math.multiplyExact(x / gcd(x, y), y);
    }
}
