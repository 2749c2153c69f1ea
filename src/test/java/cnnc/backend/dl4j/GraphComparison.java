package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.ast.LayerKind;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Shape;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Compares a ComputationGraph that DL4J built from a generated configuration with cnnc's checked
 * model, row by row: parameters as DL4J counts them, what each row reads, and output shapes from
 * {@code feedForward} on zeros of the declared input shape. DL4J's vertices belong to the row whose
 * name they carry, alone or with a suffix ({@code conv3_pad}); a row's output is the one vertex of
 * its group that no other vertex of the group reads.
 */
final class GraphComparison {
    private final CheckedModel model;
    private final ComputationGraphConfiguration configuration;
    private final ComputationGraph network;

    GraphComparison(CheckedModel model, ComputationGraphConfiguration configuration) {
        this.model = model;
        this.configuration = configuration;
        this.network = new ComputationGraph(configuration);
        network.init();
    }

    void assertSameAsReport() {
        Map<String, INDArray> activations = network.feedForward(NetworkComparison.zeros(model.input()), false);
        TreeSet<String> claimed = new TreeSet<>();
        String[] outputs = new String[model.layers().size() + 1];
        outputs[0] = GraphWriter.INPUT;
        for (CheckedLayer row : model.layers()) {
            List<String> group = verticesOf(row.name());
            assertFalse(group.isEmpty(), "no DL4J vertex for " + row.name());
            long params = group.stream().map(network::getVertex).mapToLong(GraphComparison::params).sum();
            assertEquals(row.params(), params, "parameters of " + row.name());
            String output = outputOf(group);
            outputs[row.index()] = output;
            List<String> reads = row.inputs().stream().map(i -> outputs[i]).toList();
            assertEquals(reads, inputsFromOutside(group), "what " + row.name() + " reads");
            assertArrayEquals(NetworkComparison.batchOfOne(row.outputShape()), activations.get(output).shape(),
                    "output shape of " + row.name());
            if ((row.kind() == LayerKind.FLATTEN || row.kind() == LayerKind.RESHAPE) && row.outputShape() instanceof Shape.Vector) {
                assertFlattensChannelsLast(row, group);
            }
            claimed.addAll(group);
        }
        TreeSet<String> vertices = new TreeSet<>(configuration.getVertices().keySet());
        assertEquals(vertices, claimed, "every DL4J vertex belongs to a row of the report");
        assertEquals(List.of(outputs[model.layers().size()]), configuration.getNetworkOutputs(), "the output");
        assertEquals(model.totals().params(), network.numParams(), "total parameters");
    }

    private static long params(GraphVertex vertex) {
        return vertex.hasLayer() ? vertex.getLayer().numParams() : 0;
    }

    private List<String> verticesOf(String row) {
        return configuration.getVertices().keySet().stream()
                .filter(name -> name.equals(row) || name.startsWith(row + "_")).sorted().toList();
    }

    private String outputOf(List<String> group) {
        List<String> last = group.stream().filter(name -> group.stream()
                .noneMatch(other -> configuration.getVertexInputs().get(other).contains(name))).toList();
        assertEquals(1, last.size(), "one output among " + group);
        return last.get(0);
    }

    /** What the group's vertices that read from outside it read: the same for all of them (a grouped convolution's slices). */
    private List<String> inputsFromOutside(List<String> group) {
        List<List<String>> outside = group.stream().map(name -> configuration.getVertexInputs().get(name))
                .filter(inputs -> inputs.stream().noneMatch(group::contains)).distinct().toList();
        assertEquals(1, outside.size(), "the vertices of " + group + " that read from outside it read the same");
        return outside.get(0);
    }

    private void assertFlattensChannelsLast(CheckedLayer row, List<String> group) {
        if (!(row.inputShape() instanceof Shape.Grid)) {
            return;
        }
        LayerVertex vertex = assertInstanceOf(LayerVertex.class, configuration.getVertices().get(row.name()));
        NetworkComparison.assertChannelsLast(vertex.getPreProcessor(), "the flattening of " + row.name());
        assertTrue(group.size() == 1, row.name() + " is one layer");
    }
}
