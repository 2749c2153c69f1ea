package cnnc.backend.keras;

import java.util.List;
import java.util.Map;

/**
 * Forms the random corpora seldom reach, written out; the conformance suite also runs each through
 * a forward pass on a zero input.
 */
final class HandWrittenModels {
    private HandWrittenModels() {
    }

    static final List<String> ALL = List.of(
            // slopes written and trained; uneven channel slices
            "input 6x5x5\nconv 6@3 same leakyrelu 0.01\nprelu\nconcat { split 2, 4 take 2; leakyrelu .3 | split 2, 4 take 1; conv 3@1 leakyrelu 0.1 }\n"
                    + "prelu\ngap\ndense 3 leakyrelu 0.05\nprelu\n",
            // matmul of 2x2 rows of 36 by 6x6 positions; select of three branches with logits at every position;
            // GCNet's context and SKNet's selective kernel
            "input 6x6x4\nmatmul { avgpool 3; conv 36@1 softmax | identity }\nselect { conv 4@1 | identity | conv 4@3 same relu } by { conv 12@1 }\nflatten\ndense 2\n",
            "input 5x4x3\nmultiply { identity | matmul { conv 1@1; reshape 1x1x20; softmax | identity }; conv 2@1; ln; relu; conv 3@1; sigmoid }\nselect { conv 3@3 same nobias; bn; relu | conv 3@3 same dil 2 } by { gap keep; conv 4@1; relu; conv 6@1 }\ngap\ndense 2\n",
            // issue 25's forms: the file's defaults, a branch per value of a list, the functions of expressions
            "defaults bn eps 0.00002 momentum 0.2\ninput 9x9x6\n"
                    + "block tap(f, k) { conv f@k pad (k/2) nobias }\n"
                    + "block mix(ks, f) { concat for i, k in ks { split len(ks) take i; tap(f/len(ks), k) } }\n"
                    + "block se(r=0.25) { multiply { identity | gap keep; conv divisible(in.c * r, 4)@1 relu; conv in.c@1 hardsigmoid } }\n"
                    + "mix([1, 3, 5], 12)\nbn\nrelu\nse\nmix([3], max(2, min(9, round(6.5))))\nbn momentum 0.5\nln\ngap\ndense 3\n",
            // pad P with a stride and groups, helper ZeroPadding2D; scaled pooling after 'same'
            "input 9x10x3\nconv 6@3x3 /2 pad 1 groups 3 relu6\nconv 8@1x2 /3 same nobias\nbn noscale\nswish\n"
                    + "avgpool 2x2 /1 same scaled\nflatten\ndropout 0.25\ndense 10 softmax\n",
            // vectors only, every normalisation
            "input 12\nbn\nln\ndropout 0\nleakyrelu\nflatten\ndense 3 nobias\n",
            // no layers at all, then only an identity
            "input 7x7x2\n",
            "input 7x7x2\nidentity\n",
            // pad with dilation; global pooling that keeps 1x1
            "input 6x6x2\nconv 4@3x3 pad 2 dil 2 relu\nmaxpool 3 /2 same\ngmp keep\nflatten\ndense 2\n",
            // depthwise and separable with stride and dilation together (Keras allows these), transposed sizes
            "block tovector() { reshape (in.h*in.w*in.c) }\ninput 9x7x3\ndwconv 3 /2 dil 2 mult 2 pad 1\n"
                    + "sepconv 5@3 /2 same dil 2 mult 3 nobias hardsigmoid\ndeconv 4@1 /3 mish\n"
                    + "deconv 3@5 /2 same\ndeconv 2@2 /1x2 dil 1\ndeconv 2@3 dil 2\nupsample 2x3\ncrop 1 2 0 3\n"
                    + "zeropad 0 1 2 3\ntovector()\ndense 2\n",
            // a graph with every merge, a named output joined back and empty branches
            "input 8x8x3\nconv 4@3 same as a\nadd { conv 4@1 | identity | }\nconcat { identity | from a | maxpool 3 /1 same }\n"
                    + "multiply { sigmoid | }\ngap keep\nconv 2@1\nflatten\n",
            // Rescaling and Normalization; merges that stretch sizes of 1 (squeeze-and-excitation)
            "input 8x8x3\nrescale 1/255 offset -1\nnormalize\nconv 4@3 same\n"
                    + "multiply { identity | gap keep; conv 4@1 sigmoid }\nadd { identity | gap keep }\ngap\nnormalize\ndense 2\n",
            "input 7x5x2\nrescale 007.50\nnormalize\nflatten\nnormalize\nrescale 1/.5 offset -0.5\ndense 3\n",
            // one tensor added to itself; vectors concatenated end to end
            "input 5x5x1\nadd { identity | identity }\n",
            "input 4\ndense 3 elu\nconcat { dense 2 | identity }\n",
            // pad 0 is no padding; a reshape back to an image; activations spelled differently in Keras
            "input 8x8x2\nconv 3@3 pad 0\nflatten\nreshape 3x4x9\nconv 1@1 softplus\nsoftsign\nselu\ngelu\ntanh\nelu\n",
            // costs: a written offset of 0 (2 FLOPs a value), scaled maxpool at 'same' borders, merges of three,
            // grouped, separable and transposed convolutions without bias but with activations, global pools
            "input 9x9x4\nrescale 2 offset 0\nrescale 3\nmaxpool 3 /2 same scaled\n"
                    + "add { conv 4@3 same groups 2 relu | dwconv 3 same nobias | identity }\n"
                    + "multiply { sepconv 4@3 same mult 2 nobias elu | deconv 4@3 same nobias | identity }\n"
                    + "ln\nconcat { gmp keep | gap keep }\ndeconv 3@2 /2 tanh\navgpool 2 /1 same\ngap\n"
                    + "dense 3 nobias sigmoid\n",
            // PyTorch's pool padding and ceil_mode: -inf in front of a max (MaxPoolPadding), zeros in front of an
            // average; windows cut short at the end; a ceil that adds no window; scaled after a padded pool
            "input 9x10x3\nmaxpool 3 /2 ceil\nmaxpool 3 /1 pad 1 ceil\navgpool 3 /1 pad 1\nmaxpool 2 /2 ceil\n"
                    + "maxpool 2 /2 pad 1 ceil scaled\nconcat { maxpool 3 /1 pad 1 | avgpool 3 /1 pad 1 }\ngap\n",
            // bilinear upsampling, square and not, after zeros (W0500 must not fire on the rows made of them)
            "input 5x6x2\nzeropad 0 1 0 2\nupsample 2 bilinear\nconv 3@3 hardswish\nupsample 3x1 bilinear\nmaxpool 2\n"
                    + "add { upsample 1 bilinear | identity }\n");

