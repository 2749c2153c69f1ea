package cnnc.parse;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.ast.Expr;
import cnnc.ast.Num;
import cnnc.ast.Padding;
import cnnc.ast.Size2;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.diag.Suggestions;
import cnnc.grammar.CnnParser.ModifierContext;
import cnnc.grammar.CnnParser.StrideModifierContext;
import cnnc.grammar.CnnParser.ValuedModifierContext;
import cnnc.grammar.CnnParser.WordModifierContext;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the modifier list of one layer, checking each word against what that layer takes. */
final class ModifierReader {

    /** What a modifier sets; two modifiers that set the same thing conflict. */
    enum Slot { STRIDE, PADDING, DILATION, GROUPS, MULTIPLIER, BIAS, ACTIVATION, SCALED, KEEP, SCALE }

    private static final Map<String, Slot> WORD_SLOTS = wordSlots();

    private final Literals literals;
    private final Diagnostics diagnostics;

    ModifierReader(Literals literals, Diagnostics diagnostics) {
        this.literals = literals;
        this.diagnostics = diagnostics;
    }

    /** Reads every modifier, reporting each mistake; throws {@link Literals.Abandon} if there was one. */
    Modifiers read(String layerWord, List<ModifierContext> contexts, Set<Slot> accepted) {
        Map<Slot, Written> seen = new EnumMap<>(Slot.class);
        boolean ok = true;
        Size2 stride = null;
        Padding padding = null;
        Map<String, Expr> values = new LinkedHashMap<>();
        Activation activation = null;
        Set<String> flags = new HashSet<>();
        for (ModifierContext context : contexts) {
            Span span = literals.spans().of(context);
            String text = literals.spans().source().slice(span);
            String word = word(context);
            Slot slot = word.equals("/") ? Slot.STRIDE : WORD_SLOTS.get(word);
            if (slot == null || !accepted.contains(slot)) {
                unknown(layerWord, word, text, slot, span, accepted);
                ok = false;
                continue;
            }
            if (!accept(slot, text, span, seen) || !valueFits(word, context, span)) {
                ok = false;
                continue;
            }
            try {
                if (context instanceof StrideModifierContext strideContext) {
                    stride = literals.size2(strideContext.stride, "stride");
                } else if (context instanceof ValuedModifierContext valued) {
                    Expr value = literals.primary(valued.value);
                    if (value instanceof Num literal) {
                        value = new Num(literal.value(), span); // diagnostics about it point at the whole modifier
                    }
                    if (word.equals("pad")) {
                        padding = new Padding.Explicit(value, span);
                    } else {
                        values.put(word, value);
                    }
                } else if (word.equals("valid")) {
                    padding = new Padding.Valid(span);
                } else if (word.equals("same")) {
                    padding = new Padding.Same(span);
                } else if (slot == Slot.ACTIVATION) {
                    activation = new Activation(ActivationKind.fromWord(word).orElseThrow(), span);
                } else {
                    flags.add(word);
                }
            } catch (Literals.Abandon reported) {
                ok = false;
            }
        }
        if (!ok) {
            throw new Literals.Abandon();
        }
        return new Modifiers(stride, padding, values.get("dil"), values.get("groups"), values.get("mult"),
                activation, flags);
    }

    private static String word(ModifierContext context) {
        if (context instanceof StrideModifierContext) {
            return "/";
        } else if (context instanceof ValuedModifierContext valued) {
            return valued.op.getText();
        }
        return ((WordModifierContext) context).WORD().getText();
    }

    /** Records the modifier in its slot; false (with a diagnostic) if the slot is already taken. */
    private boolean accept(Slot slot, String text, Span span, Map<Slot, Written> seen) {
        Written earlier = seen.putIfAbsent(slot, new Written(text, span));
        if (earlier == null) {
            return true;
        }
        if (earlier.text().equals(text)) {
            diagnostics.add(Code.E0203, span, "'" + text + "' is written twice", "remove one of them");
        } else {
            diagnostics.add(Code.E0202, span, "'" + text + "' conflicts with '" + earlier.text() + "' at line "
                    + earlier.span().line() + ", column " + earlier.span().column(),
                    "a layer has one " + slotName(slot) + ": keep either '" + earlier.text() + "' or '" + text + "'");
        }
        return false;
    }

