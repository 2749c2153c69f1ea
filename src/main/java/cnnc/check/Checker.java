package cnnc.check;

import cnnc.ast.ActivationKind;
import cnnc.ast.Asserted;
import cnnc.ast.BlockDef;
import cnnc.ast.Call;
import cnnc.ast.Defaults;
import cnnc.ast.Description;
import cnnc.ast.AstPrinter;
import cnnc.ast.Expr;
import cnnc.ast.From;
import cnnc.ast.Group;
import cnnc.ast.Habits;
import cnnc.ast.Identity;
import cnnc.ast.Input;
import cnnc.ast.Invalid;
import cnnc.ast.Layer;
import cnnc.ast.Merge;
import cnnc.ast.MergeKind;
import cnnc.ast.ModelName;
import cnnc.ast.Named;
import cnnc.ast.NamedOutputs;
import cnnc.ast.Num;
import cnnc.ast.Repeat;
import cnnc.ast.Statement;
import cnnc.ast.Words;
import cnnc.diag.Code;
import cnnc.diag.Diagnostic;
import cnnc.diag.Diagnostics;
import cnnc.diag.Guesses;
import cnnc.diag.Suggestions;
import cnnc.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks the description in order, expanding block calls, repetitions and merges into rows, and
 * propagates shapes through them, collecting every mistake. A layer that fails gets an unknown
 * shape, and the layers after it stay quiet until a shape is known again.
 */
public final class Checker {
    /**
     * Twenty times the rows of the largest published CNNs (about a thousand): every command on the
     * largest model it accepts then takes about a second.
     */
    public static final int MAX_ROWS = 20_000;
    /** Statements expanded, layers or not: {@code identity x9223372036854775807} must end too. */
    static final int MAX_STEPS = 200_000;
    /** Blocks using blocks: each level is a level of the checker's recursion. */
    static final int MAX_CALL_DEPTH = 64;

    /** What follows a mistake: nothing known, nothing to report. */
    private static final Tensor UNKNOWN = new Tensor(0, new Shape.Unknown());

    private final Diagnostics diagnostics = new Diagnostics();
    private final LayerRules rules = new LayerRules(diagnostics);
    /** "Did you mean" among the description's own names, answered once per word and within a budget. */
    private final Guesses guesses = new Guesses();
    private final Evaluator evaluator = new Evaluator(diagnostics, guesses);
    private final Instantiator instantiator = new Instantiator(evaluator);
    private final List<CheckedLayer> layers = new ArrayList<>();
    private final List<BlockInstance> instances = new ArrayList<>();
    private final List<CheckedModel.OutputName> outputNames = new ArrayList<>();
    private final List<CheckedModel.Merge> merges = new ArrayList<>();
    private final Map<String, BlockDef> blocks = new LinkedHashMap<>();
    private final Deque<Diagnostic.Note> callStack = new ArrayDeque<>();
    /** The names written after the block use being checked ({@code as (b1, b2)}), until the use takes them. */
    private NamedOutputs naming;
    /** The one name written after the block use being checked ({@code as e1}), until the use takes it. */
    private Named singleName;
    /** The call stack as a list, kept by every row made under it (copied once per block entered, not per row). */
    private List<Diagnostic.Note> context = List.of();
    /** Calls of no block already reported within a repetition or a block's use, which checks them again. */
    private final Set<Call> unknownCalls = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The layers' words and the blocks' names, for "did you mean" at a call of no block: made once. */
    private List<String> callableWords;
    /**
     * What a call of no block is told, by the word called and whether it has arguments ({@code blah},
     * {@code blah()}): made once, as a file may call one unknown word on each of 200,000 lines.
     */
    private final Map<String, Unknown> unknownWords = new HashMap<>();

    private record Unknown(String message, String hint) {
    }
    /** Each block's parameter names, in order, made once per block rather than once per call. */
    private final Map<BlockDef, List<String>> parameterNames = new IdentityHashMap<>();
    private long steps;
    private boolean tooLarge;
    /** The input's shape, where notes about a size's path start. */
    private Shape modelInput = new Shape.Unknown();

    private final FormulaReader formulas;
    /** The shapes asserted as formulas of the size variables, for the accepted sizes' analysis to prove. */
    private final List<AssertedFormula> claims = new ArrayList<>();

    private final Diagnostics formulaDiagnostics;

    private Checker(Set<String> sizeVariables, boolean formulasQuiet) {
        formulaDiagnostics = formulasQuiet ? new Diagnostics() : diagnostics;
        formulas = new FormulaReader(evaluator, formulaDiagnostics, sizeVariables);
    }

    /**
     * @param defaultName       the model's name when the description has no {@code model} statement
     * @param afterSyntaxErrors true if the parser reported errors; a missing input is then not
     *                          reported, as the broken line may have been it
     */
    public static CheckResult check(Description description, String defaultName, boolean afterSyntaxErrors) {
        return check(description, defaultName, afterSyntaxErrors, List.of(), false);
    }

    /**
     * @param sizeVariables the input's size variables ({@code [H, W]}), given values in the description: a
     *                      shape asserted as a formula of them is read, not checked, here (it is a claim
     *                      about every size accepted, which the accepted sizes' analysis proves)
     * @param formulasQuiet  true where the accepted sizes' analysis runs the checker at many sizes: a formula
     *                      that is not one (E0803) is the compiler's to report, once, not a reason to refuse
     *                      every size
     */
    public static CheckResult check(Description description, String defaultName, boolean afterSyntaxErrors,
                                    List<String> sizeVariables, boolean formulasQuiet) {
        Checker checker = new Checker(Set.copyOf(sizeVariables), formulasQuiet);
        CheckedModel model = checker.run(description, defaultName, afterSyntaxErrors);
        return new CheckResult(model, checker.diagnostics.sorted(), checker.claims);
    }

