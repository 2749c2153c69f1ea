package cnnc.check;

import java.util.function.Supplier;

/**
 * The arithmetic of one layer on one example, by the conventions docs/cost.md writes down, with the
 * working that gave it.
 *
 * @param macsWorking   multiply-accumulates of convolutions and dense layers, bias excluded
 *                      (torchvision's and fvcore's convention); 0 for every other kind
 * @param ruleText      the MAC rule in words ({@code Hout x Wout x F x kh x kw x Cin/G}), "" without MACs:
 *                      written only when asked for, as most runs never show it
 * @param flopsWorking  floating-point operations: 2 per MAC plus the element-wise work of biases,
 *                      activations, normalisation, pooling and merges
 * @param flopsRuleText the FLOP rule in words ({@code 2 x MACs + 1 per biased output}), written when asked for
 */
public record Cost(Formula macsWorking, Supplier<String> ruleText, Formula flopsWorking,
                   Supplier<String> flopsRuleText) {
    public static final Cost NONE = new Cost(Formula.of(0), () -> "", Formula.of(0), () -> "");

    public long macs() {
        return macsWorking.value();
    }

    public long flops() {
        return flopsWorking.value();
    }

    public String rule() {
        return ruleText.get();
    }

    public String flopsRule() {
        return flopsRuleText.get();
    }
}
