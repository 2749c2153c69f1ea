package cnnc.parse;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.ast.Expr;
import cnnc.ast.LayerKind;
import cnnc.ast.Modifier;
import cnnc.ast.Modifier.Slot;
import cnnc.ast.Num;
import cnnc.ast.Padding;
import cnnc.ast.Size;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.diag.Suggestions;
import cnnc.grammar.CnnParser.KeywordModifierContext;
import cnnc.grammar.CnnParser.ModifierContext;
import cnnc.grammar.CnnParser.PadModifierContext;
import cnnc.grammar.CnnParser.StrideModifierContext;
import cnnc.grammar.CnnParser.ValuedModifierContext;
import cnnc.grammar.CnnParser.WordModifierContext;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the modifier list of one layer, checking each word against what that kind of layer takes
 * ({@link LayerKind#modifiers()}).
 */
final class ModifierReader {
    private final Literals literals;
    private final Diagnostics diagnostics;

    ModifierReader(Literals literals, Diagnostics diagnostics) {
        this.literals = literals;
        this.diagnostics = diagnostics;
    }

    /** Reads every modifier, reporting each mistake; throws {@link Literals.Abandon} if there was one. */
    Modifiers read(LayerKind kind, List<ModifierContext> contexts) {
        Map<Slot, Span> seen = new EnumMap<>(Slot.class);
        boolean ok = true;
        Size stride = null;
        Padding padding = null;
        Expr dilation = null;
        Expr groups = null;
        Expr multiplier = null;
        Activation activation = null;
        Set<Modifier> flags = EnumSet.noneOf(Modifier.class);
        String epsilon = "";
        String momentum = "";
        for (ModifierContext context : contexts) {
            Span span = literals.spans().of(context);
            String word = word(context);
            if (context instanceof KeywordModifierContext keyword) {
                keyword(kind, keyword, text(span), span);
                ok = false;
                continue;
            }
            Modifier modifier = Modifier.fromWord(word).orElse(null);
            if (modifier == null || !kind.modifiers().contains(modifier)) {
                unknown(kind, word, text(span), modifier, span);
                ok = false;
                continue;
            }
            if (!accept(modifier.slot(), span, seen) || !valueFits(word, context, span)) {
                ok = false;
                continue;
            }
            try {
                switch (modifier) {
                    case STRIDE -> stride = literals.sizes(((StrideModifierContext) context).stride, "stride");
                    case VALID -> padding = new Padding.Valid(span);
                    case SAME -> padding = new Padding.Same(span);
                    case PAD -> padding = new Padding.Explicit(amount((PadModifierContext) context, span), span);
                    case DIL -> dilation = value((ValuedModifierContext) context, span);
                    case GROUPS -> groups = value((ValuedModifierContext) context, span);
                    case MULT -> multiplier = value((ValuedModifierContext) context, span);
                    case ACTIVATION -> activation = activation(word, ((WordModifierContext) context).value == null ? null
                            : ((WordModifierContext) context).value.getStart(), span);
                    case NOBIAS, SCALED, KEEP, NOSCALE, CEIL, BILINEAR -> flags.add(modifier);
                    case EPS -> epsilon = epsilon((WordModifierContext) context, span);
                    case MOMENTUM -> momentum = momentum((WordModifierContext) context, span);
                }
            } catch (Literals.Abandon reported) {
                ok = false;
            }
        }
        if (!ok) {
            throw new Literals.Abandon();
        }
        return new Modifiers(stride, padding, dilation, groups, multiplier, activation, flags, epsilon, momentum);
    }

    /** A literal value points at the whole modifier ({@code groups 4}), which diagnostics about it underline. */
    private Expr value(ValuedModifierContext valued, Span span) {
        Expr value = literals.primary(valued.value);
        return value instanceof Num literal ? new Num(literal.value(), span) : value;
    }

    /** As a value: one literal number points at the whole modifier ({@code pad 1}); sizes per axis at themselves. */
    private Size amount(PadModifierContext pad, Span span) {
        Size amount = literals.sizes(pad.amount, "padding");
        return amount.written().size() == 1 && amount.written().get(0) instanceof Num literal
                ? Size.of(new Num(literal.value(), span)) : amount;
    }

    private static String word(ModifierContext context) {
        if (context instanceof StrideModifierContext) {
            return "/";
        } else if (context instanceof PadModifierContext) {
            return "pad";
        } else if (context instanceof ValuedModifierContext valued) {
            return valued.op.getText();
        } else if (context instanceof KeywordModifierContext keyword) {
            return keyword.key.getText() + "=";
        }
        return ((WordModifierContext) context).WORD().getText();
    }

    /** Records the modifier in its slot; false (with a diagnostic) if the slot is already taken. */
    private boolean accept(Slot slot, Span span, Map<Slot, Span> seen) {
        Span earlier = seen.putIfAbsent(slot, span);
        if (earlier == null) {
            return true;
        }
        String text = text(span);
        if (text(earlier).equals(text)) {
            diagnostics.add(Code.E0203, span, "'" + text + "' is written twice", "remove one of them");
        } else {
            diagnostics.add(Code.E0202, span, "'" + text + "' conflicts with '" + text(earlier) + "' at line "
                    + earlier.line() + ", column " + earlier.column(),
                    "a layer has one " + slot.description() + ": keep either '" + text(earlier) + "' or '" + text + "'");
        }
        return false;
    }

    /** A modifier as written, which only a message quotes. */
    private String text(Span span) {
        return literals.spans().source().slice(span);
    }

    /** {@code eps 0.00001}: a positive number, kept as written. */
    private String epsilon(WordModifierContext context, Span span) {
        String text = context.value.getText();
        if (new java.math.BigDecimal(text).signum() <= 0) {
            diagnostics.add(Code.E0204, span, "'eps' needs a number above 0, not " + text,
                    "for example: eps 0.00001 (PyTorch's), eps 0.001 (Keras's)");
            throw new Literals.Abandon();
        }
        return text;
    }

    /** {@code momentum 0.1}: a weight from 0 to 1, kept as written. */
    private String momentum(WordModifierContext context, Span span) {
        String text = context.value.getText();
        if (new java.math.BigDecimal(text).compareTo(java.math.BigDecimal.ONE) > 0) {
            diagnostics.add(Code.E0204, span, "'momentum' is a weight from 0 to 1, not " + text,
                    "for example: momentum 0.1 (PyTorch's), momentum 0.01 (Keras's 0.99, which is 1 - 0.01)");
            throw new Literals.Abandon();
        }
        return text;
    }

    private boolean valueFits(String word, ModifierContext context, Span span) {
        if (word.equals("momentum") && context instanceof WordModifierContext plain && plain.value == null) {
            diagnostics.add(Code.E0204, span, "'momentum' needs a number", "for example: momentum 0.1");
            return false;
        }
        if (word.equals("eps") || word.equals("momentum")) {
            if (context instanceof WordModifierContext plain && plain.value == null) {
                diagnostics.add(Code.E0204, span, "'eps' needs a number", "for example: eps 0.00001");
                return false;
            }
            return true;
        }
        if (context instanceof PadModifierContext pad && pad.fraction != null) {
            diagnostics.add(Code.E0204, literals.spans().of(pad.fraction), "'pad' needs a whole number, not "
                    + pad.fraction.getText(), "for example: pad 1, or one per axis: pad 1x2");
            return false;
        }
        if (context instanceof PadModifierContext pad && pad.amount == null) {
            diagnostics.add(Code.E0204, span, "'pad' needs a whole number", "for example: pad 1, or one per axis: pad 1x2");
            return false;
        }
        if (context instanceof ValuedModifierContext valued && valued.fraction != null) {
            diagnostics.add(Code.E0204, literals.spans().of(valued.fraction), "'" + word + "' needs a whole number, not "
                    + valued.fraction.getText(), "for example: " + word + " 2");
            return false;
        }
        if (context instanceof ValuedModifierContext valued && valued.value == null) {
            diagnostics.add(Code.E0204, span, "'" + word + "' needs a whole number", "for example: " + word + " 2");
            return false;
        }
        if (context instanceof WordModifierContext plain && plain.value != null
                && ActivationKind.fromWord(word).orElse(null) != ActivationKind.LEAKYRELU) {
            diagnostics.add(Code.E0204, literals.spans().of(plain.value), "'" + word + "' takes no value",
                    "remove '" + plain.value.getText() + "'" + (ActivationKind.fromWord(word).isPresent()
                            ? " (of the activations, only leakyrelu takes a number: its slope, leakyrelu 0.01)" : ""));
            return false;
        }
        return true;
    }

    /** An activation word, with leaky ReLU's slope when one is written after it ({@code leakyrelu 0.01}). */
    static Activation activation(String word, org.antlr.v4.runtime.Token slope, Span span) {
        ActivationKind kind = ActivationKind.fromWord(word).orElseThrow();
        return slope == null ? new Activation(kind, span) : new Activation(kind, slope.getText(), span);
    }

    private void unknown(LayerKind kind, String word, String text, Modifier modifier, Span span) {
        String layerWord = kind.op();
        if (modifier == Modifier.STRIDE) {
            diagnostics.add(Code.E0201, span, "'" + layerWord + "' takes no stride", "remove '" + text + "'");
            return;
        }
        if (modifier == Modifier.PAD && kind.modifiers().contains(Modifier.SAME)) {
            diagnostics.add(Code.E0201, span, "'" + layerWord + "' takes 'valid' or 'same', not 'pad'",
                    "put 'zeropad P' before it for explicit padding");
            return;
        }
        if (modifier == Modifier.CEIL && kind == LayerKind.AVGPOOL) {
            diagnostics.add(Code.E0201, span, "'avgpool' does not take 'ceil'", "PyTorch's ceil_mode average divides "
                    + "a window cut short at the end by its cut size, which neither Keras nor DL4J can do exactly; "
                    + "'ceil' is for maxpool");
            return;
        }
        if (modifier != null) {
            diagnostics.add(Code.E0201, span, "'" + layerWord + "' does not take '" + word + "'", takes(kind));
            return;
        }
        String message = "unknown modifier '" + word + "' for '" + layerWord + "'";
        if (word.equals(LayerKind.PRELU.op())) {
            diagnostics.add(Code.E0201, span, message, "'prelu' is a layer of its own (its slopes are parameters, one per "
                    + "channel): write it on the next line, after '" + layerWord + "'");
            return;
        }
        if (word.matches("X\\d+")) {
            diagnostics.add(Code.E0201, span, message, "sizes are written with a lowercase x: 3x3, not 3X3");
            return;
        }
        List<String> words = new ArrayList<>();
        kind.modifiers().stream().filter(m -> m != Modifier.ACTIVATION && m != Modifier.STRIDE)
                .forEach(m -> words.add(m.word()));
        if (kind.modifiers().contains(Modifier.ACTIVATION)) {
            words.addAll(ActivationKind.WORDS);
        }
        Suggestions.closest(word, words).ifPresentOrElse(
                guess -> diagnostics.add(Code.E0201, span, message, "did you mean '" + guess + "'?"),
                () -> diagnostics.add(Code.E0201, span, message, takes(kind)));
    }

    /**
     * {@code stride=2}, {@code padding=same}, {@code use_bias=False}: Keras's and PyTorch's keyword
     * arguments, which cnnc writes as words; one diagnostic naming the word.
     */
    private void keyword(LayerKind kind, KeywordModifierContext keyword, String text, Span span) {
        String key = keyword.key.getText().toLowerCase(java.util.Locale.ROOT);
        String value = text.substring(text.indexOf('=') + 1).strip();
        String instead = switch (key) {
            case "stride", "strides" -> "/" + (value.isEmpty() ? "S" : value);
            case "padding" -> value.matches("\\d+") ? "pad " + value : value.isEmpty() ? "valid or same" : value.toLowerCase(java.util.Locale.ROOT);
            case "dilation", "dilation_rate" -> "dil " + (value.isEmpty() ? "D" : value);
            case "groups" -> "groups " + (value.isEmpty() ? "G" : value);
            case "depth_multiplier" -> "mult " + (value.isEmpty() ? "M" : value);
            case "ceil_mode" -> "ceil (or nothing: rounding down is the default)";
            case "bias", "use_bias" -> "nobias (or nothing: a bias is the default)";
            case "activation" -> value.isEmpty() ? "an activation word" : value.toLowerCase(java.util.Locale.ROOT);
            default -> null;
        };
        diagnostics.add(Code.E0201, span, "'" + text + "': cnnc writes modifiers as words, without '='",
                instead != null ? "write " + instead : takes(kind));
    }

    /** {@code 'conv' takes: /S, valid, same, pad, dil, groups, nobias, an activation word}, from the kind's list. */
    static String takes(LayerKind kind) {
        if (kind.modifiers().isEmpty()) {
            return "'" + kind.op() + "' takes no modifiers";
        }
        return "'" + kind.op() + "' takes: " + String.join(", ", kind.modifiers().stream().map(Modifier::word).toList());
    }
}
