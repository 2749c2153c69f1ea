package cnnc.backend;

import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Value;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checked model as the code a person writes for it: the top level and each block instance a
 * body of items in order, each item a row made there or a block instance used there, and each value
 * a body reads or makes given a variable name. A backend writes a block's code once, from one of its
 * instances, and the top level's; rows stay the checker's, with its names.
 */
public final class Bodies {
    /** A name that ends in a number (conv1, b2): what a repetition's items are called. Compiled once, not per item. */
    private static final Pattern NUMBERED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*[A-Za-z_][0-9]+|[A-Za-z_][0-9]+");

    /** What a body holds, in order. */
    public sealed interface Item permits Row, Use {
        /** The row whose output this item leaves (a use of a block that gives several: its last). */
        int outputRow();

        /** The rows whose outputs this item leaves: one, or a block's declared outputs in order. */
        default List<Integer> outputRows() {
            return List.of(outputRow());
        }
    }

    /** A row made in the body itself. */
    public record Row(CheckedLayer layer) implements Item {
        @Override
        public int outputRow() {
            return layer.index();
        }
    }

    /** A block instance used in the body. */
    public record Use(BlockInstance instance) implements Item {
        @Override
        public int outputRow() {
            return instance.outputRow();
        }

        @Override
        public List<Integer> outputRows() {
            return instance.outputRows();
        }

        /** The rows of the caller it reads: its input (unless its block reads only its parameters), then each output passed as an argument. */
        public List<Integer> reads() {
            return instance.reads();
        }

        /** True for a use of a block that declares its outputs ({@code -> (y1, y2)}): its value is a tuple. */
        public boolean givesSeveral() {
            return !instance.outputs().isEmpty();
        }
    }

    /**
     * One body and the variables of its code.
     *
     * @param instance   the instance whose body this is; null for the top level
     * @param items      in the order the checker made them
     * @param inputRow   the row that enters the body (0 for the model's input; {@link BlockInstance#NO_INPUT}
     *                   in a block that reads only its parameters)
     * @param outputRow  the row that leaves it (the last, in a block that gives several)
     * @param outputs    the outputs passed in as arguments: parameter name to row
     * @param variables  the variable that holds each row's output, for the rows the body reads or makes;
     *                   "x" for a value read only by the item after the one that makes it
     * @param inputName  the variable of the body's input: "x", or "inputs" when it is read again later
     */
    public record Body(BlockInstance instance, List<Item> items, int inputRow, int outputRow,
                       Map<String, Integer> outputs, Map<Integer, String> variables, String inputName) {
        public Body {
            items = List.copyOf(items);
            outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
            variables = Map.copyOf(variables);
        }

        /** The rows each item reads. */
        public static List<Integer> reads(Item item) {
            return item instanceof Row row ? row.layer().inputs() : ((Use) item).reads();
        }

        /** The rows that leave the body: its last, or its block's declared outputs in order. */
        public List<Integer> outputRows() {
            return instance == null ? List.of(outputRow) : instance.outputRows();
        }

        /** True when the body reads the tensor before its use (every body but a block's that declares its outputs). */
        public boolean hasInput() {
            return inputRow != BlockInstance.NO_INPUT;
        }
    }

    private final CheckedModel model;
    private final Map<String, List<Item>> items = new HashMap<>();
    /** The as-names of each body, by its path: the row a name stands for, and the name. */
    private final Map<String, Map<Integer, String>> outputNames = new HashMap<>();

    private Bodies(CheckedModel model) {
        this.model = model;
        Map<String, Double> order = new HashMap<>();
        items.put("", new ArrayList<>());
        for (BlockInstance instance : model.blocks()) {
            items.put(instance.path(), new ArrayList<>());
        }
        for (CheckedLayer layer : model.layers()) {
            items.get(layer.block()).add(new Row(layer));
            for (String path = layer.block(); !path.isEmpty(); path = path.substring(0, Math.max(0, path.lastIndexOf('/')))) {
                order.putIfAbsent(path, layer.index() - 0.5);
            }
        }
        for (BlockInstance instance : model.blocks()) {
            if (order.containsKey(instance.path())) { // an instance that makes no layer leaves its input as it is: no code
                items.get(instance.parent()).add(new Use(instance));
            }
        }
        Comparator<Item> byRow = Comparator.comparingDouble(item -> item instanceof Row row ? row.layer().index()
                : order.get(((Use) item).instance().path()));
        items.values().forEach(list -> list.sort(byRow));
        for (CheckedModel.OutputName name : model.outputNames()) {
            outputNames.computeIfAbsent(name.scope(), path -> new HashMap<>()).putIfAbsent(name.row(), name.name());
        }
    }

