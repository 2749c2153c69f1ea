package cnnc.editor;

import cnnc.Compilation;
import cnnc.ast.Asserted;
import cnnc.ast.Call;
import cnnc.ast.Input;
import cnnc.ast.ModelName;
import cnnc.ast.Named;
import cnnc.ast.Repeat;
import cnnc.ast.Statement;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Shape;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The output shape of each top-level line, {@code => 56x56x256} after its last statement, and of each
 * block used at the top level, after the call. A statement with its own {@code =>} shows it already (and
 * a wrong one is an error); a block's body gets none, since each use of the block has its own shapes.
 * With size variables in the input, the shapes are formulas ({@code => H/8 x W/8 x 256}) and the input's
 * line states the sizes accepted; where they are not stated, the shapes are those at the smallest sizes
 * accepted, and the input's line says so.
 */
public final class ShapeHints {
    /** {@code label} shown after the text at {@code offset}. */
    public record Hint(int offset, String label) {
    }

    private final Compilation compilation;
    private final CheckedModel model;
    private final List<Statement> top;
    private final Optional<SizeFormulas> formulas;

    private ShapeHints(Compilation compilation) {
        this.compilation = compilation;
        this.model = compilation.model();
        this.top = compilation.syntax().statements();
        this.formulas = SizeFormulas.of(compilation);
    }

    /** Every hint of the text, line ends first, then the block uses inside lines. */
    public static List<Hint> of(Compilation compilation) {
        ShapeHints hints = new ShapeHints(compilation);
        List<Hint> all = new ArrayList<>(hints.lineEnds());
        all.addAll(hints.calls());
        hints.sizes().ifPresent(all::add);
        return all;
    }

    /** After the last statement of each line, that statement's output. */
    private List<Hint> lineEnds() {
        int[] lastRow = lastRows();
        Map<Integer, Hint> byLine = new LinkedHashMap<>();
        int current = 0;
        for (int i = 0; i < top.size(); i++) {
            Statement statement = top.get(i);
            current = lastRow[i] >= 0 ? lastRow[i] : current;
            int line = line(statement.span());
            byLine.remove(line);
            if (statement instanceof ModelName || statement instanceof Input || statement instanceof Asserted) {
                continue;
            }
            if (shapeAfter(current).isKnown()) {
                byLine.put(line, hint(statement.span(), current));
            }
        }
        return List.copyOf(byLine.values());
    }

    /** For each top-level statement, the last row it made, or -1: rows are made in the order written. */
    private int[] lastRows() {
        int[] lastRow = new int[top.size()];
        Arrays.fill(lastRow, -1);
        for (CheckedLayer layer : model.layers()) {
            if (layer.block().isEmpty()) {
                record(lastRow, layer.layer().span(), layer.index());
            }
        }
        for (BlockInstance instance : model.blocks()) {
            if (instance.depth() == 0) {
                record(lastRow, instance.call(), instance.outputRow());
            }
        }
        return lastRow;
    }

    private void record(int[] lastRow, Span span, int row) {
        int index = statementAt(span.start());
        if (index >= 0) {
            lastRow[index] = Math.max(lastRow[index], row);
        }
    }

    /** The top-level statement that holds an offset, by binary search (statements are in source order). */
    private int statementAt(int offset) {
        int low = 0;
        int high = top.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Span span = top.get(middle).span();
            if (offset < span.start()) {
                high = middle - 1;
            } else if (offset >= span.end()) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /**
     * After a block used inside a top-level line (before more statements, in a merge's branch, in a
     * group), what the block's use gave; a call that is its line's last statement has the line's hint,
     * or its own assertion.
     */
    private List<Hint> calls() {
        Map<Integer, BlockInstance> lastUse = new LinkedHashMap<>();
        for (BlockInstance instance : model.blocks()) {
            if (instance.depth() == 0) {
                lastUse.put(instance.call().start(), instance);
            }
        }
        List<Integer> shownByTheLine = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            Statement statement = top.get(i);
            boolean lastOnLine = i + 1 == top.size() || line(top.get(i + 1).span()) != line(statement.span());
            if (core(statement) instanceof Call && (lastOnLine || statement instanceof Asserted)) {
                shownByTheLine.add(core(statement).span().start());
            }
        }
        List<Hint> hints = new ArrayList<>();
        for (BlockInstance instance : lastUse.values()) {
            if (!shownByTheLine.contains(instance.call().start()) && instance.outputShape().isKnown()) {
                hints.add(hint(instance.call(), instance.outputRow()));
            }
        }
        return hints;
    }

    /** The line a span ends on. */
    private int line(Span span) {
        return compilation.source().lineIndex(Math.max(0, Math.min(span.end(), compilation.source().text().length())));
    }

    /** The statement inside its name, repetition and assertion. */
    private static Statement core(Statement statement) {
        if (statement instanceof Named named) {
            return core(named.statement());
        } else if (statement instanceof Repeat repeat) {
            return core(repeat.statement());
        } else if (statement instanceof Asserted asserted) {
            return core(asserted.statement());
        }
        return statement;
    }

    private Shape shapeAfter(int row) {
        return row == 0 ? model.input() : model.layers().get(row - 1).outputShape();
    }

    /** The shape a row gives: its formula where the input has size variables and the sizes are stated. */
    private Hint hint(Span after, int row) {
        return new Hint(after.end(), "=> " + formulas.flatMap(f -> f.shape(row)).orElse(shapeAfter(row).toString()));
    }

    /** After the input, with size variables: the sizes accepted, or the sizes the shapes shown are for. */
    private Optional<Hint> sizes() {
        Optional<Statement> input = top.stream().filter(s -> core(s) instanceof Input).findFirst();
        if (formulas.isEmpty() || input.isEmpty()) {
            return Optional.empty();
        }
        SizeFormulas sizes = formulas.get();
        return Optional.of(new Hint(core(input.get()).span().end(), sizes.answer().isStated()
                ? "accepts " + sizes.accepted() : "shapes at " + sizes.at() + "; sizes accepted " + sizes.accepted()));
    }
}
