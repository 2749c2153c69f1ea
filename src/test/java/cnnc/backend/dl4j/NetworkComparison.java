package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.preprocessor.Cnn3DToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Compares a network that DL4J built from a generated configuration with cnnc's checked model, row
 * by row: parameters as DL4J counts them, and output shapes from a forward pass on zeros of the
 * declared input shape. DL4J's layers belong to the row whose name they carry, alone or with a
 * suffix ({@code maxpool1_scale}); a row's output is its last layer's.
 */
final class NetworkComparison {
    private final CheckedModel model;
    private final MultiLayerConfiguration configuration;
    private final MultiLayerNetwork network;
    private final List<String> names;

    NetworkComparison(CheckedModel model, MultiLayerConfiguration configuration) {
        this.model = model;
        this.configuration = configuration;
        this.network = new MultiLayerNetwork(configuration);
        network.init();
        this.names = IntStream.range(0, network.getnLayers())
                .mapToObj(i -> configuration.getConf(i).getLayer().getLayerName()).toList();
    }

    void assertSameAsReport() {
        List<INDArray> activations = network.feedForward(zeros(model.input()), false);
        TreeSet<Integer> claimed = new TreeSet<>();
        for (CheckedLayer row : model.layers()) {
            if (row.implicit()) {
                assertImplicitFlatten(row);
                continue;
            }
            List<Integer> group = layersOf(row.name());
            assertFalse(group.isEmpty(), "no DL4J layer for " + row.name() + " among " + names);
            long params = group.stream().mapToLong(i -> network.getLayer(i).numParams()).sum();
            assertEquals(row.params(), params, "parameters of " + row.name());
            INDArray output = activations.get(group.get(group.size() - 1) + 1);
            assertArrayEquals(batchOfOne(row.outputShape()), output.shape(), "output shape of " + row.name());
            claimed.addAll(group);
        }
        assertEquals(IntStream.range(0, names.size()).boxed().toList(), new ArrayList<>(claimed),
                "every DL4J layer belongs to a row of the report: " + names);
        assertEquals(model.totals().params(), network.numParams(), "total parameters");
    }

    /** DL4J flattens in front of the dense layer that follows: that layer reads the flattened length, channels-last. */
    private void assertImplicitFlatten(CheckedLayer row) {
        String reader = model.layers().get(row.index()).name();
        int index = layersOf(reader).get(0);
        FeedForwardLayer dense = (FeedForwardLayer) configuration.getConf(index).getLayer();
        assertEquals(((Shape.Vector) row.outputShape()).length(), dense.getNIn(), "length flattened by " + row.name());
        assertChannelsLast(configuration.getInputPreProcess(index), "the flattening " + row.name() + " in front of " + reader);
    }

    /** DL4J's flattening of an image or a volume, channels-last as the report's (a sequence's DL4J has not). */
    static void assertChannelsLast(InputPreProcessor flattening, String what) {
        if (flattening instanceof Cnn3DToFeedForwardPreProcessor volume) {
            assertFalse(volume.isNCDHW(), what + " is channels-last");
            return;
        }
        CnnToFeedForwardPreProcessor image = assertInstanceOf(CnnToFeedForwardPreProcessor.class, flattening, what);
        assertEquals(CNN2DFormat.NHWC, image.getFormat(), what + " is channels-last");
    }

    private List<Integer> layersOf(String row) {
        return IntStream.range(0, names.size())
                .filter(i -> names.get(i).equals(row) || names.get(i).startsWith(row + "_")).boxed().toList();
    }

    static INDArray zeros(Shape input) {
        return Nd4j.zeros(DataType.FLOAT, batchOfOne(input));
    }

    /** The report's shape with a batch of one in front; channels-last, as the generated network. */
    static long[] batchOfOne(Shape shape) {
        List<Long> dims = new ArrayList<>(shape.dims());
        dims.add(0, 1L);
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
