package cnnc.ast;

import static cnnc.ast.Modifier.ACTIVATION;
import static cnnc.ast.Modifier.BILINEAR;
import static cnnc.ast.Modifier.CEIL;
import static cnnc.ast.Modifier.DIL;
import static cnnc.ast.Modifier.EPS;
import static cnnc.ast.Modifier.GROUPS;
import static cnnc.ast.Modifier.KEEP;
import static cnnc.ast.Modifier.MULT;
import static cnnc.ast.Modifier.MOMENTUM;
import static cnnc.ast.Modifier.NOBIAS;
import static cnnc.ast.Modifier.NOSCALE;
import static cnnc.ast.Modifier.PAD;
import static cnnc.ast.Modifier.SAME;
import static cnnc.ast.Modifier.SCALED;
import static cnnc.ast.Modifier.STRIDE;
import static cnnc.ast.Modifier.VALID;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every kind of layer a model can hold, with what a reader needs to know of it: the word that
 * writes it, its form, an example, what it means, and the modifiers it takes. docs/language.md's layer
 * and modifier tables, the JSON report's {@code op}, the "takes: ..." hints and the parser's
 * checks of modifiers all read this one list (DocsTablesTest holds the page to it).
 *
 * <p>A kind's rules live in one method per kind, each in a {@link Layer.Visitor}: its shape,
 * parameter tensors and costs in {@code check.LayerRules}, its text in {@link AstPrinter}, its
 * translations in each backend. Adding a kind here and a record to {@link Layer} makes javac list
 * every one of them.
 */
