package cnnc.check;

import cnnc.source.Span;
import java.math.BigDecimal;

/**
 * What a block parameter holds in one use of the block: a whole number ({@code f=64}), a decimal
 * ({@code drop=0.2}, for a dropout rate), or a named output of the caller ({@code skip=e3}, read
 * inside as {@code from skip}). {@code origin} is the argument or default that gave it.
 */
public sealed interface Value {
    Span origin();

    /** "a whole number", "a decimal", "a named output": for diagnostics. */
    String kind();

    /** As an argument reads: {@code 64}, {@code 0.2}, {@code e3}. */
    String text();

    /** The value as data: a Long, a BigDecimal, or the output's name. */
    Object plain();

    record Whole(long value, Span origin) implements Value {
        public String kind() {
            return "a whole number";
        }

        public String text() {
            return Long.toString(value);
        }

        public Object plain() {
            return value;
        }
    }

    /** A decimal, kept as written. */
    record Decimal(String text, Span origin) implements Value {
        public String kind() {
            return "a decimal";
        }

        public Object plain() {
            return new BigDecimal(text);
        }
    }

    /** A list of whole numbers ({@code ks=[3, 5, 7]}), which a merge makes a branch for each of ({@code concat for k in ks}). */
    record Items(java.util.List<Long> values, Span origin) implements Value {
        public Items {
            values = java.util.List.copyOf(values);
        }

        public String kind() {
            return "a list";
        }

        public String text() {
            return values.toString();
        }

        public Object plain() {
            return values;
        }
    }

    /** A named output passed into a block: the block reads it under the parameter's name. */
    record Output(String name, Tensor tensor, Span origin) implements Value {
        /** The row whose output it is (0: the model's input). */
        public int row() {
            return tensor.row();
        }

        public String kind() {
            return "a named output";
        }

        public String text() {
            return name;
        }

        public Object plain() {
            return name;
        }
    }
}
