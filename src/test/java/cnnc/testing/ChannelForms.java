package cnnc.testing;

import cnnc.ast.ActivationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random statements of the layers that work on an image's channels: layerscale, prelu, dense N keep,
 * normalize with constants, shuffle G, split N take P as branches of a concat (ShuffleNet's unit) and
 * split A, B take P as uneven ones (DPN's dual path), for both random generators. Each knows the channels it is given and says the channels it leaves.
 */
final class ChannelForms {
    /** A statement and the channels of its output. */
    record Form(String text, int channels) {
    }

    private final Random random;

    ChannelForms(Random random) {
        this.random = random;
    }

    Form next(int channels) {
        return switch (random.nextInt(7)) {
            case 0 -> new Form(random.nextBoolean() ? "layerscale" : "prelu", channels);
            case 5, 6 -> unevenSplit(channels);
            case 1 -> {
                int units = 1 + random.nextInt(8);
                yield new Form("dense " + units + " keep" + (random.nextInt(3) == 0 ? " nobias" : "")
                        + (random.nextBoolean() ? " " + activation() : ""), units);
            }
            case 2 -> {
                int count = random.nextBoolean() ? 1 : channels;
                yield new Form("normalize mean " + constants(count, false) + " variance " + constants(count, true), channels);
            }
            case 3 -> new Form("shuffle " + divisor(channels), channels);
            default -> split(channels);
        };
    }

    /** {@code concat { split N take P | split N take Q; ... }}, then a shuffle now and then. */
    private Form split(int channels) {
        int parts = divisor(channels);
        int part = channels / parts;
        int f = 1 + random.nextInt(6);
        String[] transforms = {"relu", "conv " + f + "@3 same", "dwconv 3 same; bn", "layerscale"};
        int choice = random.nextInt(transforms.length);
        int total = part + (choice == 1 ? f : part);
        String text = "concat { split " + parts + " take " + (1 + random.nextInt(parts)) + " | split " + parts + " take "
                + (1 + random.nextInt(parts)) + "; " + transforms[choice] + " }";
        return new Form(random.nextBoolean() ? text + "; shuffle " + divisor(total) : text, total);
    }

    /**
     * {@code concat { split A, B take 1; T | split A, B take 2 }} with A + B the channels (one channel gives
     * {@code split 1 take 1}), T keeping A channels or making F; the parts crossed now and then.
     */
    private Form unevenSplit(int channels) {
        if (channels < 2) {
            return new Form("prelu", channels);
        }
        int first = 1 + random.nextInt(channels - 1);
        String sizes = first + ", " + (channels - first);
        int f = 1 + random.nextInt(6);
        boolean conv = random.nextBoolean();
        String transform = conv ? "conv " + f + "@3 same " + activation(random) : pick("prelu", activation(random), "bn");
        boolean crossed = random.nextBoolean();
        String one = "split " + sizes + " take 1; " + transform;
        String two = "split " + sizes + " take 2";
        return new Form("concat { " + (crossed ? two + " | " + one : one + " | " + two) + " }",
                (conv ? f : first) + channels - first);
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    /** Any activation word; leaky ReLU with a slope written now and then ({@code leakyrelu 0.05}). */
    static String activation(Random random) {
        ActivationKind kind = ActivationKind.values()[random.nextInt(ActivationKind.values().length)];
        return kind == ActivationKind.LEAKYRELU && random.nextBoolean()
                ? "leakyrelu " + List.of("0.01", "0.1", ".05", "0.3", "0").get(random.nextInt(5)) : kind.word();
    }

    private int divisor(int n) {
        List<Integer> divisors = new ArrayList<>();
        for (int d = 1; d <= n; d++) {
            if (n % d == 0) {
                divisors.add(d);
            }
        }
        return divisors.get(random.nextInt(divisors.size()));
    }

    /** {@code count} numbers; variances are never negative. */
    private String constants(int count, boolean variance) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            numbers.add(variance ? List.of("0.25", "1", "4", "2.5").get(random.nextInt(4))
                    : List.of("0", "0.5", "-1", "127.5").get(random.nextInt(4)));
        }
        return String.join(" ", numbers);
    }

    private String activation() {
        return activation(random);
    }
}
