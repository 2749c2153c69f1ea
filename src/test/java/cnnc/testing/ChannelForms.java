package cnnc.testing;

import cnnc.ast.ActivationKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random statements of the layers that work on an image's channels: layerscale, dense N keep,
 * normalize with constants, shuffle G and split N take P as branches of a concat (ShuffleNet's unit),
 * for both random generators. Each knows the channels it is given and says the channels it leaves.
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
        return switch (random.nextInt(5)) {
            case 0 -> new Form("layerscale", channels);
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
        return ActivationKind.values()[random.nextInt(ActivationKind.values().length)].word();
    }
}
