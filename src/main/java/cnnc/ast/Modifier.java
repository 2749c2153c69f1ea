package cnnc.ast;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The words that may follow a layer's sizes, each with the help a reader sees in docs/language.md's table
 * and in the "takes: ..." hint. Each sets one property of the layer, its {@link Slot}: two modifiers
 * of one slot conflict ({@code same valid}). Which layer takes which is {@link LayerKind#modifiers()}.
 */
public enum Modifier {
    STRIDE("/S", "`/S` or `/SxS`", Slot.STRIDE, "stride (conv default 1; pool default the window)"),
    VALID("valid", "`valid`", Slot.PADDING, "no padding (the default)"),
    SAME("same", "`same`", Slot.PADDING, "pad so the output is ceil(n / stride), as Keras"),
    PAD("pad", "`pad P` or `pad PxP`", Slot.PADDING, "P zeros on both sides of every axis, or an amount per axis "
            + "(`pad 1x3x3`) (pooling: as PyTorch's padding, at most half the window; max pooling never picks it, "
            + "average pooling counts it in the divisor)"),
    DIL("dil", "`dil D`", Slot.DILATION, "dilation"),
    GROUPS("groups", "`groups G`", Slot.GROUPS, "grouped convolution; G divides the input channels and the filters"),
    MULT("mult", "`mult M`", Slot.MULTIPLIER, "depth multiplier: M filters per input channel"),
    NOBIAS("nobias", "`nobias`", Slot.BIAS, "no bias vector"),
    SCALED("scaled", "`scaled`", Slot.SCALED,
            "pooling followed by a trainable coefficient and bias per channel (LeNet-5's subsampling, 2C parameters)"),
    CEIL("ceil", "`ceil`", Slot.ROUNDING, "PyTorch's ceil_mode: the output is ceil((n + 2p - k) / s) + 1, less 1 "
            + "if the last window would start beyond the input and its left padding; those windows are cut short"),
    BILINEAR("bilinear", "`bilinear`", Slot.INTERPOLATION, "each new value interpolated from its 2x2 nearest "
            + "input values (half-pixel centres, as Keras's and PyTorch's align_corners=False) instead of repeated"),
    KEEP("keep", "`keep`", Slot.KEEP, "keep the height and width: global pooling to 1x1xC instead of a vector of C; "
            + "dense on each position's channels (HxWxCin -> HxWxN, Cin x N + N parameters) instead of flattening"),
    NOSCALE("noscale", "`noscale`", Slot.SCALE, "no gamma: 3C parameters, C trainable (InceptionV3)"),
    EPS("eps", "`eps E`", Slot.EPSILON, "the number added to the variance before its square root: Keras's 0.001 "
            + "unless written (PyTorch's is 0.00001)"),
    MOMENTUM("momentum", "`momentum M`", Slot.MOMENTUM, "the weight of each new batch in the moving mean and variance, "
            + "as PyTorch's momentum (0.1 there); Keras's momentum is 1 - M, 0.99 there, so 0.01 unless written"),
    ACTIVATION("an activation word", "activation word", Slot.ACTIVATION,
            "`linear` (the default) `" + String.join(" ", ActivationKind.WORDS.subList(1, ActivationKind.WORDS.size()))
                    + "`; `leakyrelu S` with its slope for negative inputs (Keras's 0.2 unless written)");

    /** What a modifier sets; a layer has one of each. */
    public enum Slot {
        STRIDE("stride"), PADDING("padding"), DILATION("dilation"), GROUPS("group count"),
        MULTIPLIER("depth multiplier"), BIAS("bias setting"), ACTIVATION("activation"), SCALED("scaling"),
        KEEP("keep setting"), SCALE("scale setting"), EPSILON("epsilon"), ROUNDING("rounding"),
        INTERPOLATION("interpolation"), MOMENTUM("momentum");

        private final String description;

        Slot(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final String word;
    private final String form;
    private final Slot slot;
    private final String help;

    Modifier(String word, String form, Slot slot, String help) {
        this.word = word;
        this.form = form;
        this.slot = slot;
        this.help = help;
    }

    /** As hints name it: {@code pad}, {@code /S}, {@code an activation word}. */
    public String word() {
        return word;
    }

    /** As docs/language.md's table writes it, in markdown: {@code `pad P`}. */
    public String form() {
        return form;
    }

    public Slot slot() {
        return slot;
    }

    public String help() {
        return help;
    }

    /** True for the modifiers followed by a whole number ({@code pad 1}, {@code groups 4}). */
    public boolean takesValue() {
        return this == PAD || this == DIL || this == GROUPS || this == MULT;
    }

    /** The modifier a written word is: {@code /} for a stride, any activation word for ACTIVATION. */
    public static Optional<Modifier> fromWord(String word) {
        if (word.equals("/")) {
            return Words.BY_WORD.get("/");
        }
        if (ActivationKind.fromWord(word).isPresent()) {
            return Words.AN_ACTIVATION;
        }
        return Words.BY_WORD.getOrDefault(word, Optional.empty());
    }

    /** Made once: every modifier written asks (values() copied its array, and an Optional was made, per call). */
    private static final class Words {
        static final Optional<Modifier> AN_ACTIVATION = Optional.of(ACTIVATION);
        static final Map<String, Optional<Modifier>> BY_WORD = byWord();

        private static Map<String, Optional<Modifier>> byWord() {
            Map<String, Optional<Modifier>> modifiers = new HashMap<>();
            for (Modifier modifier : values()) {
                if (modifier != STRIDE && modifier != ACTIVATION) {
                    modifiers.putIfAbsent(modifier.word, Optional.of(modifier));
                }
            }
            modifiers.put("/", Optional.of(STRIDE));
            return modifiers;
        }
    }
}
