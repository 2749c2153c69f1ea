package cnnc.backend.dl4j;

/**
 * Layers DL4J 1.0.0-M2.1 lacks, written into the generated class as nested classes when its code uses
 * them. They are SameDiff layers: DL4J differentiates them, saves them in its JSON configuration and
 * counts their parameters like its own layers'.
 */
final class HelperClasses {
    static final String LAYER_NORMALIZATION = "KerasLayerNormalization";
    static final String PER_CHANNEL = "KerasPerChannel";
    static final String CHANNEL_SLICE = "ChannelSlice";
    static final String RESHAPE = "KerasReshape";
    static final String RESCALING = "KerasRescaling";
    static final String NORMALIZATION = "KerasNormalization";
    static final String BROADCAST = "KerasBroadcast";
    static final String CONSTANT_NORMALIZATION = "KerasConstantNormalization";
    static final String CHANNEL_SHUFFLE = "ChannelShuffle";
    static final String MAX_POOL_PADDING = "MaxPoolPadding";
    static final String HARD_SWISH = "HardSwish";
    static final String BILINEAR_UPSAMPLING = "BilinearUpsampling";
    static final java.util.List<String> ALL = java.util.List.of(LAYER_NORMALIZATION, PER_CHANNEL, CHANNEL_SLICE,
            RESHAPE, RESCALING, NORMALIZATION, BROADCAST, CONSTANT_NORMALIZATION, CHANNEL_SHUFFLE, MAX_POOL_PADDING,
            HARD_SWISH, BILINEAR_UPSAMPLING);

    private HelperClasses() {
    }

    /** The nested classes that {@code code} names, to go at the end of the generated class. */
    static String forCode(String code) {
        return (code.contains("new " + LAYER_NORMALIZATION + "(") ? LAYER_NORMALIZATION_SOURCE : "")
                + (code.contains("new " + PER_CHANNEL + "(") ? PER_CHANNEL_SOURCE : "")
                + (code.contains("new " + CHANNEL_SLICE + "(") ? CHANNEL_SLICE_SOURCE : "")
                + (code.contains("new " + RESHAPE + "(") ? RESHAPE_SOURCE : "")
                + (code.contains("new " + RESCALING + "(") ? RESCALING_SOURCE : "")
                + (code.contains("new " + NORMALIZATION + "(") ? NORMALIZATION_SOURCE : "")
                + (code.contains("new " + BROADCAST + "(") ? BROADCAST_SOURCE : "")
                + (code.contains("new " + CONSTANT_NORMALIZATION + "(") ? CONSTANT_NORMALIZATION_SOURCE : "")
                + (code.contains("new " + CHANNEL_SHUFFLE + "(") ? CHANNEL_SHUFFLE_SOURCE : "")
                + (code.contains("new " + MAX_POOL_PADDING + "(") ? MAX_POOL_PADDING_SOURCE : "")
                + (code.contains("new " + HARD_SWISH + "(") ? HARD_SWISH_SOURCE : "")
                + (code.contains("new " + BILINEAR_UPSAMPLING + "(") ? BILINEAR_UPSAMPLING_SOURCE : "");
    }

    private static final String BILINEAR_UPSAMPLING_SOURCE = """

                /**
                 * Keras's UpSampling2D(interpolation="bilinear") to {@code height} x {@code width}: each new value from
                 * its 2x2 nearest input values at half-pixel centres, the edge value beyond the borders (PyTorch's
                 * align_corners=False). DL4J's Upsampling2D only repeats values.
                 */
                public static final class BilinearUpsampling extends SameDiffLambdaLayer {
                    private static final long serialVersionUID = 1L;

                    /** The output's height and width. */
                    private int[] size;

                    /** For DL4J's JSON configuration. */
                    public BilinearUpsampling() {
                    }

                    public BilinearUpsampling(String name, int height, int width) {
                        setLayerName(name);
                        this.size = new int[] {height, width};
                    }

                    public int[] getSize() {
                        return size;
                    }

                    public void setSize(int[] size) {
                        this.size = size;
                    }

                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
                        return sameDiff.image().resizeBiLinear(input, size[0], size[1], false, true);
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        InputType.InputTypeConvolutional image = (InputType.InputTypeConvolutional) input;
                        return InputType.convolutional(size[0], size[1], image.getChannels(), image.getFormat());
                    }
                }
            """;

