package cnnc.backend.dl4j;

import cnnc.ast.Layer;
import cnnc.ast.MergeKind;
import cnnc.ast.Padding;
import cnnc.ast.PoolKind;
import cnnc.check.Axis;
import cnnc.check.CheckedLayer;
import cnnc.check.Footprint;
import cnnc.check.Shape;
import java.util.List;

/**
 * What DL4J cannot express on a sequence (1-D) or a volume (3-D), kind by kind, with the reason: the generated
 * network keeps the report's channels-last order (NWC, NDHWC), and Deeplearning4j 1.0.0-M2.1 has fewer layers at
 * those ranks than for images, some of them for channels-first arrays only. Each reason was found by running the
 * layer in DL4J (see docs/dl4j.md, "Sequences and volumes").
 */
final class OtherRanks {
    private OtherRanks() {
    }

    /** The number of spatial axes the row works on: its first grid's, read or made; 2 for a row of vectors. */
    static int rank(CheckedLayer row) {
        for (Shape shape : row.inputShapes()) {
            if (shape instanceof Shape.Grid grid) {
                return grid.rank();
            }
        }
        return row.outputShape() instanceof Shape.Grid grid ? grid.rank() : 2;
    }

    /** Why DL4J cannot express the row at its rank (1 or 3), or null when it can. Every kind is named. */
    static String refusal(CheckedLayer row, int rank) {
        String sequenceOrVolume = rank == 1 ? "sequence" : "volume";
        String channelsFirst = rank == 1 ? "NCW" : "NCDHW";
        return switch (row.kind()) {
            case CONV -> ((Layer.Conv) row.layer()).groups().value() == 1 ? null : "DL4J has no grouped or depthwise "
                    + "convolution of a " + sequenceOrVolume + " (" + (rank == 1 ? "Convolution1DLayer" : "Convolution3D")
                    + " takes no groups; DepthwiseConvolution2D is for images)";
            case DWCONV -> "DL4J has depthwise convolutions for images only (DepthwiseConvolution2D)";
            case SEPCONV -> "DL4J has separable convolutions for images only (SeparableConvolution2D)";
            case DECONV -> rank == 1 ? "DL4J has no transposed convolution of a sequence (only Deconvolution2D and "
                    + "Deconvolution3D)" : deconvolution(row);
            case MAXPOOL, AVGPOOL -> pool(row, (Layer.Pool) row.layer(), rank);
            case GAP, GMP, DENSE, PRELU, RESCALE, DROPOUT, ACTIVATE, CONCAT -> null;
            case FLATTEN -> rank == 1 ? SEQUENCE_FLATTEN : null;
            case RESHAPE -> reshape(row, rank);
            case BN -> rank == 3 || ((Layer.BatchNorm) row.layer()).scale() ? null : "DL4J has no beta without "
                    + "gamma, and cnnc's layer for Keras's beta (" + Helper.PER_CHANNEL.simpleName() + ") reads images, "
                    + "volumes and vectors, not sequences";
            case LN -> helperForImages("layer normalisation", Helper.LAYER_NORMALIZATION);
            case NORMALIZE -> helperForImages("Keras's Normalization", ((Layer.Normalize) row.layer()).isConstant()
                    ? Helper.CONSTANT_NORMALIZATION : Helper.NORMALIZATION);
            case LAYERSCALE -> helperForImages("LayerScale", Helper.PER_CHANNEL);
            case SPLIT -> helperForImages("channel slice", Helper.CHANNEL_SLICE);
            case SHUFFLE -> helperForImages("channel shuffle", Helper.CHANNEL_SHUFFLE);
            case MATMUL -> helperForImages("matmul", Helper.MATMUL);
            case SELECT -> helperForImages("select", Helper.SELECT);
            case ADD, MULTIPLY -> row.inputShapes().stream().distinct().count() == 1 ? null : helperForImages(
                    "broadcast (its ElementWiseVertex needs equal shapes)", Helper.BROADCAST);
            case UPSAMPLE -> rank == 1 ? "DL4J 1.0.0-M2.1's Upsampling1D repeats the steps of channels-first (NCW) "
                    + "sequences only: on a channels-last one it repeats the channels"
                    : ((Layer.Upsample) row.layer()).bilinear() ? "DL4J's Upsampling3D only repeats, and cnnc's "
                    + Helper.BILINEAR_UPSAMPLING.simpleName() + " interpolates images only" : null;
            case ZEROPAD -> "DL4J 1.0.0-M2.1's " + (rank == 1 ? "ZeroPadding1DLayer" : "ZeroPadding3DLayer") + " pads "
                    + "channels-first (" + channelsFirst + ") " + sequenceOrVolume + "s only: on a channels-last one it "
                    + "pads the channels";
            case CROP -> rank == 3 ? null : "DL4J 1.0.0-M2.1's " + (rank == 1 ? "Cropping1D" : "Cropping3D") + " crops channels-first ("
                    + channelsFirst + ") " + sequenceOrVolume + "s only: on a channels-last one it crops the channels";
        };
    }

