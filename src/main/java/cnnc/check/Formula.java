package cnnc.check;

import java.util.List;

/**
 * A whole-number figure with the arithmetic that gave it, as a student writes it:
 * {@code (100 - 7)/1 + 1} is 94, {@code 7 x 7 x 1 x 60} is 2,940. The checker computes shapes,
 * parameter counts and MACs by building these, so the working a report explains is the very
 * arithmetic that gave the figure. Values are exact: an overflow throws ArithmeticException when the
 * formula is built.
 */
public sealed interface Formula {

    long value();

    /** The arithmetic, without its result: {@code 7 x 7 x 1 x 60}. */
    default String text() {
        StringBuilder text = new StringBuilder();
        write(text);
        return text.toString();
    }

    /**
     * Appends the arithmetic to {@code text}: every node of a formula writes into one builder, where a
     * string per node, then per parenthesis, was most of what an explanation of every layer made.
     */
    void write(StringBuilder text);

    /** The arithmetic and its result, grouped in thousands: {@code 7 x 7 x 1 x 60 = 2,940}. */
    default String worked() {
        StringBuilder text = new StringBuilder();
        write(text);
        String result = grouped(value());
        return result.contentEquals(text) ? result : text.append(" = ").append(result).toString();
    }

    /** How tightly the formula binds, for parentheses: sums 1, products and quotients 2, numbers 3. */
    int precedence();

    static Formula of(long value) {
        return Number.of(value);
    }

    /** {@code a x b x c}; a single factor is itself. The formula keeps {@code factors}: not to be changed after. */
    static Formula product(long... factors) {
        if (factors.length < 2) {
            return of(factors.length == 0 ? 1 : factors[0]);
        }
        long value = factors[0];
        for (int i = 1; i < factors.length; i++) {
            value = Math.multiplyExact(value, factors[i]);
        }
        return new Product(factors, value);
    }

    /**
     * {@code a + b + c}; no terms is 0. Built as a balanced tree, which prints the same as a chain: a
     * chain of the 10,000 rows of a large model is as deep, and printing it overflowed the stack.
     */
    static Formula sum(List<Formula> terms) {
        if (terms.isEmpty()) {
            return of(0);
        }
        if (terms.size() == 1) {
            return terms.get(0);
        }
        int half = terms.size() / 2;
        return sum(terms.subList(0, half)).plus(sum(terms.subList(half, terms.size())));
    }

    default Formula plus(Formula other) {
        return new Binary('+', this, other, Math.addExact(value(), other.value()));
    }

    default Formula minus(Formula other) {
        return new Binary('-', this, other, Math.subtractExact(value(), other.value()));
    }

    default Formula times(Formula other) {
        return new Binary('x', this, other, Math.multiplyExact(value(), other.value()));
    }

    /** {@code a/b}, rounded down. */
    default Formula over(Formula other) {
        return new Binary('/', this, other, Math.floorDiv(value(), other.value()));
    }

    /** {@code ceil(a / b)}. */
    default Formula ceilOver(Formula other) {
        return new Ceiling(this, other, Math.floorDiv(Math.addExact(value(), other.value() - 1), other.value()));
    }

    /** {@code max(a, b)}. */
    default Formula max(Formula other) {
        return new Largest(this, other, Math.max(value(), other.value()));
    }

    /** {@code 1,291,653,040}: as String.format's "%,d" in the root locale, without its cost per call. */
    static String grouped(long n) {
        String digits = Long.toString(n);
        int start = n < 0 ? 1 : 0;
        int commas = (digits.length() - start - 1) / 3;
        if (commas == 0) {
            return digits;
        }
        char[] out = new char[digits.length() + commas];
        int to = out.length;
        for (int from = digits.length() - 1, count = 0; from >= 0; from--, count++) {
            if (count == 3 && from >= start) {
                out[--to] = ',';
                count = 0;
            }
            out[--to] = digits.charAt(from);
        }
        return new String(out);
    }

    /** Appends {@link #grouped}'s text of {@code n}, with no string of its own. */
    private static void writeGrouped(StringBuilder text, long n) {
        if (n > -1000 && n < 1000) {
            text.append(n);
            return;
        }
        writeGrouped(text, n / 1000);
        long last = Math.abs(n % 1000);
        text.append(last < 10 ? ",00" : last < 100 ? ",0" : ",").append(last);
    }

    private static void writeWithin(StringBuilder text, Formula formula, boolean parenthesised) {
        if (parenthesised) {
            text.append('(');
        }
        formula.write(text);
        if (parenthesised) {
            text.append(')');
        }
    }

    record Number(long value) implements Formula {
        /** The kernels, strides and channel counts most formulas are made of, made once (as Long.valueOf's). */
        private static final Number[] SMALL = new Number[256];

        static {
            for (int i = 0; i < SMALL.length; i++) {
                SMALL[i] = new Number(i);
            }
        }

        static Number of(long value) {
            return value >= 0 && value < SMALL.length ? SMALL[(int) value] : new Number(value);
        }

        /** Grouped in thousands, as the report prints figures: {@code 202,500}. */
        @Override
        public void write(StringBuilder text) {
            if (value < 0) {
                text.append('(');
                writeGrouped(text, value);
                text.append(')');
            } else {
                writeGrouped(text, value);
            }
        }

        @Override
        public int precedence() {
            return 3;
        }
    }

    /** {@code left op right} with op one of {@code + - x /}; {@code /} rounds down. */
    record Binary(char op, Formula left, Formula right, long value) implements Formula {
        @Override
        public void write(StringBuilder text) {
            operand(text, left, false);
            if (op == '/') {
                text.append('/');
            } else {
                text.append(' ').append(op).append(' ');
            }
            operand(text, right, true);
        }

        @Override
        public int precedence() {
            return op == '+' || op == '-' ? 1 : 2;
        }

        /** A quotient's divisor and a difference's right side keep their parentheses: (a - b)/c, a - (b - c). */
        private void operand(StringBuilder text, Formula operand, boolean right) {
            boolean lower = operand.precedence() < precedence();
            boolean sameOnRight = right && operand.precedence() == precedence() && (op == '-' || op == '/');
            boolean sumOverSomething = op == '/' && operand.precedence() < 3;
            writeWithin(text, operand, lower || sameOnRight || sumOverSomething);
        }
    }

    /**
     * {@code a x b x c}, a product of numbers as {@code a.times(b).times(c)} prints it, kept as one node: a
     * node per factor was most of what a check made for the products of every layer's counts and MACs.
     */
    record Product(long[] factors, long value) implements Formula {
        @Override
        public void write(StringBuilder text) {
            for (int i = 0; i < factors.length; i++) {
                text.append(i == 0 ? "" : " x ");
                of(factors[i]).write(text);
            }
        }

        @Override
        public int precedence() {
            return 2;
        }
    }

    record Ceiling(Formula dividend, Formula divisor, long value) implements Formula {
        @Override
        public void write(StringBuilder text) {
            text.append("ceil(");
            writeWithin(text, dividend, dividend.precedence() < 3);
            text.append(" / ");
            divisor.write(text);
            text.append(')');
        }

        @Override
        public int precedence() {
            return 3;
        }
    }

    record Largest(Formula a, Formula b, long value) implements Formula {
        @Override
        public void write(StringBuilder text) {
            text.append("max(");
            a.write(text);
            text.append(", ");
            b.write(text);
            text.append(')');
        }

        @Override
        public int precedence() {
            return 3;
        }
    }
}
