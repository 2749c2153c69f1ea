package cnnc.ast;

import cnnc.source.Span;
import java.util.List;

/**
 * A statement that adds one layer. The span of a layer covers its whole statement, which is what
 * the report shows as "the layer as written". In the checked model every expression in a layer is
 * a literal {@link Num}.
 */
public sealed interface Layer extends Statement permits Layer.Activated, Layer.WithoutActivation {

    /** The kind of layer, as the report and the JSON's {@code op} name it. */
    LayerKind kind();

    <R> R accept(Visitor<R> visitor);

    @Override
    default <R> R accept(Statement.Visitor<R> visitor) {
        return visitor.visitLayer(this);
    }

    /**
     * A layer that ends in an activation function, {@code linear} when none is written: what the last layer's
     * output is (probabilities after a softmax) and what a loss may read. Every layer is one of these or a
     * {@link WithoutActivation}, by the record's own declaration: javac refuses a record that says neither.
     */
    sealed interface Activated extends Layer {
        Activation activation();
    }

    /** A layer whose output is no activation's: a pooling, a normalisation, a reshaping, a merge. */
    sealed interface WithoutActivation extends Layer {
    }

    /**
     * One method per layer kind: a pass over layers implements it, so a new kind is a compile error
     * in every pass until the pass handles it.
     */
    interface Visitor<R> {
        R visitConv(Conv conv);

        R visitDepthwiseConv(DepthwiseConv conv);

        R visitSeparableConv(SeparableConv conv);

        R visitTransposedConv(TransposedConv conv);

        R visitPool(Pool pool);

        R visitGlobalPool(GlobalPool pool);

        R visitDense(Dense dense);

        R visitFlatten(Flatten flatten);

        R visitBatchNorm(BatchNorm bn);

        R visitLayerNorm(LayerNorm ln);

        R visitNormalize(Normalize normalize);

        R visitLayerScale(LayerScale scale);

        R visitPReLU(PReLU prelu);

        R visitRescale(Rescale rescale);

        R visitDropout(Dropout dropout);

        R visitActivate(Activate activate);

        R visitUpsample(Upsample upsample);

        R visitZeroPad(ZeroPad pad);

        R visitCrop(Crop crop);

        R visitReshape(Reshape reshape);

        R visitSplit(Split split);

        R visitShuffle(Shuffle shuffle);

        R visitJoin(Join join);
    }

    /** {@code conv F@KxK} with its modifiers. {@code dilation} and {@code groups} are 1 unless written. */
    record Conv(Expr filters, Size kernel, Size stride, Padding padding, Expr dilation, Expr groups,
                boolean bias, Activation activation, Span span) implements Activated {
        public LayerKind kind() {
            return LayerKind.CONV;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitConv(this);
        }
    }

    /** {@code dwconv KxK [mult M]}: one (or M) filters per input channel. */
    record DepthwiseConv(Size kernel, Size stride, Padding padding, Expr dilation, Expr multiplier,
                         boolean bias, Activation activation, Span span) implements Activated {
        public LayerKind kind() {
            return LayerKind.DWCONV;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDepthwiseConv(this);
        }
    }

    /** {@code sepconv F@KxK}: a depthwise convolution, then a 1x1 convolution to F channels. */
    record SeparableConv(Expr filters, Size kernel, Size stride, Padding padding, Expr dilation,
                         Expr multiplier, boolean bias, Activation activation, Span span) implements Activated {
        public LayerKind kind() {
            return LayerKind.SEPCONV;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSeparableConv(this);
        }
    }

    /** {@code deconv F@KxK}: transposed convolution, which enlarges by its stride. */
    record TransposedConv(Expr filters, Size kernel, Size stride, Padding padding, Expr dilation,
                          boolean bias, Activation activation, Span span) implements Activated {
        public LayerKind kind() {
            return LayerKind.DECONV;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitTransposedConv(this);
        }
    }

    /**
     * {@code maxpool KxK} / {@code avgpool KxK}. The stride defaults to the window. {@code scaled} adds
     * LeNet-5's trainable coefficient and bias per channel after the pooling. {@code ceil} is PyTorch's
     * ceil_mode (max pooling only).
     */
    record Pool(PoolKind pooling, Size window, Size stride, Padding padding, boolean ceil, boolean scaled, Span span)
            implements WithoutActivation {
        public LayerKind kind() {
            return pooling == PoolKind.MAX ? LayerKind.MAXPOOL : LayerKind.AVGPOOL;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPool(this);
        }
    }