    private CheckedModel run(Description description, String defaultName, boolean quietAboutInput) {
        String name = modelName(description, defaultName);
        defineBlocks(description.blocks());
        Shape input = null;
        Span inputSpan = null;
        Scope scope = null;
        Scope beforeInput = Scope.top(new Shape.Unknown());
        Tensor current = new Tensor(0, new Shape.Unknown());
        boolean reportedEarlyLayer = false;
        Defaults defaults = Defaults.NONE;
        Statement firstLayer = null;
        for (Statement written : description.statements()) {
            Statement statement = header(written);
            if (statement instanceof ModelName) {
                continue;
            }
            if (written instanceof Defaults set) {
                if (defaults(set, defaults, firstLayer)) {
                    defaults = set;
                    instantiator.use(set);
                }
                continue;
            }
            if (isInput(statement)) {
                if (input != null) {
                    diagnostics.add(Code.E0301, statement.span(), "a model has one input; the first is at line "
                            + inputSpan.line(), "remove this one, or start a new file for another model");
                    continue;
                }
                input = statement instanceof Input declared ? inputShape(declared) : new Shape.Unknown();
                modelInput = input;
                inputSpan = statement.span();
                current = new Tensor(0, input);
                scope = Scope.top(input);
                if (written instanceof Asserted asserted) {
                    verify(asserted, current, scope);
                }
                continue;
            }
            statement = written;
            if (firstLayer == null && !(statement instanceof Invalid)) {
                firstLayer = statement;
            }
            if (input == null && !reportedEarlyLayer && !(statement instanceof Invalid)) {
                diagnostics.add(Code.E0302, statement.span(), "this layer comes before the input",
                        "start the description with the input, e.g. input 28x28x1");
                reportedEarlyLayer = true;
            }
            current = statement(statement, current, scope != null ? scope : beforeInput);
        }
        if (!quietAboutInput) { // a statement the parser dropped may have been what read a row
            unread();
        }
        if (input == null && !reportedEarlyLayer && !quietAboutInput) {
            diagnostics.add(Code.E0300, new Span(0, 0, 1, 1), "the description has no input",
                    "start it with the input shape, e.g. input 28x28x1 for an image or input 784 for a vector");
        }
        return new CheckedModel(name, input == null ? new Shape.Unknown() : input,
                inputSpan == null ? new Span(0, 0, 1, 1) : inputSpan, layers, totals(description.span()), instances,
                outputNames, merges, defaults);
    }

    /** True when a {@code defaults} statement may set the file's defaults: the first, before any layer (else reported). */
    private boolean defaults(Defaults set, Defaults before, Statement firstLayer) {
        if (!before.isNone()) {
            diagnostics.add(Code.E0709, set.span(), "the defaults are already set at line " + before.span().line(),
                    "keep one 'defaults' statement with every setting, e.g. defaults torch bn eps 0.001");
            return false;
        }
        if (firstLayer != null) {
            diagnostics.add(Code.E0709, set.span(), "'defaults' comes before the layers: it sets them all, in the "
                    + "whole file", "move it above line " + firstLayer.span().line() + ", next to 'model' and 'input'");
            return false;
        }
        return true;
    }

    private Tensor run(List<Statement> statements, Tensor in, Scope scope) {
        Tensor current = in;
        for (Statement statement : statements) {
            current = statement(statement, current, scope);
        }
        return current;
    }

    private Tensor statement(Statement statement, Tensor in, Scope scope) {
        if (tooLarge) {
            return unknown();
        }
        if (++steps > MAX_STEPS) {
            tooLarge(statement.span(), String.format(Locale.ROOT, "the model expands to more than %,d statements "
                    + "(layers, block uses and repetitions, with or without layers)", MAX_STEPS));
            return unknown();
        }
        return statement.accept(new Step(in, scope));
    }

    /** One statement applied to the tensor it reads, in its scope. */
    private final class Step implements Statement.Visitor<Tensor> {
        private final Tensor in;
        private final Scope scope;

        Step(Tensor in, Scope scope) {
            this.in = in;
            this.scope = scope;
        }

        @Override
        public Tensor visitAsserted(Asserted asserted) {
            Tensor out = statement(asserted.statement(), in, scope);
            // a shape that is not what the description says is a mistake like a layer's: what follows is
            // quiet until a shape is known again, so that one mistake gives one error
            return verify(asserted, out, scope) ? out : new Tensor(out.row(), new Shape.Unknown());
        }

        @Override
        public Tensor visitNamed(Named named) {
            singleName = named.statement() instanceof Call ? named : null;
            Tensor out = statement(named.statement(), in, scope);
            singleName = null;
            if (out.isAbsent()) {
                return out; // a block's several outputs, named one by one: reported at the use
            }
            if (name(named.statement(), named.name(), named.nameSpan(), out, scope)
                    && (out.row() != in.row() || named.statement() instanceof Identity)) {
                outputNames.add(new CheckedModel.OutputName(scope.path, out.row(), named.name()));
            }
            return out;
        }

        @Override
        public Tensor visitNamedOutputs(NamedOutputs named) {
            if (!(named.statement() instanceof Call call)) {
                Span names = named.nameSpans().get(0).to(named.nameSpans().get(named.nameSpans().size() - 1));
                diagnostics.add(Code.E0720, names, "'as (" + String.join(", ", named.names()) + ")' names the outputs "
                        + "of a block that declares several, but this statement gives one tensor", named.statement()
                        instanceof Repeat ? "a repetition would give each use the same arguments: repeat the use with "
                        + "its names, { " + AstPrinter.print(named.statement()).replaceFirst(" x\\(?[^ ]*$", "")
                        + " as (" + String.join(", ", named.names()) + ") } x2" : "write 'as NAME' for one tensor");
                if (!in.isAbsent()) {
                    statement(named.statement(), in, scope); // for its own mistakes, if any
                }
                return unknown();
            }
            naming = named;
            Tensor out = call(call, in, scope);
            naming = null;
            if (out.outputs().size() != named.names().size()) {
                return unknown(); // reported, or a mistake in the block: what follows is quiet
            }
            for (int i = 0; i < named.names().size(); i++) {
                Tensor output = out.outputs().get(i);
                if (name(call, named.names().get(i), named.nameSpans().get(i), output, scope)) {
                    outputNames.add(new CheckedModel.OutputName(scope.path, output.row(), named.names().get(i)));
                }
            }
            return Tensor.several(out.outputs(), "the statement before gives " + named.names().size() + " outputs ("
                    + String.join(", ", named.names()) + ")");
        }

        @Override
        public Tensor visitFrom(From from) {
            Tensor start = named(from.name(), from.nameSpan(), scope);
            return start == null ? unknown() : start;
        }

        @Override
        public Tensor visitRepeat(Repeat repeat) {
            return repeat(repeat, in, scope);
        }