    private static final String HARD_SWISH_SOURCE = """

                /**
                 * Keras's and PyTorch's hard swish, x * relu6(x + 3) / 6, as an activation function (DL4J has none;
                 * its HARDSIGMOID is min(1, max(0, 0.2x + 0.5)), not relu6(x + 3) / 6).
                 */
                public static final class HardSwish extends BaseActivationFunction {
                    private static final long serialVersionUID = 1L;

                    private static INDArray gate(INDArray x) {
                        return Transforms.min(Transforms.max(x.add(3), 0, false), 6, false).divi(6);
                    }

                    @Override
                    public INDArray getActivation(INDArray in, boolean training) {
                        return in.muli(gate(in));
                    }

                    /** d/dx x relu6(x + 3) / 6 = relu6(x + 3) / 6, plus x / 6 where -3 < x < 3. */
                    @Override
                    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
                        assertShape(in, epsilon);
                        INDArray inside = in.gt(-3).castTo(in.dataType()).muli(in.lt(3).castTo(in.dataType()));
                        INDArray slope = gate(in).addi(in.mul(inside).divi(6));
                        in.assign(slope.muli(epsilon));
                        return new Pair<>(in, null);
                    }

                    @Override
                    public boolean equals(Object other) {
                        return other instanceof HardSwish;
                    }

                    @Override
                    public int hashCode() {
                        return HardSwish.class.getName().hashCode();
                    }

                    @Override
                    public String toString() {
                        return "hardswish";
                    }
                }
            """;

    private static final String MAX_POOL_PADDING_SOURCE = """

                /**
                 * -inf around a channels-last image, which a max pooling after it never picks: PyTorch's padding
                 * of a max pooling, and the rows its ceil_mode reads past it (DL4J's padding is the same on both
                 * sides). {@code sides}: top, bottom, left, right.
                 */
                public static final class MaxPoolPadding extends SameDiffLambdaLayer {
                    private static final long serialVersionUID = 1L;

                    private int[] sides;

                    /** For DL4J's JSON configuration. */
                    public MaxPoolPadding() {
                    }

                    public MaxPoolPadding(String name, int top, int bottom, int left, int right) {
                        setLayerName(name);
                        this.sides = new int[] {top, bottom, left, right};
                    }

                    public int[] getSides() {
                        return sides;
                    }

                    public void setSides(int[] sides) {
                        this.sides = sides;
                    }

                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
                        SDVariable paddings = sameDiff.constant(Nd4j.createFromArray(
                                new int[][] {{0, 0}, {sides[0], sides[1]}, {sides[2], sides[3]}, {0, 0}}));
                        return sameDiff.nn().pad(input, paddings, Double.NEGATIVE_INFINITY);
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        InputType.InputTypeConvolutional image = (InputType.InputTypeConvolutional) input;
                        return InputType.convolutional(image.getHeight() + sides[0] + sides[1],
                                image.getWidth() + sides[2] + sides[3], image.getChannels(), image.getFormat());
                    }
                }
            """;

    private static final String CONSTANT_NORMALIZATION_SOURCE = """

                /**
                 * Keras's Normalization with a mean and a variance given: (x - mean) / max(sqrt(variance), 1e-7) per
                 * value of the last axis, with constants (no parameters).
                 */
                public static final class KerasConstantNormalization extends SameDiffLambdaLayer {
                    private static final long serialVersionUID = 1L;

                    private double[] mean;
                    private double[] variance;

                    /** For DL4J's JSON configuration. */
                    public KerasConstantNormalization() {
                    }

                    /** One mean and one variance per value of the last axis. */
                    public KerasConstantNormalization(String name, double[] mean, double[] variance) {
                        setLayerName(name);
                        this.mean = mean.clone();
                        this.variance = variance.clone();
                    }

                    public double[] getMean() {
                        return mean.clone();
                    }

                    public void setMean(double[] mean) {
                        this.mean = mean.clone();
                    }

                    public double[] getVariance() {
                        return variance.clone();
                    }

                    public void setVariance(double[] variance) {
                        this.variance = variance.clone();
                    }

                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
                        float[] shift = new float[mean.length];
                        float[] deviation = new float[mean.length];
                        for (int i = 0; i < mean.length; i++) {
                            shift[i] = (float) mean[i];
                            deviation[i] = (float) Math.max(Math.sqrt(variance[i]), 1e-7); // as Keras
                        }
                        return input.sub(sameDiff.constant(Nd4j.createFromArray(shift)))
                                .div(sameDiff.constant(Nd4j.createFromArray(deviation)));
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        return input;
                    }
                }
            """;

