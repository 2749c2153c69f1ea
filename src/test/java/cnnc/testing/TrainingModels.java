package cnnc.testing;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.analysis.Optimizer;
import cnnc.backend.training.Loss;
import cnnc.backend.training.TrainingSetup;
import cnnc.source.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The models the training tests of every backend generate with {@code --loss} and train for a few steps
 * on random data: the seed (a sigmoid unit), an MNIST-style CNN, a ResNet-style graph ending in a softmax
 * layer of its own, the U-Net (a sigmoid per pixel), a per-pixel softmax and a model whose last layer is
 * in a block (DL4J's loss then a layer of its own after the block's call); between them every way a
 * DL4J network ends in its loss (OutputLayer, LossLayer, CnnLossLayer after a convolution, in a chain
 * and in a graph) and losses that read one-hot, class-index and binary targets.
 */
public final class TrainingModels {
    /** Steps each model trains for. */
    public static final int STEPS = 3;
    /** Examples per step. */
    public static final int BATCH = 2;

    /** A model, the loss and optimizer it trains with, and its compilation. */
    public record Model(String name, Path file, TrainingSetup setup, Compilation compilation) {
        public String loss() {
            return setup.loss().word();
        }
    }

    public static final List<Model> ALL = List.of(
            model("seed", "samples/seed.cnn", Loss.XENT, Optimizer.ADAM),
            model("mnist", "src/test/resources/training/mnist.cnn", Loss.MCXENT, Optimizer.SGD),
            model("resnet", "src/test/resources/training/resnet.cnn", Loss.SPARSE_MCXENT, Optimizer.MOMENTUM),
            model("unet", "samples/unet.cnn", Loss.XENT, Optimizer.RMSPROP),
            model("segment", "src/test/resources/training/segment.cnn", Loss.MCXENT, Optimizer.ADAM),
            model("head", "src/test/resources/training/head.cnn", Loss.KL_DIVERGENCE, Optimizer.ADAM));

    private TrainingModels() {
    }

    private static Model model(String name, String file, Loss loss, Optimizer optimizer) {
        Path path = Path.of(file);
        try {
            Compilation compilation = Compiler.compile(new SourceFile(file, Files.readString(path, StandardCharsets.UTF_8)));
            if (compilation.hasErrors()) {
                throw new IllegalStateException(file + " has errors: " + compilation.diagnostics());
            }
            return new Model(name, path, new TrainingSetup(loss, optimizer, TrainingSetup.defaultLearningRate(optimizer)),
                    compilation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
