package cnnc.backend.keras;

import cnnc.testing.PythonTraining;
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
 * {@code cnnc keras --loss}: each of {@link TrainingModels}' modules, trained by its own compile_model()
 * in real Keras (one process, {@code keras/train.py}) for a few steps on random data: every loss finite,
 * the loss changing, Keras's parameter count the report's.
 */
class KerasTrainingTest {
    private static JsonNode results;

    @BeforeAll
    static void train() {
        Path manifest = PythonTraining.prepare(Path.of("target", "keras-training").toAbsolutePath(), model ->
                KerasBackend.generate(model.compilation(), Optional.of(model.setup())).python().orElseThrow());
        KerasEnvironment.Run run = KerasEnvironment.script("train.py", List.of(manifest.toString()), Duration.ofMinutes(10));
        results = PythonTraining.results(run.exit(), run.output());
    }

    @TestFactory
    Stream<DynamicTest> generatedModulesTrain() {
        return TrainingModels.ALL.stream().map(model -> DynamicTest.dynamicTest(model.name() + " --loss " + model.loss(),
                () -> PythonTraining.check("Keras", results, model, m -> m.compilation().model().totals().params())));
    }

    /** Each Keras loss name --loss takes computes, in Keras, what the module's compile_model() compiles. */
    @org.junit.jupiter.api.Test
    void kerassLossNamesAreTheLossesKerasComputes() {
        Path manifest = cnnc.testing.LossNames.prepare(Path.of("target", "keras-loss-names").toAbsolutePath(),
                cnnc.backend.training.Loss::kerasNames,
                (compilation, setup) -> KerasBackend.generate(compilation, Optional.of(setup)).python().orElseThrow());
        KerasEnvironment.Run run = KerasEnvironment.script("loss_names.py", List.of(manifest.toString()), Duration.ofMinutes(5));
        cnnc.testing.LossNames.check("Keras", cnnc.backend.training.Loss::kerasNames, PythonTraining.results(run.exit(),
                run.output()));
    }
}