    public static Bodies of(CheckedModel model) {
        return new Bodies(model);
    }

    public Body top() {
        return body(null, false);
    }

    /** The top level, its input held as "inputs" to the end (Keras's Model(inputs, outputs) reads it there). */
    public Body topKeepingInput() {
        return body(null, true);
    }

    /** The body of one instance, with its variables. */
    public Body body(BlockInstance instance) {
        return body(instance, false);
    }

    private Body body(BlockInstance instance, boolean keepInput) {
        String path = instance == null ? "" : instance.path();
        List<Item> list = items.get(path);
        int inputRow = instance == null ? 0 : instance.inputRow();
        int outputRow = instance == null ? (model.layers().isEmpty() ? 0 : model.layers().get(model.layers().size() - 1).index())
                : instance.outputRow();
        Map<String, Integer> outputs = new LinkedHashMap<>();
        if (instance != null) {
            instance.arguments().forEach((name, value) -> {
                if (value instanceof Value.Output output) {
                    outputs.put(name, output.row());
                }
            });
        }
        // where each value is read: item positions 1..n, and n + 1 for the body's result
        Map<Integer, List<Integer>> readers = new HashMap<>();
        for (int position = 0; position < list.size(); position++) {
            for (int row : Body.reads(list.get(position))) {
                readers.computeIfAbsent(row, key -> new ArrayList<>()).add(position + 1);
            }
        }
        List<Integer> outputRows = instance == null ? List.of(outputRow) : instance.outputRows();
        for (int row : outputRows) {
            readers.computeIfAbsent(row, key -> new ArrayList<>()).add(list.size() + 1);
        }
        Map<Integer, String> names = outputNames.getOrDefault(path, Map.of());
        Map<Integer, String> variables = new HashMap<>();
        // a set: a body of 20,000 named layers looked each name up in a list of the ones before (3 s of a 1 MiB torch)
        Set<String> taken = new HashSet<>(outputs.keySet());
        String inputName = onlyNext(readers.get(inputRow), 0) && !keepInput ? "x" : "inputs";
        if (inputRow != BlockInstance.NO_INPUT) {
            variables.put(inputRow, inputName);
        }
        taken.add("x");
        taken.add("inputs");
        outputs.forEach((name, row) -> variables.putIfAbsent(row, name));
        // an as-name given again (module(b1, b2) as (b1, b2)) is the same variable, once its value is read no more
        Map<String, Integer> holder = new HashMap<>();
        for (int position = 0; position < list.size(); position++) {
            Item item = list.get(position);
            List<Integer> rows = item.outputRows();
            for (int index = 0; index < rows.size(); index++) {
                int row = rows.get(index);
                if (variables.containsKey(row)) {
                    continue;
                }
                String variable;
                String name = names.get(row);
                if (name != null && (!taken.contains(name) || holder.containsKey(name)
                        && lastReader(readers.get(holder.get(name))) <= position + 1)) {
                    variable = name;
                    holder.put(name, row);
                } else if (rows.size() == 1 && onlyNext(readers.get(row), position + 1)) {
                    variable = "x";
                } else {
                    variable = rows.size() == 1 ? localName(item) : localName(item) + "_" + ((Use) item).instance()
                            .outputs().get(index).name();
                }
                if (!variable.equals("x")) {
                    taken.add(variable);
                }
                variables.put(row, variable);
            }
        }
        return new Body(instance, list, inputRow, outputRow, outputs, variables, inputName);
    }

    /** The last item position that reads a value: 0 when none does. */
    private static int lastReader(List<Integer> readers) {
        int last = 0;
        for (int reader : readers == null ? List.<Integer>of() : readers) {
            last = Math.max(last, reader);
        }
        return last;
    }

    /** True when every reader is the item right after position (a running value, "x"). */
    private static boolean onlyNext(List<Integer> readers, int position) {
        return readers != null && readers.stream().allMatch(reader -> reader == position + 1);
    }

