package cnnc.backend.training;

import cnnc.ast.ActivationKind;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import java.util.List;

/**
 * Whether a loss fits the model's output: a cross-entropy reads probabilities, so the last layer must
 * end in the activation that makes them (E0603 at its line otherwise, naming the losses that fit).
 */
public final class OutputFit {
    private OutputFit() {
    }

    /** Reports E0603 when {@code loss} does not fit the model's last layer; true when it fits. */
    public static boolean check(CheckedModel model, Loss loss, Diagnostics diagnostics) {
        if (model.layers().isEmpty()) {
            diagnostics.add(Code.E0603, model.inputSpan(), "--loss " + loss.word() + ": the model has no layers to train",
                    "add the layers the loss should train, or write the model without --loss");
            return false;
        }
        CheckedLayer last = model.layers().get(model.layers().size() - 1);
        ActivationKind ends = last.activation();
        if (loss.needs().isEmpty() || loss.needs().get() == ends) {
            return true;
        }
        String needed = loss.needs().get().word();
        List<Loss> fit = Loss.fitting(ends).isEmpty() ? Loss.fitting(null) : Loss.fitting(ends);
        String fitting = words(fit);
        diagnostics.setContext(last.usedAt());
        diagnostics.add(Code.E0603, last.layer().span(), "--loss " + loss.word() + " (" + loss.meaning() + ") needs an output "
                        + "that ends in " + needed + ", and the last layer, " + last.name() + ", ends in "
                        + (ends == ActivationKind.LINEAR ? "no activation" : ends.word()),
                "for this output use --loss " + fitting + "; or end the model in " + needed);
        diagnostics.setContext(List.of());
        return false;
    }

    /** {@code xent}, {@code mse or mae}, {@code mse, mae, l1 or l2}. */
    private static String words(List<Loss> losses) {
        List<String> words = losses.stream().map(Loss::word).toList();
        return words.size() == 1 ? words.get(0) : String.join(", ", words.subList(0, words.size() - 1)) + " or "
                + words.get(words.size() - 1);
    }
}