        @Override
        public Tensor visitCall(Call call) {
            return call(call, in, scope);
        }

        @Override
        public Tensor visitMerge(Merge merge) {
            return merge(merge, in, scope);
        }

        @Override
        public Tensor visitGroup(Group group) {
            return run(group.statements(), in, scope);
        }

        @Override
        public Tensor visitModelName(ModelName model) {
            return misplaced(model, "model");
        }

        @Override
        public Tensor visitInput(Input input) {
            return misplaced(input, "input");
        }

        @Override
        public Tensor visitDefaults(Defaults defaults) {
            return misplaced(defaults, "defaults");
        }

        private Tensor misplaced(Statement statement, String word) {
            diagnostics.add(Code.E0709, statement.span(), "'" + word
                    + "' belongs at the top of the description, not inside a block or branch");
            return unknown();
        }

        @Override
        public Tensor visitLayer(Layer layer) {
            if (in.isAbsent()) {
                return noInput(layer, in);
            }
            Layer concrete = instantiator.instantiate(layer, scope);
            return concrete == null ? unknown() : add(concrete, in, scope);
        }

        @Override
        public Tensor visitIdentity(Identity identity) {
            return in;
        }

        @Override
        public Tensor visitInvalid(Invalid invalid) {
            return unknown(); // reported by the parser
        }
    }

    /**
     * Gives {@code name} to {@code out}, false (reported) when it is taken: a name is given once in a
     * scope, except by a block's use that reads it as an argument, which carries it forward
     * ({@code module(b1, b2) as (b1, b2)}, as HRNet's stages update their branches).
     */
    private boolean name(Statement statement, String name, Span nameSpan, Tensor out, Scope scope) {
        Tensor earlier = scope.named.putIfAbsent(name, out);
        if (earlier == null) {
            return true;
        }
        if (statement instanceof Call call && readsArgument(call, name)) {
            scope.named.put(name, out);
            return true;
        }
        diagnostics.add(Code.E0706, nameSpan, "the name '" + name + "' is already taken here",
                "give each named output its own name; a block's use may give again a name it reads as an "
                        + "argument, as in module(" + name + ") as " + name);
        return false;
    }

