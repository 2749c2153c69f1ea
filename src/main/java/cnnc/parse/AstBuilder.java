package cnnc.parse;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.ast.Description;
import cnnc.ast.Input;
import cnnc.ast.Layer;
import cnnc.ast.ModelName;
import cnnc.ast.Num;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.ast.Size2;
import cnnc.ast.Statement;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.diag.Suggestions;
import cnnc.grammar.CnnBaseVisitor;
import cnnc.grammar.CnnParser;
import cnnc.parse.ModifierReader.Slot;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * Builds the syntax tree from ANTLR's parse tree, one method per statement form. A statement that
 * the parser had to repair, or whose words are wrong, becomes {@link Layer.Invalid}.
 */
final class AstBuilder extends CnnBaseVisitor<Statement> {
    private static final Set<Slot> CONV_SLOTS = EnumSet.of(
            Slot.STRIDE, Slot.PADDING, Slot.DILATION, Slot.GROUPS, Slot.BIAS, Slot.ACTIVATION);
    private static final Set<Slot> POOL_SLOTS = EnumSet.of(Slot.STRIDE, Slot.PADDING, Slot.SCALED);
    private static final Set<Slot> DENSE_SLOTS = EnumSet.of(Slot.BIAS, Slot.ACTIVATION);

    private final Spans spans;
    private final Diagnostics diagnostics;
    private final Literals literals;
    private final ModifierReader modifiers;

    AstBuilder(Spans spans, Diagnostics diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
        this.literals = new Literals(spans, diagnostics);
        this.modifiers = new ModifierReader(literals, diagnostics);
    }

    Description build(CnnParser.DescriptionContext context) {
        List<Statement> statements = new ArrayList<>();
        for (CnnParser.StatementContext statement : context.statement()) {
            statements.add(isRepaired(statement) ? invalid(statement) : visit(statement));
        }
        return new Description(statements, spans.of(context));
    }

    @Override
    public Statement visitModelStatement(CnnParser.ModelStatementContext ctx) {
        CnnParser.NameContext name = ctx.name();
        String text = name.STRING() != null ? unquote(name.getText()) : name.getText();
        return new ModelName(text, spans.of(ctx));
    }

    @Override
    public Statement visitInputStatement(CnnParser.InputStatementContext ctx) {
        List<Num> dims = literals.dims(ctx.shape);
        if (dims == null) {
            return invalid(ctx);
        }
        if (dims.size() != 1 && dims.size() != 3) {
            diagnostics.add(Code.E0103, spans.of(ctx.shape), "an input is HxWxC (an image) or N (a vector); '"
                    + ctx.shape.getText() + "' has " + dims.size() + " dimensions",
                    dims.size() == 2 ? "for one channel write " + ctx.shape.getText() + "x1" : "write e.g. input 28x28x1");
            return invalid(ctx);
        }
        return new Input(dims, spans.of(ctx));
    }

    @Override
    public Statement visitConvStatement(CnnParser.ConvStatementContext ctx) {
        Num filters = literals.num(ctx.filters);
        Size2 kernel = literals.size2(ctx.kernel, "kernel");
        Modifiers mods = modifiers.read("conv", ctx.modifier(), CONV_SLOTS);
        if (filters == null || kernel == null || !mods.valid()) {
            return invalid(ctx);
        }
        Span span = spans.of(ctx);
        Num one = new Num(1, span);
        return new Layer.Conv(filters, kernel, orDefault(mods.stride(), Size2.square(one)),
                mods.padding() != null ? mods.padding() : new Padding.Valid(span),
                orDefault(mods.dilation(), one), orDefault(mods.groups(), one), !mods.nobias(),
                activation(mods, span), span);
    }