    /** {@code gap} / {@code gmp}: one value per channel; with {@code keep}, a 1x1xC image. */
    record GlobalPool(PoolKind pooling, boolean keepDims, Span span) implements WithoutActivation {
        public LayerKind kind() {
            return pooling == PoolKind.MAX ? LayerKind.GMP : LayerKind.GAP;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitGlobalPool(this);
        }
    }

    /**
     * {@code dense N}: on an image, the checker flattens it first; with {@code keep} ({@code perPosition})
     * the layer is applied to each position's channels instead, as Keras's Dense on an image.
     */
    record Dense(Expr units, boolean perPosition, boolean bias, Activation activation, Span span) implements Activated {
        public LayerKind kind() {
            return LayerKind.DENSE;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDense(this);
        }
    }

    record Flatten(Span span) implements WithoutActivation {
        public LayerKind kind() {
            return LayerKind.FLATTEN;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitFlatten(this);
        }
    }

    /**
     * {@code bn}: batch normalisation over the channels; {@code bn noscale} has no gamma. {@code epsilon}
     * is the number written after {@code eps}, as written, or "" for Keras's 0.001; {@code momentum} the
     * weight of a new batch in the moving statistics (PyTorch's momentum), or "" for Keras's (0.01, its 0.99).
     * The checker fills both from the file's {@code defaults} where they are not written.
     */
    record BatchNorm(boolean scale, String epsilon, String momentum, Span span) implements WithoutActivation {
        /** Keras's and DL4J's momentum (the old average's weight, 1 - PyTorch's), exactly: 0.9 for 0.1. */
        public String keepRate() {
            return java.math.BigDecimal.ONE.subtract(new java.math.BigDecimal(momentum)).toPlainString();
        }

        public LayerKind kind() {
            return LayerKind.BN;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBatchNorm(this);
        }
    }

    /** {@code ln}: layer normalisation over the last axis (gamma and beta); {@code epsilon} as for bn. */
    record LayerNorm(String epsilon, Span span) implements WithoutActivation {
        public LayerKind kind() {
            return LayerKind.LN;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLayerNorm(this);
        }
    }

    /**
     * {@code normalize}: (x - mean) / sqrt(variance) per channel, as Keras's Normalization: adapted (not
     * trained) when {@code mean} and {@code variance} are empty, else those constants, as written (one
     * number, or one per channel, each).
     */
    record Normalize(List<String> mean, List<String> variance, Span span) implements WithoutActivation {
        public Normalize {
            mean = List.copyOf(mean);
            variance = List.copyOf(variance);
        }

        /** True for {@code normalize mean M.. variance V..}: constants, no parameters. */
        public boolean isConstant() {
            return !mean.isEmpty();
        }

        public LayerKind kind() {
            return LayerKind.NORMALIZE;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNormalize(this);
        }
    }

    /** {@code layerscale}: every channel times a trained gamma, as ConvNeXt's LayerScale. */
    record LayerScale(Span span) implements WithoutActivation {
        public LayerKind kind() {
            return LayerKind.LAYERSCALE;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitLayerScale(this);
        }
    }

    /** {@code prelu}: leaky ReLU whose slope for negative values is trained, one per channel (PReLU). */
    record PReLU(Span span) implements WithoutActivation {
        public LayerKind kind() {
            return LayerKind.PRELU;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPReLU(this);
        }
    }

    /**
     * {@code rescale 1/255} or {@code rescale 1/127.5 offset -1}: every value times the scale, plus
     * the offset, as Keras's Rescaling. Each number is an {@link Expr.Dec} as written once the checker
     * evaluated it (in a block it may be a parameter); {@code divisor} and {@code offset} are null
     * when not written.
     */
    record Rescale(Expr factor, Expr divisor, Expr offsetValue, Span span) implements WithoutActivation {
        /** The scale as written: {@code 1/255}. */
        public String scaleText() {
            return divisor == null ? factor.decimal() : factor.decimal() + "/" + divisor.decimal();
        }

        public double scale() {
            double scale = Double.parseDouble(factor.decimal());
            return divisor == null ? scale : scale / Double.parseDouble(divisor.decimal());
        }

        /** The offset as written, "" when none is. */
        public String offsetText() {
            return offsetValue == null ? "" : offsetValue.decimal();
        }

        public double offset() {
            return offsetValue == null ? 0 : Double.parseDouble(offsetValue.decimal());
        }

        public LayerKind kind() {
            return LayerKind.RESCALE;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitRescale(this);
        }
    }

    /**
     * {@code dropout R} or, in a block, {@code dropout p} with p a parameter: the rate is an
     * {@link Expr.Dec} (kept as written, to print it back exactly) once the checker evaluated it.
     */
    record Dropout(Expr rate, Span span) implements WithoutActivation {
        /** The rate as written. */
        public String rateText() {
            return rate.decimal();
        }

