package cnnc.check;

/**
 * The arithmetic of one layer on one example, by the conventions the README writes down.
 *
 * @param macs  multiply-accumulates of convolutions and dense layers, bias excluded (torchvision's
 *              and fvcore's convention); 0 for every other kind
 * @param flops floating-point operations: 2 per MAC plus the element-wise work of biases,
 *              activations, normalisation, pooling and merges
 */
public record Cost(long macs, long flops) {
    public static final Cost NONE = new Cost(0, 0);
}