public enum LayerKind {
    CONV("conv", "`conv F@KxK` / `conv F@K`", "`conv 32@3x3`, `conv 64@1x7 same`",
            "convolution with F filters along every spatial axis of its input (Conv1D, Conv2D, Conv3D)", STRIDE, VALID, SAME, PAD, DIL, GROUPS, NOBIAS, ACTIVATION),
    DWCONV("dwconv", "`dwconv KxK [mult M]`", "`dwconv 3 /2 same nobias`",
            "depthwise convolution, M filters per channel (DepthwiseConv1D, DepthwiseConv2D; on a volume a "
                    + "Conv3D with a group per channel)",
            STRIDE, VALID, SAME, PAD, DIL, MULT, NOBIAS, ACTIVATION),
    SEPCONV("sepconv", "`sepconv F@KxK [mult M]`", "`sepconv 128@3 same relu`",
            "depthwise then 1x1 convolution (SeparableConv1D, SeparableConv2D; on a volume a depthwise Conv3D "
                    + "then a 1x1x1 Conv3D)", STRIDE, VALID, SAME, PAD, DIL, MULT, NOBIAS, ACTIVATION),
    DECONV("deconv", "`deconv F@KxK`", "`deconv 64@2 /2 same`",
            "transposed convolution; `same` gives n*s, `valid` n*s + max(k' - s, 0) (Conv1DTranspose, Conv2DTranspose, Conv3DTranspose)",
            STRIDE, VALID, SAME, DIL, NOBIAS, ACTIVATION),
    MAXPOOL("maxpool", "`maxpool KxK`", "`maxpool 2x2`, `maxpool 3 /2 pad 1`, `maxpool 3 /2 ceil`",
            "max pooling; the stride defaults to the window (MaxPooling1D, MaxPooling2D, MaxPooling3D)", STRIDE, VALID, SAME, PAD, CEIL, SCALED),
    AVGPOOL("avgpool", "`avgpool KxK`", "`avgpool 3 /2 same`, `avgpool 3 /1 pad 1`, `avgpool 2x2 scaled`",
            "average pooling; the stride defaults to the window (AveragePooling1D, AveragePooling2D, AveragePooling3D)", STRIDE, VALID, SAME, PAD, SCALED),
    GAP("gap", "`gap`", "`gap`, `gap keep`",
            "global average pooling: a sequence, an image or a volume becomes a vector of C "
                    + "(GlobalAveragePooling1D, 2D, 3D)", KEEP),
    GMP("gmp", "`gmp`", "`gmp`", "global max pooling: a sequence, an image or a volume becomes a vector "
            + "of C (GlobalMaxPooling1D, 2D, 3D)", KEEP),
    DENSE("dense", "`dense N`", "`dense 10 softmax`",
            "fully connected; on an image it is preceded by an implicit flatten, reported as its own row; with `keep`, "
                    + "applied to each position's channels, HxWxCin -> HxWxN (Dense)",
            KEEP, NOBIAS, ACTIVATION),
    FLATTEN("flatten", "`flatten`", "`flatten`", "explicit flatten (Flatten)"),
    BN("bn", "`bn`", "`bn`, `bn noscale`", "batch normalisation over the channels or the vector: 4C parameters, "
            + "2C trainable (BatchNormalization)", NOSCALE, EPS, MOMENTUM),
    LN("ln", "`ln`", "`ln`, `ln eps 0.000001`", "layer normalisation over the last axis: 2C parameters "
            + "(LayerNormalization)", EPS),
    NORMALIZE("normalize", "`normalize [mean M.. variance V..]`", "`normalize`, `normalize mean 0.5 variance 0.25`",
            "(x - mean) / sqrt(variance) per channel; set by Keras's `adapt()`: mean C + variance C + a sample count 1, "
                    + "none trainable; with `mean` and `variance` (one number, or one per channel) written: constants, "
                    + "no parameters (Normalization)"),
    LAYERSCALE("layerscale", "`layerscale`", "`layerscale`", "every channel times a trained gamma, starting at "
            + "0.000001: C parameters (ConvNeXt's LayerScale)"),
    PRELU("prelu", "`prelu`", "`prelu`", "leaky ReLU whose slope for negative values is trained, one per channel or "
            + "value of the last axis, starting at 0.25: C parameters (PReLU)"),
    RESCALE("rescale", "`rescale S [offset O]`", "`rescale 1/255`, `rescale 1/127.5 offset -1`",
            "every value times S plus O; no parameters (Rescaling)"),
    DROPOUT("dropout", "`dropout R`", "`dropout 0.5`", "drops values at the rate 0 <= R < 1 in training (Dropout)"),
    ACTIVATE("activation", "activation word", "`relu`", "an activation as a layer of its own (Activation)"),
    UPSAMPLE("upsample", "`upsample F` / `upsample HxW`", "`upsample 2`, `upsample 2 bilinear`",
            "repeats the values along each axis, or interpolates them (UpSampling1D, 2D, 3D; "
                    + "Keras interpolates an image only, PyTorch linear, bilinear, trilinear)", BILINEAR),
    ZEROPAD("zeropad", "`zeropad P` / `HxW` / `T B L R`", "`zeropad 0 1 0 1`", "zeros at the borders (ZeroPadding1D, 2D, 3D)"),
    CROP("crop", "`crop P` / `HxW` / `T B L R`", "`crop 2`", "removes rows and columns at the borders (Cropping1D, 2D, 3D)"),
    RESHAPE("reshape", "`reshape HxWxC` / `reshape N`", "`reshape 7x7x64`", "same values, another shape (Reshape)"),
    SPLIT("split", "`split N take P` / `split A, B, .. take P`", "`split 2 take 1`, `split 27, 11 take 2`",
            "part P (from 1) of the channels cut into N equal parts (the channels (P-1)C/N to PC/N - 1; torch.chunk), "
            + "or into parts of the sizes written, which sum to C (torch.split; Split in Keras)"),
    SHUFFLE("shuffle", "`shuffle G`", "`shuffle 2`", "the channels as G groups interleaved: channel g*C/G + k goes "
            + "to k*G + g (ShuffleNet's channel_shuffle; ChannelShuffle in Keras)"),
    ADD("add", "`add { A | B }`", "`add { residual(f) | identity }`", "branches added element-wise (Add)"),
    CONCAT("concat", "`concat { A | B }`", "`concat { conv 64@1 | maxpool 3 /1 same }`",
            "branches joined along the channels (Concatenate)"),
    MULTIPLY("multiply", "`multiply { A | B }`", "`multiply { identity | se(f) }`",
            "branches multiplied element-wise (Multiply)"),
    MATMUL("matmul", "`matmul { A | B }`", "`matmul { conv 1@1; reshape 1 x 1 x (in.h*in.w); softmax | identity }`",
            "the matrix product of two images, A (HxWxK) as HW rows of K and B (H'xW'xC) as H'W' rows of C, "
                    + "K = H'W': HxWxC (attention pooling: GCNet; torch.matmul)"),
    SELECT("select", "`select { A | B } by { ... }`",
            "`select { conv 64@3 pad 1 | conv 64@3 pad 2 dil 2 } by { gap keep; conv 32@1; relu; conv 128@1 }`",
            "the branches (HxWxC each) weighted and added, the weights a softmax across the n branches of the n*C "
                    + "logits `by` makes from their sum (SKNet's selective kernel)");

    private final String op;
    private final String form;
    private final String example;
    private final String meaning;
    private final Set<Modifier> modifiers;

    LayerKind(String op, String form, String example, String meaning, Modifier... modifiers) {
        this.op = op;
        this.form = form;
        this.example = example;
        this.meaning = meaning;
        this.modifiers = Collections.unmodifiableSet(modifiers.length == 0
                ? EnumSet.noneOf(Modifier.class) : EnumSet.of(modifiers[0], modifiers));
    }