    @Override
    public Statement visitPoolStatement(CnnParser.PoolStatementContext ctx) {
        PoolKind kind = ctx.op.getType() == CnnParser.MAXPOOL ? PoolKind.MAX : PoolKind.AVG;
        Size2 window = literals.size2(ctx.window, "pool window");
        Modifiers mods = modifiers.read(kind.word(), ctx.modifier(), POOL_SLOTS);
        if (window == null || !mods.valid()) {
            return invalid(ctx);
        }
        if (mods.padding() instanceof Padding.Explicit explicit) {
            diagnostics.add(Code.E0201, explicit.span(), "pooling takes 'valid' or 'same', not 'pad'",
                    "pad explicitly only before a convolution");
            return invalid(ctx);
        }
        Span span = spans.of(ctx);
        return new Layer.Pool(kind, window, orDefault(mods.stride(), window),
                mods.padding() != null ? mods.padding() : new Padding.Valid(span), mods.scaled(), span);
    }

    @Override
    public Statement visitDenseStatement(CnnParser.DenseStatementContext ctx) {
        Num units = literals.num(ctx.units);
        Modifiers mods = modifiers.read("dense", ctx.modifier(), DENSE_SLOTS);
        if (units == null || !mods.valid()) {
            return invalid(ctx);
        }
        Span span = spans.of(ctx);
        return new Layer.Dense(units, !mods.nobias(), activation(mods, span), span);
    }

    @Override
    public Statement visitDropoutStatement(CnnParser.DropoutStatementContext ctx) {
        String text = ctx.rate.getText();
        return new Layer.Dropout(Double.parseDouble(text), text, spans.of(ctx));
    }

    @Override
    public Statement visitWordStatement(CnnParser.WordStatementContext ctx) {
        String word = ctx.WORD().getText();
        Span span = spans.of(ctx);
        Statement layer = bareLayer(word, span);
        if (layer == null) {
            unknownLayer(word, spans.of(ctx.WORD().getSymbol()));
            return invalid(ctx);
        }
        if (!ctx.rest().getText().isEmpty()) {
            diagnostics.add(Code.E0201, spans.of(ctx.rest()), "'" + word + "' takes no modifiers or sizes",
                    "remove '" + spans.source().slice(spans.of(ctx.rest())) + "'"
                            + (ActivationKind.fromWord(word).isPresent() ? ", or put the activation after a conv or dense layer" : ""));
            return invalid(ctx);
        }
        return layer;
    }

    private static Layer bareLayer(String word, Span span) {
        return switch (word) {
            case "flatten" -> new Layer.Flatten(span);
            case "bn" -> new Layer.BatchNorm(span);
            case "gap" -> new Layer.GlobalPool(PoolKind.AVG, span);
            case "gmp" -> new Layer.GlobalPool(PoolKind.MAX, span);
            default -> ActivationKind.fromWord(word)
                    .map(kind -> (Layer) new Layer.Activate(new Activation(kind, span), span))
                    .orElse(null);
        };
    }

    private void unknownLayer(String word, Span span) {
        String message = "unknown layer '" + word + "'";
        Suggestions.closest(word, Words.LAYER_WORDS).ifPresentOrElse(
                guess -> diagnostics.add(Code.E0200, span, message, "did you mean '" + guess + "'?"),
                () -> diagnostics.add(Code.E0200, span, message,
                        "a statement starts with one of: " + String.join(", ", Words.STATEMENT_WORDS)
                                + ", or an activation word"));
    }

    private static Activation activation(Modifiers mods, Span layer) {
        return mods.activation() != null ? mods.activation() : new Activation(ActivationKind.LINEAR, layer);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private Layer.Invalid invalid(ParserRuleContext ctx) {
        return new Layer.Invalid(ctx.getStart().getText(), spans.of(ctx));
    }

    /** True if the parser inserted or skipped tokens inside this statement while recovering. */
    private static boolean isRepaired(ParseTree tree) {
        if (tree instanceof ErrorNode) {
            return true;
        }
        if (tree instanceof ParserRuleContext rule
                && (rule.exception != null || (rule.getChildCount() == 0 && !(rule instanceof CnnParser.RestContext)))) {
            return true; // a rule that matched nothing was entered and abandoned during recovery
        }
        for (int i = 0; i < tree.getChildCount(); i++) {
            if (isRepaired(tree.getChild(i))) {
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
