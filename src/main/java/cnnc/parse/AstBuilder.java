package cnnc.parse;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.ast.Asserted;
import cnnc.ast.From;
import cnnc.ast.NamedOutputs;
import cnnc.ast.BlockDef;
import cnnc.ast.Call;
import cnnc.ast.Defaults;
import cnnc.ast.Description;
import cnnc.ast.Expr;
import cnnc.ast.Group;
import cnnc.ast.Habits;
import cnnc.ast.Identity;
import cnnc.ast.Input;
import cnnc.ast.Invalid;
import cnnc.ast.Layer;
import cnnc.ast.LayerKind;
import cnnc.ast.Merge;
import cnnc.ast.MergeKind;
import cnnc.ast.Modifier;
import cnnc.ast.ModelName;
import cnnc.ast.Named;
import cnnc.ast.Num;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Repeat;
import cnnc.ast.Size;
import cnnc.ast.Statement;
import cnnc.ast.Words;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.diag.Suggestions;
import cnnc.grammar.CnnBaseVisitor;
import cnnc.grammar.CnnParser;
import cnnc.source.SourceFile;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds the syntax tree from ANTLR's parse tree, one method per statement form. A statement that
 * the parser had to repair, or whose words are wrong, becomes {@link Invalid}.
 */
final class AstBuilder extends CnnBaseVisitor<Statement> {
    /** The longest line W0502 quotes, in chars. */
    private static final int MAX_QUOTED_LINE = 100;
    private final Spans spans;
    private final Diagnostics diagnostics;
    private final Literals literals;
    private final ModifierReader modifiers;
    /** The names of the file's blocks, for a hint when one is used without parentheses. */
    private final Set<String> blockNames = new HashSet<>();
    /** Whether the parser recovered from syntax errors: else no part of the tree is repaired, and none is looked at. */
    private final boolean recovered;

    /** @param recovered whether the parser recovered from syntax errors in the tree to be built */
    AstBuilder(Spans spans, Diagnostics diagnostics, boolean recovered) {
        this.spans = spans;
        this.diagnostics = diagnostics;
        this.recovered = recovered;
        this.literals = new Literals(spans, diagnostics);
        this.modifiers = new ModifierReader(literals, diagnostics);
    }

