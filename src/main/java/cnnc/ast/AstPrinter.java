package cnnc.ast;

import java.util.ArrayList;
import java.util.List;
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
        for (BlockDef block : description.blocks()) {
            out.append("block ").append(block.name()).append('(').append(block.params().stream()
                    .map(p -> p.defaultValue() == null ? p.name() : p.name() + "=" + expr(p.defaultValue()))
                    .collect(Collectors.joining(", "))).append(")")
                    .append(block.declaresOutputs() ? " -> " + block.outputList() : "").append(" {\n");
            for (Statement statement : block.body()) {
                out.append("  ").append(print(statement)).append('\n');
            }
            out.append("}\n");
        }
        for (Statement statement : description.statements()) {
            out.append(print(statement)).append('\n');
        }
        return out.toString();
    }

    public static String print(Statement statement) {
        return statement.accept(STATEMENTS);
    }

    private static final Statement.Visitor<String> STATEMENTS = new Statement.Visitor<>() {
        @Override
        public String visitModelName(ModelName model) {
            return "model " + name(model.name());
        }

        @Override
        public String visitDefaults(Defaults defaults) {
            return defaults.text();
        }

        @Override
        public String visitInput(Input input) {
            return "input " + dims(input.dims());
        }

        @Override
        public String visitLayer(Layer layer) {
            return layer.accept(LAYERS);
        }

        @Override
        public String visitCall(Call call) {
            return call.block() + "(" + call.arguments().stream()
                    .map(a -> (a.name() == null ? "" : a.name() + "=") + expr(a.value()))
                    .collect(Collectors.joining(", ")) + ")";
        }

        @Override
        public String visitMerge(Merge merge) {
            if (merge.each() != null) {
                Merge.Each each = merge.each();
                return merge.kind().word() + " for " + (each.index() == null ? "" : each.index() + ", ") + each.variable()
                        + " in " + expr(each.values()) + " { " + String.join("; ", merge.branches().get(0).statements()
                        .stream().map(AstPrinter::print).toList()) + " }";
            }
            List<String> branches = new ArrayList<>();
            for (Merge.Branch branch : merge.branches()) {
                List<String> parts = new ArrayList<>();
                if (branch.from() != null) {
                    parts.add("from " + branch.from());
                }
                branch.statements().forEach(s -> parts.add(print(s)));
                branches.add(String.join("; ", parts)); // an empty branch stays empty: the tree is kept exactly
            }
            String merged = merge.kind().word() + " { " + String.join(" | ", branches) + " }";
            return merge.kind() != MergeKind.SELECT ? merged
                    : merged + " by { " + String.join("; ", merge.by().stream().map(AstPrinter::print).toList()) + " }";
        }

        @Override
        public String visitGroup(Group group) {
            return "{ " + String.join("; ", group.statements().stream().map(AstPrinter::print).toList()) + " }";
        }

        @Override
        public String visitRepeat(Repeat repeat) {
            String count = repeat.count() instanceof Num n ? "x" + n.value() : "x(" + expr(repeat.count()) + ")";
            return print(repeat.statement()) + " " + count;
        }

        @Override
        public String visitNamed(Named named) {
            return print(named.statement()) + " as " + named.name();
        }

        @Override
        public String visitAsserted(Asserted asserted) {
            return print(asserted.statement()) + " => " + dims(asserted.shape());
        }

        @Override
        public String visitIdentity(Identity identity) {
            return "identity";
        }

        @Override
        public String visitInvalid(Invalid invalid) {
            throw new IllegalArgumentException("a statement with errors has no text: " + invalid);
        }

        @Override
        public String visitFrom(From from) {
            return "from " + from.name();
        }

        @Override
        public String visitNamedOutputs(NamedOutputs named) {
            return print(named.statement()) + " as (" + String.join(", ", named.names()) + ")";
        }
    };

    /** A layer's words, defaults left out. */
    public static String print(Layer layer) {
        return layer.accept(LAYERS);
    }

    private static final Layer.Visitor<String> LAYERS = new Layer.Visitor<>() {
        @Override
        public String visitConv(Layer.Conv conv) {
            Phrase words = new Phrase();
            words.add("conv " + count(conv.filters()) + "@" + size(conv.kernel()));
            convModifiers(words, conv.stride(), conv.padding(), conv.dilation());
            valued(words, "groups", conv.groups());
            bias(words, conv.bias());
            activation(words, conv.activation());
            return words.toString();
        }

        @Override
        public String visitDepthwiseConv(Layer.DepthwiseConv conv) {
            Phrase words = new Phrase();
            words.add("dwconv " + size(conv.kernel()));
            convModifiers(words, conv.stride(), conv.padding(), conv.dilation());
            valued(words, "mult", conv.multiplier());
            bias(words, conv.bias());
            activation(words, conv.activation());
            return words.toString();
        }

        @Override
        public String visitSeparableConv(Layer.SeparableConv conv) {
            Phrase words = new Phrase();
            words.add("sepconv " + count(conv.filters()) + "@" + size(conv.kernel()));
            convModifiers(words, conv.stride(), conv.padding(), conv.dilation());
            valued(words, "mult", conv.multiplier());
            bias(words, conv.bias());
            activation(words, conv.activation());
            return words.toString();
        }

        @Override
        public String visitTransposedConv(Layer.TransposedConv conv) {
            Phrase words = new Phrase();
            words.add("deconv " + count(conv.filters()) + "@" + size(conv.kernel()));
            convModifiers(words, conv.stride(), conv.padding(), conv.dilation());
            bias(words, conv.bias());
            activation(words, conv.activation());
            return words.toString();
        }

        @Override
        public String visitPool(Layer.Pool pool) {
            Phrase words = new Phrase();
            words.add(pool.kind().op() + " " + size(pool.window()));
            if (!sameValues(pool.stride(), pool.window())) {
                words.add("/" + size(pool.stride()));
            }
            padding(words, pool.padding());
            if (pool.ceil()) {
                words.add("ceil");
            }
            if (pool.scaled()) {
                words.add("scaled");
            }
            return words.toString();
        }

        @Override
        public String visitGlobalPool(Layer.GlobalPool pool) {
            return pool.kind().op() + (pool.keepDims() ? " keep" : "");
        }

        @Override
        public String visitDense(Layer.Dense dense) {
            Phrase words = new Phrase();
            words.add("dense " + count(dense.units()));
            if (dense.perPosition()) {
                words.add("keep");
            }
            bias(words, dense.bias());
            activation(words, dense.activation());
            return words.toString();
        }

        @Override
        public String visitFlatten(Layer.Flatten flatten) {
            return "flatten";
        }

        @Override
        public String visitBatchNorm(Layer.BatchNorm bn) {
            return (bn.scale() ? "bn" : "bn noscale") + epsilon(bn.epsilon())
                    + (bn.momentum().isEmpty() ? "" : " momentum " + bn.momentum());
        }

        @Override
        public String visitLayerNorm(Layer.LayerNorm ln) {
            return "ln" + epsilon(ln.epsilon());
        }

        @Override
        public String visitNormalize(Layer.Normalize normalize) {
            return normalize.isConstant() ? "normalize mean " + String.join(" ", normalize.mean()) + " variance "
                    + String.join(" ", normalize.variance()) : "normalize";
        }

        @Override
        public String visitLayerScale(Layer.LayerScale scale) {
            return "layerscale";
        }

        @Override
        public String visitPReLU(Layer.PReLU prelu) {
            return "prelu";
        }

        @Override
        public String visitRescale(Layer.Rescale rescale) {
            return "rescale " + expr(rescale.factor()) + (rescale.divisor() == null ? "" : "/" + expr(rescale.divisor()))
                    + (rescale.offsetValue() == null ? "" : " offset " + expr(rescale.offsetValue()));
        }

        @Override
        public String visitDropout(Layer.Dropout dropout) {
            return "dropout " + expr(dropout.rate());
        }

        @Override
        public String visitActivate(Layer.Activate activate) {
            return activate.activation().text();
        }

        @Override
        public String visitUpsample(Layer.Upsample upsample) {
            return "upsample " + size(upsample.factor()) + (upsample.bilinear() ? " bilinear" : "");
        }

        @Override
        public String visitZeroPad(Layer.ZeroPad pad) {
            return "zeropad " + sides(pad.sides());
        }

        @Override
        public String visitCrop(Layer.Crop crop) {
            return "crop " + sides(crop.sides());
        }

        @Override
        public String visitReshape(Layer.Reshape reshape) {
            return "reshape " + dims(reshape.dims());
        }

        @Override
        public String visitSplit(Layer.Split split) {
            return "split " + String.join(", ", split.sizes().stream().map(AstPrinter::expr).toList()) + " take "
                    + primary(split.part());
        }

        @Override
        public String visitShuffle(Layer.Shuffle shuffle) {
            return "shuffle " + primary(shuffle.groups());
        }

        @Override
        public String visitJoin(Layer.Join join) {
            return join.kind().op();
        }
    };

    private static String epsilon(String epsilon) {
        return epsilon.isEmpty() ? "" : " eps " + epsilon;
    }

    /** An expression in the fewest parentheses that keep its meaning. */
    public static String expr(Expr expr) {
        if (expr instanceof Num num) {
            return Long.toString(num.value());
        } else if (expr instanceof Expr.Ref ref) {
            return ref.name();
        } else if (expr instanceof Expr.InputDim dim) {
            return "in." + dim.dimension();
        } else if (expr instanceof Expr.Dec decimal) {
            return decimal.text();
        } else if (expr instanceof Expr.Items list) {
            return "[" + String.join(", ", list.items().stream().map(AstPrinter::expr).toList()) + "]";
        } else if (expr instanceof Expr.Call call) {
            return call.function().word() + "(" + String.join(", ", call.arguments().stream().map(AstPrinter::expr).toList()) + ")";
        }
        Expr.Binary binary = (Expr.Binary) expr;
        return operand(binary.left(), binary.op(), false) + " " + binary.op() + " " + operand(binary.right(), binary.op(), true);
    }

    private static String operand(Expr operand, char parentOp, boolean right) {
        if (operand instanceof Expr.Binary child) {
            boolean lower = precedence(child.op()) < precedence(parentOp);
            boolean sameLevelOnRight = right && precedence(child.op()) == precedence(parentOp);
            if (lower || sameLevelOnRight) {
                return "(" + expr(operand) + ")";
            }
        }
        return expr(operand);
    }

    private static int precedence(char op) {
        return op == '+' || op == '-' ? 1 : 2;
    }

    /** Where a count stands (before '@', after dense) any expression may be written. */
    private static String count(Expr expr) {
        return expr(expr);
    }

    /** Elsewhere a number, a name, in.c, or a parenthesised expression. */
    private static String primary(Expr expr) {
        return expr instanceof Expr.Binary || expr instanceof Expr.Dec ? "(" + expr(expr) + ")" : expr(expr);
    }

    /** As written: {@code 3} (every axis) and {@code 3x3} (a size per axis) differ on an input of another rank. */
    private static String size(Size size) {
        return dims(size.written());
    }

    private static String dims(List<Expr> dims) {
        if (dims.size() == 1) {
            return primary(dims.get(0));
        }
        if (dims.stream().allMatch(d -> d instanceof Num)) {
            return dims.stream().map(d -> Long.toString(d.value())).collect(Collectors.joining("x"));
        }
        return dims.stream().map(AstPrinter::primary).collect(Collectors.joining(" x "));
    }

    private static String sides(Layer.Sides sides) {
        return sides.paired() ? sides.written().stream().map(AstPrinter::primary).collect(Collectors.joining(" "))
                : dims(sides.written());
    }

    private static void convModifiers(Phrase words, Size stride, Padding padding, Expr dilation) {
        if (!stride.written().stream().allMatch(AstPrinter::isOne)) {
            words.add("/" + size(stride));
        }
        padding(words, padding);
        if (!isOne(dilation)) {
            words.add("dil " + primary(dilation));
        }
    }

    private static void valued(Phrase words, String word, Expr value) {
        if (!isOne(value)) {
            words.add(word + " " + primary(value));
        }
    }

    private static void padding(Phrase words, Padding padding) {
        if (padding instanceof Padding.Same) {
            words.add("same");
        } else if (padding instanceof Padding.Explicit explicit) {
            words.add("pad " + size(explicit.amount()));
        }
    }

    private static void bias(Phrase words, boolean bias) {
        if (!bias) {
            words.add("nobias");
        }
    }

    private static void activation(Phrase words, Activation activation) {
        if (!activation.isLinear()) {
            words.add(activation.text());
        }
    }

    private static boolean isOne(Expr expr) {
        return expr instanceof Num num && num.value() == 1;
    }

    private static boolean sameValue(Expr a, Expr b) {
        return a instanceof Num x && b instanceof Num y ? x.value() == y.value() : expr(a).equals(expr(b));
    }

    /** Whether two sizes are written alike (a pool's stride is left out when it is its window, as parsed). */
    private static boolean sameValues(Size a, Size b) {
        if (a.written().size() != b.written().size()) {
            return false;
        }
        for (int axis = 0; axis < a.written().size(); axis++) {
            if (!sameValue(a.written().get(axis), b.written().get(axis))) {
                return false;
            }
        }
        return true;
    }

    /** A name is written bare when it is a plain word, else quoted with {@code "} and {@code \} escaped. */
    static String name(String name) {
        if (name.matches("[A-Za-z_][A-Za-z0-9_]*") && !name.matches("x[0-9]+")) {
            return name;
        }
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
    }

    /**
     * Words joined by spaces. (java.util.StringJoiner would do, but TeaVM's class library, which the
     * playground is compiled with, has none.)
     */
    private static final class Phrase {
        private final StringBuilder text = new StringBuilder();

        void add(String word) {
            text.append(text.length() == 0 ? "" : " ").append(word);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