    /**
     * Chains of one channel whose every row's receptive field is also measured from jax's gradients
     * ({@code costs.measured_fields} in conform.py: kernels of ones, zero biases, no activations, so
     * a gradient is nonzero exactly where the output value depends on the input), and must be cnnc's.
     * Input sizes: a chain of 'valid' layers only never reaches a border (every output value's field
     * lies inside the input); any other chain has an input at least twice its largest reported field
     * along each axis, so that the middle output values see their whole field. A field clipped by a
     * border could only measure smaller, so it could hide a figure that is too small, never make a
     * correct one fail; the sizes keep that from happening.
     */
    static final List<String> RECEPTIVE_FIELDS = List.of(
            // valid only: stride 2, an average pool, dilation 2 with a jump of 4, a depthwise stride of 3
            "input 40x40x1\nconv 1@3\nconv 1@3 /2\navgpool 2\nconv 1@3 dil 2\ndwconv 2 /3\n",
            // same padding, kernels and dilations that differ between height and width: fields up to 19x25
            "input 40x52x1\nconv 1@3x5 /2 same\ndwconv 3x2 /2 dil 2 same\nconv 1@2x3 same dil 2\n",
            // uneven zero padding, pad 1 (a _pad helper) with stride 2, deconv back up, stride 3 on a jump of 2
            "input 40x40x1\nzeropad 1 2 0 1\nconv 1@3 /2 pad 1\navgpool 3 /2 same\ndeconv 1@4 /2\nconv 1@3 /3 same\n",
            // bilinear upsampling: a field of 2 at jump 1/2; factor 3 reads 1 or 2 positions; a conv after it
            "input 24x24x1\nupsample 2 bilinear\nconv 1@3\nupsample 3x2 bilinear\nconv 1@2 /2\n",
            // PyTorch's padding of an average pool (zeros counted), with stride 2 and 1
            "input 30x30x1\navgpool 3 /2 pad 1\nconv 1@3\navgpool 2 /1 pad 1\n",
            // a dilated deconv, a deconv to a jump of 1/2, a depthwise stride 2 on it
            "input 16x16x1\ndeconv 1@3 dil 2\nconv 1@2 dil 2\ndeconv 1@2 /2 same\ndwconv 3 /2\n",
            // deconvs narrower than their stride (outputs that no input reaches), valid and same
            "input 10x10x1\ndeconv 1@2 /3\nconv 1@3\ndeconv 1@1 /2\n",
            "input 24x24x1\nconv 1@3 /2 same\ndeconv 1@2 /3 same\n",
            // upsampling followed by convolutions: jumps of 1/2 and 1/3, dilated; a stride of 3 after 3x
            "input 12x12x1\nupsample 2x3\nconv 1@3\nconv 1@3x4 dil 2 same\n",
            "input 16x16x1\nupsample 3\nconv 1@4 /3\n",
            "input 16x16x1\nconv 1@2 /2\nupsample 3\nconv 1@4\n",
            // where a window over repeated or missing values reaches further, or less far, than its length
            // times the average jump: a 2-wide window over an upsampled jump of 3/2 straddles two whole fields
            "input 18x18x1\nconv 1@3 /3\nupsample 2\nconv 1@2\n",
            "input 20x20x1\nconv 1@3 /3\ndeconv 1@2 /2\nconv 1@2\n",
            // a stride of 2 after an upsample by 2 reads both copies of one value
            "input 16x16x1\nupsample 2\nconv 1@2 /2\nconv 1@2\n",
            "input 12x12x1\nupsample 2x3\nconv 1@3\navgpool 2 /1\nconv 1@2x4 dil 2 same\nupsample 2\nconv 1@5 same\n",
            // a deconv narrower than its stride leaves gaps that later windows cannot straddle
            "input 10x10x1\ndeconv 1@2 /3\nconv 1@3\ndeconv 1@3 /2 same\nconv 1@3 same\ndeconv 1@4 /2\n",
            "input 16x16x1\ndeconv 1@2 /2 same\ndwconv 2 /2\n",
            "input 24x24x1\nconv 1@3 /2\ndeconv 1@2 /3 same\nconv 1@2\n",
            // a U-Net-like step: a skip from before the downsampling joined after the upsampling
            "input 32x32x1\nconv 1@3 same as e\navgpool 2\nconv 1@3 same\ndeconv 1@2 /2 same\nadd { identity | from e }\n"
                    + "conv 1@3 same\n");
}
