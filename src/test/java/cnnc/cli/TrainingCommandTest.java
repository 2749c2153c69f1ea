package cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --loss}, {@code --optimizer} and {@code --learning-rate} of {@code cnnc dl4j}, {@code keras} and
 * {@code torch}: what each writes, E0603 for a loss that does not fit the output (at the last layer's line,
 * exit 1, nothing written), and bad values as bad command lines (exit 2). The training itself is tested
 * in each framework (Dl4jTrainingTest, KerasTrainingTest, TorchTrainingTest).
 */
class TrainingCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run cnnc(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("model.cnn"), text, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "dl4j  | Model.java | mcxent | dense 1 sigmoid | softmax | xent",
        "keras | model.py   | xent   | dense 3 softmax | sigmoid | mcxent, negativeloglikelihood, sparse_mcxent or kl_divergence",
        "torch | model.py   | kl_divergence | conv 2@1 relu | softmax | mse, mae, l1 or l2",
        "dl4j  | Model.java | sparse_mcxent | dense 4 | softmax | mse, mae, l1 or l2",
    })
    void aLossThatDoesNotFitTheOutputIsE0603AtTheLastLayerAndNothingIsWritten(String command, String output, String loss,
            String last, String needed, String fitting) throws IOException {
        Path description = file("input 8x8x1\nconv 4@3 relu\n" + last + "\n");
        Path written = dir.resolve(output);
        Run run = cnnc(command, description.toString(), "--loss", loss, "-o", written.toString());
        assertEquals(ExitCode.MODEL_ERRORS, run.exit(), run.err());
        assertTrue(run.err().contains(description + ":3:1: error[E0603]: --loss " + loss), run.err());
        assertTrue(run.err().contains("needs an output that ends in " + needed), run.err());
        assertTrue(run.err().contains("help: for this output use --loss " + fitting + "; or end the model in " + needed),
                run.err());
        assertFalse(Files.exists(written));
    }

    @Test
    void aMismatchInsideABlockIsReportedInTheBlockWithANoteWhereItIsUsed() throws IOException {
        Path description = file("input 4\nblock head(n) { dense n relu }\nhead(3)\n");
        Run run = cnnc("torch", description.toString(), "--loss", "mcxent");
        assertEquals(ExitCode.MODEL_ERRORS, run.exit(), run.err());
        assertTrue(run.err().contains(description + ":2:17: error[E0603]"), run.err());
        assertTrue(run.err().contains(description + ":3:1: in block 'head' (n=3), used here"), run.err());
    }

    @Test
    void aModelWithoutLayersHasNothingToTrain() throws IOException {
        Run run = cnnc("keras", file("input 4\n").toString(), "--loss", "mse");
        assertEquals(ExitCode.MODEL_ERRORS, run.exit(), run.err());
        assertTrue(run.err().contains("error[E0603]: --loss mse: the model has no layers to train"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dl4j", "keras", "torch"})
    void withoutLossNothingChanges(String command) {
        Run plain = cnnc(command, "samples/seed.cnn");
        assertEquals(ExitCode.OK, plain.exit(), plain.err());
        assertFalse(plain.out().contains("compile_model") || plain.out().contains("build_loss")
                || plain.out().contains("LossFunctions"), plain.out());
    }

    @Test
    void eachBackendWritesTheOptimizerWithItsLearningRate() {
        Run dl4j = cnnc("dl4j", "samples/lenet5.cnn", "--loss", "mcxent", "--optimizer", "rmsprop", "--learning-rate", "2e-4");
        assertTrue(dl4j.out().contains(".updater(new RmsProp(2.0E-4, 0.9, RmsProp.DEFAULT_RMSPROP_EPSILON))"), dl4j.out());
        assertTrue(dl4j.out().contains("new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)"), dl4j.out());
        Run keras = cnnc("keras", "samples/lenet5.cnn", "--loss", "l2", "--optimizer", "momentum");
        assertTrue(keras.out().contains("model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01, momentum=0.9), "
                + "loss=l2_loss)"), keras.out());
        assertTrue(keras.out().contains("def l2_loss(y_true, y_pred):"), keras.out());
        Run torch = cnnc("torch", "samples/lenet5.cnn", "--loss", "mse", "--learning-rate", "0.5");
        assertTrue(torch.out().contains("    return nn.MSELoss()\n"), torch.out());
        assertTrue(torch.out().contains("    return torch.optim.Adam(model.parameters(), lr=0.5)\n"), torch.out());
    }

    @Test
    void aGraphEndingInAMergeGetsALossLayerAsItsOutput() throws IOException {
        Path description = file("input 4x4x2\nadd { conv 2@1 | identity }\n");
        Run run = cnnc("dl4j", description.toString(), "--loss", "mse");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().contains("graph.addLayer(\"add1_loss\", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)"),
                run.out());
        assertTrue(run.out().contains("return graph.setOutputs(\"add1_loss\")"), run.out());
    }

    @Test
    void aLastLayerInABlockGetsALossLayerOfItsOwnAfterTheBlocksCall() throws IOException {
        Path description = file("input 4\nblock head(n) { dense 8 relu; dense n softmax }\nhead(3)\n");
        Run run = cnnc("dl4j", description.toString(), "--loss", "mcxent");
        assertEquals(ExitCode.OK, run.exit(), run.err());
        assertTrue(run.out().contains("graph.addLayer(head1 + \"_loss\", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)"),
                run.out());
        assertTrue(run.out().contains("return graph.setOutputs(head1 + \"_loss\")"), run.out());
        assertFalse(run.out().contains("OutputLayer"), "the block's code is every use's: " + run.out());
    }

    /**
     * Keras's names (its functions' and classes') and PyTorch's classes name the loss cnnc writes for that
     * framework: the same module as cnnc's word. That each computes what the framework's own loss computes is
     * checked in the frameworks, by KerasTrainingTest and TorchTrainingTest.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "binary_crossentropy | xent", "BinaryCrossentropy | xent", "categorical_crossentropy | mcxent",
        "sparse_categorical_crossentropy | sparse_mcxent", "mean_squared_error | mse", "mean_absolute_error | mae",
        "kl_divergence | kl_divergence", "KLDivergence | kl_divergence", "BCELoss | xent", "BCEWithLogitsLoss | xent",
        "CrossEntropyLoss | sparse_mcxent", "NLLLoss | sparse_mcxent", "MSELoss | mse", "L1Loss | mae",
        "KLDivLoss | kl_divergence", "bceloss | xent",
    })
    void eachFrameworksNamesAreTaken(String name, String word) {
        String model = word.equals("xent") ? "samples/seed.cnn" : "samples/lenet5.cnn";
        for (String command : new String[] {"dl4j", "keras", "torch"}) {
            Run framework = cnnc(command, model, "--loss", name);
            assertEquals(ExitCode.OK, framework.exit(), framework.err());
            assertEquals(cnnc(command, model, "--loss", word).out(), framework.out(), command + " --loss " + name);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--loss BCELos | 'BCELos' is not a loss (did you mean 'BCELoss'?)",
        "--loss binary_crosentropy | (did you mean 'binary_crossentropy'?)",
        "--loss huber | 'huber' is not a loss; choose mcxent,",
        "--loss mcxnet | 'mcxnet' is not a loss (did you mean 'mcxent'?)",
        "--loss | missing required parameter",
        "--optimizer adam | --optimizer needs --loss",
        "--learning-rate 0.1 | --learning-rate needs --loss",
        "--loss mse --optimizer adagrad | 'adagrad' is not an optimizer",
        "--loss mse --learning-rate 0 | '0' is not a learning rate",
        "--loss mse --learning-rate NaN | 'NaN' is not a learning rate",
        "--loss mse --learning-rate -1 | '-1' is not a learning rate",
    })
    void badTrainingOptionsAreBadCommandLines(String options, String message) {
        for (String command : new String[] {"dl4j", "keras", "torch"}) {
            String[] args = (command + " samples/seed.cnn " + options).split(" ");
            Run run = cnnc(args);
            assertEquals(ExitCode.USAGE, run.exit(), command + " " + options + ": " + run.err());
            assertTrue(run.err().contains(message), run.err());
            assertEquals("", run.out());
        }
    }
}
