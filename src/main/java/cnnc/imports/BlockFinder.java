package cnnc.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the blocks of a description written as flat statements: a run of statements that comes again the
 * same up to its numbers (widths, strides, kernel sizes, dropout rates, repetition counts) becomes a
 * {@code block} whose parameters are the numbers that differ between its uses, and each use one statement,
 * {@code residual(64)}; uses that follow each other the same become a repetition, {@code residual(64) x2},
 * which a later block may take whole, its count a parameter ({@code stage(s, f, n) { ...; residual(f) x(n) }}).
 * Runs become blocks shortest first (a unit before the stage that repeats it); among runs as short, the one
 * that leaves the shortest description, looking two choices ahead, and between equals the one whose uses
 * start and end where the source model's names change block (Keras's layer names, torch's module paths). A
 * statement that names its output or reads a named one is never in a block: a block sees nothing of its caller
 * but its parameters.
 */
final class BlockFinder {
    /** The most statements a block holds. */
    private static final int MAX_LENGTH = 12;
    private static final int BEAM = 3;
    private static final int LOOKAHEAD = 2;
    private static final int WIDTH = 100;
    private static final int JOINED_WIDTH = 60;
    /** What a name component shared across a use's edge costs, in lines: enough to choose between equals. */
    private static final double SEAM_COST = 0.002;
    /** What a parameter costs, in lines: a block of many parameters is harder to read than its lines show. */
    private static final double PARAMETER_COST = 0.3;
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![A-Za-z0-9_.\\-])\\d+(?:\\.\\d+)?(?![A-Za-z0-9_.])|(?<= x)\\d+$");
    private static final Pattern USE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\(([^()]*)\\)");
    private static final Pattern CONV_SIZE = Pattern.compile("\\b(conv|dwconv|sepconv|deconv) ([^\\s;|{}]+)([^;|{}]*)");
    private static final Pattern UNIT_STRIDE = Pattern.compile("\\b((?:conv|dwconv|sepconv|deconv) [^;|{}]*?) /1(?![0-9.x])");
    // compiled once: the search matches them against every statement of every state it tries
    private static final Pattern REPEATED = Pattern.compile("^(.*) x(\\d+)$", Pattern.DOTALL);
    private static final Pattern COUNTED = Pattern.compile(".* x\\d+$");
    private static final Pattern ONCE = Pattern.compile(" x1$");
    private static final Pattern TEMPLATE_COUNT = Pattern.compile(" x#( # [^\\n]*)$");
    /** Layers whose numbers are not block parameters in the language (a slope, an epsilon, constants). */
    private static final Set<String> FIXED = Set.of("normalize", "rescale", "leakyrelu", "elu", "bn", "ln",
            "input", "split", "shuffle", "prelu");

    /**
     * A top-level statement: its code, its comment, where it is in the source model (the Keras layer it makes,
     * the torch module path with {@code _} for the dots), whether a block may hold it, and
     * the channels of the tensor it reads (what {@code in.c} is in a block it starts), 0 where not known.
     */
    record Line(String code, String comment, String place, boolean eligible, long channels, String firstPlace) {
        Line(String code, String comment, String place, boolean eligible, long channels) {
            this(code, comment, place, eligible, channels, place);
        }

        Line with(String code) {
            return new Line(code, comment, place, eligible, channels, firstPlace);
        }
    }

    /** A block found: its definition's lines. */
    record Found(List<String> definitions, List<Line> lines, long work) {
    }

    private record Block(String name, List<String> params, List<String> body, List<String> definition, int seams,
                         Set<String> units) {
        double cost() {
            return definition.size() + PARAMETER_COST * params.size() + SEAM_COST * seams;
        }
    }

    /** A number in a statement that may differ between uses. */
    private record Slot(int start, int end, String value, String kind, boolean count, boolean argument) {
    }

    private record Candidate(List<Integer> uses, int length) {
    }

    /**
     * The statements with the blocks found so far, and what they cost in lines: worked out once, as a state is made,
     * since the search compares every candidate's state with others many times (a sort reads it log n times each).
     */
    private record State(List<Line> lines, List<Block> blocks, double cost) {
        static State of(List<Line> lines, List<Block> blocks) {
            double cost = 0;
            for (Block block : blocks) {
                cost += block.cost();
            }
            List<String> codes = lines.stream().map(Line::code).toList();
            for (String line : joined(codes)) {
                cost += lineCost(line);
            }
            return new State(lines, blocks, cost);
        }
    }

    private final Predicate<String> taken;
    /** The statements of every state made so far: the search's work, which {@link #budget} bounds. */
    private long work;
    private final long budget;

    private BlockFinder(Predicate<String> taken, long budget) {
        this.taken = taken;
        this.budget = budget;
    }

    /**
     * The work the search may do on a list of {@code statements}, counted as the statements of the states it makes.
     * A real model needs far less (timm's 45 CNN architectures at most 217,510, on 154 statements; lists of
     * 20,000 layers made of repeated units at most about 1.1 million), but on a long list where short runs come
     * again everywhere and no unit does, the candidates grow with the list and each is tried on the whole list,
     * again after every block taken: 41.6 million for 1,000 random statements (35 s), days for 20,000. Past the
     * budget the search takes no further block: the description keeps the blocks found so far, as correct, only
     * longer. A count, not a clock, so that the same model always gives the same description.
     */
    static long budget(int statements) {
        return 2_000_000L + 100L * statements;
    }

    /**
     * @param taken whether a word may not name a block (a language word, a name of the description)
     */
    static Found find(List<Line> lines, Predicate<String> taken) {
        List<Line> normal = new ArrayList<>();
        for (Line line : lines) {
            String code = spacedSizes(unitStrides(line.code));
            normal.add(line.with(line.eligible && repetition(code)[1].equals("1") ? code + " x1" : code));
        }
        BlockFinder finder = new BlockFinder(taken, budget(lines.size()));
        State state = finder.best(State.of(collapsed(normal), List.of()), LOOKAHEAD);
        List<String> definitions = new ArrayList<>();
        state.blocks.forEach(block -> block.definition.forEach(line -> definitions.add(plain(line))));
        List<Line> top = state.lines.stream().map(line -> line.with(plain(line.code))).toList();
        return new Found(definitions, top, finder.work);
    }

    /** Blocks taken one after another while one shortens the description, each the best of a few looked ahead. */
    private State best(State state, int depth) {
        while (work <= budget) {
            List<State> next = steps(state);
            if (next.isEmpty()) {
                return state;
            }
            State chosen = next.get(0);
            if (depth > 0 && next.size() > 1) {
                double cheapest = Double.MAX_VALUE;
                for (State option : next.subList(0, Math.min(BEAM, next.size()))) {
                    double cost = ahead(option, depth).cost();
                    if (cost < cheapest - 1e-9) {
                        cheapest = cost;
                        chosen = option;
                    }
                }
            }
            state = chosen;
        }
        return state;
    }

    private State ahead(State state, int depth) {
        for (int i = 0; i < depth && work <= budget; i++) {
            List<State> next = steps(state);
            if (next.isEmpty()) {
                return state;
            }
            state = next.get(0);
        }
        return state;
    }

    /** Every block that shortens the description, applied, the shortest result first. */
    private List<State> steps(State state) {
        double now = state.cost();
        List<State> shorter = new ArrayList<>();
        for (Candidate candidate : candidates(state.lines, state.blocks)) {
            if (work > budget) {
                break;
            }
            State applied = apply(state, candidate);
            if (applied != null && applied.cost() < now - 1e-9) {
                shorter.add(applied);
            }
        }
        shorter.sort((a, b) -> a.blocks.get(a.blocks.size() - 1).body.size() != b.blocks.get(b.blocks.size() - 1).body.size()
                ? Integer.compare(a.blocks.get(a.blocks.size() - 1).body.size(), b.blocks.get(b.blocks.size() - 1).body.size())
                : Double.compare(a.cost(), b.cost()));
        return shorter;
    }

    /** Runs of statements alike up to their numbers, found at least twice without overlapping. */
    private static List<Candidate> candidates(List<Line> lines, List<Block> blocks) {
        List<String> templates = lines.stream().map(line -> line.eligible ? template(line, blocks) : null).toList();
        Map<List<String>, List<Integer>> starts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            for (int length = 1; length <= MAX_LENGTH && i + length <= lines.size(); length++) {
                if (templates.get(i + length - 1) == null) {
                    break;
                }
                List<String> key = length == 1 ? List.of(unrepeated(templates.get(i))) : templates.subList(i, i + length);
                starts.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        List<Candidate> candidates = new ArrayList<>();
        starts.forEach((key, at) -> {
            if (at.size() < 2 || periodic(key) || unitTwice(lines, at.get(0), key.size(), blocks)) {
                return;
            }
            List<Integer> uses = new ArrayList<>();
            for (int start : at) {
                if (uses.isEmpty() || start >= uses.get(uses.size() - 1) + key.size()) {
                    uses.add(start);
                }
            }
            if (uses.size() >= 2) {
                candidates.add(new Candidate(uses, key.size()));
            }
        });
        return candidates;
    }

    /** A run that is a shorter run again and again is a repetition of that run, not a block of its own. */
    private static boolean periodic(List<String> key) {
        for (int period = 1; period < key.size(); period++) {
            if (key.size() % period == 0) {
                boolean repeats = true;
                for (int i = period; i < key.size() && repeats; i++) {
                    repeats = key.get(i).equals(key.get(i - period));
                }
                if (repeats) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A template without its repetition: one statement is a block whatever the count of each use. */
    private static String unrepeated(String template) {
        return TEMPLATE_COUNT.matcher(template).replaceAll("$1");
    }

    /**
     * A run holding the same merge or block use twice up to its numbers and its repetition (MobileNetV2's residual unit
     * at the end of one stage and again in the next) spans two uses of a smaller block: that block comes first.
     */
    private static boolean unitTwice(List<Line> lines, int start, int length, List<Block> blocks) {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = start; i < start + length; i++) {
            for (String unit : units(lines.get(i), blocks)) {
                if (!seen.add(unit)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The merges and blocks a statement is or holds, each once: a block use stands for its body too. */
    private static Set<String> units(Line line, List<Block> blocks) {
        Set<String> units = new java.util.HashSet<>();
        Matcher use = USE.matcher(line.code);
        if (use.lookingAt()) {
            for (Block block : blocks) {
                if (block.name.equals(use.group(1))) {
                    units.add(block.name);
                    units.addAll(block.units);
                }
            }
        } else if (line.code.contains("{")) {
            units.add(unrepeated(template(line, blocks)));
        }
        return units;
    }

    /** The state with the candidate's run as a block and each use a statement; null where a block cannot say it. */
    private State apply(State state, Candidate candidate) {
        work += state.lines.size();
        int length = candidate.length;
        List<Line> source = new ArrayList<>(state.lines);
        Map<Integer, String> counts = new HashMap<>();
        for (int use : candidate.uses) {
            String[] repeated = repetition(source.get(use).code);
            if (length == 1 && !repeated[1].equals("1")) {
                Line line = source.get(use);
                source.set(use, line.with(repeated[0]));
                counts.put(use, " x" + repeated[1]);
            }
        }
        List<List<Slot>> first = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            first.add(slots(source.get(candidate.uses.get(0) + i).code, state.blocks));
        }
        List<List<String>> columns = new ArrayList<>();
        for (int use : candidate.uses) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                slots(source.get(use + i).code, state.blocks).forEach(slot -> values.add(slot.value));
            }
            for (int j = 0; j < values.size(); j++) {
                if (columns.size() <= j) {
                    columns.add(new ArrayList<>());
                }
                columns.get(j).add(values.get(j));
            }
        }
        List<Slot> all = new ArrayList<>();
        first.forEach(all::addAll);
        List<String> channels = candidate.uses.stream().map(use -> String.valueOf(source.get(use).channels)).toList();
        Parameters parameters = new Parameters(all, columns, channels);
        List<String> params = parameters.names;
        List<List<String>> paramValues = parameters.values;
        List<String> rendered = parameters.rendered;
        List<String> body = new ArrayList<>();
        Set<String> comments = new LinkedHashSet<>();
        int column = 0;
        for (int i = 0; i < length; i++) {
            Line line = source.get(candidate.uses.get(0) + i);
            StringBuilder text = new StringBuilder();
            int at = 0;
            for (Slot slot : first.get(i)) {
                text.append(line.code, at, slot.start).append(rendered.get(column++));
                at = slot.end;
            }
            body.add(text.append(line.code.substring(at)).toString());
            if (!line.comment.isEmpty()) {
                comments.add(line.comment);
            }
        }
        String name = name(state, body);
        Set<String> units = new java.util.HashSet<>();
        for (int i = 0; i < length; i++) {
            units.addAll(units(source.get(candidate.uses.get(0) + i), state.blocks));
        }
        Block block = new Block(name, params, body, definition(name, params, body, String.join("; ", comments)),
                seams(source, candidate), units);
        List<Line> lines = new ArrayList<>();
        int next = 0;
        for (int u = 0; u < candidate.uses.size(); u++) {
            int use = candidate.uses.get(u);
            lines.addAll(source.subList(next, use));
            List<String> args = new ArrayList<>();
            for (List<String> values : paramValues) {
                args.add(values.get(u));
            }
            lines.add(new Line(name + "(" + String.join(", ", args) + ")" + counts.getOrDefault(use, ""), "",
                    source.get(use + length - 1).place, true, source.get(use).channels, source.get(use).firstPlace));
            next = use + length;
        }
        lines.addAll(source.subList(next, source.size()));
        List<Block> blocks = new ArrayList<>(state.blocks);
        blocks.add(block);
        return State.of(collapsed(lines), blocks);
    }

    /**
     * A block's parameters: a slot's number is written as it is where every use has the same, else it is a
     * parameter, the one of an earlier slot whose values are the same, or a multiple of a smaller one where
     * the language takes an expression there (ResNet's {@code conv 4*f@1} beside {@code conv f@1}).
     */
    private static final class Parameters {
        final List<String> names = new ArrayList<>();
        final List<List<String>> values = new ArrayList<>();
        final List<String> rendered = new ArrayList<>();

        Parameters(List<Slot> slots, List<List<String>> columns, List<String> channels) {
            List<List<String>> distinct = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            List<Boolean> multipliable = new ArrayList<>();
            int[] of = new int[slots.size()];
            for (int j = 0; j < slots.size(); j++) {
                List<String> column = columns.get(j);
                Slot slot = slots.get(j);
                if (column.stream().distinct().count() == 1) {
                    of[j] = -1;
                    continue;
                }
                int p = distinct.indexOf(column);
                if (p < 0) {
                    p = distinct.size();
                    distinct.add(column);
                    kinds.add(slot.kind);
                    multipliable.add(true);
                }
                of[j] = p;
                multipliable.set(p, multipliable.get(p) && !slot.count
                        && List.of("f", "u", "c").contains(slot.kind.replaceAll("[0-9]+$", "")));
            }
            int[] base = new int[distinct.size()];
            long[] factor = new long[distinct.size()];
            java.util.Arrays.fill(base, -1);
            List<Integer> smallestFirst = new ArrayList<>();
            for (int p = 0; p < distinct.size(); p++) {
                smallestFirst.add(p);
            }
            smallestFirst.sort((x, y) -> Double.compare(first(distinct.get(x)), first(distinct.get(y))));
            for (int i = 0; i < smallestFirst.size(); i++) {
                int p = smallestFirst.get(i);
                for (int k = 0; k < i && multipliable.get(p); k++) {
                    int q = smallestFirst.get(k);
                    Long times = factor(distinct.get(q), distinct.get(p));
                    if (base[q] < 0 && times != null) {
                        base[p] = q;
                        factor[p] = times;
                        break;
                    }
                }
            }
            String[] expression = new String[distinct.size()];
            for (int p = 0; p < distinct.size(); p++) {
                if (base[p] >= 0 || !multipliable.get(p) || channels.contains("0")) {
                    continue;
                }
                Long times = factor(channels, distinct.get(p), 1);
                int self = p;
                boolean isBase = java.util.stream.IntStream.range(0, base.length).anyMatch(q -> base[q] == self);
                Long part = isBase ? null : factor(distinct.get(p), channels, 2);
                if (times != null) {
                    expression[p] = times(times, "in.c");
                } else if (part != null) {
                    expression[p] = "in.c/" + part;
                }
            }
            for (int j = 0; j < slots.size(); j++) {
                int p = of[j];
                if (p >= 0 && base[p] < 0 && expression[p] == null) {
                    expression[p] = parameter(kinds.get(p), distinct.get(p));
                }
            }
            for (int p = 0; p < distinct.size(); p++) {
                if (base[p] < 0) {
                    continue;
                }
                String baseText = expression[base[p]];
                if (baseText.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    expression[p] = factor[p] + "*" + baseText;
                } else if (baseText.matches("(\\d+\\*)?in\\.c")) {
                    long times = baseText.equals("in.c") ? 1 : Long.parseLong(baseText.substring(0, baseText.indexOf('*')));
                    expression[p] = times(times * factor[p], "in.c");
                } else {
                    expression[p] = parameter(kinds.get(p), distinct.get(p));
                }
            }
            for (int j = 0; j < slots.size(); j++) {
                int p = of[j];
                Slot slot = slots.get(j);
                if (p < 0) {
                    rendered.add(slot.value);
                    continue;
                }
                String text = expression[p];
                boolean word = text.matches("[A-Za-z_][A-Za-z0-9_]*|in\\.c");
                rendered.add(word && !slot.count || !word && !slot.count && bare(slot) ? text : "(" + text + ")");
            }
        }

        /** A new parameter, named after what its numbers are ({@code f}, {@code f2}, {@code k}, ...). */
        private String parameter(String kind, List<String> numbers) {
            String base = kind.replaceAll("[0-9]+$", "");
            String name = base;
            for (int i = 2; names.contains(name); i++) {
                name = base + i;
            }
            names.add(name);
            values.add(numbers);
            return name;
        }

        /** Whether the language takes an expression here without parentheses: a filter count, units, an argument. */
        private static boolean bare(Slot slot) {
            return slot.argument || List.of("f", "u").contains(slot.kind);
        }

        private static String times(long factor, String what) {
            return factor == 1 ? what : factor + "*" + what;
        }

        private static double first(List<String> values) {
            return Double.parseDouble(values.get(0));
        }
    }

    /**
     * How far the block's uses cut through Keras's own blocks: at each edge of each use, how many leading parts
     * the layer names on either side share ({@code conv2_block1_out | conv2_block2_add} share one part,
     * {@code conv2_block1_add | conv2_block1_out} two). Keras names a block's layers after it, so between two
     * runs that save as many lines (ResNet's "add { ... }; relu" and "relu; add { ... }") the one whose uses
     * start and end where the names change is Keras's block. torch's module paths ({@code layer1_0_relu |
     * layer1_1_conv1}) say the same of a submodule's calls.
     */
    private static int seams(List<Line> lines, Candidate candidate) {
        int seams = 0;
        for (int use : candidate.uses) {
            if (use > 0) {
                seams += shared(lines.get(use - 1).place, lines.get(use).firstPlace);
            }
            int end = use + candidate.length;
            if (end < lines.size()) {
                seams += shared(lines.get(end - 1).place, lines.get(end).firstPlace);
            }
        }
        return seams;
    }

    private static int shared(String a, String b) {
        String[] x = a.split("_");
        String[] y = b.split("_");
        int i = 0;
        while (i < x.length && i < y.length && x[i].equals(y[i])) {
            i++;
        }
        return i;
    }

    /** The whole number k with values[i] = k * of[i] for every use, if there is one above 1. */
    private static Long factor(List<String> of, List<String> values) {
        return factor(of, values, 2);
    }

    private static Long factor(List<String> of, List<String> values, long least) {
        Long factor = null;
        for (int i = 0; i < of.size(); i++) {
            if (!of.get(i).matches("\\d+") || !values.get(i).matches("\\d+")) {
                return null;
            }
            long base = Long.parseLong(of.get(i));
            long value = Long.parseLong(values.get(i));
            if (base == 0 || value % base != 0 || (factor != null && factor != value / base)) {
                return null;
            }
            factor = value / base;
        }
        return factor != null && factor >= least ? factor : null;
    }

    /** The block's definition, on one line where it fits, else its statements wrapped inside braces. */
    private static List<String> definition(String name, List<String> params, List<String> body, String comment) {
        String head = "block " + name + "(" + String.join(", ", params) + ") {";
        String tail = comment.isEmpty() ? "" : "   # " + comment;
        String oneLine = head + " " + String.join("; ", body) + " }";
        if (oneLine.length() <= WIDTH && !String.join("", body).contains("\n")) {
            return List.of(oneLine + tail);
        }
        List<String> lines = new ArrayList<>();
        lines.add(head + tail);
        StringBuilder line = new StringBuilder();
        for (String statement : body) {
            if (statement.contains("\n") || line.length() > 0 && line.length() + 2 + statement.length() > WIDTH - 4) {
                if (line.length() > 0) {
                    lines.add("    " + line);
                    line.setLength(0);
                }
            }
            if (statement.contains("\n")) {
                statement.lines().forEach(part -> lines.add("    " + part));
                continue;
            }
            line.append(line.length() > 0 ? "; " : "").append(statement);
        }
        if (line.length() > 0) {
            lines.add("    " + line);
        }
        lines.add("}");
        return lines;
    }

    /**
     * The block's name, from what it holds: {@code stage} for one that repeats a unit a number of times it is
     * given, {@code residual} for a sum with its input, {@code mixed} for a concatenation (Inception's and
     * DenseNet's word), {@code gated} for a product, else its layers' words ({@code conv_bn_relu}).
     * keras.applications' layer names name a block's uses ({@code conv2_block1_add}), not the block; the
     * function that made them has no name in the JSON.
     */
    private String name(State state, List<String> body) {
        String first = body.get(0);
        String base;
        if (String.join("; ", body).matches("(?s).* x\\([a-z0-9]+\\).*")) {
            base = "stage";
        } else if (first.startsWith("add {")) {
            base = first.matches("(?s).*[{|] identity\\b.*") ? "residual" : "projected";
        } else if (first.startsWith("concat {")) {
            base = "mixed";
        } else if (first.startsWith("multiply {")) {
            base = "gated";
        } else {
            Set<String> words = new LinkedHashSet<>();
            for (String statement : String.join("; ", body).split(";")) {
                String word = statement.strip().split("[ (]", 2)[0];
                if (word.matches("[a-z][a-z0-9_]*") && words.size() < 3) {
                    words.add(word);
                }
            }
            base = words.isEmpty() ? "unit" : String.join("_", words);
        }
        Set<String> used = new LinkedHashSet<>();
        state.blocks.forEach(block -> used.add(block.name));
        String name = base;
        for (int i = 2; used.contains(name) || taken.test(name); i++) {
            name = base + i;
        }
        return name;
    }

    /** The numbers of a statement that a block may take as parameters, with what each is. */
    private static List<Slot> slots(String code, List<Block> blocks) {
        Map<Integer, String> argumentKinds = new HashMap<>();
        Matcher use = USE.matcher(code);
        while (use.find()) {
            for (Block block : blocks) {
                if (block.name.equals(use.group(1))) {
                    int at = use.start(2);
                    String[] args = use.group(2).split(",", -1);
                    for (int i = 0; i < args.length && i < block.params.size(); i++) {
                        int lead = args[i].length() - args[i].stripLeading().length();
                        argumentKinds.put(at + lead, block.params.get(i).replaceAll("[0-9]+$", ""));
                        at += args[i].length() + 1;
                    }
                }
            }
        }
        List<Slot> slots = new ArrayList<>();
        Matcher number = NUMBER.matcher(code);
        while (number.find()) {
            String kind = argumentKinds.containsKey(number.start()) ? argumentKinds.get(number.start())
                    : kind(code, number.start(), number.end());
            if (kind != null) {
                boolean count = number.end() == code.length() && code.substring(0, number.start()).endsWith(" x");
                slots.add(new Slot(number.start(), number.end(), number.group(), kind, count,
                        argumentKinds.containsKey(number.start())));
            }
        }
        return slots;
    }

    /** What a number is, from the words before it; null for one the language takes only as written. */
    private static String kind(String code, int start, int end) {
        String before = code.substring(0, start);
        String value = code.substring(start, end);
        if (before.endsWith(" x") && end == code.length()) {
            return "n";
        }
        String statement = before.substring(Math.max(Math.max(before.lastIndexOf(';'), before.lastIndexOf('|')),
                before.lastIndexOf('{')) + 1).strip();
        String word = statement.split(" ", 2)[0];
        if (FIXED.contains(word) || before.endsWith("-")) {
            return null;
        }
        if (value.contains(".")) {
            return word.equals("dropout") ? "r" : null;
        }
        if (end < code.length() && code.charAt(end) == '@') {
            return "f";
        }
        if (before.endsWith("@")) {
            return "k";
        }
        if (before.endsWith("/")) {
            return "s";
        }
        String[] words = statement.split(" ");
        String last = words.length > 1 ? words[words.length - 1] : "";
        return switch (last.isEmpty() ? word : last) {
            case "dropout" -> "r";
            case "reshape" -> "c";
            case "dense" -> "u";
            case "groups" -> "g";
            case "mult" -> "m";
            case "dil" -> "d";
            case "pad", "zeropad", "crop" -> "p";
            case "maxpool", "avgpool", "dwconv" -> "k";
            default -> word.equals("zeropad") || word.equals("crop") ? "p" : "a";
        };
    }

    /** The template a statement's uses share: its code with each parameter-able number a hole. */
    private static String template(Line line, List<Block> blocks) {
        StringBuilder text = new StringBuilder();
        int at = 0;
        for (Slot slot : slots(line.code, blocks)) {
            text.append(line.code, at, slot.start).append('#');
            at = slot.end;
        }
        return text.append(line.code.substring(at)).append(" # ").append(line.comment).toString();
    }

    /**
     * Statements of single layers that follow each other on one line, as a person writes a stem
     * ({@code zeropad 3; conv 64@7 /2; bn; relu}), up to a width; merges, block uses, names and comments keep
     * a line each.
     */
    static List<String> joined(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean open = false;
        for (String line : lines) {
            String code = ONCE.matcher(line).replaceAll("");
            boolean single = !code.contains("{") && !code.contains("(") && !code.contains(" as ") && !code.contains("#")
                    && !code.startsWith("from ") && !COUNTED.matcher(code).matches();
            if (single && open && out.get(out.size() - 1).length() + 2 + code.length() <= JOINED_WIDTH) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "; " + code);
                continue;
            }
            out.add(code);
            open = single;
        }
        return out;
    }

    /** Consecutive statements that are the same as one, repeated: {@code keep(64) x2}. */
    static List<Line> collapsed(List<Line> lines) {
        List<Line> out = new ArrayList<>();
        for (Line line : lines) {
            if (!out.isEmpty() && line.eligible) {
                Line last = out.get(out.size() - 1);
                String[] was = repetition(last.code);
                String[] is = repetition(line.code);
                if (last.eligible && was[0].equals(is[0]) && last.comment.equals(line.comment)) {
                    int times = Integer.parseInt(was[1]) + Integer.parseInt(is[1]);
                    out.set(out.size() - 1, last.with(was[0] + " x" + times));
                    continue;
                }
            }
            out.add(line);
        }
        return out;
    }

    /** A statement as what is repeated and how many times. */
    private static String[] repetition(String code) {
        Matcher times = REPEATED.matcher(code);
        if (times.matches() && !times.group(1).endsWith(" ")) {
            return new String[] {times.group(1), times.group(2)};
        }
        return new String[] {code, "1"};
    }

    private static double lineCost(String code) {
        return code.lines().count() + code.length() / 10000.0;
    }

    /** A convolution without a stride is written with {@code /1}, so that it matches one with a stride. */
    private static String unitStrides(String code) {
        Matcher conv = CONV_SIZE.matcher(code);
        StringBuilder text = new StringBuilder();
        while (conv.find()) {
            String rest = conv.group(3);
            String replacement = conv.group(1) + " " + conv.group(2) + (rest.contains("/") ? "" : " /1") + rest;
            conv.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        conv.appendTail(text);
        return text.toString();
    }

    /** Without the {@code /1}, {@code x1} and spaced sizes the search wrote so that statements match. */
    private static String plain(String code) {
        code = joinedSizes(code);
        return noUnitStrides(code.replaceAll(" x1(?=$|;| }|\\n|   #)", ""));
    }

    private static String joinedSizes(String code) {
        Matcher reshape = Pattern.compile("\\breshape ([^;|{} ]+(?: x [^;|{} ]+)+)").matcher(code);
        StringBuilder text = new StringBuilder();
        while (reshape.find()) {
            String sizes = reshape.group(1);
            reshape.appendReplacement(text, Matcher.quoteReplacement("reshape "
                    + (sizes.matches("[0-9]+( x [0-9]+)+") ? sizes.replace(" x ", "x") : sizes)));
        }
        reshape.appendTail(text);
        return text.toString();
    }

    /** A reshape's sizes spaced, {@code reshape 1 x 1 x 144}, so that each is a number a block may take. */
    private static String spacedSizes(String code) {
        Matcher reshape = Pattern.compile("\\breshape ([0-9]+(?:x[0-9]+)+)").matcher(code);
        StringBuilder text = new StringBuilder();
        while (reshape.find()) {
            reshape.appendReplacement(text, "reshape " + reshape.group(1).replace("x", " x "));
        }
        reshape.appendTail(text);
        return text.toString();
    }

    private static String noUnitStrides(String code) {
        String was;
        do {
            was = code;
            code = UNIT_STRIDE.matcher(code).replaceAll("$1");
        } while (!code.equals(was));
        return code;
    }
}