        public LayerKind kind() {
            return LayerKind.DROPOUT;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitDropout(this);
        }
    }

    /** An activation word on its own line. */
    record Activate(Activation activation, Span span) implements Activated {
        public LayerKind kind() {
            return LayerKind.ACTIVATE;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitActivate(this);
        }
    }

    /** {@code upsample 2} / {@code upsample 2x3}: repeats rows and columns; {@code bilinear} interpolates them. */
    record Upsample(Size factor, boolean bilinear, Span span) implements WithoutActivation {
        public LayerKind kind() {
            return LayerKind.UPSAMPLE;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitUpsample(this);
        }
    }

    /** {@code zeropad P}, {@code zeropad HxW} or {@code zeropad T B L R}; as many per axis at another rank. */
    record ZeroPad(Sides sides, Span span) implements WithoutActivation {
        public LayerKind kind() {
            return LayerKind.ZEROPAD;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitZeroPad(this);
        }
    }

    /** {@code crop P}, {@code crop HxW} or {@code crop T B L R}: removes positions at the borders. */
    record Crop(Sides sides, Span span) implements WithoutActivation {
        public LayerKind kind() {
            return LayerKind.CROP;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCrop(this);
        }
    }

    /** {@code reshape HxWxC} or {@code reshape N}: same number of values, another shape. */
    record Reshape(List<Expr> dims, Span span) implements WithoutActivation {
        public Reshape {
            dims = List.copyOf(dims);
        }

        public LayerKind kind() {
            return LayerKind.RESHAPE;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitReshape(this);
        }
    }

    /**
     * {@code split N take P}: the P-th (from 1) of N equal parts of the channels; {@code split 27,11 take 2}: of parts of
     * those sizes, which sum to the channels. {@code sizes} holds N alone, or the sizes.
     */
    record Split(List<Expr> sizes, Expr part, Span span) implements WithoutActivation {
        public Split {
            sizes = List.copyOf(sizes);
        }

        /** True for {@code split N take P}: N equal parts rather than parts of written sizes. */
        public boolean isEven() {
            return sizes.size() == 1;
        }

        /** The sizes, evaluated, as written: {@code 27, 11}, or N alone. */
        public String sizesText() {
            return String.join(", ", sizes.stream().map(size -> Long.toString(size.value())).toList());
        }

        /** The first channel of the part taken, of an input of {@code channels} (evaluated sizes). */
        public long start(long channels) {
            long part = this.part.value();
            if (isEven()) {
                return (part - 1) * (channels / sizes.get(0).value());
            }
            long start = 0;
            for (int i = 0; i < part - 1; i++) {
                start += sizes.get(i).value();
            }
            return start;
        }

        /** The channel after the last of the part taken. */
        public long end(long channels) {
            return isEven() ? start(channels) + channels / sizes.get(0).value()
                    : start(channels) + sizes.get((int) part.value() - 1).value();
        }

        public LayerKind kind() {
            return LayerKind.SPLIT;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitSplit(this);
        }
    }

    /** {@code shuffle G}: the channels as G groups of C/G, interleaved (ShuffleNet's channel shuffle). */
    record Shuffle(Expr groups, Span span) implements WithoutActivation {
        public LayerKind kind() {
            return LayerKind.SHUFFLE;
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitShuffle(this);
        }
    }

    /** The layer a merge makes of its branches' outputs: add, concat (channels) or multiply. */
    record Join(MergeKind merging, Span span) implements WithoutActivation {
        public LayerKind kind() {
            return merging.kind();
        }

        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitJoin(this);
        }
    }

    /**
     * Positions added or removed at the borders, as written: one number (every side along every axis),
     * one per axis ({@code 1x2}: both sides of each), or {@code paired}, a number before and one after
     * along each axis ({@code T B L R} on an image, {@code B A} on a sequence).
     */
    record Sides(List<Expr> written, boolean paired) {
        public Sides {
            written = List.copyOf(written);
        }

        /** Whether the numbers written fit an input of {@code rank} axes. */
        public boolean fits(int rank) {
            return paired ? written.size() == 2 * rank : written.size() == 1 || written.size() == rank;
        }

        /** Along each of {@code rank} axes, the positions before its first (which {@link #fits} the rank). */
        public List<Expr> before(int rank) {
            return side(rank, 0);
        }

        public List<Expr> after(int rank) {
            return side(rank, 1);
        }

        private List<Expr> side(int rank, int which) {
            List<Expr> side = new java.util.ArrayList<>(rank);
            for (int axis = 0; axis < rank; axis++) {
                side.add(paired ? written.get(2 * axis + which) : written.get(written.size() == 1 ? 0 : axis));
            }
            return side;
        }
    }
}
