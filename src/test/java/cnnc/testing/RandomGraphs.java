package cnnc.testing;

import cnnc.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Random descriptions with the graph language and the zoo's newer layers: add / concat / multiply
 * merges (nested, with identity and empty branches), named outputs joined back with {@code from},
 * blocks with parameters and repetition, blocks that declare two outputs and are used with a name for
 * each ({@code fork(t1, u1, 4) as (t1, u1)}, repeated in a group) and statements that start
 * {@code from} a named tensor, and dwconv, sepconv, deconv, upsample, zeropad, crop,
 * reshape, ln, bn noscale and gap keep, the channel layers ({@link ChannelForms}: layerscale, dense keep,
 * normalize's constants, split and shuffle); strides with dilations, which Keras refuses in some
 * layers; images mostly, and sequences and volumes (1 of 8 each). As {@link RandomModels}, a candidate is kept only if cnnc
 * compiles it without errors (and it passes the caller's filter); the generator tracks only the
 * channel count, so that the branches of an add can agree. Seeded.
 */
public final class RandomGraphs {
    private final Random random;
    private final ChannelForms channelForms;
    /** Channels at the current point of the candidate. */
    private int channels;
    private int names;
    private List<String> namedOutputs;
    private boolean joinBlock;
    /**
     * Where the blocks of several outputs go, drawn apart from {@link #random}: they keep the shape, so the
     * rest of a candidate is what it was before they were added.
     */
    private final Random forks;
    private boolean forkBlock;
    private boolean attentionBlocks;

    public RandomGraphs(long seed) {
        this.random = new Random(seed);
        this.channelForms = new ChannelForms(random);
        this.forks = new Random(seed ^ 0x5EED_F0C5L);
    }

    /** {@code count} error-free descriptions, named graph0, graph1, ... */
    public List<String> generate(int count, Predicate<Compilation> keep) {
        return Corpus.generate(count, "graph", this::candidate, keep);
    }

    private String candidate() {
        StringBuilder text = new StringBuilder();
        channels = between(1, 6);
        names = 0;
        namedOutputs = new ArrayList<>();
        joinBlock = false;
        forkBlock = false;
        attentionBlocks = false;
        // 1 of 8 a sequence, 1 of 8 a small volume (the statements below written for images are dropped there
        // with the candidates cnnc refuses, the others taken at the input's rank)
        int form = random.nextInt(8);
        String sizes = form == 1 ? Integer.toString(between(10, 99))
                : form == 2 ? between(3, 6) + "x" + between(5, 12) + "x" + between(5, 12)
                : between(10, 33) + "x" + between(10, 33);
        text.append("input ").append(sizes).append('x').append(channels).append('\n');
        boolean block = random.nextInt(3) == 0;
        if (block) {
            text.append("block unit(f, s=1) { conv f@3 /s same nobias; bn; ").append(activation()).append(" }\n");
        }
        int statements = between(2, 7);
        for (int i = 0; i < statements; i++) {
            if (forks.nextInt(4) == 0) {
                text.append(fork()).append('\n');
            }
            text.append(statement(block)).append('\n');
        }
        if (forkBlock) { // two outputs of the shape it reads, the second the first's sum with the block's other input
            text.append(forks.nextBoolean()
                    ? "block fork(a, b, f) -> (p, q) {\n  from a; conv f@3 same; relu as p\n  add { from b | from p; dwconv 3 same } as q\n}\n"
                    : "block fork(a, b, f) -> (q, p) {\n  from b as q\n  add { from a; sepconv f@3 same | from b; bn } as p\n}\n");
        }
        if (joinBlock) { // a block that reads a named output, and takes a decimal
            text.append("block join(f, skip, drop=0.1) { concat { identity | from skip }; dropout drop; conv f@1 }\n");
        }
        if (attentionBlocks) { // every position attending to every position; GCNet's global context
            text.append("block attend() { matmul { conv (in.h*in.w)@1; softmax | identity } }\n");
            text.append("block context(c) { add { identity | matmul { conv 1@1; reshape 1 x 1 x (in.h*in.w); softmax "
                    + "| identity }; conv c/2+1@1; ln; relu; conv c@1 } }\n");
        }
        text.append("block tovector() { reshape (in.h*in.w*in.c) }\n");
        text.append("block scale(s, o=-1) { rescale 1/s offset o }\n"); // decimals, one negative
        text.append(pick("gap", "gmp", "flatten", "gap keep\nflatten", "tovector()", "")).append('\n');
        text.append(pick("ln", "bn", "dropout 0.3", "", "")).append('\n');
        text.append("dense ").append(between(1, 12)).append(random.nextBoolean() ? " softmax" : "").append('\n');
        return text.toString();
    }

    private String statement(boolean block) {
        return switch (random.nextInt(block ? 16 : 14)) {
            case 0, 1 -> add();
            case 2 -> concat();
            case 3 -> multiply();
            case 4 -> named();
            case 5 -> joinNamed();
            case 6 -> sliding();
            case 7 -> resize();
            case 8 -> pick("bn", "bn noscale", "ln", activation(), "dropout 0.2", "bn eps 0.00001", "ln eps .5",
                    "scale(127.5)", "scale(2, o=-0.5)", "scale(1, 0)");
            case 9 -> pick("maxpool 2", "avgpool 3 /2 same", "maxpool 2 /1", "avgpool 2x1 /1 same", "maxpool 3 /2 pad 1",
                    "maxpool 3 /2 ceil", "maxpool 2 /2 pad 1 ceil", "avgpool 3 /1 pad 1");
            case 10 -> "{ " + sameShapeBranch() + "; " + pick("bn", activation(), "maxpool 2 /1 same") + " } x" + between(0, 2);
            case 11 -> {
                ChannelForms.Form form = channelForms.next(channels);
                channels = form.channels();
                yield form.text();
            }
            case 12 -> attention();
            case 13 -> select();
            case 14 -> pick("upsample 2; crop 0 1 1 0", "zeropad 1 0 2 0; maxpool 2 /1");
            default -> {
                int f = between(1, 8);
                channels = f;
                yield "unit(" + f + (random.nextBoolean() ? ", s=2" : "") + ")" + (random.nextBoolean() ? " x2" : "");
            }
        };
    }

    /**
     * Two tensors of the current shape given to a block of two outputs, which a use names (again, in a
     * repeated group), and the statements after it start from their sum.
     */
    private String fork() {
        if (channels < 1) {
            return "relu";
        }
        forkBlock = true;
        String t = "t" + ++names;
        String u = "u" + names;
        String use = "fork(" + t + ", " + u + ", " + channels + ") as (" + t + ", " + u + ")";
        return "identity as " + t + "\nconv " + channels + "@1 as " + u + "\n"
                + (forks.nextBoolean() ? use : "{ " + use + " } x" + (1 + forks.nextInt(2))) + "\n"
                + "add { from " + t + " | from " + u + " }"; // both outputs read: no layer is left behind (E0722)
    }

    /** Branches that keep the shape, added or multiplied. */
    private String add() {
        return "add { " + sameShapeBranch() + " | " + sameShapeBranch() + (random.nextInt(4) == 0 ? " | " + sameShapeBranch() : "")
                + " }";
    }

    /** A matmul that keeps the shape (every position's weights over all positions), or GCNet's context. */
    private String attention() {
        attentionBlocks = true;
        return pick("attend()", "context(" + channels + ")");
    }

    /** Two or three branches of one shape, weighted by a softmax across them of logits at 1x1 or at every position. */
    private String select() {
        int branches = between(2, 3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            parts.add(sameShapeBranch());
        }
        String logits = random.nextBoolean() ? "gap keep; conv " + between(1, 4) + "@1 relu; " : "";
        return "select { " + String.join(" | ", parts) + " } by { " + logits + "conv " + branches * channels + "@1 }";
    }

    private String multiply() {
        return "multiply { " + pick("sigmoid", "hardsigmoid", "") + " | " + sameShapeBranch() + " }";
    }

    private String sameShapeBranch() {
        int c = channels;
        return switch (random.nextInt(7)) {
            case 0 -> "identity";
            case 1 -> "";
            case 2 -> "conv " + c + "@" + between(1, 3) + " same " + activation();
            case 3 -> "dwconv 3 same; bn";
            case 4 -> "sepconv " + c + "@3 same dil " + between(1, 2) + "; relu";
            case 5 -> "conv " + c + "@3 pad 1; bn noscale";
            default -> "add { conv " + c + "@1 | identity }; relu";
        };
    }

    /** Branches with one height and width and any channels; the channels add up. */
    private String concat() {
        List<String> branches = new ArrayList<>();
        int total = 0;
        int count = between(2, 4);
        for (int i = 0; i < count; i++) {
            int c = channels;
            switch (random.nextInt(6)) {
                case 0 -> branches.add("identity");
                case 1 -> {
                    c = between(1, 6);
                    branches.add("conv " + c + "@1");
                }
                case 2 -> branches.add(pick("maxpool 3 /1 same", "maxpool 3 /1 pad 1 ceil"));
                case 3 -> {
                    c = between(1, 6);
                    branches.add("conv " + c + "@" + between(1, 3) + "x" + between(1, 3) + " same; bn; relu");
                }
                case 4 -> {
                    c = channels * 2;
                    branches.add("dwconv 3 same mult 2 nobias");
                }
                default -> {
                    c = between(1, 6);
                    branches.add("deconv " + c + "@2 /2 same; maxpool 2");
                }
            }
            total += c;
        }
        channels = total;
        return "concat { " + String.join(" | ", branches) + " }";
    }

    /** A statement that keeps the shape, naming its output for a later {@code from}. */
    private String named() {
        String name = "e" + ++names;
        namedOutputs.add(name);
        return pick("conv " + channels + "@3 same", "bn", "relu", "dwconv 1") + " as " + name;
    }

    /** Joins a named output back in, as a U-Net's decoder does; cnnc rejects the candidate if sizes differ. */
    private String joinNamed() {
        if (namedOutputs.isEmpty()) {
            return "relu";
        }
        String name = namedOutputs.get(random.nextInt(namedOutputs.size()));
        channels = -1;
        if (random.nextBoolean()) {
            joinBlock = true;
            return "join(" + rechannel() + pick(", " + name, ", skip=" + name) + pick("", ", 0.3", ", drop=.5", ", drop=0") + ")";
        }
        return "concat { identity | from " + name + " }; conv " + rechannel() + "@1";
    }

    private String sliding() {
        String stride = pick("", "", " /2", " /1x2");
        String padding = pick("", " same", " pad 1");
        // with a stride too now and then: Keras refuses that in conv and deconv (E0600), not in the others
        String dilation = random.nextInt(3) == 0 ? " dil 2" : "";
        String bias = random.nextInt(4) == 0 ? " nobias" : "";
        String act = random.nextBoolean() ? " " + activation() : "";
        return switch (random.nextInt(5)) {
            case 0 -> {
                int f = rechannel();
                yield "conv " + f + "@" + between(1, 3) + stride + padding + dilation + bias + act;
            }
            case 1 -> {
                int m = between(1, 2);
                channels *= m;
                yield "dwconv " + between(1, 3) + stride + padding + " mult " + m + bias + act;
            }
            case 2 -> "sepconv " + rechannel() + "@" + between(1, 3) + stride + padding + dilation + bias + act;
            case 3 -> "deconv " + rechannel() + "@" + between(1, 3) + stride + pick("", " same") + dilation + bias + act;
            default -> {
                int g = channels % 2 == 0 ? 2 : 1;
                int f = g * between(1, 4);
                channels = f;
                yield "conv " + f + "@3 same groups " + g + bias;
            }
        };
    }

    private String resize() {
        return pick("upsample 2", "upsample 1x2", "upsample 2 bilinear", "upsample 3x2 bilinear", "zeropad 1", "zeropad 0 1 0 1", "zeropad 2x1", "crop 1",
                "crop 1 0 2 0", "crop 1x2");
    }

    private int rechannel() {
        channels = between(1, 8);
        return channels;
    }

    private String activation() {
        return ChannelForms.activation(random);
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
