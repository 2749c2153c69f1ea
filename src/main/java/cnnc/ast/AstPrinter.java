package cnnc.ast;

import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * Prints a syntax tree back as a description, one statement per line, defaults left out. Parsing
 * the printed text gives the same tree (up to source positions): the tests check that round trip.
 */
public final class AstPrinter {
    private AstPrinter() {
    }

    public static String print(Description description) {
        StringBuilder out = new StringBuilder();
        for (Statement statement : description.statements()) {
            out.append(print(statement)).append('\n');
        }
        return out.toString();
    }

    public static String print(Statement statement) {
        if (statement instanceof ModelName model) {
            return "model " + name(model.name());
        } else if (statement instanceof Input input) {
            return "input " + input.dims().stream().map(n -> Long.toString(n.value())).collect(Collectors.joining("x"));
        }
        return layer((Layer) statement);
    }

    private static String layer(Layer layer) {
        StringJoiner words = new StringJoiner(" ");
        if (layer instanceof Layer.Conv conv) {
            words.add("conv " + conv.filters().value() + "@" + conv.kernel());
            stride(words, conv.stride(), 1);
            padding(words, conv.padding());
            if (conv.dilation().value() != 1) {
                words.add("dil " + conv.dilation().value());
            }
            if (conv.groups().value() != 1) {
                words.add("groups " + conv.groups().value());
            }
            bias(words, conv.bias());
            activation(words, conv.activation());
        } else if (layer instanceof Layer.Pool pool) {
            words.add(pool.kind().word() + " " + pool.window());
            if (!sameSize(pool.stride(), pool.window())) {
                words.add("/" + pool.stride());
            }
            padding(words, pool.padding());
            if (pool.scaled()) {
                words.add("scaled");
            }
        } else if (layer instanceof Layer.GlobalPool pool) {
            words.add(pool.kind() == PoolKind.AVG ? "gap" : "gmp");
        } else if (layer instanceof Layer.Dense dense) {
            words.add("dense " + dense.units().value());
            bias(words, dense.bias());
            activation(words, dense.activation());
        } else if (layer instanceof Layer.Flatten) {
            words.add("flatten");
        } else if (layer instanceof Layer.BatchNorm) {
            words.add("bn");
        } else if (layer instanceof Layer.Dropout dropout) {
            words.add("dropout " + dropout.rateText());
        } else if (layer instanceof Layer.Activate activate) {
            words.add(activate.activation().kind().word());
        } else {
            throw new IllegalArgumentException("an invalid statement has no text to print");
        }
        return words.toString();
    }

    private static void stride(StringJoiner words, Size2 stride, long unit) {
        if (stride.height().value() != unit || stride.width().value() != unit) {
            words.add("/" + stride);
        }
    }

    private static void padding(StringJoiner words, Padding padding) {
        if (padding instanceof Padding.Same) {
            words.add("same");
        } else if (padding instanceof Padding.Explicit explicit) {
            words.add("pad " + explicit.amount().value());
        }
    }

    private static void bias(StringJoiner words, boolean bias) {
        if (!bias) {
            words.add("nobias");
        }
    }

    private static void activation(StringJoiner words, Activation activation) {
        if (!activation.isLinear()) {
            words.add(activation.kind().word());
        }
    }

    private static boolean sameSize(Size2 a, Size2 b) {
        return a.height().value() == b.height().value() && a.width().value() == b.width().value();
    }

    /** A name is written bare when it is a plain word, else quoted with {@code "} and {@code \} escaped. */
    static String name(String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return name;
        }
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }
}