    private static final String CHANNEL_SHUFFLE_SOURCE = """

                /**
                 * PyTorch's channel_shuffle on a channels-last image: its channels as {@code groups} groups, interleaved
                 * (channel g * C/groups + k goes to k * groups + g).
                 */
                public static final class ChannelShuffle extends SameDiffLambdaLayer {
                    private static final long serialVersionUID = 1L;

                    private long channels;
                    private long groups;

                    /** For DL4J's JSON configuration. */
                    public ChannelShuffle() {
                    }

                    public ChannelShuffle(String name, long channels, long groups) {
                        setLayerName(name);
                        this.channels = channels;
                        this.groups = groups;
                    }

                    public long getChannels() {
                        return channels;
                    }

                    public void setChannels(long channels) {
                        this.channels = channels;
                    }

                    public long getGroups() {
                        return groups;
                    }

                    public void setGroups(long groups) {
                        this.groups = groups;
                    }

                    /** Every position's channels as groups x (channels / groups), transposed, in place again. */
                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
                        return input.reshape(-1, groups, channels / groups).permute(0, 2, 1).reshape(input.shape());
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        return input;
                    }
                }
            """;

    private static final String RESHAPE_SOURCE = """

                /**
                 * Keras's Reshape to a height x width x channels image: each example's values in order (row by row,
                 * channels last), as a channels-last image. DL4J's own reshapes make channels-first images.
                 */
                public static final class KerasReshape extends SameDiffLambdaLayer {
                    private static final long serialVersionUID = 1L;

                    private long height;
                    private long width;
                    private long channels;

                    /** For DL4J's JSON configuration. */
                    public KerasReshape() {
                    }

                    public KerasReshape(String name, long height, long width, long channels) {
                        setLayerName(name);
                        this.height = height;
                        this.width = width;
                        this.channels = channels;
                    }

                    public long getHeight() {
                        return height;
                    }

                    public void setHeight(long height) {
                        this.height = height;
                    }

                    public long getWidth() {
                        return width;
                    }

                    public void setWidth(long width) {
                        this.width = width;
                    }

                    public long getChannels() {
                        return channels;
                    }

                    public void setChannels(long channels) {
                        this.channels = channels;
                    }

                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
                        return input.reshape(-1, height, width, channels);
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        return InputType.convolutional(height, width, channels, CNN2DFormat.NHWC);
                    }
                }
            """;

    private static final String RESCALING_SOURCE = """

                /** Keras's Rescaling: every value times {@code scale}, plus {@code offset}. */
                public static final class KerasRescaling extends SameDiffLambdaLayer {
                    private static final long serialVersionUID = 1L;

                    private double scale;
                    private double offset;

                    /** For DL4J's JSON configuration. */
                    public KerasRescaling() {
                    }

                    public KerasRescaling(String name, double scale, double offset) {
                        setLayerName(name);
                        this.scale = scale;
                        this.offset = offset;
                    }

                    public double getScale() {
                        return scale;
                    }

                    public void setScale(double scale) {
                        this.scale = scale;
                    }

                    public double getOffset() {
                        return offset;
                    }

                    public void setOffset(double offset) {
                        this.offset = offset;
                    }

                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input) {
                        return input.mul(scale).add(offset);
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        return input;
                    }
                }
            """;