    /**
     * The description's syntax tree. The parse tree is taken apart as it is read: each top-level item is let
     * go once built, so the tree and the syntax tree built from it are not both whole at once (a 1 MiB
     * description's parse tree and tokens take 150 MB, as much again as what is built from them).
     */
    Description build(CnnParser.DescriptionContext context) {
        List<ParserRuleContext> items = new ArrayList<>(); // blocks and statements, without the separators between
        for (ParseTree child : context.children == null ? List.<ParseTree>of() : context.children) {
            if (child instanceof ParserRuleContext item) {
                items.add(item);
            }
        }
        Span whole = spans.of(context);
        context.children = null;
        for (ParserRuleContext item : items) {
            if (item instanceof CnnParser.BlockDefinitionContext block && block.blockName != null) {
                blockNames.add(block.blockName.getText());
            }
        }
        List<BlockDef> blocks = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ParserRuleContext item = items.set(i, null);
            if (item instanceof CnnParser.BlockDefinitionContext block) {
                blocks.add(block(block));
            } else {
                statements.add(statement((CnnParser.StatementContext) item));
            }
        }
        warnShortRepetitions(statements);
        return new Description(blocks, statements, whole);
    }

    private BlockDef block(CnnParser.BlockDefinitionContext ctx) {
        Span span = spans.of(ctx);
        if (ctx.blockName == null || ctx.statements() == null || ctx.exception != null || ctx.RBRACE() == null
                || anyRepaired(ctx.parameter()) || ctx.blockOutputs() != null && isRepaired(ctx.blockOutputs())) {
            String name = ctx.blockName == null ? "?" : ctx.blockName.getText();
            return new BlockDef(name, span, List.of(), List.of(), List.of(), span, false);
        }
        List<BlockDef.Param> params = new ArrayList<>();
        for (CnnParser.ParameterContext p : ctx.parameter()) {
            Expr defaultValue = null;
            if (p.argumentValue() != null) {
                try {
                    defaultValue = argumentValue(p.argumentValue());
                } catch (Literals.Abandon reported) {
                    defaultValue = new Expr.Ref("?", spans.of(p.argumentValue()));
                }
            }
            params.add(new BlockDef.Param(p.WORD().getText(), defaultValue, spans.of(p)));
        }
        List<BlockDef.Output> outputs = new ArrayList<>();
        if (ctx.blockOutputs() != null) {
            for (var word : ctx.blockOutputs().WORD()) {
                outputs.add(new BlockDef.Output(word.getText(), spans.of(word.getSymbol())));
            }
        }
        return new BlockDef(ctx.blockName.getText(), spans.of(ctx.blockName), params, outputs,
                statements(ctx.statements().statement()), span, true);
    }

    private boolean anyRepaired(List<CnnParser.ParameterContext> parameters) {
        for (CnnParser.ParameterContext parameter : parameters) {
            if (isRepaired(parameter)) {
                return true;
            }
        }
        return false;
    }

    private List<Statement> statements(List<CnnParser.StatementContext> contexts) {
        List<Statement> statements = new ArrayList<>();
        for (CnnParser.StatementContext context : contexts) {
            statements.add(statement(context));
        }
        warnShortRepetitions(statements);
        return statements;
    }

    /**
     * W0502: in {@code conv 64@3 same; bn; relu x2} the repetition binds to the relu alone, though
     * the line reads as if it held all three. Only a single layer after another statement on its
     * line is flagged: a repeated block use ({@code keep(f) x2}) or group says what it repeats. Lines
     * are the source's (a lone CR ends one, as for positions and cnnc fmt), and each statement's line
     * is known from the one before it, so a line of a hundred thousand statements takes one pass.
     */
    private void warnShortRepetitions(List<Statement> statements) {
        int first = 0; // the first statement on the line of statement i
        for (int i = 1; i < statements.size(); i++) {
            if (!sameLine(statements.get(i - 1).span(), statements.get(i).span())) {
                first = i;
            } else if (repeated(statements.get(i)) instanceof Repeat repeat && repeat.statement() instanceof Layer layer) {
                warnShortRepetition(statements.get(first).span(), layer, repeat);
            }
        }
    }

    private void warnShortRepetition(Span line, Layer layer, Repeat repeat) {
        SourceFile source = spans.source();
        String count = repeat.count() instanceof Num n && source.slice(n.span()).startsWith("x")
                ? source.slice(n.span()) : "x(" + source.slice(repeat.count().span()) + ")";
        String last = source.slice(layer.span());
        Span lineSoFar = line.to(layer.span());
        Span where = layer.span().to(repeat.count().span());
        if (lineSoFar.end() - lineSoFar.start() > MAX_QUOTED_LINE) {
            // a line's worth of statements is not quoted whole: each repetition on it would copy it again
            diagnostics.add(Code.W0502, where, "'" + count + "' repeats '" + last + "' only, not the line it ends",
                    "to repeat the whole line write it as { ... } " + count + "; to repeat only '" + last
                            + "', put it on a line of its own");
            return;
        }
        String body = source.slice(lineSoFar);
        diagnostics.add(Code.W0502, where, "'" + count + "' repeats '" + last + "' only, not the line '" + body
                + "' it ends", "to repeat the whole line write { " + body + " } " + count + "; to repeat only '" + last
                + "', put it on a line of its own");
    }

    /** The statement under a name or an assertion, which wrap a repetition. */
    private static Statement repeated(Statement statement) {
        if (statement instanceof Asserted asserted) {
            return repeated(asserted.statement());
        }
        if (statement instanceof NamedOutputs named) {
            return named.statement();
        }
        return statement instanceof Named named ? named.statement() : statement;
    }

    /**
     * Whether nothing between them ends a line (a new line, or a CR, alone or before one): so if both start on one
     * line; else the text between is read back from the second, whose line break is usually a few chars before it.
     */
    private boolean sameLine(Span before, Span after) {
        if (before.end() > after.start()) {
            return false;
        } else if (before.line() == after.line()) {
            return true;
        }
        String text = spans.source().text();
        for (int i = after.start() - 1; i >= before.end(); i--) {
            if (text.charAt(i) == '\n' || text.charAt(i) == '\r') {
                return false;
            }
        }
        return true;
    }

    /** A layer with its optional repetition, name and shape assertion, wrapped in that order. */
    private Statement statement(CnnParser.StatementContext ctx) {
        if (isRepaired(ctx)) {
            return invalid(ctx);
        }
        try {
            Statement statement = visit(ctx.layer());
            CnnParser.RepeatContext r = ctx.repeat();
            CnnParser.AssertionContext assertion = ctx.assertion();
            if (r != null) {
                Expr count = r.REPEAT() != null
                        ? new Num(repeatCount(r), spans.of(r))
                        : literals.expr(r.expr());
                statement = new Repeat(statement, count, spans.of(ctx));
            }
            if (ctx.alias != null) {
                statement = new Named(statement, ctx.alias.getText(), spans.of(ctx.alias), spans.of(ctx));
            } else if (ctx.outputNames() != null) {
                List<String> names = new ArrayList<>();
                List<Span> nameSpans = new ArrayList<>();
                for (var word : ctx.outputNames().WORD()) {
                    names.add(word.getText());
                    nameSpans.add(spans.of(word.getSymbol()));
                }
                statement = new NamedOutputs(statement, names, nameSpans, spans.of(ctx));
            }
            if (assertion != null) {
                statement = new Asserted(statement, literals.assertedDims(assertion.shape), spans.of(assertion.shape),
                        spans.of(ctx));
            }
            return statement;
        } catch (Literals.Abandon reported) {
            return invalid(ctx);
        }
    }

    private long repeatCount(CnnParser.RepeatContext r) {
        String digits = r.REPEAT().getText().substring(1);
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            diagnostics.add(Code.E0102, spans.of(r), "the repetition count " + digits + " is too large");
            throw new Literals.Abandon();
        }
    }

    @Override
    public Statement visitModelStatement(CnnParser.ModelStatementContext ctx) {
        CnnParser.NameContext name = ctx.name();
        String text = name.STRING() != null ? unquote(name.getText()) : name.getText();
        return new ModelName(text, spans.of(ctx));
    }

    /**
     * {@code defaults torch}, {@code defaults bn eps 0.00001 momentum 0.1}: a convention first, if any, then
     * each layer word with its modifiers, read as that layer's own are (so a misspelt one gets "did you mean").
     */
    @Override
    public Statement visitDefaultsStatement(CnnParser.DefaultsStatementContext ctx) {
        Span span = spans.of(ctx);
        String example = "for example: defaults torch, or defaults bn eps 0.00001 momentum 0.1";
        if (ctx.modifier().isEmpty()) {
            diagnostics.add(Code.E0204, span, "'defaults' needs a convention or settings", example);
            throw new Literals.Abandon();
        }
        String convention = "";
        Map<LayerKind, List<CnnParser.ModifierContext>> written = new LinkedHashMap<>();
        LayerKind kind = null;
        for (CnnParser.ModifierContext modifier : ctx.modifier()) {
            Span where = spans.of(modifier);
            String word = modifier instanceof CnnParser.WordModifierContext plain ? plain.WORD().getText() : null;
            boolean bare = modifier instanceof CnnParser.WordModifierContext plain && plain.value == null;
            LayerKind settable = word == null ? null : LayerKind.fromWord(word).filter(Defaults.SETTABLE::containsKey).orElse(null);
            if (bare && Defaults.CONVENTIONS.containsKey(word)) {
                if (!convention.isEmpty() || kind != null) {
                    diagnostics.add(Code.E0201, where, "'" + word + "' comes first in 'defaults', and once",
                            "write the convention, then what differs from it: defaults torch bn eps 0.001");
                    throw new Literals.Abandon();
                }
                convention = word;
            } else if (bare && settable != null) {
                if (written.containsKey(settable)) {
                    diagnostics.add(Code.E0203, where, "'" + word + "' is written twice in 'defaults'",
                            "write its settings together: defaults bn eps 0.00001 momentum 0.1");
                    throw new Literals.Abandon();
                }
                kind = settable;
                written.put(kind, new ArrayList<>());
            } else if (kind != null) {
                written.get(kind).add(modifier);
            } else {
                String shown = spans.source().slice(where);
                List<String> words = new ArrayList<>(Defaults.CONVENTIONS.keySet().stream().sorted().toList());
                Defaults.SETTABLE.keySet().stream().map(LayerKind::op).sorted().forEach(words::add);
                diagnostics.add(Code.E0201, where, "unknown word '" + shown + "' for 'defaults'", (word == null ? Optional.<String>empty()
                        : Suggestions.closest(word, words)).map(guess -> "did you mean '" + guess + "'?").orElse("'defaults' takes "
                        + String.join(", ", words) + "; " + example));
                throw new Literals.Abandon();
            }
        }
        List<Defaults.Setting> settings = new ArrayList<>();
        for (Map.Entry<LayerKind, List<CnnParser.ModifierContext>> entry : written.entrySet()) {
            settings.addAll(settings(entry.getKey(), entry.getValue(), span));
        }
        return new Defaults(convention, settings, span);
    }

    /** A layer word's settings in a {@code defaults} statement: modifiers of that layer, of those a default may set. */
    private List<Defaults.Setting> settings(LayerKind kind, List<CnnParser.ModifierContext> contexts, Span statement) {
        List<Modifier> settable = Defaults.SETTABLE.get(kind);
        String takes = String.join(" and ", settable.stream().map(Modifier::word).toList());
        if (contexts.isEmpty()) {
            diagnostics.add(Code.E0204, statement, "'defaults " + kind.op() + "' needs a setting",
                    "'defaults " + kind.op() + "' sets " + takes + ": defaults " + kind.op() + " eps 0.00001");
            throw new Literals.Abandon();
        }
        Modifiers mods = modifiers.read(kind, contexts);
        List<Defaults.Setting> settings = new ArrayList<>();
        for (CnnParser.ModifierContext context : contexts) {
            String word = ((CnnParser.WordModifierContext) context).WORD().getText();
            Modifier modifier = Modifier.fromWord(word).orElseThrow();
            if (!settable.contains(modifier)) {
                diagnostics.add(Code.E0201, spans.of(context), "'" + word + "' is not a default: 'defaults " + kind.op()
                        + "' sets " + takes, "write '" + word + "' on the " + kind.op() + " layers that have it");
                throw new Literals.Abandon();
            }
            String value = modifier == Modifier.EPS ? mods.epsilon() : mods.momentum();
            settings.add(new Defaults.Setting(kind, modifier, value, spans.of(context)));
        }
        return settings;
    }

    @Override
    public Statement visitInputStatement(CnnParser.InputStatementContext ctx) {
        List<Expr> dims = literals.inputDims(ctx.shape, ctx.tail);
        if (dims.size() > Size.MOST_AXES + 1) {
            diagnostics.add(Code.E0103, spans.of(ctx.shape), "an input is N (a vector), LxC (a sequence), HxWxC (an "
                    + "image) or DxHxWxC (a volume); '" + ctx.shape.getText() + "' has " + dims.size() + " dimensions",
                    "the channels come last: input 16x112x112x3 is 16 frames of 112x112 with 3 channels");
            throw new Literals.Abandon();
        }
        return new Input(dims, spans.of(ctx));
    }

    @Override
    public Statement visitConvStatement(CnnParser.ConvStatementContext ctx) {
        Expr filters = literals.expr(ctx.filters);
        Size kernel = literals.sizes(ctx.kernel, "kernel");
        Span span = spans.of(ctx);
        Num one = new Num(1, span);
        LayerKind kind = kindOf(ctx.op);
        Modifiers mods = modifiers.read(kind, ctx.modifier());
        return switch (kind) {
            case SEPCONV -> new Layer.SeparableConv(filters, kernel, stride(mods, span), padding(mods, span),
                    or(mods.dilation(), one), or(mods.multiplier(), one), !mods.has(Modifier.NOBIAS),
                    activation(mods, span), span);
            case DECONV -> new Layer.TransposedConv(filters, kernel, stride(mods, span), padding(mods, span),
                    or(mods.dilation(), one), !mods.has(Modifier.NOBIAS), activation(mods, span), span);
            case CONV -> new Layer.Conv(filters, kernel, stride(mods, span), padding(mods, span),
                    or(mods.dilation(), one), or(mods.groups(), one), !mods.has(Modifier.NOBIAS),
                    activation(mods, span), span);
            default -> throw notThisForm(kind, ctx);
        };
    }

    @Override
    public Statement visitDepthwiseStatement(CnnParser.DepthwiseStatementContext ctx) {
        Size kernel = literals.sizes(ctx.kernel, "kernel");
        Modifiers mods = modifiers.read(LayerKind.DWCONV, ctx.modifier());
        Span span = spans.of(ctx);
        Num one = new Num(1, span);
        return new Layer.DepthwiseConv(kernel, stride(mods, span), padding(mods, span), or(mods.dilation(), one),
                or(mods.multiplier(), one), !mods.has(Modifier.NOBIAS), activation(mods, span), span);
    }

    @Override
    public Statement visitPoolStatement(CnnParser.PoolStatementContext ctx) {
        LayerKind kind = kindOf(ctx.op);
        PoolKind pooling = switch (kind) {
            case MAXPOOL -> PoolKind.MAX;
            case AVGPOOL -> PoolKind.AVG;
            default -> throw notThisForm(kind, ctx);
        };
        Size window = literals.sizes(ctx.window, "pool window");
        Modifiers mods = modifiers.read(kind, ctx.modifier());
        Span span = spans.of(ctx);
        if (mods.has(Modifier.CEIL) && mods.padding() instanceof Padding.Same same) {
            diagnostics.add(Code.E0202, same.span(), "'same' conflicts with 'ceil'",
                    "'same' already rounds up (ceil(n / s), as Keras); 'ceil' rounds up a 'valid' or 'pad P' pooling, "
                            + "as PyTorch's ceil_mode: keep one of them");
            throw new Literals.Abandon();
        }
        return new Layer.Pool(pooling, window, or(mods.stride(), window), padding(mods, span),
                mods.has(Modifier.CEIL), mods.has(Modifier.SCALED), span);
    }

    @Override
    public Statement visitDenseStatement(CnnParser.DenseStatementContext ctx) {
        Expr units = literals.expr(ctx.units);
        Modifiers mods = modifiers.read(LayerKind.DENSE, ctx.modifier());
        Span span = spans.of(ctx);
        return new Layer.Dense(units, mods.has(Modifier.KEEP), !mods.has(Modifier.NOBIAS), activation(mods, span), span);
    }

    @Override
    public Statement visitRescaleStatement(CnnParser.RescaleStatementContext ctx) {
        List<CnnParser.ScalarContext> parts = ctx.scale.scalar();
        if (ctx.WORD() != null && !ctx.WORD().getText().equals("offset")) {
            diagnostics.add(Code.E0201, spans.of(ctx.WORD().getSymbol()), "unknown modifier '"
                    + ctx.WORD().getText() + "' for rescale", "did you mean 'offset'? (rescale 1/127.5 offset -1)");
            throw new Literals.Abandon();
        }
        Expr offset = null;
        if (ctx.offset != null) {
            offset = ctx.offset.WORD() != null ? new Expr.Ref(ctx.offset.WORD().getText(), spans.of(ctx.offset))
                    : new Expr.Dec(ctx.offset.getText(), spans.of(ctx.offset));
        }
        return new Layer.Rescale(scalar(parts.get(0)), parts.size() == 2 ? scalar(parts.get(1)) : null, offset,
                spans.of(ctx));
    }

    /** A number as written, or a block parameter's name. */
    private Expr scalar(CnnParser.ScalarContext ctx) {
        return ctx.WORD() != null ? new Expr.Ref(ctx.WORD().getText(), spans.of(ctx)) : new Expr.Dec(ctx.getText(), spans.of(ctx));
    }

    @Override
    public Statement visitDropoutStatement(CnnParser.DropoutStatementContext ctx) {
        Expr rate = ctx.param != null ? new Expr.Ref(ctx.param.getText(), spans.of(ctx.param))
                : new Expr.Dec(ctx.rate.getText(), spans.of(ctx.rate));
        return new Layer.Dropout(rate, spans.of(ctx));
    }

    /** A block's argument or default: a decimal as written, or a whole-number expression (a bare name may be an output). */
    private Expr argumentValue(CnnParser.ArgumentValueContext ctx) {
        if (ctx.items() != null) {
            return items(ctx.items());
        }
        return ctx.expr() != null ? literals.expr(ctx.expr()) : new Expr.Dec(ctx.getText(), spans.of(ctx));
    }

    @Override
    public Statement visitUpsampleStatement(CnnParser.UpsampleStatementContext ctx) {
        Size factor = literals.sizes(ctx.factor, "factor");
        Modifiers mods = modifiers.read(LayerKind.UPSAMPLE, ctx.modifier());
        return new Layer.Upsample(factor, mods.has(Modifier.BILINEAR), spans.of(ctx));
    }

    @Override
    public Statement visitBorderStatement(CnnParser.BorderStatementContext ctx) {
        List<Expr> amounts = new ArrayList<>();
        for (CnnParser.SizeContext size : ctx.size()) {
            amounts.addAll(literals.dims(size));
        }
        boolean paired = ctx.size().size() > 1;
        if (paired ? amounts.size() != ctx.size().size() || amounts.size() % 2 != 0 || amounts.size() > 2 * Size.MOST_AXES
                : amounts.size() > Size.MOST_AXES) {
            diagnostics.add(Code.E0103, spans.of(ctx), "'" + ctx.op.getText()
                    + "' takes P (every side), a size per axis (HxW: top and bottom, left and right) or a number before "
                    + "and after along each axis (T B L R)",
                    "for example: " + ctx.op.getText() + " 1, " + ctx.op.getText() + " 1x2 or "
                            + ctx.op.getText() + " 0 1 0 1");
            throw new Literals.Abandon();
        }
        Layer.Sides sides = new Layer.Sides(amounts, paired);
        Span span = spans.of(ctx);
        LayerKind kind = kindOf(ctx.op);
        return switch (kind) {
            case ZEROPAD -> new Layer.ZeroPad(sides, span);
            case CROP -> new Layer.Crop(sides, span);
            default -> throw notThisForm(kind, ctx);
        };
    }

    @Override
    public Statement visitReshapeStatement(CnnParser.ReshapeStatementContext ctx) {
        List<Expr> dims = literals.dims(ctx.shape);
        if (dims.size() > Size.MOST_AXES + 1) {
            diagnostics.add(Code.E0103, spans.of(ctx.shape), "a reshape gives N, LxC, HxWxC or DxHxWxC; '"
                    + ctx.shape.getText() + "' has " + dims.size() + " dimensions");
            throw new Literals.Abandon();
        }
        return new Layer.Reshape(dims, spans.of(ctx));
    }

    /** {@code normalize}, or {@code normalize mean M.. variance V..} with one number or one per channel each. */
    @Override
    public Statement visitNormalizeStatement(CnnParser.NormalizeStatementContext ctx) {
        Span span = spans.of(ctx);
        List<String> mean = List.of();
        List<String> variance = List.of();
        boolean ok = true;
        // one walk over the children: ctx.WORD(i) and children.indexOf each walk them again, which made 20,000
        // words 41 s of CPU (issue 29)
        for (Map.Entry<TerminalNode, List<String>> entry : constants(ctx).entrySet()) {
            String word = entry.getKey().getText();
            Span wordSpan = spans.of(entry.getKey().getSymbol());
            List<String> numbers = entry.getValue();
            boolean isMean = word.equals("mean");
            if (!isMean && !word.equals("variance")) {
                diagnostics.add(Code.E0201, wordSpan, "unknown word '" + word + "' for 'normalize'",
                        "'normalize' takes 'mean' and 'variance', each with one number or one per channel: "
                                + "normalize mean 0.5 variance 0.25");
                ok = false;
            } else if (!(isMean ? mean : variance).isEmpty()) {
                diagnostics.add(Code.E0203, wordSpan, "'" + word + "' is written twice", "remove one of them");
                ok = false;
            } else if (numbers.isEmpty()) {
                diagnostics.add(Code.E0204, wordSpan, "'" + word + "' needs one number, or one per channel",
                        "for example: normalize mean 0.5 variance 0.25");
                ok = false;
            } else if (!isMean && numbers.stream().anyMatch(n -> new java.math.BigDecimal(n).signum() < 0)) {
                diagnostics.add(Code.E0404, wordSpan, "a variance is at least 0, not " + String.join(" ", numbers),
                        "the variance is the square of the standard deviation: (0.229 * 255)^2 = 3409.976025");
                ok = false;
            } else if (isMean) {
                mean = numbers;
            } else {
                variance = numbers;
            }
        }
        if (ok && !mean.isEmpty() && !variance.isEmpty() && mean.size() != variance.size()) {
            diagnostics.add(Code.E0404, span, "'normalize' has " + mean.size() + " means and " + variance.size()
                    + " variances", "write as many of each, one or one per channel: Keras's Normalization needs "
                    + "them of the same shape");
            ok = false;
        }
        if (ok && mean.isEmpty() != variance.isEmpty()) {
            diagnostics.add(Code.E0204, span, "'normalize' with constants needs both a 'mean' and a 'variance'",
                    "write both (normalize mean 0.5 variance 0.25), or neither to have them set by Keras's adapt()");
            ok = false;
        }
        if (!ok) {
            throw new Literals.Abandon();
        }
        return new Layer.Normalize(mean, variance, span);
    }

    /** Each word of a normalize statement, in order, with the numbers after it as written. */
    private static Map<TerminalNode, List<String>> constants(CnnParser.NormalizeStatementContext ctx) {
        Map<TerminalNode, List<String>> words = new LinkedHashMap<>();
        List<String> numbers = null;
        for (ParseTree child : ctx.children) {
            if (child instanceof TerminalNode word && word.getSymbol().getType() == CnnParser.WORD) {
                numbers = new ArrayList<>();
                words.put(word, numbers);
            } else if (numbers != null && child instanceof CnnParser.SignedNumberContext number) {
                numbers.add(number.getText());
            }
        }
        return words;
    }

    /** {@code split N take P}, or {@code split 27,11 take 2} with the sizes of the parts. */
    @Override
    public Statement visitSplitStatement(CnnParser.SplitStatementContext ctx) {
        Span span = spans.of(ctx);
        if (ctx.WORD() == null || !ctx.WORD().getText().equals("take")) {
            Span where = ctx.WORD() == null ? span : spans.of(ctx.WORD().getSymbol());
            diagnostics.add(ctx.WORD() == null ? Code.E0204 : Code.E0201, where, ctx.WORD() == null
                    ? "'split' needs the part it takes: split N take P" : "unknown word '" + ctx.WORD().getText()
                    + "' for 'split'", "for example: split 2 take 1, the first half of the channels; split 27,11 take 2, "
                    + "the last 11 of 38");
            throw new Literals.Abandon();
        }
        List<Expr> sizes = new ArrayList<>();
        for (CnnParser.ExprContext size : ctx.sizes) {
            sizes.add(literals.expr(size));
        }
        return new Layer.Split(sizes, literals.primary(ctx.part), span);
    }

    @Override
    public Statement visitShuffleStatement(CnnParser.ShuffleStatementContext ctx) {
        return new Layer.Shuffle(literals.primary(ctx.groups), spans.of(ctx));
    }

    @Override
    public Statement visitMergeStatement(CnnParser.MergeStatementContext ctx) {
        MergeKind kind = mergeKind(ctx.op, ctx);
        List<Merge.Branch> branches = new ArrayList<>();
        for (CnnParser.BranchContext branch : ctx.branch()) {
            String from = branch.source == null ? null : branch.source.getText();
            Span fromSpan = branch.source == null ? null : spans.of(branch.source);
            List<Statement> body = statements(branch.statement());
            Span span = branch.getStop() == null || branch.getChildCount() == 0
                    ? spans.of(ctx.op) : spans.of(branch);
            branches.add(new Merge.Branch(from, fromSpan, body, span));
        }
        return new Merge(kind, branches, selectBy(kind, ctx), spans.of(ctx));
    }

    /** The statements of {@code by { ... }}, which a select needs and no other merge takes. */
    private List<Statement> selectBy(MergeKind kind, CnnParser.MergeStatementContext ctx) {
        if (kind == MergeKind.SELECT && ctx.by == null) {
            diagnostics.add(Code.E0204, spans.of(ctx.op), "'select' needs the statements that weigh its branches: "
                    + "select { A | B } by { ... }", "for example: select { conv 64@3 pad 1 | conv 64@3 pad 2 dil 2 } "
                    + "by { gap keep; conv 32@1; relu; conv 128@1 }, the n*C logits made from the branches' sum");
            throw new Literals.Abandon();
        }
        if (kind != MergeKind.SELECT && ctx.by != null) {
            diagnostics.add(Code.E0201, spans.of(ctx.BY().getSymbol()), "only 'select' takes 'by { ... }', not '"
                    + kind.word() + "'", "write select { ... } by { ... } for a softmax across the branches");
            throw new Literals.Abandon();
        }
        return ctx.by == null ? List.of() : statements(ctx.by.statement());
    }

    @Override
    public Statement visitFromStatement(CnnParser.FromStatementContext ctx) {
        return new From(ctx.source.getText(), spans.of(ctx.source), spans.of(ctx));
    }

    private static MergeKind mergeKind(Token op, ParserRuleContext form) {
        LayerKind layerKind = kindOf(op);
        return switch (layerKind) {
            case ADD -> MergeKind.ADD;
            case CONCAT -> MergeKind.CONCAT;
            case MULTIPLY -> MergeKind.MULTIPLY;
            case MATMUL -> MergeKind.MATMUL;
            case SELECT -> MergeKind.SELECT;
            default -> throw notThisForm(layerKind, form);
        };
    }

    /** {@code concat for i, k in ks { ... }}: one written branch, made once per value by the checker. */
    @Override
    public Statement visitEachMergeStatement(CnnParser.EachMergeStatementContext ctx) {
        MergeKind kind = mergeKind(ctx.op, ctx);
        Expr values = ctx.values.items() != null ? items(ctx.values.items())
                : new Expr.Ref(ctx.values.WORD().getText(), spans.of(ctx.values));
        Merge.Each each = new Merge.Each(ctx.index == null ? null : ctx.index.getText(),
                ctx.index == null ? null : spans.of(ctx.index), ctx.variable.getText(), spans.of(ctx.variable), values,
                spans.of(ctx.FOR().getSymbol()).to(spans.of(ctx.values)));
        Span body = spans.of(ctx.statements());
        Merge.Branch branch = new Merge.Branch(null, null, statements(ctx.statements().statement()),
                ctx.statements().getChildCount() == 0 ? spans.of(ctx) : body);
        return new Merge(kind, List.of(branch), each, spans.of(ctx));
    }

    private Expr.Items items(CnnParser.ItemsContext ctx) {
        List<Expr> items = new ArrayList<>();
        for (CnnParser.ExprContext item : ctx.expr()) {
            items.add(literals.expr(item));
        }
        return new Expr.Items(items, spans.of(ctx));
    }

    @Override
    public Statement visitGroupStatement(CnnParser.GroupStatementContext ctx) {
        return new Group(statements(ctx.statements().statement()), spans.of(ctx));
    }

    @Override
    public Statement visitCallStatement(CnnParser.CallStatementContext ctx) {
        if (!ctx.modifier().isEmpty()) {
            Span extra = spans.of(ctx.modifier(0)).to(spans.of(ctx.modifier(ctx.modifier().size() - 1)));
            diagnostics.add(Code.E0201, extra, "a block's use takes no modifiers: '"
                    + spans.source().slice(extra) + "' after " + ctx.WORD().getText() + "(...)",
                    "give the block a parameter for it and pass it as an argument, e.g. block cbr(f, k, s=1) "
                            + "{ conv f@k /s same } used as cbr(64, 7, s=2)");
            throw new Literals.Abandon();
        }
        String callee = ctx.WORD().getText();
        if (!blockNames.contains(callee) && !Words.LAYER_WORDS.contains(callee) && ActivationKind.fromWord(callee).isEmpty()
                && ForeignCall.isFrameworkLayer(callee)) {
            diagnostics.add(Code.E0200, spans.of(ctx.WORD().getSymbol()), "unknown layer '" + callee + "'",
                    ForeignCall.note(callee, ForeignCall.arguments(spans.source().slice(spans.of(ctx)))));
            throw new Literals.Abandon();
        }
        List<Call.Argument> arguments = new ArrayList<>();
        for (CnnParser.ArgumentContext argument : ctx.argument()) {
            String name = argument.WORD() == null ? null : argument.WORD().getText();
            arguments.add(new Call.Argument(name, argumentValue(argument.argumentValue()), spans.of(argument)));
        }
        return new Call(ctx.WORD().getText(), spans.of(ctx.WORD().getSymbol()), arguments, spans.of(ctx));
    }

    /**
     * A statement that starts with a word: a layer without sizes ({@code bn}, {@code gap keep}, an
     * activation word, {@code identity}), or else a block used by its bare name, or a mistake.
     */
    @Override
    public Statement visitWordStatement(CnnParser.WordStatementContext ctx) {
        String word = ctx.WORD().getText();
        Span span = spans.of(ctx);
        boolean bare = ctx.modifier().isEmpty() && ctx.rest() == null;
        if (word.equals("identity")) {
            if (!bare) {
                Span first = ctx.modifier().isEmpty() ? spans.of(ctx.rest()) : spans.of(ctx.modifier(0));
                Span extra = new Span(first.start(), span.end(), first.line(), first.column());
                diagnostics.add(Code.E0201, extra, "'identity' takes no modifiers or sizes",
                        "remove '" + spans.source().slice(extra) + "'");
                throw new Literals.Abandon();
            }
            return new Identity(span);
        }
        LayerKind kind = ActivationKind.fromWord(word).isPresent() ? LayerKind.ACTIVATE
                : LayerKind.fromWord(word).orElse(null);
        if (kind == null) {
            if (bare) {
                return new Call(word, spans.of(ctx.WORD().getSymbol()), List.of(), span); // a block, or a mistake the checker names
            }
            unknownLayer(word, spans.of(ctx.WORD().getSymbol()), spans.source().slice(spans.of(ctx)).substring(word.length()));
            throw new Literals.Abandon();
        }
        Modifiers mods = modifiers.read(kind, ctx.modifier());
        Token slope = slope(ctx);
        if (slope != null) {
            return new Layer.Activate(ModifierReader.activation(word, slope, span), span);
        }
        if (ctx.rest() != null) {
            diagnostics.add(Code.E0201, spans.of(ctx.rest()), "'" + word + "' takes no "
                    + (kind.modifiers().isEmpty() ? "modifiers or sizes" : "sizes"),
                    "remove '" + spans.source().slice(spans.of(ctx.rest())) + "'"
                            + (kind == LayerKind.ACTIVATE ? ", or put the activation after a conv or dense layer" : ""));
            throw new Literals.Abandon();
        }
        return wordLayer(kind, mods, word, span);
    }

    /** The number after {@code leakyrelu} on a line of its own ({@code leakyrelu 0.01}): its slope; else null. */
    private static Token slope(CnnParser.WordStatementContext ctx) {
        CnnParser.RestContext rest = ctx.rest();
        boolean number = rest != null && rest.getChildCount() == 1 && (rest.getStart().getType() == CnnParser.DECIMAL
                || rest.getStart().getType() == CnnParser.INT);
        return number && ctx.modifier().isEmpty()
                && ActivationKind.fromWord(ctx.WORD().getText()).orElse(null) == ActivationKind.LEAKYRELU
                ? rest.getStart() : null;
    }

    /**
     * An assertion where a statement would start: after a ';' ({@code conv 16@3; => 26x26x16}), which ended the
     * statement it was meant to check, or at the start of a line. The hint writes them together.
     */
    @Override
    public Statement visitStrayAssertion(CnnParser.StrayAssertionContext ctx) {
        Span span = spans.of(ctx);
        String text = spans.source().text();
        String assertion = text.substring(span.start(), span.end());
        int before = span.start() - 1;
        while (before >= 0 && (text.charAt(before) == ' ' || text.charAt(before) == '\t')) {
            before--;
        }
        String message = "expected a statement (a layer word such as conv, maxpool, dense), found '=>'";
        if (before < 0 || text.charAt(before) != ';') {
            diagnostics.add(Code.E0100, spans.of(ctx.ARROW().getSymbol()), message, "an assertion ends the statement "
                    + "whose shape it checks, on its line: move '" + assertion + "' to the end of that statement");
            throw new Literals.Abandon();
        }
        int start = Math.max(Math.max(text.lastIndexOf('\n', before - 1), text.lastIndexOf(';', before - 1)),
                Math.max(text.lastIndexOf('{', before - 1), text.lastIndexOf('|', before - 1))) + 1;
        String statement = text.substring(start, before).strip();
        diagnostics.add(Code.E0100, spans.of(ctx.ARROW().getSymbol()), message, "remove the ';' before '=>': an "
                + "assertion ends the statement whose shape it checks" + (statement.isEmpty() || statement.length() > 60
                ? "" : ", as in '" + statement + " " + assertion + "'"));
        throw new Literals.Abandon();
    }

    /**
     * The layer of a kind written as a single word with modifiers and without sizes (bn, gap keep, an
     * activation word). Every kind is named here, so that a new one does not compile until it is read
     * either here or by a statement form of the grammar (a keyword, whose word never reaches this method).
     */
    private static Layer wordLayer(LayerKind kind, Modifiers mods, String word, Span span) {
        return switch (kind) {
            case FLATTEN -> new Layer.Flatten(span);
            case BN -> new Layer.BatchNorm(!mods.has(Modifier.NOSCALE), mods.epsilon(), mods.momentum(), span);
            case LN -> new Layer.LayerNorm(mods.epsilon(), span);
            case LAYERSCALE -> new Layer.LayerScale(span);
            case PRELU -> new Layer.PReLU(span);
            case GAP -> new Layer.GlobalPool(PoolKind.AVG, mods.has(Modifier.KEEP), span);
            case GMP -> new Layer.GlobalPool(PoolKind.MAX, mods.has(Modifier.KEEP), span);
            case ACTIVATE -> new Layer.Activate(new Activation(ActivationKind.fromWord(word).orElseThrow(), span), span);
            case CONV, DWCONV, SEPCONV, DECONV, MAXPOOL, AVGPOOL, DENSE, NORMALIZE, RESCALE, DROPOUT, UPSAMPLE, ZEROPAD,
                    CROP, RESHAPE, SPLIT, SHUFFLE, ADD, CONCAT, MULTIPLY, MATMUL, SELECT -> throw new IllegalStateException("'" + word
                    + "' is read as a word, but " + kind + " has a statement form of its own: its word is a keyword "
                    + "of the grammar");
        };
    }

    /** The kind a statement's keyword writes ({@code sepconv}), from {@link LayerKind}'s words. */
    private static LayerKind kindOf(Token keyword) {
        return LayerKind.fromWord(keyword.getText()).orElseThrow(() -> new IllegalStateException("no layer kind is "
                + "written '" + keyword.getText() + "'"));
    }

    /** A statement form whose keyword writes a kind that the form's method does not build. */
    private static IllegalStateException notThisForm(LayerKind kind, ParserRuleContext form) {
        return new IllegalStateException(form.getClass().getSimpleName() + " does not build " + kind);
    }

    /** @param after what follows the word in its statement ({@code  32} in {@code cbr 32}) */
    private void unknownLayer(String word, Span span, String after) {
        if (after.startsWith(".") && dottedName(word + after) != null) {
            frameworkLayer(dottedName(word + after), span, after);
            return;
        }
        String message = "unknown layer '" + word + "'";
        if (blockNames.contains(word)) {
            String arguments = String.join(", ", after.strip().split("\\s+"));
            diagnostics.add(Code.E0200, span, "'" + word + "' is a block, used with parentheses",
                    "write " + word + "(" + arguments + ")");
            return;
        }
        Optional<String> habit = Habits.hint(word);
        if (habit.isPresent()) {
            diagnostics.add(Code.E0200, span, message, habit.get());
            return;
        }
        Suggestions.closest(word, Words.LAYER_WORDS).ifPresentOrElse(
                guess -> diagnostics.add(Code.E0200, span, message, "did you mean '" + guess + "'?"),
                () -> diagnostics.add(Code.E0200, span, message,
                        "a statement starts with one of: " + String.join(", ", Words.STATEMENT_WORDS)
                                + ", an activation word, or a block's name"));
    }

    /**
     * A name with dots, as Python writes a layer's class ({@code nn.ReLU}, {@code layers.Conv2D}): the name alone,
     * or with its arguments when a call follows; null when the statement is not one.
     */
    private static String dottedName(String text) {
        java.util.regex.Matcher name = DOTTED.matcher(text);
        return name.lookingAt() ? name.group() : null;
    }

    private static final java.util.regex.Pattern DOTTED = java.util.regex.Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)+");

    /** {@code nn.ReLU}, {@code nn.Conv2d(1, 32, 3)}: what cnnc writes for the framework's layer, at the whole name. */
    private void frameworkLayer(String qualified, Span word, String after) {
        String rest = after.substring(qualified.length() - qualified.indexOf('.')).strip();
        String arguments = rest.startsWith("(") ? ForeignCall.arguments(rest) : null;
        Span span = new Span(word.start(), word.start() + qualified.length(), word.line(), word.column());
        String last = qualified.substring(qualified.lastIndexOf('.') + 1);
        Optional<String> hint = ForeignCall.hint(qualified, arguments);
        if (hint.isPresent()) {
            diagnostics.add(Code.E0200, span, "unknown layer '" + qualified + "'", hint.get());
            return;
        }
        Suggestions.closest(last, Words.LAYER_WORDS).ifPresentOrElse(
                guess -> diagnostics.add(Code.E0200, span, "unknown layer '" + qualified + "'", "did you mean '" + guess + "'?"),
                () -> diagnostics.add(Code.E0200, span, "unknown layer '" + qualified + "'",
                        "cnnc's layers are words, without a module: " + String.join(", ", Words.STATEMENT_WORDS)));
    }

    private static Size stride(Modifiers mods, Span layer) {
        return mods.stride() != null ? mods.stride() : Size.of(new Num(1, layer));
    }

    private static Padding padding(Modifiers mods, Span layer) {
        return mods.padding() != null ? mods.padding() : new Padding.Valid(layer);
    }

    private static Activation activation(Modifiers mods, Span layer) {
        return mods.activation() != null ? mods.activation() : new Activation(ActivationKind.LINEAR, layer);
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private Invalid invalid(ParserRuleContext ctx) {
        return new Invalid(ctx.getStart().getText(), spans.of(ctx));
    }

    /** True if the parser inserted or skipped tokens inside this statement while recovering. */
    private boolean isRepaired(ParseTree tree) {
        return recovered && hasRepairs(tree);
    }

    private static boolean hasRepairs(ParseTree tree) {
        if (tree instanceof ErrorNode) {
            return true;
        }
        if (tree instanceof ParserRuleContext rule && (rule.exception != null || (rule.getChildCount() == 0
                && !(rule instanceof CnnParser.BranchContext)
                && !(rule instanceof CnnParser.StatementsContext)))) {
            return true; // a rule that matched nothing was entered and abandoned during recovery
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            if (hasRepairs(tree.getChild(i))) {
                return true;
            }
        }
        return false;
    }

    static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length() - 1) {
                c = quoted.charAt(++i);
                out.append(c == 'n' ? '\n' : c == 't' ? '\t' : c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
