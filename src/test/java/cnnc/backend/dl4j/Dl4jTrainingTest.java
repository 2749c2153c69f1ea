package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.backend.training.Loss;
import cnnc.testing.Cases;
import cnnc.testing.TrainingModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code cnnc dl4j --loss}: each of {@link TrainingModels}' classes, compiled in this JVM, builds a network
 * that {@code fit} trains as it is, with the report's parameter count, for a few steps on random data:
 * the score (the loss) is finite at every step and changes.
 */
class Dl4jTrainingTest {
    @TempDir
    static Path work;
    private static GeneratedJava.Compiled compiled;

    @BeforeAll
    static void compile() {
        Map<String, String> sources = new LinkedHashMap<>();
        for (TrainingModels.Model model : TrainingModels.ALL) {
            sources.put(className(model), Dl4jBackend.generate(model.compilation(),
                    new JavaClassName("training", simpleName(model)), Optional.of(model.setup())).javaSource().orElseThrow());
        }
        compiled = GeneratedJava.compileEach(sources, work);
    }

    @TestFactory
    Stream<DynamicTest> generatedNetworksTrain() {
        return TrainingModels.ALL.stream().map(model -> Cases.named(model.name() + " --loss " + model.loss(),
                () -> train(model)));
    }

    private static void train(TrainingModels.Model model) {
        Object configuration = Dl4jConformanceTest.graphOrChain(compiled.load(className(model)));
        Model network;
        if (configuration instanceof MultiLayerConfiguration chain) {
            MultiLayerNetwork built = new MultiLayerNetwork(chain);
            built.init();
            network = built;
        } else {
            ComputationGraph built = new ComputationGraph((ComputationGraphConfiguration) configuration);
            built.init();
            network = built;
        }
        assertEquals(model.compilation().model().totals().params(), network.numParams(),
                model.name() + ": DL4J's parameter count with the loss layer is the report's");
        Random random = new Random(15);
        List<Double> scores = new ArrayList<>();
        for (int step = 0; step < TrainingModels.STEPS; step++) {
            DataSet batch = new DataSet(features(model, random), labels(model, random));
            if (network instanceof MultiLayerNetwork chain) {
                chain.fit(batch);
            } else {
                ((ComputationGraph) network).fit(batch);
            }
            scores.add(network.score());
        }
        System.out.println("DL4J " + model.name() + " --loss " + model.loss() + ": scores " + scores);
        assertTrue(scores.stream().allMatch(Double::isFinite), model.name() + ": scores " + scores);
        assertNotEquals(scores.get(0), scores.get(scores.size() - 1), model.name() + ": the loss does not change: " + scores);
    }

    private static INDArray features(TrainingModels.Model model, Random random) {
        return array(batchShape(model.compilation().model().input().dims()), index -> random.nextDouble());
    }

    /** Targets of the loss's kind for the output's shape (channels last, as the network's output). */
    private static INDArray labels(TrainingModels.Model model, Random random) {
        List<Long> output = model.compilation().model().layers().get(model.compilation().model().layers().size() - 1)
                .outputShape().dims();
        long classes = output.get(output.size() - 1);
        Loss loss = model.setup().loss();
        if (loss == Loss.SPARSE_MCXENT) {
            return array(new long[] {TrainingModels.BATCH, 1}, index -> random.nextInt((int) classes));
        }
        if (loss == Loss.MCXENT || loss == Loss.KL_DIVERGENCE) {
            long[] hot = new long[1];
            return array(batchShape(output), index -> {
                if (index % classes == 0) {
                    hot[0] = random.nextInt((int) classes);
                }
                return index % classes == hot[0] ? 1 : 0;
            });
        }
        return array(batchShape(output), index -> random.nextBoolean() ? 1 : 0);
    }

    private static long[] batchShape(List<Long> dims) {
        return Stream.concat(Stream.of((long) TrainingModels.BATCH), dims.stream()).mapToLong(Long::longValue).toArray();
    }

    private static INDArray array(long[] shape, java.util.function.LongToDoubleFunction value) {
        long size = java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] values = new double[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = value.applyAsDouble(i);
        }
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(DataType.FLOAT);
    }

    private static String simpleName(TrainingModels.Model model) {
        return Character.toUpperCase(model.name().charAt(0)) + model.name().substring(1);
    }

    private static String className(TrainingModels.Model model) {
        return "training." + simpleName(model);
    }
}
