package cnnc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.testing.Samples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The samples' figures, each worked out by hand in the test or taken from a published source;
 * none is copied from cnnc's output.
 */
class SampleFiguresTest {

    private static CheckedModel model(String file) {
        Compilation compilation = Samples.compile(Path.of("samples", file));
        assertFalse(compilation.hasErrors(), () -> file + ": " + compilation.diagnostics());
        return compilation.model();
    }

    private static List<String> shapes(CheckedModel model) {
        return model.layers().stream().map(l -> l.outputShape().toString()).toList();
    }

    private static List<Long> params(CheckedModel model) {
        return model.layers().stream().map(CheckedLayer::params).toList();
    }

    @Test
    void seedQuestion() {
        // 100 - 7 + 1 = 94; 94 - 5 + 1 = 90; 90 / 2 = 45; 45 * 45 * 100 = 202,500 into the first dense layer
        long conv1 = 7 * 7 * 1 * 60 + 60;           // 3,000
        long conv2 = 5 * 5 * 60 * 100 + 100;        // 150,100
        long dense1 = 202_500L * 250 + 250;         // 50,625,250
        long dense2 = 250 * 200 + 200;              // 50,200
        long dense3 = 200 * 1 + 1;                  // 201
        for (String file : List.of("seed.cnn", "seed-lines.cnn")) {
            CheckedModel model = model(file);
            assertEquals(List.of("94x94x60", "90x90x100", "45x45x100", "202500", "250", "200", "1"), shapes(model));
            assertEquals(List.of(conv1, conv2, 0L, 0L, dense1, dense2, dense3), params(model));
            assertEquals(50_828_751L, model.totals().params(), "the figure the issue states");
            assertEquals(50_828_140L, model.totals().weights());
            assertEquals(60L + 100 + 250 + 200 + 1, model.totals().biases()); // 611
            assertEquals(50_828_751L, model.totals().trainableParams());
            assertEquals(0L, model.totals().nonTrainableParams());
            assertEquals(50_828_751L * 4, model.totals().bytes());
            assertEquals(List.of(false, false, false, true, false, false, false),
                    model.layers().stream().map(CheckedLayer::implicit).toList(), "the flatten is implicit");
        }
    }

    @Test
    void seedQuestionWithTrainablePooling() {
        CheckedModel model = model("seed-scaled.cnn");
        assertEquals(2L * 100, model.layers().get(2).params(), "one coefficient and one bias per channel");
        assertEquals(50_828_751L + 200, model.totals().params()); // 50,828,951
    }

    @Test
    void lenet5MatchesItsPublishedKerasCount() {
        CheckedModel model = model("lenet5.cnn");
        // 32-5+1 = 28, /2 = 14, 14-5+1 = 10, /2 = 5, 5*5*16 = 400
        assertEquals(List.of("28x28x6", "14x14x6", "10x10x16", "5x5x16", "400", "120", "84", "10"), shapes(model));
        assertEquals(List.of(5L * 5 * 6 + 6, 0L, 5L * 5 * 6 * 16 + 16, 0L, 0L, 400L * 120 + 120, 120L * 84 + 84,
                84L * 10 + 10), params(model));
        assertEquals(61_706L, model.totals().params(), "LeNet-5's usual Keras summary total");
    }

    @Test
    void alexnet() {
        CheckedModel model = model("alexnet.cnn");
        // (227-11)/4+1 = 55; (55-3)/2+1 = 27; same keeps 27; (27-3)/2+1 = 13; (13-3)/2+1 = 6
        assertEquals(List.of("55x55x96", "27x27x96", "27x27x256", "13x13x256", "13x13x384", "13x13x384",
                "13x13x256", "6x6x256", "9216", "4096", "4096", "4096", "4096", "1000"), shapes(model));
        long total = (11 * 11 * 3 * 96 + 96) + (5 * 5 * 96 * 256 + 256) + (3 * 3 * 256 * 384 + 384)
                + (3 * 3 * 384 * 384 + 384) + (3 * 3 * 384 * 256 + 256) + (9216L * 4096 + 4096)
                + (4096L * 4096 + 4096) + (4096L * 1000 + 1000);
        assertEquals(total, model.totals().params());
        assertEquals(62_378_344L, total, "the figure usually quoted for this AlexNet variant");
    }

    @Test
    void smallModern() {
        CheckedModel model = model("small-modern.cnn");
        // conv /2 same: ceil(64/2) = 32; pad 1 with 3x3: 32 + 2 - 3 + 1 = 32; maxpool 3x3 /2 same: ceil(32/2) = 16
        assertEquals(List.of("32x32x32", "32x32x32", "32x32x32", "32x32x64", "32x32x64", "32x32x64", "32x32x64",
                "32x32x128", "32x32x128", "16x16x128", "128", "128", "10"), shapes(model));
        assertEquals(List.of(
                3L * 3 * 3 * 32,                     // nobias
                4L * 32, 0L,                         // bn: gamma, beta, moving mean, moving variance
                3L * 3 * 32 * 64,                    // nobias
                4L * 64, 0L,
                3L * 3 * (64 / 4) * 64 + 64,         // groups 4: each filter sees 16 channels
                1L * 7 * 64 * 128 + 128,
                7L * 1 * 128 * 128 + 128,
                0L, 0L, 0L,
                128L * 10 + 10), params(model));
        assertEquals(2L * 32 + 2 * 64, model.totals().nonTrainableParams(), "moving mean and variance");
    }
}
