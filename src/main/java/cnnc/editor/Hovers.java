package cnnc.editor;

import cnnc.Compilation;
import cnnc.ast.Call;
import cnnc.backend.report.Explanation;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.Formula;
import cnnc.check.ParamTensor;
import cnnc.check.Shape;
import cnnc.source.Span;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a layer or a block's use is, under the mouse, as markdown: shapes in and out, parameter tensors, MACs, and
 * the working of {@code report --explain}. In a block's body a layer is made once per use of the
 * block; the first use is worked out and every use's shapes listed. With size variables in the input, the
 * figures are at the smallest sizes accepted, and the hover adds each row's shape, parameters and MACs as
 * formulas and the sizes the layer refuses; on the input, the sizes accepted and the layers refusing the rest.
 */
public final class Hovers {
    /** Uses listed at most, for a block used many times (a repeated stage). */
    private static final int USES_SHOWN = 12;

    private Hovers() {
    }

    public static Optional<String> at(Compilation compilation, int offset) {
        Optional<String> onCall = Syntax.of(compilation.syntax()).statements().stream()
                .filter(found -> found.statement() instanceof Call call && Spans.contains(call.nameSpan(), offset))
                .findFirst().map(found -> callHover(compilation, (Call) found.statement()));
        return onCall.isPresent() ? onCall : layerHover(compilation, offset);
    }

    private static String callHover(Compilation compilation, Call call) {
        List<BlockInstance> uses = compilation.model().blocks().stream()
                .filter(i -> i.call().start() == call.span().start()).toList();
        StringBuilder text = new StringBuilder("block `").append(call.block()).append('`');
        if (uses.isEmpty()) {
            return text.append(": not expanded (see the diagnostics)").toString();
        }
        text.append(uses.size() == 1 ? ", used once here" : ", used " + uses.size() + " times here").append("\n\n");
        for (BlockInstance use : uses.subList(0, Math.min(uses.size(), USES_SHOWN))) {
            List<CheckedLayer> rows = compilation.model().layers().stream().filter(use::contains).toList();
            long params = rows.stream().mapToLong(CheckedLayer::params).sum();
            long macs = rows.stream().mapToLong(l -> l.cost().macs()).sum();
            text.append("- `").append(use.path()).append("` `").append(use.usage()).append("`: ")
                    .append(use.hasInput() ? use.inputShape().toString() : use.inputShapesText()).append(" -> ")
                    .append(use.outputShapesText()).append(", ")
                    .append(rows.isEmpty() ? "no rows" : rows.size() == 1 ? "row " + rows.get(0).index()
                            : "rows " + rows.get(0).index() + "-" + rows.get(rows.size() - 1).index())
                    .append(", ").append(Formula.grouped(params)).append(" parameters, ")
                    .append(Formula.grouped(macs)).append(" MACs\n");
        }
        if (uses.size() > USES_SHOWN) {
            text.append("- and ").append(uses.size() - USES_SHOWN).append(" more\n");
        }
        return text.toString();
    }

    private static Optional<String> layerHover(Compilation compilation, int offset) {
        Optional<Span> innermost = compilation.model().layers().stream()
                .filter(l -> !l.implicit() && Spans.contains(l.layer().span(), offset)).map(l -> l.layer().span())
                .min(Comparator.comparingInt(Span::length));
        if (innermost.isEmpty()) {
            return inputHover(compilation, offset);
        }
        List<CheckedLayer> made = compilation.model().layers().stream()
                .filter(l -> !l.implicit() && l.layer().span().start() == innermost.get().start()
                        && l.layer().span().end() == innermost.get().end()).toList();
        CheckedLayer first = made.get(0);
        if (!first.outputShape().isKnown() || first.inputShapes().stream().anyMatch(shape -> !shape.isKnown())) {
            return Optional.of("**" + first.name() + "** (row " + first.index() + "): " + shapesIn(first) + " -> "
                    + first.outputShape() + "; not worked out, since " + (first.outputShape().isKnown()
                    ? "what it reads is not known (an error before it)" : "it has an error (see its diagnostic)"));
        }
        StringBuilder text = new StringBuilder(summary(first));
        SizeFormulas.of(compilation).ifPresent(sizes -> text.append(withVariables(sizes, made, innermost.get())));
        text.append("\n\n```text\n")
                .append(Explanation.row(compilation, first)).append("```\n");
        if (made.size() > 1) {
            text.append("\nmade ").append(made.size()).append(" times, once per use of its block:\n\n");
            made.subList(0, Math.min(made.size(), USES_SHOWN)).forEach(l -> text.append("- row ").append(l.index())
                    .append(" (").append(l.name()).append(", in ").append(l.block()).append("): ").append(shapesIn(l))
                    .append(" -> ").append(l.outputShape()).append('\n'));
            if (made.size() > USES_SHOWN) {
                text.append("- and ").append(made.size() - USES_SHOWN).append(" more\n");
            }
        }
        return Optional.of(text.toString());
    }

