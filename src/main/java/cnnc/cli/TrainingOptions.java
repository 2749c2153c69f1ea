package cnnc.cli;

import cnnc.analysis.Optimizer;
import cnnc.backend.training.Loss;
import cnnc.backend.training.TrainingSetup;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --loss}, {@code --optimizer} and {@code --learning-rate} of the code generators: with a loss,
 * the generated code trains as it is (an optimizer and learning rate alone would train nothing, so
 * they need {@code --loss}).
 */
final class TrainingOptions {
    private TrainingOptions() {
    }

    static final List<OptionDef> OPTIONS = List.of(
            OptionDef.value("--loss", "NAME", new LossWord(), null, "write the model ready to train with this loss: "
                    + String.join(", ", Loss.words()) + ", or Keras's or PyTorch's name of one (binary_crossentropy, "
                    + "BCELoss, ...; see docs/training.md); default: no loss"),
            OptionDef.value("--optimizer", "NAME", new ReportCommand.OptimizerWord(), null,
                    "with --loss: sgd, momentum, adam or rmsprop; default: adam"),
            OptionDef.value("--learning-rate", "RATE", new Rate(), null, "with --loss: the optimizer's learning rate; "
                    + "default: 0.01 for sgd and momentum, 0.001 for adam and rmsprop"));

    /** The training set-up the options ask for, empty without --loss. */
    static Optional<TrainingSetup> setup(Given given) {
        Loss loss = given.value("--loss");
        Optimizer optimizer = given.value("--optimizer");
        Double rate = given.value("--learning-rate");
        if (loss == null) {
            if (optimizer != null || rate != null) {
                throw new UsageError((optimizer != null ? "--optimizer" : "--learning-rate")
                        + " needs --loss: the loss is what the optimizer minimises (e.g. --loss mse)");
            }
            return Optional.empty();
        }
        Optimizer chosen = optimizer == null ? Optimizer.ADAM : optimizer;
        return Optional.of(new TrainingSetup(loss, chosen, rate == null ? TrainingSetup.defaultLearningRate(chosen) : rate));
    }

    static final class LossWord implements ITypeConverter<Loss> {
        @Override
        public Loss convert(String word) {
            return Loss.fromWord(word).orElseThrow(() -> new TypeConversionException("'" + word + "' is not a loss"
                    + Loss.closestName(word).map(near -> " (did you mean '" + near + "'?)").orElse("")
                    + "; choose " + String.join(", ", Loss.words()) + ", or Keras's or PyTorch's name of one "
                    + "(binary_crossentropy, categorical_crossentropy, BCELoss, CrossEntropyLoss, MSELoss, ...)"));
        }
    }

    static final class Rate implements ITypeConverter<Double> {
        @Override
        public Double convert(String text) {
            double rate;
            try {
                rate = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                rate = Double.NaN;
            }
            if (!(rate > 0 && rate < Double.POSITIVE_INFINITY) || !text.matches("[0-9.eE+-]+")) {
                throw new TypeConversionException("'" + text + "' is not a learning rate: a positive number such as 0.001");
            }
            return rate;
        }
    }
}
