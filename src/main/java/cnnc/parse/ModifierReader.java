package cnnc.parse;

import cnnc.ast.Activation;
import cnnc.ast.ActivationKind;
import cnnc.ast.Num;
import cnnc.ast.Padding;
import cnnc.ast.Size2;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import cnnc.diag.Suggestions;
import cnnc.grammar.CnnParser.ModifierContext;
import cnnc.grammar.CnnParser.StrideModifierContext;
import cnnc.grammar.CnnParser.WordModifierContext;
import cnnc.source.Span;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the modifier list of one layer, checking each word against what that layer accepts. */
final class ModifierReader {

    /** What a modifier sets; two modifiers that set the same thing conflict. */
    enum Slot { STRIDE, PADDING, DILATION, GROUPS, BIAS, ACTIVATION, SCALED }

    private static final Map<String, Slot> WORD_SLOTS = wordSlots();
    private static final Set<String> VALUED_WORDS = Set.of("pad", "dil", "groups");

    private final Literals literals;
    private final Diagnostics diagnostics;

    ModifierReader(Literals literals, Diagnostics diagnostics) {
        this.literals = literals;
        this.diagnostics = diagnostics;
    }

    Modifiers read(String layerWord, List<ModifierContext> contexts, Set<Slot> accepted) {
        Map<Slot, Written> seen = new EnumMap<>(Slot.class);
        boolean valid = true;
        Size2 stride = null;
        Padding padding = null;
        Num dilation = null;
        Num groups = null;
        Activation activation = null;
        for (ModifierContext context : contexts) {
            Span span = literals.spans().of(context);
            String text = literals.spans().source().slice(span);
            if (context instanceof StrideModifierContext strideContext) {
                if (!accepted.contains(Slot.STRIDE)) {
                    diagnostics.add(Code.E0201, span, "'" + layerWord + "' takes no stride", "remove '" + text + "'");
                    valid = false;
                    continue;
                }
                if (!accept(Slot.STRIDE, text, span, seen)) {
                    valid = false;
                    continue;
                }
                stride = literals.size2(strideContext.stride, "stride");
                valid &= stride != null;
                continue;
            }
            WordModifierContext wordContext = (WordModifierContext) context;
            String word = wordContext.WORD().getText();
            Slot slot = WORD_SLOTS.get(word);
            if (slot == null || !accepted.contains(slot)) {
                unknown(layerWord, word, slot, span, accepted);
                valid = false;
                continue;
            }
            if (!accept(slot, text, span, seen) || !valueFits(word, wordContext, span)) {
                valid = false;
                continue;
            }
            switch (word) {
                case "valid" -> padding = new Padding.Valid(span);
                case "same" -> padding = new Padding.Same(span);
                case "pad" -> {
                    Num amount = literals.num(wordContext.value.INT().getSymbol());
                    padding = amount == null ? null : new Padding.Explicit(amount, span);
                    valid &= amount != null;
                }
                case "dil" -> {
                    dilation = value(wordContext, span);
                    valid &= dilation != null;
                }
                case "groups" -> {
                    groups = value(wordContext, span);
                    valid &= groups != null;
                }
                case "nobias", "scaled" -> { }
                default -> activation = new Activation(ActivationKind.fromWord(word).orElseThrow(), span);
            }
        }
        return new Modifiers(stride, padding, dilation, groups, seen.containsKey(Slot.BIAS), activation,
                seen.containsKey(Slot.SCALED), valid);
    }

    /** The modifier's number, placed at the whole modifier ({@code groups 4}) for diagnostics about it. */
    private Num value(WordModifierContext context, Span modifier) {
        Num value = literals.num(context.value.INT().getSymbol());
        return value == null ? null : new Num(value.value(), modifier);
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

    private boolean valueFits(String word, WordModifierContext context, Span span) {
        boolean takesValue = VALUED_WORDS.contains(word);
        if (takesValue && context.value == null) {
            diagnostics.add(Code.E0204, span, "'" + word + "' needs a whole number", "for example: " + word + " 2");
            return false;
        }
        if (takesValue && context.value.INT() == null) {
            diagnostics.add(Code.E0204, literals.spans().of(context.value),
                    "'" + word + "' needs a whole number, not " + context.value.getText(),
                    "for example: " + word + " 2");
            return false;
        }
        if (!takesValue && context.value != null) {
            diagnostics.add(Code.E0204, literals.spans().of(context.value),
                    "'" + word + "' takes no value", "remove '" + context.value.getText() + "'");
            return false;
        }
        return true;
    }

    private void unknown(String layerWord, String word, Slot slot, Span span, Set<Slot> accepted) {
        List<String> words = acceptedWords(accepted);
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
        return "'" + layerWord + "' takes: " + String.join(", ", words.stream().filter(w -> !ActivationKind.WORDS.contains(w)).toList())
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
            case BIAS -> "bias setting";
            case ACTIVATION -> "activation";
            case SCALED -> "scaling";
        };
    }

    private static Map<String, Slot> wordSlots() {
        Map<String, Slot> slots = new java.util.LinkedHashMap<>();
        slots.put("valid", Slot.PADDING);
        slots.put("same", Slot.PADDING);
        slots.put("pad", Slot.PADDING);
        slots.put("dil", Slot.DILATION);
        slots.put("groups", Slot.GROUPS);
        slots.put("nobias", Slot.BIAS);
        slots.put("scaled", Slot.SCALED);
        for (String activation : ActivationKind.WORDS) {
            slots.put(activation, Slot.ACTIVATION);
        }
        return slots;
    }

    private record Written(String text, Span span) {
    }
}