    /** What DL4J's dense layers do with a sequence, which {@code flatten} (and a dense layer's implicit one) cannot use. */
    static final String SEQUENCE_FLATTEN = "DL4J flattens a sequence step by step (RnnToFeedForwardPreProcessor), "
            + "never whole, and its reshapes make channels-first arrays";

    private static String helperForImages(String what, Helper helper) {
        return "DL4J has no " + what + " layer, and cnnc's own (" + helper.simpleName() + ") is written for images "
                + "and vectors";
    }

    /**
     * Keras's 'valid' keeps the last s - k' rows of a kernel narrower than its stride, which DL4J's
     * Deconvolution3D leaves out (see LayerTranslator's transposed): images get them as zeros from a
     * ZeroPaddingLayer, which volumes do not have.
     */
    private static String deconvolution(CheckedLayer row) {
        Layer.TransposedConv conv = (Layer.TransposedConv) row.layer();
        if (!isCubic(conv.kernel()) || !isCubic(conv.stride())) {
            return "DL4J 1.0.0-M2.1's Deconvolution3D computes its output type with the kernel's and the stride's sizes "
                    + "taken along the wrong axes (depth the width's, height the depth's): the layers after it would be "
                    + "built for another shape; a kernel and a stride of one size each are right";
        }
        boolean tail = !(conv.padding() instanceof Padding.Same)
                && ((Footprint.Transposed) row.footprint()).axes().stream().anyMatch(axis -> axis.tail() != 0);
        return !tail ? null : "its kernel is narrower than its stride: DL4J's Deconvolution3D leaves out the last "
                + "positions Keras's 'valid' keeps, and DL4J 1.0.0-M2.1's ZeroPadding3DLayer, which would add them, "
                + "pads channels-first (NCDHW) volumes only";
    }

    private static boolean isCubic(cnnc.ast.Size size) {
        return size.along(3).stream().map(cnnc.ast.Expr::value).distinct().count() == 1;
    }

    /**
     * PyTorch's padding of a pool ('pad', and 'ceil' past the end): a max's is cnnc's MaxPoolPadding in front of a
     * sequence's pool, and Subsampling3DLayer's own padding of a volume, which pads both ends alike; an average's
     * zeros, which PyTorch counts, would need a padding layer in front, which DL4J has for channels-first arrays
     * only (and Subsampling3DLayer leaves its own out of the average). 'scaled' is a depthwise convolution, which
     * DL4J has for images only.
     */
    private static String pool(CheckedLayer row, Layer.Pool pool, int rank) {
        if (pool.scaled()) {
            return "'scaled' is a 1x1 depthwise convolution, which DL4J has for images only (DepthwiseConvolution2D)";
        }
        List<Axis> axes = ((Footprint.Sliding) row.footprint()).axes();
        if (pool.padding() instanceof Padding.Same || axes.stream().noneMatch(Axis::isPadded)) {
            return null;
        }
        String what = pool.ceil() ? "'ceil' (PyTorch's ceil_mode)" : "'pad'";
        if (pool.pooling() == PoolKind.AVG) {
            return what + " of an average, which counts PyTorch's zeros: " + (rank == 1 ? "DL4J 1.0.0-M2.1's "
                    + "Subsampling1DLayer fails with a padding, and its ZeroPadding1DLayer pads channels-first (NCW) "
                    + "sequences only" : "DL4J's Subsampling3DLayer leaves the padding out of an average, and DL4J "
                    + "1.0.0-M2.1's ZeroPadding3DLayer pads channels-first (NCDHW) volumes only");
        }
        return rank == 1 || axes.stream().allMatch(axis -> axis.padBefore() == axis.padAfter()) ? null : what + " pads the end "
                + "more than the start, and DL4J's Subsampling3DLayer pads both alike";
    }

    /** To a vector: a flattening; to an image: cnnc's KerasReshape; to a sequence or a volume: nothing DL4J has. */
    private static String reshape(CheckedLayer row, int rank) {
        if (row.outputShape() instanceof Shape.Grid grid && grid.rank() != 2) {
            return "cnnc's " + Helper.RESHAPE.simpleName() + " makes images only, and DL4J's own reshapes make "
                    + "channels-first arrays";
        }
        if (row.inputShape() instanceof Shape.Grid grid && grid.rank() == 1) {
            return row.outputShape() instanceof Shape.Vector ? SEQUENCE_FLATTEN : "a sequence reshaped to an "
                    + "image: cnnc's " + Helper.RESHAPE.simpleName() + " reads images and vectors only";
        }
        return row.inputShape() instanceof Shape.Grid grid && grid.rank() == 3 && row.outputShape() instanceof Shape.Grid
                ? "a volume reshaped to an image: cnnc's " + Helper.RESHAPE.simpleName() + " reads images and vectors only"
                : null;
    }
}
