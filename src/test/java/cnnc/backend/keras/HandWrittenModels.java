package cnnc.backend.keras;

import java.util.List;

/**
 * Forms the random corpora seldom reach, written out; the conformance suite also runs each through
 * a forward pass on a zero input.
 */
final class HandWrittenModels {
    private HandWrittenModels() {
    }

    static final List<String> ALL = List.of(
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
                    + "dense 3 nobias sigmoid\n");
}
