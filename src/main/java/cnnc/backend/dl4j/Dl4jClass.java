package cnnc.backend.dl4j;

/** The classes of Deeplearning4j (and nd4j) that the generated code names, each imported where it is used. */
enum Dl4jClass implements JavaClass {
    ACTIVATION("org.nd4j.linalg.activations.Activation"),
    ACTIVATION_LAYER("org.deeplearning4j.nn.conf.layers.ActivationLayer"),
    ACTIVATION_LRELU("org.nd4j.linalg.activations.impl.ActivationLReLU"),
    ADAM("org.nd4j.linalg.learning.config.Adam"),
    BATCH_NORMALIZATION("org.deeplearning4j.nn.conf.layers.BatchNormalization"),
    CNN2D_FORMAT("org.deeplearning4j.nn.conf.CNN2DFormat"),
    CNN_LOSS_LAYER("org.deeplearning4j.nn.conf.layers.CnnLossLayer"),
    CNN3D_TO_FEED_FORWARD_PRE_PROCESSOR("org.deeplearning4j.nn.conf.preprocessor.Cnn3DToFeedForwardPreProcessor"),
    CNN_TO_FEED_FORWARD_PRE_PROCESSOR("org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor"),
    COMPUTATION_GRAPH("org.deeplearning4j.nn.graph.ComputationGraph"),
    COMPUTATION_GRAPH_CONFIGURATION("org.deeplearning4j.nn.conf.ComputationGraphConfiguration"),
    CONVOLUTION_1D_LAYER("org.deeplearning4j.nn.conf.layers.Convolution1DLayer"),
    CONVOLUTION_3D("org.deeplearning4j.nn.conf.layers.Convolution3D"),
    CONVOLUTION_LAYER("org.deeplearning4j.nn.conf.layers.ConvolutionLayer"),
    CONVOLUTION_MODE("org.deeplearning4j.nn.conf.ConvolutionMode"),
    CROPPING_2D("org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D"),
    DECONVOLUTION_2D("org.deeplearning4j.nn.conf.layers.Deconvolution2D"),
    DECONVOLUTION_3D("org.deeplearning4j.nn.conf.layers.Deconvolution3D"),
    DENSE_LAYER("org.deeplearning4j.nn.conf.layers.DenseLayer"),
    DEPTHWISE_CONVOLUTION_2D("org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D"),
    DROPOUT_LAYER("org.deeplearning4j.nn.conf.layers.DropoutLayer"),
    ELEMENT_WISE_VERTEX("org.deeplearning4j.nn.conf.graph.ElementWiseVertex"),
    GLOBAL_POOLING_LAYER("org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer"),
    INPUT_TYPE("org.deeplearning4j.nn.conf.inputs.InputType"),
    LAYER("org.deeplearning4j.nn.conf.layers.Layer"),
    LOSS_FUNCTIONS("org.nd4j.linalg.lossfunctions.LossFunctions"),
    LOSS_LAYER("org.deeplearning4j.nn.conf.layers.LossLayer"),
    MERGE_VERTEX("org.deeplearning4j.nn.conf.graph.MergeVertex"),
    MULTI_LAYER_CONFIGURATION("org.deeplearning4j.nn.conf.MultiLayerConfiguration"),
    MULTI_LAYER_NETWORK("org.deeplearning4j.nn.multilayer.MultiLayerNetwork"),
    NESTEROVS("org.nd4j.linalg.learning.config.Nesterovs"),
    NEURAL_NET_CONFIGURATION("org.deeplearning4j.nn.conf.NeuralNetConfiguration"),
    OUTPUT_LAYER("org.deeplearning4j.nn.conf.layers.OutputLayer"),
    PRELU_LAYER("org.deeplearning4j.nn.conf.layers.PReLULayer"),
    CONSTANT_DISTRIBUTION("org.deeplearning4j.nn.conf.distribution.ConstantDistribution"),
    POOLING_TYPE("org.deeplearning4j.nn.conf.layers.PoolingType"),
    RNN_FORMAT("org.deeplearning4j.nn.conf.RNNFormat"),
    RNN_TO_FEED_FORWARD_PRE_PROCESSOR("org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor"),
    RMS_PROP("org.nd4j.linalg.learning.config.RmsProp"),
    SCALE_VERTEX("org.deeplearning4j.nn.conf.graph.ScaleVertex"),
    SEPARABLE_CONVOLUTION_2D("org.deeplearning4j.nn.conf.layers.SeparableConvolution2D"),
    SGD("org.nd4j.linalg.learning.config.Sgd"),
    SUBSAMPLING_1D_LAYER("org.deeplearning4j.nn.conf.layers.Subsampling1DLayer"),
    SUBSAMPLING_3D_LAYER("org.deeplearning4j.nn.conf.layers.Subsampling3DLayer"),
    SUBSAMPLING_LAYER("org.deeplearning4j.nn.conf.layers.SubsamplingLayer"),
    UPSAMPLING_2D("org.deeplearning4j.nn.conf.layers.Upsampling2D"),
    UPSAMPLING_3D("org.deeplearning4j.nn.conf.layers.Upsampling3D"),
    WEIGHT_INIT("org.deeplearning4j.nn.weights.WeightInit"),
    ZERO_PADDING_LAYER("org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer");

    private final String qualifiedName;
    /** Cut once: the writer asks for it at every layer. */
    private final String simpleName;

    Dl4jClass(String qualifiedName) {
        this.qualifiedName = qualifiedName;
        this.simpleName = qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    String qualifiedName() {
        return qualifiedName;
    }

    @Override
    public String simpleName() {
        return simpleName;
    }

    /**
     * A layer whose builder takes a convolution mode, which the configuration's builder sets for them all
     * (Subsampling3DLayer keeps its own default, Same, so its mode is written on it).
     */
    boolean takesConvolutionMode() {
        return this == CONVOLUTION_LAYER || this == DEPTHWISE_CONVOLUTION_2D || this == SEPARABLE_CONVOLUTION_2D
                || this == DECONVOLUTION_2D || this == SUBSAMPLING_LAYER || this == CONVOLUTION_1D_LAYER
                || this == SUBSAMPLING_1D_LAYER || this == CONVOLUTION_3D || this == DECONVOLUTION_3D;
    }
}
