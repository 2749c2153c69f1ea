package cnnc.backend.torch;

import cnnc.testing.PythonTraining;
import cnnc.testing.PythonVenv;
import cnnc.testing.TrainingModels;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code cnnc torch --loss}: each of {@link TrainingModels}' modules, trained with its own build_loss() and
 * build_optimizer(model) in real PyTorch (one process, {@code torch/train.py}) for a few steps on random
 * data: every loss finite, the loss changing, torch's parameters the report's trainable ones (the moving
 * statistics are buffers).
 */
class TorchTrainingTest {
    private static JsonNode results;

    @BeforeAll
    static void train() {
        Path manifest = PythonTraining.prepare(Path.of("target", "torch-training").toAbsolutePath(), model ->
                TorchBackend.generate(model.compilation(), Optional.of(model.setup())).python().orElseThrow());
        PythonVenv.Run run = TorchEnvironment.script("train.py", List.of(manifest.toString()), Duration.ofMinutes(10));
        results = PythonTraining.results(run.exit(), run.output());
    }

    @TestFactory
    Stream<DynamicTest> generatedModulesTrain() {
        return TrainingModels.ALL.stream().map(model -> DynamicTest.dynamicTest(model.name() + " --loss " + model.loss(),
                () -> PythonTraining.check("PyTorch", results, model,
                        m -> m.compilation().model().totals().trainableParams())));
    }

    /** Each PyTorch loss class --loss takes by name computes, in torch, what cnnc's build_loss() computes. */
    @org.junit.jupiter.api.Test
    void torchsLossNamesAreTheLossesTorchComputes() {
        Path manifest = cnnc.testing.LossNames.prepare(Path.of("target", "torch-loss-names").toAbsolutePath(),
                cnnc.backend.training.Loss::torchNames,
                (compilation, setup) -> TorchBackend.generate(compilation, Optional.of(setup)).python().orElseThrow());
        PythonVenv.Run run = TorchEnvironment.script("loss_names.py", List.of(manifest.toString()), Duration.ofMinutes(5));
        cnnc.testing.LossNames.check("PyTorch", cnnc.backend.training.Loss::torchNames, PythonTraining.results(run.exit(),
                run.output()));
    }
}