    /** On the input of a model with size variables: the sizes it accepts, and the layer refusing each other size. */
    private static Optional<String> inputHover(Compilation compilation, int offset) {
        Optional<SizeFormulas> formulas = SizeFormulas.of(compilation);
        if (formulas.isEmpty() || !Spans.contains(compilation.model().inputSpan(), offset)) {
            return Optional.empty();
        }
        SizeFormulas sizes = formulas.get();
        StringBuilder text = new StringBuilder("**input** `").append(sizes.shape(0).orElse(compilation.model().input()
                .toString())).append("`: accepts ").append(sizes.accepted()).append("; the shapes shown are ")
                .append(sizes.answer().isStated() ? "formulas of the variables" : "at " + sizes.at())
                .append(", the figures in a layer's hover at ").append(sizes.at()).append(", the smallest accepted\n");
        List<String> refusals = sizes.refusals(null);
        if (!refusals.isEmpty()) {
            text.append("\nrefused, each by the first layer whose rule fails:\n\n");
            refusals.forEach(refusal -> text.append("- ").append(refusal).append('\n'));
        }
        return Optional.of(text.toString());
    }

    /** The rows a layer makes as formulas of the size variables, and the sizes it refuses first. */
    private static String withVariables(SizeFormulas sizes, List<CheckedLayer> made, Span layer) {
        StringBuilder text = new StringBuilder("\n\nat ").append(sizes.at()).append(", the smallest sizes accepted");
        if (!sizes.answer().isStated()) {
            return text.append("; the sizes accepted are ").append(sizes.accepted()).toString();
        }
        text.append("; as formulas of the size variables:\n\n");
        for (CheckedLayer row : made.subList(0, Math.min(made.size(), USES_SHOWN))) {
            sizes.row(row.index()).ifPresent(formulas -> text.append("- row ").append(row.index()).append(": output `")
                    .append(formulas.shape()).append("`, parameters `").append(formulas.params()).append("`, MACs `")
                    .append(formulas.macs()).append("`\n"));
        }
        List<String> refusals = sizes.refusals(layer);
        text.append(refusals.isEmpty() ? "\nrefuses no size the layers before it accept\n"
                : "\nthe first layer to refuse:\n\n");
        refusals.forEach(refusal -> text.append("- ").append(refusal).append('\n'));
        return text.toString().stripTrailing();
    }

    /** {@code conv1 (row 2): 230x230x3 -> 112x112x64; 9,408 parameters (kernel 7x7x3x64); 118,013,952 MACs}. */
    private static String summary(CheckedLayer layer) {
        String tensors = layer.tensors().stream().map(t -> t.name().word() + " " + t.shapeText())
                .collect(Collectors.joining(", "));
        return "**" + layer.name() + "** (row " + layer.index() + (layer.block().isEmpty() ? "" : ", in " + layer.block())
                + "): " + shapesIn(layer) + " -> " + layer.outputShape() + "; " + Formula.grouped(layer.params())
                + (layer.params() == 1 ? " parameter" : " parameters") + (tensors.isEmpty() ? "" : " (" + tensors + ")")
                + (trainableNote(layer.tensors())) + "; " + Formula.grouped(layer.cost().macs()) + " MACs";
    }

    private static String trainableNote(List<ParamTensor> tensors) {
        long fixed = tensors.stream().filter(t -> !t.trainable()).mapToLong(ParamTensor::count).sum();
        return fixed == 0 ? "" : ", " + Formula.grouped(fixed) + " not trained";
    }

    private static String shapesIn(CheckedLayer layer) {
        return layer.inputShapes().stream().map(Shape::toString).collect(Collectors.joining(" and "));
    }
}
