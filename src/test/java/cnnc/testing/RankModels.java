package cnnc.testing;

import java.util.List;

/**
 * A sequence and a volume through every kind that has a meaning there, for the Keras and PyTorch suites:
 * the random corpora draw sequences and volumes too, these make sure each kind is met at each rank
 * ({@link KindsCovered#assertEveryRank}).
 */
public final class RankModels {
    private RankModels() {
    }

    public static final List<String> BOTH = List.of(
            "input 40x3\nconv 8@5 /2 same relu\ndwconv 3 same mult 2\nsepconv 6@3 pad 1 nobias\nbn; ln\nmaxpool 3 /2 pad 1\n"
                    + "avgpool 2 /1 same\ndeconv 4@3 /2 same\nupsample 2\nzeropad 1 2\ncrop 1\nprelu\n"
                    + "concat { conv 4@1 | split 2 take 1 }\nshuffle 2\nadd { identity | conv 6@3 same groups 2 dil 2 }\n"
                    + "multiply { identity | gap keep; conv 6@1 sigmoid }\nmaxpool 2 /2 ceil scaled\nbn noscale\ndense 6 keep\nreshape 6x21\n"
                    + "gmp keep\nflatten\ndense 4\n",
            // r3d_18's stem padding per axis; a reshape that reorders the values (channels last in Keras and cnnc)
            "input 6x10x9x3\nconv 8@3x5x3 /1x2x2 pad 1x2x1 relu\ndwconv 3 same mult 2\nsepconv 6@3 pad 1 nobias\nbn; ln\n"
                    + "maxpool 3 /2 pad 1\navgpool 2 /1 same\ndeconv 4@3 /2 same\nupsample 1x2x2\nzeropad 1x0x1\n"
                    + "crop 0 1 1 0 0 1\nprelu\nconcat { conv 4@1 | split 2 take 1 }\nshuffle 2\n"
                    + "add { identity | conv 6@3 same groups 2 dil 2 }\nmultiply { identity | gmp keep; conv 6@1 sigmoid }\n"
                    + "avgpool 2 /1 pad 1 scaled\nbn noscale\nreshape 4x24x14x6\ndense 5 keep\ngap keep\nflatten\ndense 4\n");

    /** PyTorch's interpolation along one and three axes (nn.Upsample linear and trilinear), which Keras has no layer for. */
    public static final List<String> TORCH_ONLY = List.of(
            "input 20x4\nupsample 3 bilinear\nmatmul { conv 60@1 softmax | identity }\nselect { conv 4@3 same | identity } "
                    + "by { conv 8@1 }\ngap\n",
            "input 4x6x5x2\nupsample 2x1x4 bilinear\nmatmul { conv 120@1 softmax | maxpool 2 }\n"
                    + "select { conv 2@3 same | identity } by { conv 4@1 }\ngap\n");
}