    private static final String NORMALIZATION_SOURCE = """

                /**
                 * Keras's Normalization over the last axis: (x - mean) / max(sqrt(variance), 1e-7) with a mean and a
                 * variance per value of that axis and the count of examples they came from (Keras's adapt() sets
                 * them). They start as 0, 1 and 0 and are never trained: both updaters are NoOp.
                 */
                public static final class KerasNormalization extends SameDiffLayer {
                    private static final long serialVersionUID = 1L;

                    private long size;

                    /** For DL4J's JSON configuration. */
                    public KerasNormalization() {
                        updater = new NoOp();
                        biasUpdater = new NoOp();
                    }

                    public KerasNormalization(String name) {
                        this();
                        setLayerName(name);
                    }

                    public long getSize() {
                        return size;
                    }

                    public void setSize(long size) {
                        this.size = size;
                    }

                    @Override
                    public void setNIn(InputType input, boolean override) {
                        size = input instanceof InputType.InputTypeConvolutional image ? image.getChannels()
                                : input.arrayElementsPerExample();
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        return input;
                    }

                    @Override
                    public void defineParameters(SDLayerParams params) {
                        params.addWeightParam("mean", size);
                        params.addWeightParam("variance", size);
                        params.addWeightParam("count", 1);
                    }

                    @Override
                    public void initializeParameters(Map<String, INDArray> params) {
                        params.get("mean").assign(0);
                        params.get("variance").assign(1);
                        params.get("count").assign(0);
                    }

                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params,
                                                  SDVariable mask) {
                        // max(sqrt(variance), 1e-7), as Keras
                        SDVariable deviation = sameDiff.nn().relu(params.get("variance").pow(0.5).sub(1e-7), 0).add(1e-7);
                        return input.sub(params.get("mean")).div(deviation);
                    }
                }
            """;

    private static final String BROADCAST_SOURCE = """

                /**
                 * Keras's Add or Multiply of inputs whose sizes differ where one of them is 1 (a 1x1xC
                 * squeeze-and-excitation times an HxWxC image): DL4J's ElementWiseVertex needs equal shapes.
                 */
                public static final class KerasBroadcast extends SameDiffLambdaVertex {
                    private static final long serialVersionUID = 1L;

                    private boolean multiply;
                    private int count;

                    /** For DL4J's JSON configuration. */
                    public KerasBroadcast() {
                    }

                    /** @param count how many inputs the vertex has */
                    public KerasBroadcast(boolean multiply, int count) {
                        this.multiply = multiply;
                        this.count = count;
                    }

                    public int getCount() {
                        return count;
                    }

                    public void setCount(int count) {
                        this.count = count;
                    }

                    public boolean isMultiply() {
                        return multiply;
                    }

                    public void setMultiply(boolean multiply) {
                        this.multiply = multiply;
                    }

                    @Override
                    public SDVariable defineVertex(SameDiff sameDiff, VertexInputs inputs) {
                        SDVariable result = inputs.getInput(0);
                        for (int i = 1; i < count; i++) {
                            result = multiply ? result.mul(inputs.getInput(i)) : result.add(inputs.getInput(i));
                        }
                        return result;
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType... inputs) {
                        InputType largest = inputs[0];
                        for (InputType input : inputs) {
                            if (input.arrayElementsPerExample() > largest.arrayElementsPerExample()) {
                                largest = input;
                            }
                        }
                        return largest;
                    }
                }
            """;

    private static final String CHANNEL_SLICE_SOURCE = """

                /** Channels {@code from} (inclusive) to {@code to} (exclusive) of a channels-last image: one group's input. */
                public static final class ChannelSlice extends SameDiffLambdaVertex {
                    private static final long serialVersionUID = 1L;

                    private long from;
                    private long to;

                    /** For DL4J's JSON configuration. */
                    public ChannelSlice() {
                    }

                    public ChannelSlice(long from, long to) {
                        this.from = from;
                        this.to = to;
                    }

                    public long getFrom() {
                        return from;
                    }

                    public void setFrom(long from) {
                        this.from = from;
                    }

                    public long getTo() {
                        return to;
                    }

                    public void setTo(long to) {
                        this.to = to;
                    }

                    @Override
                    public SDVariable defineVertex(SameDiff sameDiff, VertexInputs inputs) {
                        return inputs.getInput(0).get(SDIndex.all(), SDIndex.all(), SDIndex.all(), SDIndex.interval(from, to));
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType... inputs) {
                        InputType.InputTypeConvolutional image = (InputType.InputTypeConvolutional) inputs[0];
                        return InputType.convolutional(image.getHeight(), image.getWidth(), to - from, image.getFormat());
                    }
                }
            """;

