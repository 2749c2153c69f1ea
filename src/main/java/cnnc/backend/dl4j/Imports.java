package cnnc.backend.dl4j;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The DL4J classes a generated file may use, imported when its code names them. */
final class Imports {
    private static final Map<String, String> PACKAGES = new TreeMap<>(Map.ofEntries(
            Map.entry("Activation", "org.nd4j.linalg.activations"),
            Map.entry("ActivationLayer", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("BaseActivationFunction", "org.nd4j.linalg.activations"),
            Map.entry("BatchNormalization", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("CNN2DFormat", "org.deeplearning4j.nn.conf"),
            Map.entry("CnnToFeedForwardPreProcessor", "org.deeplearning4j.nn.conf.preprocessor"),
            Map.entry("ComputationGraph", "org.deeplearning4j.nn.graph"),
            Map.entry("ComputationGraphConfiguration", "org.deeplearning4j.nn.conf"),
            Map.entry("ConvolutionLayer", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("Cropping2D", "org.deeplearning4j.nn.conf.layers.convolutional"),
            Map.entry("Deconvolution2D", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("ElementWiseVertex", "org.deeplearning4j.nn.conf.graph"),
            Map.entry("MergeVertex", "org.deeplearning4j.nn.conf.graph"),
            Map.entry("NoOp", "org.nd4j.linalg.learning.config"),
            Map.entry("Pair", "org.nd4j.common.primitives"),
            Map.entry("Transforms", "org.nd4j.linalg.ops.transforms"),
            Map.entry("Nd4j", "org.nd4j.linalg.factory"),
            Map.entry("INDArray", "org.nd4j.linalg.api.ndarray"),
            Map.entry("Map", "java.util"),
            Map.entry("SameDiff", "org.nd4j.autodiff.samediff"),
            Map.entry("SameDiffLambdaLayer", "org.deeplearning4j.nn.conf.layers.samediff"),
            Map.entry("SameDiffLambdaVertex", "org.deeplearning4j.nn.conf.layers.samediff"),
            Map.entry("SameDiffLayer", "org.deeplearning4j.nn.conf.layers.samediff"),
            Map.entry("SDIndex", "org.nd4j.autodiff.samediff"),
            Map.entry("ScaleVertex", "org.deeplearning4j.nn.conf.graph"),
            Map.entry("SDLayerParams", "org.deeplearning4j.nn.conf.layers.samediff"),
            Map.entry("SDVariable", "org.nd4j.autodiff.samediff"),
            Map.entry("SeparableConvolution2D", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("Upsampling2D", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("ConvolutionMode", "org.deeplearning4j.nn.conf"),
            Map.entry("DenseLayer", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("DepthwiseConvolution2D", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("DropoutLayer", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("GlobalPoolingLayer", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("InputType", "org.deeplearning4j.nn.conf.inputs"),
            Map.entry("MultiLayerConfiguration", "org.deeplearning4j.nn.conf"),
            Map.entry("MultiLayerNetwork", "org.deeplearning4j.nn.multilayer"),
            Map.entry("NeuralNetConfiguration", "org.deeplearning4j.nn.conf"),
            Map.entry("PoolingType", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("SubsamplingLayer", "org.deeplearning4j.nn.conf.layers"),
            Map.entry("WeightInit", "org.deeplearning4j.nn.weights"),
            Map.entry("ZeroPaddingLayer", "org.deeplearning4j.nn.conf.layers")));
    /** Classes only a network that trains (--loss) uses: other files name some of them in comments. */
    private static final Map<String, String> TRAINING = Map.of(
            "Adam", "org.nd4j.linalg.learning.config",
            "CnnLossLayer", "org.deeplearning4j.nn.conf.layers",
            "LossFunctions", "org.nd4j.linalg.lossfunctions",
            "LossLayer", "org.deeplearning4j.nn.conf.layers",
            "Nesterovs", "org.nd4j.linalg.learning.config",
            "OutputLayer", "org.deeplearning4j.nn.conf.layers",
            "RmsProp", "org.nd4j.linalg.learning.config",
            "Sgd", "org.nd4j.linalg.learning.config");
    private static final Pattern WORD = Pattern.compile("\\b[A-Z][A-Za-z0-9]*\\b");

    /** Names the generated class must not take: it would hide one of these or java.lang's. */
    static final Set<String> TAKEN = takenNames();

    private Imports() {
    }

    /** The import lines for the DL4J classes that {@code code} names, sorted by class name. */
    static String forCode(String code, boolean training) {
        Set<String> used = new java.util.TreeSet<>();
        Matcher matcher = WORD.matcher(code);
        while (matcher.find()) {
            String word = matcher.group();
            String pack = PACKAGES.containsKey(word) ? PACKAGES.get(word) : training ? TRAINING.get(word) : null;
            if (pack != null) {
                used.add(pack + "." + word);
            }
        }
        StringBuilder out = new StringBuilder();
        used.forEach(name -> out.append("import ").append(name).append(";\n"));
        return out.toString();
    }

    private static Set<String> takenNames() {
        Set<String> taken = new java.util.HashSet<>(PACKAGES.keySet());
        taken.addAll(TRAINING.keySet());
        taken.addAll(Set.of("String", "System", "Object", "Override"));
        taken.addAll(HelperClasses.ALL);
        return Set.copyOf(taken);
    }
}