    /** An item's name in its body: the row's name without its instance's path, or the instance's. */
    public static String localName(Item item) {
        return item instanceof Row row ? localName(row.layer()) : ((Use) item).instance().name();
    }

    /** {@code conv1} for {@code stage1.down1.conv1}. */
    public static String localName(CheckedLayer layer) {
        return layer.name().substring(layer.name().lastIndexOf('.') + 1);
    }

    /**
     * The count of the repetition that made a run of items ({@code keep(f) x(n-1)}, {@code conv f@3
     * same x(n)}), when it is an expression of the enclosing block's parameters: a backend writes a
     * loop for it. Null when the item is not repeated, or repeated a fixed number of times.
     */
    public static cnnc.ast.Expr repeatCount(BlockInstance enclosing, Item item) {
        cnnc.source.Span span = span(item);
        for (cnnc.ast.Statement statement : enclosing.definition().body()) {
            while (statement instanceof cnnc.ast.Named || statement instanceof cnnc.ast.Asserted) {
                statement = statement instanceof cnnc.ast.Named named ? named.statement()
                        : ((cnnc.ast.Asserted) statement).statement();
            }
            if (statement instanceof cnnc.ast.Repeat repeat && (repeat.statement() instanceof cnnc.ast.Call
                    || repeat.statement() instanceof cnnc.ast.Layer)
                    && repeat.statement().span().start() == span.start() && repeat.statement().span().end() == span.end()) {
                return repeat.count() instanceof cnnc.ast.Num || !cnnc.ast.Expr.isArithmetic(repeat.count()) ? null : repeat.count();
            }
        }
        return null;
    }

    /** Where an item is written: a block's call, a row's layer. */
    public static cnnc.source.Span span(Item item) {
        return item instanceof Use use ? use.instance().call() : ((Row) item).layer().layer().span();
    }

    /**
     * How many items from {@code position} one repetition with a written count made: uses of one
     * block, or rows of one layer, in a chain, each read only by the next, written by the backend as a
     * loop; 0 when the item there starts no such run, or when the backend's code for the items differs
     * ({@code sameCode}).
     */
    public static int repetition(Body body, int position, java.util.function.BiPredicate<Item, Item> sameCode) {
        List<Item> items = body.items();
        Item first = items.get(position);
        String name = localName(first);
        if (body.instance() == null || repeatCount(body.instance(), first) == null
                || !NUMBERED.matcher(name).matches()
                || first instanceof Use use && use.instance().arguments().values().stream().anyMatch(v -> v instanceof Value.Output)
                || first instanceof Row row && (row.layer().inputs().size() != 1 || row.layer().implicit())) {
            return 0;
        }
        if (position > 0 && sameStatement(items.get(position - 1), first)) {
            return 0; // not the repetition's first item: the loop, where there is one, starts there
        }
        int run = 1;
        while (position + run < items.size() && sameStatement(items.get(position + run), first)) {
            Item previous = items.get(position + run - 1);
            Item next = items.get(position + run);
            if (!reads(next).equals(List.of(previous.outputRow())) || !sameCode.test(first, next)
                    || !"x".equals(body.variables().get(previous.outputRow()))) {
                return 0;
            }
            run++;
        }
        return run;
    }

    private static boolean sameStatement(Item a, Item b) {
        return a.getClass() == b.getClass() && span(a).start() == span(b).start();
    }

    private static List<Integer> reads(Item item) {
        return item instanceof Use use ? use.reads() : ((Row) item).layer().inputs();
    }

    /** The statement a repetition is written in, for the comment over its loop. */
    public static cnnc.source.Span statementOf(BlockInstance enclosing, Item item) {
        cnnc.source.Span span = span(item);
        for (cnnc.ast.Statement statement : enclosing.definition().body()) {
            if (statement.span().start() <= span.start() && span.end() <= statement.span().end()) {
                return statement.span();
            }
        }
        return span;
    }

    /** Every block's instances, by block name, in the order the checker reached them. */
    public Map<String, List<BlockInstance>> instancesByBlock() {
        Map<String, List<BlockInstance>> byBlock = new LinkedHashMap<>();
        for (BlockInstance instance : model.blocks()) {
            if (!items.get(instance.path()).isEmpty()) {
                byBlock.computeIfAbsent(instance.block(), key -> new ArrayList<>()).add(instance);
            }
        }
        return byBlock;
    }
}