    /** The kind's name in the JSON report's {@code op}, and (but for activation) the word that writes it. */
    public String op() {
        return op;
    }

    /** How docs/language.md writes the statement, in markdown. */
    public String form() {
        return form;
    }

    public String example() {
        return example;
    }

    public String meaning() {
        return meaning;
    }

    /** The modifiers this kind takes, in docs/language.md's order. */
    public Set<Modifier> modifiers() {
        return modifiers;
    }

    /** A merge of branches ({@code add { A | B }}) rather than a layer on one input. */
    public boolean isMerge() {
        return this == ADD || this == CONCAT || this == MULTIPLY || this == MATMUL || this == SELECT;
    }

    /** The kinds written as a word of their own at the start of a statement (not activation words). */
    public static List<String> statementWords() {
        return Words.STATEMENTS;
    }

    public static Optional<LayerKind> fromWord(String word) {
        return Optional.ofNullable(Words.KINDS.get(word));
    }

    /** Made once: every statement asks (values() copies its array at each call). */
    private static final class Words {
        static final java.util.Map<String, LayerKind> KINDS = byWord();
        static final List<String> STATEMENTS = List.copyOf(KINDS.keySet());

        private static java.util.Map<String, LayerKind> byWord() {
            java.util.Map<String, LayerKind> kinds = new java.util.LinkedHashMap<>();
            for (LayerKind kind : values()) {
                if (kind != ACTIVATE) {
                    kinds.putIfAbsent(kind.op, kind);
                }
            }
            return java.util.Collections.unmodifiableMap(kinds);
        }
    }

    /**
     * The kind a word from another framework or habit names ({@code BatchNorm2d}, {@code Linear},
     * {@code globalavgpool}, {@code Conv}), for a hint that says how cnnc writes it. Matched without
     * case and underscores; empty for a word that names no kind.
     */
    public static Optional<LayerKind> fromOtherName(String word) {
        String key = word.toLowerCase(java.util.Locale.ROOT).replace("_", "");
        LayerKind kind = Words.KINDS.get(key);
        if (kind != null && !key.equals(word)) {
            return Optional.of(kind);
        }
        return Optional.ofNullable(OtherNames.KINDS.get(key));
    }

    /** Keras's and PyTorch's names of each kind, and words people write for them, lowercased. */
    private static final class OtherNames {
        static final java.util.Map<String, LayerKind> KINDS = names();

        private static java.util.Map<String, LayerKind> names() {
            java.util.Map<String, LayerKind> names = new java.util.HashMap<>();
            put(names, CONV, "conv2d", "convolution", "convolution2d");
            put(names, DWCONV, "depthwiseconv2d", "depthwiseconv", "depthwise");
            put(names, SEPCONV, "separableconv2d", "separableconv");
            put(names, DECONV, "conv2dtranspose", "convtranspose2d", "deconvolution", "deconv2d", "transposedconv");
            put(names, MAXPOOL, "maxpooling2d", "maxpool2d", "maxpooling", "pool");
            put(names, AVGPOOL, "averagepooling2d", "avgpool2d", "averagepool", "averagepooling", "avgpooling");
            put(names, GAP, "globalaveragepooling2d", "adaptiveavgpool2d", "globalavgpool", "globalaveragepool",
                    "gavgpool", "globalpool");
            put(names, GMP, "globalmaxpooling2d", "adaptivemaxpool2d", "globalmaxpool");
            put(names, DENSE, "linear", "fc", "fullyconnected");
            put(names, BN, "batchnormalization", "batchnorm2d", "batchnorm1d", "batchnorm", "bn2d");
            put(names, LN, "layernormalization", "layernorm");
            put(names, NORMALIZE, "normalization");
            put(names, SPLIT, "chunk", "channelsplit");
            put(names, PRELU, "parametricrelu");
            put(names, SHUFFLE, "channelshuffle");
            put(names, RESCALE, "rescaling");
            put(names, UPSAMPLE, "upsampling2d", "upsampling", "interpolate");
            put(names, ZEROPAD, "zeropadding2d", "zeropad2d", "padding");
            put(names, CROP, "cropping2d", "cropping");
            put(names, CONCAT, "concatenate", "cat");
            put(names, MULTIPLY, "mul");
            put(names, MATMUL, "bmm", "mm", "dot", "einsum");
            put(names, SELECT, "selectivekernel", "selectivekernelattn", "splitattn");
            return java.util.Map.copyOf(names);
        }

        private static void put(java.util.Map<String, LayerKind> names, LayerKind kind, String... words) {
            for (String word : words) {
                names.put(word, kind);
            }
        }
    }
}
