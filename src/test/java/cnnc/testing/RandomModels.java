package cnnc.testing;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.ast.ActivationKind;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Random descriptions that use every form of the language: strides, valid/same/pad, dilation,
 * groups, nobias, every pool, scaled pooling, bn, dropout, every activation, odd input sizes.
 * A candidate is kept only if cnnc compiles it without errors (and passes the caller's filter),
 * so the generator needs no shape arithmetic of its own. Seeded: the same seed gives the same corpus.
 */
public final class RandomModels {
    private final Random random;
    /** The channel count at the current point of the candidate, so that groups divide it. */
    private int channels;

    public RandomModels(long seed) {
        this.random = new Random(seed);
    }

    /** {@code count} error-free descriptions, named model0, model1, ... */
    public List<String> generate(int count, Predicate<Compilation> keep) {
        List<String> models = new ArrayList<>();
        while (models.size() < count) {
            String text = "model model" + models.size() + "\n" + candidate();
            Compilation compilation = Compiler.compile(new SourceFile("model" + models.size() + ".cnn", text));
            if (!compilation.hasErrors() && keep.test(compilation)) {
                models.add(text);
            }
        }
        return models;
    }

    private String candidate() {
        StringBuilder text = new StringBuilder();
        boolean image = random.nextInt(8) != 0;
        channels = pick(1, 2, 3, 4, 6, 8);
        if (image) {
            text.append("input ").append(between(8, 41)).append('x').append(between(8, 41)).append('x')
                    .append(channels).append('\n');
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
            case 5 -> "bn";
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
        modifiers.add(pick("valid", "same", "pad " + between(0, 2), "", ""));
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
        pool.append(pick("", " valid", " same"));
        if (random.nextInt(4) == 0) {
            pool.append(" scaled");
        }
        return pool.toString();
    }

    private String vectorLayer() {
        return switch (random.nextInt(6)) {
            case 0 -> "bn";
            case 1 -> "dropout 0." + between(1, 9);
            case 2 -> activation();
            default -> "dense " + between(1, 64) + (random.nextInt(4) == 0 ? " nobias" : "")
                    + (random.nextBoolean() ? " " + activation() : "");
        };
    }

    private String activation() {
        return ActivationKind.values()[random.nextInt(ActivationKind.values().length)].word();
    }

    private String size(int min, int max) {
        int height = between(min, max);
        return random.nextInt(4) == 0 ? height + "x" + between(min, max) : Integer.toString(height);
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
}
