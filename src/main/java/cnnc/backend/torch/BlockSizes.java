package cnnc.backend.torch;

import cnnc.ast.Expr;
import cnnc.ast.Layer;
import cnnc.backend.Bodies;
import cnnc.backend.ExprText;
import cnnc.backend.PythonArithmetic;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Sizes in a block's class: numbers as the block writes them ({@code 4 * f}), and channel counts
 * followed from the channels that enter the block ({@code in_channels}) through the layers that keep
 * them, to the layer that sets them, or to a nested block's {@code out_channels}. A count it cannot
 * follow is the value, which the class then holds for every instance it serves or is written again.
 */
final class BlockSizes implements Sizes {
    private final CheckedModel model;
    private final Bodies.Body body;
    private final Function<String, String> parameter;
    private final Map<Integer, Bodies.Item> producers = new java.util.HashMap<>();
    /** What the class must be given: in_channels, in_height, in_width, SKIP_channels. */
    private final Set<String> inputs = new LinkedHashSet<>();
    private final ExprText.Language language;
    private final Map<Integer, String> aliases = new java.util.HashMap<>();

    BlockSizes(CheckedModel model, Bodies.Body body, Function<String, String> parameter) {
        this.model = model;
        this.body = body;
        this.parameter = parameter;
        body.items().forEach(item -> item.outputRows().forEach(row -> producers.put(row, item)));
        this.language = new ExprText.Language(parameter, dimension -> use(switch (dimension) {
            case 'h' -> "in_height";
            case 'w' -> "in_width";
            default -> "in_channels";
        }), PythonArithmetic.of(body.instance()));
    }

    /** The sizes the class takes besides the block's parameters, in order of first use. */
    Set<String> inputs() {
        return inputs;
    }

    private String use(String input) {
        inputs.add(input);
        return input;
    }

    @Override
    public String num(Expr number) {
        return ExprText.of(number, language);
    }

    @Override
    public String channelsIn(CheckedLayer row) {
        return channels(row.inputs().get(0));
    }

    @Override
    public String channelsOut(CheckedLayer row) {
        return channels(row.index());
    }

    /** From now on, the channels of that row are what {@code text} holds (a loop's running count). */
    void alias(int row, String text) {
        aliases.put(row, text);
    }

    /** The channels of that row followed again. */
    void unalias(int row) {
        aliases.remove(row);
    }

    /** The channels of a row's output, as the class can write them. */
    String channels(int row) {
        if (aliases.containsKey(row)) {
            return aliases.get(row);
        }
        if (row == body.inputRow()) {
            return use("in_channels");
        }
        for (Map.Entry<String, Integer> output : body.outputs().entrySet()) {
            if (output.getValue() == row) {
                return use(parameter.apply(output.getKey()) + "_channels");
            }
        }
        Bodies.Item item = producers.get(row);
        if (item instanceof Bodies.Use use) {
            return "self." + use.instance().name() + ".out_channels"
                    + (use.givesSeveral() ? "[" + use.outputRows().indexOf(row) + "]" : "");
        }
        if (item instanceof Bodies.Row made && !made.layer().implicit()) {
            return made.layer().layer().accept(new Channels(made.layer()));
        }
        List<Long> dims = model.layers().get(row - 1).outputShape().dims();
        return Long.toString(dims.get(dims.size() - 1));
    }

    /** A row's output channels from its input's, or from the number that sets them. */
    private final class Channels implements Layer.Visitor<String> {
        private final CheckedLayer row;

        Channels(CheckedLayer row) {
            this.row = row;
        }

        private String in() {
            return channels(row.inputs().get(0));
        }

        private String value() {
            List<Long> dims = row.outputShape().dims();
            return Long.toString(dims.get(dims.size() - 1));
        }

        @Override
        public String visitConv(Layer.Conv conv) {
            return num(conv.filters());
        }

        @Override
        public String visitDepthwiseConv(Layer.DepthwiseConv conv) {
            String multiplier = num(conv.multiplier());
            return multiplier.equals("1") ? in() : Sizes.operand(in()) + " * " + Sizes.operand(multiplier);
        }

        @Override
        public String visitSeparableConv(Layer.SeparableConv conv) {
            return num(conv.filters());
        }

        @Override
        public String visitTransposedConv(Layer.TransposedConv conv) {
            return num(conv.filters());
        }

        @Override
        public String visitPool(Layer.Pool pool) {
            return in();
        }

        @Override
        public String visitGlobalPool(Layer.GlobalPool pool) {
            return in();
        }

        @Override
        public String visitDense(Layer.Dense dense) {
            return num(dense.units());
        }

        @Override
        public String visitFlatten(Layer.Flatten flatten) {
            return value();
        }

        @Override
        public String visitBatchNorm(Layer.BatchNorm bn) {
            return in();
        }

        @Override
        public String visitLayerNorm(Layer.LayerNorm ln) {
            return in();
        }

        @Override
        public String visitNormalize(Layer.Normalize normalize) {
            return in();
        }

        @Override
        public String visitLayerScale(Layer.LayerScale scale) {
            return in();
        }

        @Override
        public String visitPReLU(Layer.PReLU prelu) {
            return in();
        }

        @Override
        public String visitRescale(Layer.Rescale rescale) {
            return in();
        }

        @Override
        public String visitDropout(Layer.Dropout dropout) {
            return in();
        }

        @Override
        public String visitActivate(Layer.Activate activate) {
            return in();
        }

        @Override
        public String visitUpsample(Layer.Upsample upsample) {
            return in();
        }

        @Override
        public String visitZeroPad(Layer.ZeroPad pad) {
            return in();
        }

        @Override
        public String visitCrop(Layer.Crop crop) {
            return in();
        }

        @Override
        public String visitReshape(Layer.Reshape reshape) {
            return num(reshape.dims().get(reshape.dims().size() - 1));
        }

        @Override
        public String visitSplit(Layer.Split split) {
            return split.isEven() ? Sizes.operand(in()) + " // " + Sizes.operand(num(split.sizes().get(0)))
                    : num(split.sizes().get((int) split.part().value() - 1));
        }

        @Override
        public String visitShuffle(Layer.Shuffle shuffle) {
            return in();
        }

        /**
         * A sum of the branches' channels for concat, the second branch's for matmul, the first's for select; for add
         * and multiply, a branch as wide as the output.
         */
        @Override
        public String visitJoin(Layer.Join join) {
            if (join.merging() == cnnc.ast.MergeKind.CONCAT) {
                return String.join(" + ", row.inputs().stream().map(BlockSizes.this::channels).toList());
            }
            if (join.merging() == cnnc.ast.MergeKind.MATMUL) {
                return channels(row.inputs().get(1));
            }
            if (join.merging() == cnnc.ast.MergeKind.SELECT) {
                return channels(row.inputs().get(0));
            }
            List<Long> out = row.outputShape().dims();
            for (int i = 0; i < row.inputs().size(); i++) {
                List<Long> dims = row.inputShapes().get(i).dims();
                if (dims.get(dims.size() - 1).equals(out.get(out.size() - 1))) {
                    return channels(row.inputs().get(i));
                }
            }
            return value();
        }
    }
}