    private static boolean readsArgument(Call call, String name) {
        for (Call.Argument argument : call.arguments()) {
            if (argument.value() instanceof Expr.Ref ref && ref.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The tensor a name stands for here, or null (reported): a named output, or a parameter that holds one. */
    private Tensor named(String name, Span nameSpan, Scope scope) {
        Tensor tensor = scope.named.get(name);
        if (tensor != null) {
            return tensor;
        }
        Value parameter = scope.params.get(name);
        if (parameter != null) {
            evaluator.wrongKind(new Expr.Ref(name, nameSpan), parameter, "a named output");
            return null;
        }
        var guess = guesses.closest(name, scope.named.keySet());
        diagnostics.add(Code.E0707, nameSpan, "no output is named '" + name + "' here",
                guess.map(g -> "did you mean '" + g + "'?")
                        .orElse("name an output with 'as NAME' after its statement, before this one"));
        return null;
    }

    /** A statement that reads the tensor before it, where there is none to read (reported). */
    private Tensor noInput(Statement statement, Tensor in) {
        String word = statement instanceof Merge merge ? merge.kind().word() : AstPrinter.print(statement).split(" ")[0];
        diagnostics.add(Code.E0721, statement.span(), "this statement has no tensor to read: " + in.absent(),
                in.outputs().isEmpty() ? "start from a parameter that holds a tensor: from NAME; " + word + " ..."
                        : "say which output it reads: from " + firstName(in) + "; " + word + " ...");
        return unknown();
    }

    /** The first name of a block's several outputs, as the use that named them wrote it: the latest name of its row. */
    private String firstName(Tensor several) {
        for (int i = outputNames.size() - 1; i >= 0; i--) {
            if (outputNames.get(i).row() == several.outputs().get(0).row()) {
                return outputNames.get(i).name();
            }
        }
        return "NAME";
    }

    private Tensor repeat(Repeat repeat, Tensor in, Scope scope) {
        Long count = evaluator.evaluate(repeat.count(), scope);
        if (count == null) {
            return unknown();
        }
        if (count < 0) {
            diagnostics.add(Code.E0708, repeat.count().span(), "a repetition count must be at least 0, not " + count);
            return unknown();
        }
        Tensor current = in;
        for (long i = 1; i <= count && !tooLarge; i++) {
            if (count > 1) {
                long repetition = i;
                enter(Diagnostic.Note.written(repeat.span(), () -> "in repetition " + repetition + " of " + count));
            }
            current = statement(repeat.statement(), current, scope);
            if (count > 1) {
                leave();
            }
        }
        return current;
    }

    private Tensor call(Call call, Tensor in, Scope scope) {
        NamedOutputs names = naming; // the names this use is given, for this use only: not the uses in its block
        Named name = singleName;
        naming = null;
        singleName = null;
        BlockDef block = blocks.get(call.block());
        // remembered in a repetition or a block's use, which check it many times; at the top level a call is checked
        // once (or once per value of a merge's 'for', the same diagnostic, which Diagnostics keeps once)
        if (block == null && !context.isEmpty() && !unknownCalls.add(call)) {
            return unknown();
        }
        if (block == null) {
            unknownBlock(call);
            return unknown();
        }
        if (!block.readable()) {
            return unknown(); // its definition has a syntax error, reported by the parser
        }
        if (isActive(block, scope)) {
            List<String> chain = new ArrayList<>(scope.activeBlocks.stream().map(BlockDef::name).toList());
            chain.add(block.name());
            diagnostics.add(Code.E0705, call.span(), "block '" + block.name() + "' calls itself: "
                    + String.join(" -> ", chain.subList(chain.indexOf(block.name()), chain.size())),
                    "a block cannot use itself; repeat it with x N instead");
            return unknown();
        }
        if (scope.activeBlocks.size() >= MAX_CALL_DEPTH) {
            diagnostics.add(Code.E0710, call.span(), "block uses nest more than " + MAX_CALL_DEPTH + " deep here",
                    "use fewer levels of blocks within blocks");
            return unknown();
        }
        // each parameter bound is a value worked out: with thousands of them, a use costs what thousands of statements do
        steps += block.params().size();
        if (steps > MAX_STEPS) {
            tooLarge(call.span(), String.format(Locale.ROOT, "the model expands to more than %,d statements, counting "
                    + "each parameter bound at a block's use as one", MAX_STEPS));
            return unknown();
        }
        Map<String, Expr> given = new LinkedHashMap<>();
        Map<String, Value> params = bind(block, call, scope, given);
        if (params == null) {
            return unknown();
        }
        if (!namesFit(block, call, names, name)) {
            return unknown();
        }
        // an argument that reads a branch's value (inner(k) in concat for k in ks) or a list's length
        // (tap(f/len(ks))) is given with their numbers: the code a backend writes for the caller names neither
        given.replaceAll((param, expr) -> {
            if (params.get(param) instanceof Value.Whole || params.get(param) instanceof Value.Decimal) {
                Expr written = scope.written(expr);
                if (written != null) {
                    return written;
                }
            } else if (scope.writable(expr)) {
                return expr;
            }
            return params.get(param) instanceof Value.Whole whole ? new Num(whole.value(), expr.span())
                    : new Expr.Dec(params.get(param).text(), expr.span());
        });
        List<BlockDef> active = new ArrayList<>(scope.activeBlocks);
        active.add(block);
        String instance = block.name() + scope.count("block " + block.name());
        if (block.declaresOutputs()) {
            in = Tensor.none("block '" + block.name() + "' declares its outputs " + block.outputList()
                    + ", so it reads only its parameters");
        }
        Scope inner = new Scope(params, in.shape(), active,
                scope.path.isEmpty() ? instance : scope.path + "/" + instance);
        inner.inputAbsent = in.absent();
        for (Map.Entry<String, Value> param : params.entrySet()) {
            if (param.getValue() instanceof Value.Output output) {
                inner.named.put(param.getKey(), output.tensor()); // read inside as 'from name'
            }
        }
        int position = instances.size();
        instances.add(null);
        Diagnostic.Note usedHere = Diagnostic.Note.written(call.span(), () -> "in block '" + block.name() + "'"
                + describe(params) + ", used here");
        enter(usedHere);
        Tensor out = run(block.body(), in, inner);
        leave();
        List<BlockInstance.Output> declared = new ArrayList<>();
        List<Tensor> outputs = new ArrayList<>();
        for (BlockDef.Output output : block.outputs()) {
            Tensor made = inner.named.get(output.name());
            if (made == null) {
                diagnostics.add(new Diagnostic(Code.E0720, output.span(), "block '" + block.name() + "' declares the "
                        + "output '" + output.name() + "', but its statements never make it", List.of("name the "
                        + "tensor it gives back with 'as " + output.name() + "' after its statement in the block"),
                        List.of(usedHere)));
                made = unknown();
            }
            outputs.add(made);
            declared.add(new BlockInstance.Output(output.name(), made.row(), made.shape()));
        }
        if (!outputs.isEmpty()) {
            out = outputs.size() == 1 ? outputs.get(0) : Tensor.several(outputs, "");
        }
        instances.set(position, new BlockInstance(inner.path, block.name(), params, call.span(), in.row(), in.shape(),
                declared.isEmpty() ? out.row() : declared.get(declared.size() - 1).row(),
                declared.isEmpty() ? out.shape() : declared.get(declared.size() - 1).shape(), block, given, declared));
        return out;
    }

    /**
     * True when a use's names fit its block: a block that declares several outputs is used with a name
     * for each ({@code as (p, q)}), and {@code as (...)} names only such a block's outputs.
     */
    private boolean namesFit(BlockDef block, Call call, NamedOutputs names, Named name) {
        int declared = block.outputs().size();
        if (name != null && declared > 1) {
            diagnostics.add(Code.E0720, name.nameSpan(), "'" + block.name() + "' gives " + declared + " outputs "
                    + block.outputList() + ", but 1 name is given", "name each, in order: as " + block.outputList());
            return false;
        }
        if (names == null && declared > 1) {
            diagnostics.add(Code.E0720, call.span(), "'" + block.name() + "' gives " + declared + " outputs "
                    + block.outputList() + ", and this use names none", "name each, in order: "
                    + AstPrinter.print(call) + " as " + block.outputList());
            return false;
        }
        if (names == null) {
            return true;
        }
        Span where = names.nameSpans().get(0).to(names.nameSpans().get(names.nameSpans().size() - 1));
        if (declared <= 1) {
            diagnostics.add(Code.E0720, where, "'" + block.name() + "' gives one output, "
                    + (declared == 0 ? "its last tensor" : "'" + block.outputs().get(0).name() + "'") + ", but "
                    + names.names().size() + " names are given", declared == 0 ? "write 'as NAME', or declare the "
                    + "block's outputs: block " + block.name() + block.signature() + " -> (" + String.join(", ",
                    names.names()) + ") { ... }" : "write 'as NAME'");
            return false;
        }
        if (names.names().size() != declared) {
            diagnostics.add(Code.E0720, where, "'" + block.name() + "' gives " + declared + " outputs "
                    + block.outputList() + ", but " + names.names().size()
                    + (names.names().size() == 1 ? " name is" : " names are") + " given",
                    "name each, in order: as " + block.outputList());
            return false;
        }
        return true;
    }

    /** True if the call is inside an instance of {@code block}: the block object itself, not an equal one. */
    private static boolean isActive(BlockDef block, Scope scope) {
        for (BlockDef active : scope.activeBlocks) {
            if (active == block) {
                return true;
            }
        }
        return false;
    }

    /**
     * A call of no block: a layer written with parentheses ({@code relu()}), a word from another
     * framework ({@code BatchNorm2d}), or a misspelt block or layer.
     */
    private void unknownBlock(Call call) {
        String name = call.block();
        String word = call.arguments().isEmpty() ? name : name + "()";
        Unknown told = unknownWords.get(word);
        if (told == null) {
            told = unknown(name, call.arguments().isEmpty());
            unknownWords.put(word, told);
        }
        diagnostics.add(Code.E0200, call.nameSpan(), told.message(), told.hint());
    }

    private Unknown unknown(String name, boolean withoutArguments) {
        if (Words.LAYER_WORDS.contains(name) || ActivationKind.fromWord(name).isPresent()) {
            return new Unknown("'" + name + "' is a layer, not a block",
                    "write it without parentheses: " + name);
        }
        String message = "unknown " + (withoutArguments ? "layer or block" : "block") + " '" + name + "'";
        var habit = Habits.hint(name);
        if (habit.isPresent()) {
            return new Unknown(message, habit.get());
        }
        if (callableWords == null) {
            callableWords = Words.concat(Words.LAYER_WORDS, List.copyOf(blocks.keySet()));
        }
        return new Unknown(message, guesses.closest(name, callableWords).map(guess -> "did you mean '" + guess
                + "'?").orElseGet(() -> blocks.isEmpty() ? "no block is defined in this file; define one with block "
                + "NAME(...) { ... }" : "the blocks defined here are: " + Suggestions.listed(blocks.keySet())));
    }

    private static List<String> parameterNames(BlockDef block) {
        List<String> names = new ArrayList<>();
        for (BlockDef.Param param : block.params()) {
            names.add(param.name());
        }
        return names;
    }

    private boolean isParameter(BlockDef block, String name) {
        for (BlockDef.Param param : block.params()) {
            if (param.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A block's parameters as a message quotes them: every one for a block of a few, else the first few
     * (a message per wrong call must not grow with a block of thousands).
     */
    private static String signature(BlockDef block) {
        return block.signature(8);
    }

    /** The arguments of a call by parameter name, or null (reported) when they do not fit. */
    private Map<String, Value> bind(BlockDef block, Call call, Scope scope, Map<String, Expr> given) {
        Map<String, Value> values = new LinkedHashMap<>();
        List<String> names = parameterNames.computeIfAbsent(block, Checker::parameterNames);
        int position = 0;
        boolean ok = true;
        for (Call.Argument argument : call.arguments()) {
            String name = argument.name();
            if (name == null) {
                if (position >= names.size()) {
                    diagnostics.add(Code.E0704, argument.span(), "'" + block.name() + "' takes " + signature(block)
                            + ", but " + call.arguments().size() + " arguments are given");
                    return null;
                }
                name = names.get(position++);
            } else if (!isParameter(block, name)) {
                String message = "'" + block.name() + "' has no parameter '" + name + "'";
                var guess = guesses.closest(name, names);
                diagnostics.add(Code.E0704, argument.span(), message, guess.map(g -> "did you mean '" + g + "'?")
                        .orElse("'" + block.name() + "' takes " + signature(block)));
                ok = false;
                continue;
            }
            if (given.putIfAbsent(name, argument.value()) != null) {
                diagnostics.add(Code.E0704, argument.span(), "'" + name + "' is given twice");
                ok = false;
            }
        }
        Scope defaults = null; // sees the values as they are bound: one for every default of the use
        for (BlockDef.Param param : block.params()) {
            Expr expr = given.get(param.name());
            Value value;
            if (expr != null) {
                value = value(expr, scope);
            } else if (param.defaultValue() != null) {
                defaults = defaults == null ? Scope.forDefaults(values, scope.blockInput) : defaults;
                value = value(param.defaultValue(), defaults);
            } else {
                diagnostics.add(Code.E0704, call.span(), "'" + block.name() + "' needs a value for '" + param.name()
                        + "'", "'" + block.name() + "' takes " + signature(block));
                ok = false;
                continue;
            }
            if (value == null) {
                ok = false;
            } else {
                values.put(param.name(), value);
            }
        }
        return ok ? values : null;
    }

    /**
     * An argument's value: a decimal as written, an output when the bare name is one of the
     * caller's outputs (and not a parameter), a parameter's value as it is, else a whole number.
     */
    private Value value(Expr expr, Scope scope) {
        if (expr instanceof Expr.Dec decimal && !decimal.text().contains(".")) {
            try {
                return new Value.Whole(Long.parseLong(decimal.text()), decimal.span()); // -2
            } catch (NumberFormatException tooLarge) {
                diagnostics.add(Code.E0102, decimal.span(), "the number " + decimal.text() + " is too large");
                return null;
            }
        }
        if (expr instanceof Expr.Dec decimal) {
            return new Value.Decimal(decimal.text(), decimal.span());
        }
        if (expr instanceof Expr.Items list) {
            List<Long> values = evaluator.items(list, scope);
            return values == null ? null : new Value.Items(values, list.span());
        }
        if (expr instanceof Expr.Ref ref && scope.params.containsKey(ref.name())) {
            return scope.params.get(ref.name());
        }
        if (expr instanceof Expr.Ref ref && scope.named.containsKey(ref.name())) {
            return new Value.Output(ref.name(), scope.named.get(ref.name()), ref.span());
        }
        if (expr instanceof Expr.Ref ref) {
            diagnostics.add(Code.E0707, ref.span(), "unknown name '" + ref.name() + "'", guesses.closest(ref.name(),
                            List.of(scope.params.keySet(), scope.named.keySet()))
                    .map(guess -> "did you mean '" + guess + "'?")
                    .orElse("an argument is a number, a decimal, a parameter of the block around the call, "
                            + "or an output named with 'as NAME' before it"));
            return null;
        }
        Amount amount = evaluator.amount(expr, scope);
        if (amount == null) {
            return null;
        }
        return amount.isWhole() ? new Value.Whole(amount.whole(), expr.span()) : new Value.Decimal(amount.text(), expr.span());
    }

    /**
     * {@code concat for i, k in ks { ... }}: the written branch once per value, each in a scope that binds
     * {@code k} to the value and {@code i} to its place (from 1); a single value makes the branch alone.
     */
    private Tensor eachMerge(Merge merge, Tensor in, Scope scope) {
        Merge.Each each = merge.each();
        List<Long> values = evaluator.items(each.values(), scope);
        if (values == null) {
            return unknown();
        }
        if (values.isEmpty()) {
            diagnostics.add(Code.E0703, each.values().span(), "'" + merge.kind().word() + " for' needs at least one value",
                    "give the list its values: [3, 5, 7]");
            return unknown();
        }
        if (each.variable().equals(each.index())) {
            diagnostics.add(Code.E0706, each.variableSpan(), "'" + each.variable() + "' names both the place and the value",
                    "give them two names: for i, k in ks");
            return unknown();
        }
        Merge.Branch written = merge.branches().get(0);
        List<Scope> scopes = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Map<String, Value> bound = new LinkedHashMap<>();
            bound.put(each.variable(), new Value.Whole(values.get(i), each.values().span()));
            if (each.index() != null) {
                bound.put(each.index(), new Value.Whole(i + 1, each.indexSpan()));
            }
            scopes.add(scope.branch(bound));
        }
        if (values.size() == 1) {
            return run(written.statements(), in, scopes.get(0));
        }
        List<Merge.Branch> branches = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            branches.add(written);
        }
        return merge(new Merge(merge.kind(), branches, merge.span()), in, scopes);
    }

    private Tensor merge(Merge merge, Tensor in, Scope scope) {
        if (merge.each() != null) {
            return eachMerge(merge, in, scope);
        }
        List<Scope> scopes = new ArrayList<>();
        for (int i = 0; i < merge.branches().size(); i++) {
            scopes.add(scope);
        }
        return merge(merge, in, scopes);
    }

    /** The branches of a merge, each in its scope (one per branch), then their join. */
    private Tensor merge(Merge merge, Tensor in, List<Scope> branchScopes) {
        Scope scope = branchScopes.get(0);
        if (merge.branches().size() < 2) {
            diagnostics.add(Code.E0703, merge.span(), "'" + merge.kind().word() + "' needs two or more branches, separated by '|'",
                    "for a shortcut write: " + merge.kind().word() + " { ... | identity }");
            return unknown();
        }
        List<Tensor> outputs = new ArrayList<>();
        List<Span> starts = new ArrayList<>();
        List<Integer> startRows = new ArrayList<>();
        List<CheckedModel.Rows> branchRows = new ArrayList<>();
        for (int b = 0; b < merge.branches().size(); b++) {
            Merge.Branch branch = merge.branches().get(b);
            Tensor start = in;
            if (branch.from() != null) {
                start = named(branch.from(), branch.fromSpan(), scope);
                start = start == null ? unknown() : start;
            } else if (in.isAbsent() && (branch.statements().isEmpty() || !(branch.statements().get(0) instanceof From))) {
                start = noInput(merge, in);
            }
            startRows.add(start.row());
            int before = layers.size();
            outputs.add(run(branch.statements(), start, branchScopes.get(b)));
            branchRows.add(new CheckedModel.Rows(before + 1, layers.size()));
            starts.add(branch.statements().isEmpty() ? (branch.fromSpan() != null ? branch.fromSpan() : branch.span())
                    : branch.statements().get(0).span());
        }
        if (merge.kind() == MergeKind.SELECT) {
            Tensor sum = join(new Layer.Join(MergeKind.ADD, merge.span()), outputs, startRows, starts, scope);
            startRows.add(sum.row());
            // by's rows are not a branch: they hang below the sum, between the branches and the select
            outputs.add(run(merge.by(), sum, scope));
            starts.add(merge.by().isEmpty() ? merge.span() : merge.by().get(0).span());
        }
        Tensor merged = join(new Layer.Join(merge.kind(), merge.span()), outputs, startRows, starts, scope);
        if (merged.row() > 0) {
            merges.add(new CheckedModel.Merge(merged.row(), branchRows));
        }
        return merged;
    }

    /** The row that merges {@code outputs}: a merge's own, or the sum a select's {@code by} reads. */
    private Tensor join(Layer.Join join, List<Tensor> outputs, List<Integer> startRows, List<Span> starts, Scope scope) {
        List<Shape> shapes = new ArrayList<>(outputs.size());
        List<Integer> rows = new ArrayList<>(outputs.size());
        Zeros zeros = outputs.get(0).zeros();
        for (Tensor output : outputs) {
            shapes.add(output.shape());
            rows.add(output.row());
            zeros = zeros.and(output.zeros());
        }
        Zeros inputZeros = zeros;
        List<Diagnostic.Note> departures = differInSize(shapes)
                ? new ShapePath(layers, modelInput).explainBranches(startRows, rows) : List.of();
        Outcome outcome;
        try {
            outcome = rules.join(join, shapes, starts, departures, inputZeros);
        } catch (ArithmeticException overflow) {
            outcome = overflowed(join, overflow);
        }
        return row(join, rows, shapes, outcome, false, scope);
    }

    /**
     * E0722 at each layer (but the last) whose output no layer reads: with {@code from} and blocks of several
     * outputs a tensor can be left behind, which the model's output does not depend on (and which Keras
     * leaves out of its model). Reported once a model is otherwise right (and parsed without errors), as a
     * mistake before would leave rows unread.
     */
    private void unread() {
        if (diagnostics.hasErrors() || layers.isEmpty()) {
            return;
        }
        boolean[] read = new boolean[layers.size() + 1];
        for (CheckedLayer layer : layers) {
            for (int row : layer.inputs()) {
                read[row] = true;
            }
        }
        for (CheckedLayer layer : layers.subList(0, layers.size() - 1)) {
            if (!read[layer.index()]) {
                diagnostics.setContext(layer.usedAt());
                diagnostics.add(Code.E0722, layer.layer().span(), "this layer's output is never read, so the model's "
                        + "output does not depend on it", "read it where it is needed (from NAME, or as a block's "
                        + "argument), or remove it");
            }
        }
        diagnostics.setContext(List.of());
    }

    /** False when the output is not the shape asserted (reported). */
    private boolean verify(Asserted asserted, Tensor out, Scope scope) {
        if (!out.shape().isKnown()) {
            return true;
        }
        for (Expr dim : asserted.shape()) {
            if (formulas.isFormula(dim, scope)) {
                claim(asserted, out, scope);
                return true;
            }
        }
        // an array compared in place, not a list against the shape's dims(): most assertions hold (every layer of a
        // large model's), and two lists of boxed numbers each were most of what checking one cost
        long[] dims = new long[asserted.shape().size()];
        for (int axis = 0; axis < dims.length; axis++) {
            Expr dim = asserted.shape().get(axis);
            Long value = dim instanceof Num num ? Long.valueOf(num.value()) : evaluator.evaluate(dim, scope);
            if (value == null) {
                return true;
            }
            dims[axis] = value;
        }
        if (!out.shape().hasDims(dims)) {
            List<Long> expected = new ArrayList<>(dims.length);
            for (long dim : dims) {
                expected.add(dim);
            }
            diagnostics.add(new Diagnostic(Code.E0700, asserted.shapeSpan(), "expected the output to be "
                    + String.join("x", expected.stream().map(String::valueOf).toList()) + ", but it is " + out.shape(),
                    List.of("fix the layers before this line, or the assertion"),
                    new ShapePath(layers, modelInput).explain(out.row(), expected)));
            return false;
        }
        return true;
    }

    /** A shape asserted as formulas: read here, proven at every size accepted by the accepted sizes' analysis. */
    private void claim(Asserted asserted, Tensor out, Scope scope) {
        List<SizeFormula> axes = new ArrayList<>();
        for (Expr dim : asserted.shape()) {
            SizeFormula axis = formulas.read(dim, scope);
            if (axis == null) {
                return;
            }
            axes.add(axis);
        }
        AssertedFormula claim = new AssertedFormula(asserted.shapeSpan(), out.row(), axes, context);
        if (axes.stream().noneMatch(axis -> axis.variable().isPresent())) { // floor(7/2) x 3 x 8: numbers, checked here
            numbers(claim, out);
            return;
        }
        int rank = out.shape().dims().size();
        if (axes.size() != rank) {
            formulaDiagnostics.add(Code.E0700, asserted.shapeSpan(), "expected the output to be " + claim.text() + ", "
                    + axes.size() + " sizes, but it is " + out.shape() + ", " + rank, "fix the layers before this "
                    + "line, or the assertion");
            return;
        }
        claims.add(claim);
    }

    private void numbers(AssertedFormula claim, Tensor out) {
        List<Long> expected = new ArrayList<>();
        for (SizeFormula axis : claim.axes()) {
            SizeFormula.Ratio value = axis.at(0);
            if (!value.isWhole()) {
                formulaDiagnostics.add(Code.E0803, claim.span(), axis.text() + " is not a whole number",
                        FormulaReader.FORMS);
                return;
            }
            expected.add(value.numerator());
        }
        if (!expected.equals(out.shape().dims())) { // as =>3x2x1 would be: with variables, a condition on the sizes
            diagnostics.add(Code.E0700, claim.span(), "expected the output to be " + claim.text() + ", "
                    + String.join("x", expected.stream().map(String::valueOf).toList()) + ", but it is " + out.shape(),
                    "fix the layers before this line, or the assertion");
        }
    }

    /** True if the branches are grids of more than one size along an axis (a merge they do not fit, or a broadcast). */
    private static boolean differInSize(List<Shape> shapes) {
        for (Shape shape : shapes) {
            if (!(shape instanceof Shape.Grid image) || !(shapes.get(0) instanceof Shape.Grid first)) {
                return false;
            }
            if (!image.sizes().equals(first.sizes())) {
                return true;
            }
        }
        return false;
    }

    private Tensor add(Layer layer, Tensor in, Scope scope) {
        if (layer instanceof Layer.Dense dense && !dense.perPosition() && in.shape() instanceof Shape.Grid) {
            in = apply(new Layer.Flatten(layer.span()), in, true, scope);
        }
        return apply(layer, in, false, scope);
    }

    private Tensor apply(Layer layer, Tensor in, boolean implicit, Scope scope) {
        Outcome outcome;
        try {
            outcome = rules.apply(layer, in.shape(), in.zeros());
        } catch (ArithmeticException overflow) {
            outcome = overflowed(layer, overflow);
        }
        return row(layer, List.of(in.row()), List.of(in.shape()), outcome, implicit, scope);
    }

    /** A rule's outcome; an overflow in its arithmetic is reported at the layer, which then has an unknown shape. */
    /** A layer whose rule overflowed 64 bits: which figure did says which mistake it is. */
    private Outcome overflowed(Layer layer, ArithmeticException overflow) {
        if (overflow instanceof ParamTensor.CountOverflow) {
            diagnostics.add(Code.E0405, layer.span(), "this layer's parameter count exceeds "
                    + String.format(Locale.ROOT, "%,d", Long.MAX_VALUE),
                    "no framework can hold this layer; check its sizes for a misplaced digit");
        } else if (overflow instanceof Tally.Overflow) {
            diagnostics.add(Code.E0407, layer.span(), "this layer's arithmetic (its MACs or FLOPs for one example) "
                    + "exceeds " + String.format(Locale.ROOT, "%,d", Long.MAX_VALUE),
                    "check the sizes of this layer and of the input for a misplaced digit");
        } else {
            diagnostics.add(Code.E0406, layer.span(), "this layer's sizes exceed what 64-bit integers hold",
                    "check the sizes of this layer and of the input for a misplaced digit");
        }
        return Outcome.UNKNOWN;
    }

    private Tensor row(Layer layer, List<Integer> inputs, List<Shape> inputShapes, Outcome outcome,
                       boolean implicit, Scope scope) {
        if (layers.size() >= MAX_ROWS) {
            tooLarge(layer.span(), String.format(Locale.ROOT, "the model expands to more than %,d layers", MAX_ROWS));
            return unknown();
        }
        int index = layers.size() + 1;
        layers.add(new CheckedLayer(index, uniqueName(layer, scope), layer.kind(), layer, inputs, inputShapes,
                outcome.output(), outcome.tensors(), outcome.footprint(), outcome.cost(), outcome.working(), implicit,
                scope.path, context));
        return new Tensor(index, outcome.output(), outcome.zeros());
    }

    /** Reported once, at the statement where the limit is passed; nothing after it is checked. */
    private void tooLarge(Span span, String message) {
        diagnostics.add(Code.E0710, span, message, "check the repetition counts");
        tooLarge = true;
    }

    private void enter(Diagnostic.Note note) {
        callStack.push(note);
        context = List.copyOf(callStack);
        diagnostics.setContext(context);
    }

    private void leave() {
        callStack.pop();
        context = List.copyOf(callStack);
        diagnostics.setContext(context);
    }

    private static Tensor unknown() {
        return UNKNOWN;
    }

    private void defineBlocks(List<BlockDef> definitions) {
        for (BlockDef block : definitions) {
            BlockDef earlier = blocks.putIfAbsent(block.name(), block);
            if (earlier != null) {
                diagnostics.add(Code.E0706, block.nameSpan(), "block '" + block.name() + "' is already defined at line "
                        + earlier.span().line(), "rename one of them");
            }
            // a set, not a list: a block may have as many parameters as a description has room for (mib-parameters,
            // 20,000 of them, took 2 s of CPU looking each up in a list)
            Set<String> seen = new HashSet<>();
            for (BlockDef.Param param : block.params()) {
                if (!seen.add(param.name())) {
                    diagnostics.add(Code.E0706, param.span(), "parameter '" + param.name() + "' is written twice");
                }
            }
        }
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
                diagnostics.setContext(List.of());
                diagnostics.add(Code.E0405, layer.layer().span(), "the model's parameter count passes "
                        + String.format(Locale.ROOT, "%,d", Long.MAX_VALUE) + " at this layer",
                        "no framework can hold this model; check the layer sizes for a misplaced digit");
                return new Totals(0, 0, 0, 0, 0, 0);
            }
        }
        long bytes;
        try {
            bytes = Math.multiplyExact(params, Float.BYTES);
        } catch (ArithmeticException overflow) {
            diagnostics.add(Code.E0405, whole, "the parameters' size in bytes ("
                    + String.format(Locale.ROOT, "%,d", params) + " x 4) exceeds 64-bit integers",
                    "check the layer sizes for a misplaced digit");
            bytes = 0;
        }
        return new Totals(params, trainable, params - trainable, params - biases, biases, bytes);
    }

    /**
     * The input or model statement under what was written after it, or the statement as written. An
     * input's shape may be asserted ({@code input 8x8x1 => 8x8x1}, checked like any other); a repetition or
     * a name applies to neither, and is reported once, at its place.
     */
    private Statement header(Statement written) {
        Statement core = core(written);
        if (!(core instanceof ModelName) && !isInput(core)) {
            return written;
        }
        String word = core instanceof ModelName ? "model" : "input";
        for (Statement wrapper = written; wrapper != core; wrapper = inner(wrapper)) {
            if (wrapper instanceof Named named) {
                diagnostics.add(Code.E0709, named.nameSpan(), "'as " + named.name() + "' does not apply to '" + word
                        + "'", word.equals("input") ? "the first statement after the input reads it; a branch that "
                        + "starts from the input is a branch of the first merge (add { ... | identity })"
                        : "remove 'as " + named.name() + "'");
            } else if (wrapper instanceof Repeat repeat) {
                diagnostics.add(Code.E0709, repeat.count().span(), "'" + word + "' cannot be repeated",
                        "a description has one " + word + "; remove the repetition");
            } else if (wrapper instanceof Asserted asserted && word.equals("model")) {
                diagnostics.add(Code.E0709, asserted.shapeSpan(), "a model's name has no shape to assert",
                        "remove the assertion, or assert the shape on the input's line or a layer's");
            }
        }
        return core;
    }

    /** A statement under the repetition, name and assertion written after it. */
    private static Statement core(Statement statement) {
        Statement core = statement;
        while (core instanceof Asserted || core instanceof Named || core instanceof Repeat) {
            core = inner(core);
        }
        return core;
    }

    private static Statement inner(Statement wrapper) {
        if (wrapper instanceof Asserted asserted) {
            return asserted.statement();
        }
        return wrapper instanceof Named named ? named.statement() : ((Repeat) wrapper).statement();
    }

    private String modelName(Description description, String defaultName) {
        ModelName first = null;
        for (Statement statement : description.statements()) {
            if (core(statement) instanceof ModelName named) {
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
        List<Long> dims = new ArrayList<>();
        for (Expr dim : input.dims()) {
            Long value = evaluator.evaluate(dim, Scope.top(new Shape.Unknown()));
            if (value == null) {
                return new Shape.Unknown();
            }
            if (value <= 0) {
                diagnostics.add(Code.E0403, dim.span(), "an input size must be at least 1, not " + value);
                return new Shape.Unknown();
            }
            dims.add(value);
        }
        if (dims.size() >= 2 && looksChannelsFirst(dims)) {
            long channels = dims.get(0);
            String positions = String.join("x", dims.subList(1, dims.size()).stream().map(String::valueOf).toList());
            List<String> axes = Shape.axisNames(dims.size() - 1);
            diagnostics.add(Code.W0501, input.span(), "input " + channels + "x" + positions + " looks channels-first ("
                    + channels + (channels == 1 ? " channel" : " channels") + " of " + positions + "), but cnnc's shapes are "
                    + String.join(" x ", axes) + " x channels, as Keras's",
                    "write input " + positions + "x" + channels + "; if " + channels + " is the " + axes.get(0)
                            + ", run with --allow W0501");
        }
        if (dims.size() == 2 && dims.get(0).equals(dims.get(1))) {
            long n = dims.get(0);
            diagnostics.add(Code.W0504, input.span(), "input " + n + "x" + n + " is a sequence of " + n + " steps of " + n
                    + " channels, but it looks like an image without its channels",
                    "for an image write input " + n + "x" + n + "x1; if it is a sequence, run with --allow W0504");
        }
        return dims.size() == 1 ? new Shape.Vector(dims.get(0))
                : new Shape.Grid(dims.subList(0, dims.size() - 1), dims.get(dims.size() - 1));
    }

    /**
     * 1 to 4 channels written first (PyTorch's order), as 3x224x224 or 3x16x112x112: few values on the first
     * axis and at least 8 on every other.
     */
    private static boolean looksChannelsFirst(List<Long> dims) {
        long first = dims.get(0);
        for (long size : dims.subList(1, dims.size())) {
            if (size < 8) {
                return false;
            }
        }
        return first <= 4 && dims.get(dims.size() - 1) > first;
    }

    private static boolean isInput(Statement statement) {
        return statement instanceof Input
                || (statement instanceof Invalid invalid && invalid.word().equals("input"));
    }

    private static String describe(Map<String, Value> params) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Value> param : params.entrySet()) {
            parts.add(param.getKey() + "=" + param.getValue().text());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /**
     * conv1, conv2, ...; an activation layer is named after its function (relu1). Layers count per
     * block instance, and a layer made in one carries the instance's path ({@code stage1.down1.conv1}),
     * so that a block's layers have the same names in every instance, as a block's code in a backend
     * has (a torch module's path, a Keras function's prefix).
     */
    private String uniqueName(Layer layer, Scope scope) {
        String stem = layer instanceof Layer.Activate activate ? activate.activation().kind().word() : layer.kind().op();
        return scope.namePrefix + stem + scope.count(stem);
    }
}
