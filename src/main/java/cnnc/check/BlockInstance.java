package cnnc.check;

import cnnc.ast.BlockDef;
import cnnc.ast.Expr;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One use of a block, as the checker expanded it: the rows it made are those whose
 * {@link CheckedLayer#block()} is {@code path} or starts with {@code path + "/"}.
 *
 * @param path        the instance's path, outermost first ({@code stage2/down1}), unique in the model
 * @param block       the block's name
 * @param arguments   the parameters' values, in the block's order
 * @param call        where the block is used
 * @param inputRow    the row whose output enters the instance (0: the model's input)
 * @param inputShape  the shape that enters it
 * @param outputRow   the row whose output leaves it (its input row when it makes no layer)
 * @param outputShape the shape that leaves it
 * @param definition  the block as defined: its parameters and their defaults, for a backend that
 *                    writes the block's code once
 * @param given       the arguments as written at the call, by parameter name (expressions of the
 *                    enclosing block's parameters); a parameter left to its default is absent
 * @param outputs     for a block that declares its outputs ({@code -> (x, y)}), each of them in that
 *                    order; {@code inputRow} is then {@link #NO_INPUT}, as such a block reads only its
 *                    parameters, and {@code outputRow} and {@code outputShape} are the last output's.
 *                    Empty for a block that gives back its last tensor
 */
public record BlockInstance(String path, String block, Map<String, Value> arguments, Span call, int inputRow,
                            Shape inputShape, int outputRow, Shape outputShape, BlockDef definition,
                            Map<String, Expr> given, List<Output> outputs) {
    /** The input row of an instance of a block that reads only its parameters. */
    public static final int NO_INPUT = -1;

    /**
     * The maps are the checker's, made for this use alone and not changed after: kept as they are, not copied,
     * as a copy of each took an entry per parameter at every use (a block of 20,000 parameters: 20 MB).
     */
    public BlockInstance {
        arguments = Collections.unmodifiableMap(arguments);
        given = Collections.unmodifiableMap(given);
        outputs = List.copyOf(outputs);
    }

    /** A declared output of one instance: its name in the block, the row that makes it, its shape. */
    public record Output(String name, int row, Shape shape) {
    }

    /** True when the instance reads the tensor before its use (a block that does not declare its outputs). */
    public boolean hasInput() {
        return inputRow != NO_INPUT;
    }

    /** The rows the instance gives back: its declared outputs', or its last row. */
    public List<Integer> outputRows() {
        if (outputs.isEmpty()) {
            return List.of(outputRow);
        }
        List<Integer> rows = new ArrayList<>();
        for (Output output : outputs) {
            rows.add(output.row());
        }
        return rows;
    }

    /** The rows of the caller it reads: its input (if it has one), then each output passed as an argument. */
    public List<Integer> reads() {
        List<Integer> rows = new ArrayList<>();
        if (hasInput()) {
            rows.add(inputRow);
        }
        for (Value value : arguments.values()) {
            if (value instanceof Value.Output output) {
                rows.add(output.row());
            }
        }
        return rows;
    }

    /** {@code 56x56x18, 28x28x36}: the shapes it gives back. */
    public String outputShapesText() {
        if (outputs.isEmpty()) {
            return outputShape.toString();
        }
        List<String> shapes = new ArrayList<>();
        for (Output output : outputs) {
            shapes.add(output.shape().toString());
        }
        return String.join(", ", shapes);
    }

    /** {@code 56x56x18, 28x28x36}: the shapes it reads, its input's then the outputs passed to it. */
    public String inputShapesText() {
        List<String> shapes = new ArrayList<>();
        if (hasInput()) {
            shapes.add(inputShape.toString());
        }
        for (Value value : arguments.values()) {
            if (value instanceof Value.Output output) {
                shapes.add(output.tensor().shape().toString());
            }
        }
        return String.join(", ", shapes);
    }

    /** How many blocks enclose this one: 0 for an instance used at the top level. */
    public int depth() {
        return depthOf(path);
    }

    /** How many blocks enclose the one at {@code path} (its slashes), counted without a stream: it runs per row. */
    public static int depthOf(String path) {
        int slashes = 0;
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            slashes++;
        }
        return slashes;
    }

    /** The instance's own name, the last part of its path ({@code down1}). */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The enclosing instance's path, "" at the top level. */
    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** {@code down(f=64, s=1)}: the block with the values it was used with. */
    public String usage() {
        StringBuilder text = new StringBuilder(block).append('(');
        for (Map.Entry<String, Value> argument : arguments.entrySet()) {
            text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ")
                    .append(argument.getKey()).append('=').append(argument.getValue().text());
        }
        return text.append(')').toString();
    }

    /** True for a row made in this instance or in one nested in it. */
    public boolean contains(CheckedLayer layer) {
        return layer.block().equals(path) || layer.block().startsWith(path + "/");
    }
}
