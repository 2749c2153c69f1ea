package cnnc.testing;

import cnnc.Compilation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Random descriptions that use every form of the language: strides, valid/same/pad, dilation,
 * groups, nobias, every pool (with PyTorch's padding and ceil_mode too), scaled pooling, bn, dropout, every activation, odd input sizes,
 * at every rank: mostly images, and sequences (LxC) and volumes (DxHxWxC), whose sizes are one number or one per axis.
 * A candidate is kept only if cnnc compiles it without errors (and passes the caller's filter),
 * so the generator needs no shape arithmetic of its own. Seeded: the same seed gives the same corpus.
 */
public final class RandomModels {
    private final Random random;
    /** The channel count at the current point of the candidate, so that groups divide it. */
    private int channels;
    /** The spatial axes of the candidate's grid: a sequence's 1, an image's 2, a volume's 3. */
    private int rank = 2;

    public RandomModels(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} error-free descriptions, named model0, model1, ... */
    public List<String> generate(int count, Predicate<Compilation> keep) {
        return Corpus.generate(count, "model", this::candidate, keep);
    }

    private String candidate() {
        StringBuilder text = new StringBuilder();
        // the file's defaults, which every bn without its own values takes: each backend must write them
        text.append(pick("", "", "defaults torch\n", "defaults bn eps 0.0000" + between(1, 9) + " momentum 0." + between(1, 9) + "\n"));
        int form = random.nextInt(8);
        boolean image = form != 0;
        channels = pick(1, 2, 3, 4, 6, 8);
        if (image) {
            text.append("input ").append(grid(form, 8, 41)).append('x').append(channels).append('\n');
        } else {
            text.append("input ").append(between(1, 300)).append('\n');
        }
        int spatialLayers = image ? between(1, 6) : 0;
        for (int i = 0; i < spatialLayers; i++) {
            text.append(spatial()).append('\n');
        }
        if (image) {
            text.append(pick("flatten", "gap", "gmp", "", "")).append('\n');
        }
        int denseLayers = between(1, 3);
        for (int i = 0; i < denseLayers; i++) {
            text.append(vectorLayer()).append('\n');
        }
        return text.toString();
    }

    private String spatial() {
        return switch (random.nextInt(8)) {
            case 0, 1, 2 -> conv();
            case 3, 4 -> pool();
            case 5 -> pick("bn", "bn", "bn momentum 0.3");
            case 6 -> "dropout 0." + between(0, 9);
            default -> activation();
        };
    }

    private String conv() {
        int groups = random.nextInt(4) == 0 ? pick(divisors(channels)) : 1;
        int filters = groups * between(1, 8);
        channels = filters;
        StringBuilder conv = new StringBuilder("conv ").append(filters).append('@').append(size(1, 5));
        List<String> modifiers = new ArrayList<>();
        int strideChoice = random.nextInt(4);
        boolean strided = strideChoice != 0;
        if (strideChoice == 1) {
            modifiers.add("/2");
        } else if (strideChoice == 2) {
            modifiers.add("/" + size(1, 3));
        }
        modifiers.add(pick("valid", "same", "pad " + size(0, 2), "", ""));
        if (!strided && random.nextInt(4) == 0) {
            modifiers.add("dil " + between(2, 3));
        }
        if (groups > 1) {
            modifiers.add("groups " + groups);
        }
        if (random.nextInt(4) == 0) {
            modifiers.add("nobias");
        }
        modifiers.add(random.nextBoolean() ? activation() : "");
        java.util.Collections.shuffle(modifiers, random);
        modifiers.stream().filter(m -> !m.isEmpty()).forEach(m -> conv.append(' ').append(m));
        return conv.toString();
    }

    private String pool() {
        StringBuilder pool = new StringBuilder(pick("maxpool ", "avgpool ")).append(size(1, 3));
        if (random.nextInt(3) == 0) {
            pool.append(" /").append(size(1, 3));
        }
        // a pad above half the window is an error, and such candidates are dropped
        String padding = pick("", " valid", " same", " pad " + size(0, 1));
        pool.append(padding);
        if (pool.charAt(0) == 'm' && !padding.equals(" same") && random.nextInt(3) == 0) {
            pool.append(" ceil");
        }
        if (random.nextInt(4) == 0) {
            pool.append(" scaled");
        }
        return pool.toString();
    }

    private String vectorLayer() {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextBoolean() ? "bn" : "bn noscale eps 0.0" + between(1, 9);
            case 1 -> "dropout 0." + between(1, 9);
            case 2 -> activation();
            default -> "dense " + between(1, 64) + (random.nextInt(4) == 0 ? " nobias" : "")
                    + (random.nextBoolean() ? " " + activation() : "");
        };
    }

    private String activation() {
        return ChannelForms.activation(random);
    }

    /**
     * The spatial sizes of an input, drawn from min to max; 1 of 8 draws (form 1) a sequence, 1 of 8
     * (form 2) a small volume, the rest an image. Sets the rank the sizes after it are written for.
     */
    private String grid(int form, int min, int max) {
        rank = form == 1 ? 1 : form == 2 ? 3 : 2;
        List<String> sizes = new ArrayList<>();
        for (int axis = 0; axis < rank; axis++) {
            // a volume's depth kept short, and its sides too: each value costs the frameworks far more than an image's
            sizes.add(Integer.toString(rank == 3 ? between(axis == 0 ? 3 : 5, axis == 0 ? 8 : 14)
                    : rank == 1 ? between(min, 3 * max) : between(min, max)));
        }
        return String.join("x", sizes);
    }

    /** One number for every axis, or (1 of 4) one per axis of the candidate's rank. */
    private String size(int min, int max) {
        int first = between(min, max);
        if (rank == 1 || random.nextInt(4) != 0) {
            return Integer.toString(first);
        }
        StringBuilder size = new StringBuilder(Integer.toString(first));
        for (int axis = 1; axis < rank; axis++) {
            size.append('x').append(between(min, max));
        }
        return size.toString();
    }

    /** Borders for zeropad and crop at the candidate's rank: one number, one per axis, or a pair per axis. */
    private String sides(int max) {
        return switch (random.nextInt(3)) {
            case 0 -> Integer.toString(between(1, max));
            case 1 -> size(0, max);
            default -> {
                List<String> pairs = new ArrayList<>();
                for (int i = 0; i < 2 * rank; i++) {
                    pairs.add(Integer.toString(between(0, max)));
                }
                yield String.join(" ", pairs);
            }
        };
    }

    private int[] divisors(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).filter(d -> n % d == 0).toArray();
    }

    private int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    private int pick(int... options) {
        return options[random.nextInt(options.length)];
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    /**
     * {@code count} error-free graphs, named graph0, graph1, ...: images through add, multiply and
     * concat merges of two or three branches (identity shortcuts, named outputs read back with
     * {@code from}), the zoo's newer layers between them, and a vector end that may merge too.
     */
    public List<String> generateGraphs(int count, Predicate<Compilation> keep) {
        return Corpus.generate(count, "graph", this::graphCandidate, keep);
    }

    private String graphCandidate() {
        int form = random.nextInt(8);
        if (form == 0) {
            return vectorGraph();
        }
        StringBuilder text = new StringBuilder();
        channels = pick(1, 2, 3, 4, 8);
        text.append("input ").append(grid(form, 6, 24)).append('x').append(channels).append('\n');
        List<String> names = new ArrayList<>();
        int units = between(2, 5);
        for (int i = 0; i < units; i++) {
            String unit = switch (random.nextInt(7)) {
                case 0, 1 -> shapeKeepingMerge(pick("add", "add", "multiply"));
                case 2 -> concat(names);
                case 3, 4 -> newerLayer();
                default -> spatial();
            };
            if (random.nextInt(4) == 0) {
                String name = "s" + i;
                names.add(name);
                unit += " as " + name;
            }
            text.append(unit).append('\n');
        }
        text.append(pick("gap", "gmp", "flatten", "gap keep; flatten", "")).append('\n');
        if (random.nextBoolean()) {
            text.append("concat { dense ").append(between(1, 16)).append(" relu | dense ").append(between(1, 16))
                    .append(" | identity }\n");
        }
        text.append("dense ").append(between(1, 10)).append(random.nextBoolean() ? " softmax" : "").append('\n');
        return text.toString();
    }

    /** A vector through merges of dense layers, activations, bn and dropout. */
    private String vectorGraph() {
        int length = between(1, 40);
        StringBuilder text = new StringBuilder("input ").append(length).append('\n');
        int merges = between(1, 3);
        for (int i = 0; i < merges; i++) {
            if (random.nextBoolean()) {
                text.append(pick("add", "multiply")).append(" { dense ").append(length).append(' ').append(activation())
                        .append(" | ").append(pick("identity", "bn", "dropout 0.3", activation())).append(" }\n");
            } else {
                int units = between(1, 12);
                text.append("concat { dense ").append(units).append(" | ").append(pick("identity", "bn", activation()))
                        .append(" }\n");
                length += units;
            }
        }
        return text.append("dense ").append(between(1, 10)).append('\n').toString();
    }

    /** Branches that keep the shape, so that add and multiply have equal shapes to join. */
    private String shapeKeepingMerge(String kind) {
        int branches = between(2, 3);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < branches; i++) {
            parts.add(random.nextInt(3) == 0 ? "identity" : shapeKeepingBranch());
        }
        return kind + " { " + String.join(" | ", parts) + " }" + (random.nextBoolean() ? "; " + activation() : "");
    }

    private String shapeKeepingBranch() {
        List<String> layers = new ArrayList<>();
        int length = between(1, 3);
        for (int i = 0; i < length; i++) {
            layers.add(switch (random.nextInt(7)) {
                case 0, 1 -> "conv " + channels + "@" + size(1, 3) + " same" + (random.nextBoolean() ? " relu" : "");
                case 2 -> "bn";
                case 3 -> "dwconv " + size(1, 3) + " same" + (random.nextBoolean() ? " nobias" : "");
                case 4 -> "sepconv " + channels + "@" + size(1, 3) + " same";
                case 5 -> "dropout 0." + between(1, 5);
                default -> activation();
            });
        }
        return String.join("; ", layers);
    }

    /** Branches of one height and width, any channels; a named output may join in with {@code from}. */
    private String concat(List<String> names) {
        List<String> parts = new ArrayList<>();
        int branches = between(2, 3);
        for (int i = 0; i < branches; i++) {
            int filters = between(1, 6);
            String branch = switch (random.nextInt(6)) {
                case 0 -> "identity";
                case 5 -> pick("upsample 2; maxpool 2", "zeropad 1; crop 1", "deconv " + filters + "@2 /2 same; avgpool 2");
                case 1 -> "maxpool 3 /1 same";
                case 2 -> "dwconv 3 same mult " + between(1, 2);
                case 3 -> "conv " + filters + "@1; conv " + filters + "@3 same relu";
                default -> "conv " + filters + "@" + size(1, 3) + " same";
            };
            parts.add(branch);
        }
        if (!names.isEmpty() && random.nextBoolean()) {
            parts.add("from " + names.get(random.nextInt(names.size())));
        }
        channels = pick(2, 4, 6); // a 1x1 convolution after the concat, so that the count stays known
        return "concat { " + String.join(" | ", parts) + " }; conv " + channels + "@1";
    }

    /**
     * The zoo's layers beyond the first table, the channel layers among them ({@link ChannelForms}); the
     * channel count follows dwconv, sepconv, deconv and those.
     */
    private String newerLayer() {
        return switch (random.nextInt(11)) {
            case 9, 10 -> {
                ChannelForms.Form form = new ChannelForms(random).next(channels);
                channels = form.channels();
                yield form.text();
            }
            case 0 -> {
                int multiplier = between(1, 3);
                channels *= multiplier;
                yield "dwconv " + size(1, 3) + pick("", " /2", " /3") + pick("", " same", " valid")
                        + " mult " + multiplier + (random.nextBoolean() ? " relu" : "");
            }
            case 1 -> {
                channels = between(1, 8);
                yield "sepconv " + channels + "@" + size(1, 3) + pick("", " /2") + pick("", " same")
                        + (random.nextBoolean() ? " mult " + between(1, 2) : "");
            }
            case 2 -> {
                channels = between(1, 8);
                yield "deconv " + channels + "@" + size(1, 3) + pick("", " /2") + pick(" same", " valid", "");
            }
            case 3 -> "upsample " + size(1, 2) + pick("", " bilinear");
            case 4 -> "zeropad " + sides(3);
            case 5 -> "crop " + sides(2);
            case 6 -> "gap keep";
            case 7 -> pick("bn", "ln", "bn noscale");
            default -> "maxpool 2";
        };
    }
}