    private static final String PER_CHANNEL_SOURCE = """

                /**
                 * A trained value per value of the last axis, added or multiplied: Keras's beta without gamma ('bn
                 * noscale', after a DL4J BatchNormalization whose gamma and beta are fixed at 1 and 0), a bias that
                 * must come after DL4J's layer (a transposed convolution whose last rows get no input but the bias),
                 * or ConvNeXt's LayerScale (a gamma starting at 1e-6).
                 */
                public static final class KerasPerChannel extends SameDiffLayer {
                    private static final long serialVersionUID = 1L;

                    private long size;
                    private boolean scale;
                    private double initial;

                    /** For DL4J's JSON configuration. */
                    public KerasPerChannel() {
                    }

                    /** @param scale a gamma that multiplies, else a beta that is added */
                    public KerasPerChannel(String name, boolean scale, double initial) {
                        setLayerName(name);
                        this.scale = scale;
                        this.initial = initial;
                    }

                    public long getSize() {
                        return size;
                    }

                    public void setSize(long size) {
                        this.size = size;
                    }

                    public boolean isScale() {
                        return scale;
                    }

                    public void setScale(boolean scale) {
                        this.scale = scale;
                    }

                    public double getInitial() {
                        return initial;
                    }

                    public void setInitial(double initial) {
                        this.initial = initial;
                    }

                    @Override
                    public void setNIn(InputType input, boolean override) {
                        size = input instanceof InputType.InputTypeConvolutional image ? image.getChannels()
                                : input.arrayElementsPerExample();
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        return input;
                    }

                    @Override
                    public void defineParameters(SDLayerParams params) {
                        if (scale) {
                            params.addWeightParam("gamma", size);
                        } else {
                            params.addBiasParam("beta", size);
                        }
                    }

                    @Override
                    public void initializeParameters(Map<String, INDArray> params) {
                        params.get(scale ? "gamma" : "beta").assign(initial);
                    }

                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params,
                                                  SDVariable mask) {
                        return scale ? input.mul(params.get("gamma")) : input.add(params.get("beta"));
                    }
                }
            """;

    private static final String LAYER_NORMALIZATION_SOURCE = """

                /**
                 * Keras's LayerNormalization: each example normalised over its last axis (the channels of an
                 * image, or a vector's values) with an epsilon (Keras's 1e-3 unless given), then a trainable
                 * gamma and beta per value of that axis. Deeplearning4j 1.0.0-M2.1 has no such layer.
                 */
                public static final class KerasLayerNormalization extends SameDiffLayer {
                    private static final long serialVersionUID = 1L;

                    private long size;
                    private int axis;
                    private double epsilon = 1e-3;

                    /** For DL4J's JSON configuration. */
                    public KerasLayerNormalization() {
                    }

                    public KerasLayerNormalization(String name) {
                        setLayerName(name);
                    }

                    public KerasLayerNormalization(String name, double epsilon) {
                        setLayerName(name);
                        this.epsilon = epsilon;
                    }

                    public double getEpsilon() {
                        return epsilon;
                    }

                    public void setEpsilon(double epsilon) {
                        this.epsilon = epsilon;
                    }

                    public long getSize() {
                        return size;
                    }

                    public void setSize(long size) {
                        this.size = size;
                    }

                    public int getAxis() {
                        return axis;
                    }

                    public void setAxis(int axis) {
                        this.axis = axis;
                    }

                    @Override
                    public void setNIn(InputType input, boolean override) {
                        if (input instanceof InputType.InputTypeConvolutional image) {
                            size = image.getChannels();
                            axis = image.getFormat() == CNN2DFormat.NHWC ? 3 : 1;
                        } else {
                            size = input.arrayElementsPerExample();
                            axis = 1;
                        }
                    }

                    @Override
                    public InputType getOutputType(int layerIndex, InputType input) {
                        return input;
                    }

                    @Override
                    public void defineParameters(SDLayerParams params) {
                        params.addWeightParam("gamma", size);
                        params.addBiasParam("beta", size);
                    }

                    @Override
                    public void initializeParameters(Map<String, INDArray> params) {
                        params.get("gamma").assign(1);
                        params.get("beta").assign(0);
                    }

                    @Override
                    public SDVariable defineLayer(SameDiff sameDiff, SDVariable input, Map<String, SDVariable> params,
                                                  SDVariable mask) {
                        SDVariable centred = input.sub(input.mean(true, axis));
                        SDVariable variance = centred.mul(centred).mean(true, axis);
                        return centred.div(variance.add(epsilon).pow(0.5)).mul(params.get("gamma")).add(params.get("beta"));
                    }
                }
            """;
}