    private boolean valueFits(String word, ModifierContext context, Span span) {
        if (context instanceof ValuedModifierContext valued && valued.fraction != null) {
            diagnostics.add(Code.E0204, literals.spans().of(valued.fraction), "'" + word + "' needs a whole number, not "
                    + valued.fraction.getText(), "for example: " + word + " 2");
            return false;
        }
        if (context instanceof ValuedModifierContext valued && valued.value == null) {
            diagnostics.add(Code.E0204, span, "'" + word + "' needs a whole number", "for example: " + word + " 2");
            return false;
        }
        if (context instanceof WordModifierContext plain && plain.value != null) {
            diagnostics.add(Code.E0204, literals.spans().of(plain.value),
                    "'" + word + "' takes no value", "remove '" + plain.value.getText() + "'");
            return false;
        }
        return true;
    }

    private void unknown(String layerWord, String word, String text, Slot slot, Span span, Set<Slot> accepted) {
        List<String> words = acceptedWords(accepted);
        if (slot == Slot.STRIDE) {
            diagnostics.add(Code.E0201, span, "'" + layerWord + "' takes no stride", "remove '" + text + "'");
            return;
        }
        if (slot != null) {
            diagnostics.add(Code.E0201, span, "'" + layerWord + "' does not take '" + word + "'",
                    hintFor(layerWord, words));
            return;
        }
        String message = "unknown modifier '" + word + "' for '" + layerWord + "'";
        Suggestions.closest(word, words).ifPresentOrElse(
                guess -> diagnostics.add(Code.E0201, span, message, "did you mean '" + guess + "'?"),
                () -> diagnostics.add(Code.E0201, span, message, hintFor(layerWord, words)));
    }

    private static String hintFor(String layerWord, List<String> words) {
        if (words.isEmpty()) {
            return "'" + layerWord + "' takes no modifiers";
        }
        return "'" + layerWord + "' takes: "
                + String.join(", ", words.stream().filter(w -> !ActivationKind.WORDS.contains(w)).toList())
                + (words.contains("relu") ? ", an activation word" : "");
    }

    private static List<String> acceptedWords(Set<Slot> accepted) {
        List<String> words = new ArrayList<>();
        if (accepted.contains(Slot.STRIDE)) {
            words.add("/S");
        }
        WORD_SLOTS.forEach((word, slot) -> {
            if (accepted.contains(slot)) {
                words.add(word);
            }
        });
        return words;
    }

    private static String slotName(Slot slot) {
        return switch (slot) {
            case STRIDE -> "stride";
            case PADDING -> "padding";
            case DILATION -> "dilation";
            case GROUPS -> "group count";
            case MULTIPLIER -> "depth multiplier";
            case BIAS -> "bias setting";
            case ACTIVATION -> "activation";
            case SCALED -> "scaling";
            case KEEP -> "keep setting";
            case SCALE -> "scale setting";
        };
    }

    private static Map<String, Slot> wordSlots() {
        Map<String, Slot> slots = new LinkedHashMap<>();
        slots.put("valid", Slot.PADDING);
        slots.put("same", Slot.PADDING);
        slots.put("pad", Slot.PADDING);
        slots.put("dil", Slot.DILATION);
        slots.put("groups", Slot.GROUPS);
        slots.put("mult", Slot.MULTIPLIER);
        slots.put("nobias", Slot.BIAS);
        slots.put("scaled", Slot.SCALED);
        slots.put("keep", Slot.KEEP);
        slots.put("noscale", Slot.SCALE);
        for (String activation : ActivationKind.WORDS) {
            slots.put(activation, Slot.ACTIVATION);
        }
        return slots;
    }

    private record Written(String text, Span span) {
    }
}
