package cnnc.check;

import cnnc.ast.Description;
import cnnc.ast.Input;
import cnnc.ast.Layer;
import cnnc.ast.ModelName;
import cnnc.ast.Num;
import cnnc.ast.Statement;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Propagates shapes through the layers in order and collects every mistake. A layer that fails
 * gets an unknown shape, and layers after it stay quiet until a shape is known again.
 */
public final class Checker {
    private final Diagnostics diagnostics = new Diagnostics();
    private final LayerRules rules = new LayerRules(diagnostics);
    private final List<CheckedLayer> layers = new ArrayList<>();
    private final Map<String, Integer> namesTaken = new HashMap<>();

    private Checker() {
    }

    /**
     * @param defaultName       the model's name when the description has no {@code model} statement
     * @param afterSyntaxErrors true if the parser reported errors; a missing input is then not
     *                          reported, as the broken line may have been it
     */
    public static CheckResult check(Description description, String defaultName, boolean afterSyntaxErrors) {
        Checker checker = new Checker();
        CheckedModel model = checker.run(description, defaultName, afterSyntaxErrors);
        return new CheckResult(model, checker.diagnostics.sorted());
    }

    private CheckedModel run(Description description, String defaultName, boolean quietAboutInput) {
        String name = modelName(description, defaultName);
        Shape input = null;
        Span inputSpan = null;
        boolean reportedEarlyLayer = false;
        Shape current = new Shape.Unknown();
        for (Statement statement : description.statements()) {
            if (statement instanceof ModelName) {
                continue;
            }
            if (isInput(statement)) {
                if (input != null) {
                    diagnostics.add(Code.E0301, statement.span(), "a model has one input; the first is at line "
                            + inputSpan.line(), "remove this one, or start a new file for another model");
                    continue;
                }
                input = statement instanceof Input declared ? inputShape(declared) : new Shape.Unknown();
                inputSpan = statement.span();
                current = input;
                continue;
            }
            Layer layer = (Layer) statement;
            if (input == null && !reportedEarlyLayer && !(layer instanceof Layer.Invalid)) {
                diagnostics.add(Code.E0302, layer.span(), "this layer comes before the input",
                        "start the description with the input, e.g. input 28x28x1");
                reportedEarlyLayer = true;
            }
            current = add(layer, current);
        }
        if (input == null && !reportedEarlyLayer && !quietAboutInput) {
            diagnostics.add(Code.E0300, new Span(0, 0, 1, 1), "the description has no input",
                    "start it with the input shape, e.g. input 28x28x1 for an image or input 784 for a vector");
        }
        return new CheckedModel(name, input == null ? new Shape.Unknown() : input, layers, totals(description.span()));
    }

    private Shape add(Layer layer, Shape in) {
        if (layer instanceof Layer.Dense && in instanceof Shape.Image) {
            in = row(new Layer.Flatten(layer.span()), "flatten", in, true);
        }
        return row(layer, op(layer), in, false);
    }

    private Shape row(Layer layer, String op, Shape in, boolean implicit) {
        Outcome outcome;
        try {
            outcome = rules.apply(layer, in);
        } catch (ParamTensor.CountOverflow overflow) {
            diagnostics.add(Code.E0405, layer.span(), "this layer's parameter count exceeds "
                    + String.format(java.util.Locale.ROOT, "%,d", Long.MAX_VALUE),
                    "no framework can hold this layer; check its sizes for a misplaced digit");
            outcome = Outcome.UNKNOWN;
        } catch (ArithmeticException overflow) {
            diagnostics.add(Code.E0406, layer.span(), "this layer's sizes exceed what 64-bit integers hold",
                    "check the sizes of this layer and of the input for a misplaced digit");
            outcome = Outcome.UNKNOWN;
        }
        int index = layers.size() + 1;
        layers.add(new CheckedLayer(index, uniqueName(layer, op), op, layer, List.of(index - 1), List.of(in),
                outcome.output(), outcome.tensors(), implicit));
        return outcome.output();
    }

    private Totals totals(Span whole) {
        long params = 0;
        long trainable = 0;
        long biases = 0;
        for (CheckedLayer layer : layers) {
            try {
                for (ParamTensor tensor : layer.tensors()) {
                    params = Math.addExact(params, tensor.count());
                    trainable += tensor.trainable() ? tensor.count() : 0;
                    biases += tensor.isBias() ? tensor.count() : 0;
                }
            } catch (ArithmeticException overflow) {
                diagnostics.add(Code.E0405, layer.layer().span(), "the model's parameter count passes "
                        + String.format(java.util.Locale.ROOT, "%,d", Long.MAX_VALUE) + " at this layer",
                        "no framework can hold this model; check the layer sizes for a misplaced digit");
                return new Totals(0, 0, 0, 0, 0, 0);
            }
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(params, Float.BYTES);
        } catch (ArithmeticException overflow) {
            diagnostics.add(Code.E0405, whole, "the parameters' size in bytes (" + String.format(java.util.Locale.ROOT, "%,d", params)
                    + " x 4) exceeds 64-bit integers", "check the layer sizes for a misplaced digit");
            bytes = 0;
        }
        return new Totals(params, trainable, params - trainable, params - biases, biases, bytes);
    }

    private String modelName(Description description, String defaultName) {
        ModelName first = null;
        for (Statement statement : description.statements()) {
            if (statement instanceof ModelName named) {
                if (first != null) {
                    diagnostics.add(Code.E0303, named.span(), "the model is already named '" + first.name()
                            + "' at line " + first.span().line(), "keep one model statement");
                } else {
                    first = named;
                }
            }
        }
        return first != null ? first.name() : defaultName;
    }

    private Shape inputShape(Input input) {
        boolean ok = true;
        for (Num dim : input.dims()) {
            if (dim.value() <= 0) {
                diagnostics.add(Code.E0403, dim.span(), "an input size must be at least 1, not " + dim.value());
                ok = false;
            }
        }
        if (!ok) {
            return new Shape.Unknown();
        }
        List<Num> d = input.dims();
        return d.size() == 1 ? new Shape.Vector(d.get(0).value())
                : new Shape.Image(d.get(0).value(), d.get(1).value(), d.get(2).value());
    }

    private static boolean isInput(Statement statement) {
        return statement instanceof Input
                || (statement instanceof Layer.Invalid invalid && invalid.word().equals("input"));
    }

    static String op(Layer layer) {
        if (layer instanceof Layer.Conv) {
            return "conv";
        } else if (layer instanceof Layer.Pool pool) {
            return pool.kind().word();
        } else if (layer instanceof Layer.GlobalPool pool) {
            return pool.kind() == cnnc.ast.PoolKind.AVG ? "gap" : "gmp";
        } else if (layer instanceof Layer.Dense) {
            return "dense";
        } else if (layer instanceof Layer.Flatten) {
            return "flatten";
        } else if (layer instanceof Layer.BatchNorm) {
            return "bn";
        } else if (layer instanceof Layer.Dropout) {
            return "dropout";
        } else if (layer instanceof Layer.Activate) {
            return "activation";
        }
        return "invalid";
    }

    /** conv1, conv2, ...; an activation layer is named after its function (relu1). */
    private String uniqueName(Layer layer, String op) {
        String stem = layer instanceof Layer.Activate activate ? activate.activation().kind().word() : op;
        return stem + namesTaken.merge(stem, 1, Integer::sum);
    }
}
