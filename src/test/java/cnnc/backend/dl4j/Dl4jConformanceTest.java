package cnnc.backend.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.source.SourceFile;
import cnnc.testing.Cases;
import cnnc.testing.KindsCovered;
import cnnc.testing.RandomModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample and a fixed corpus of random models, through the generated Java and real
 * Deeplearning4j: parameter counts and output shapes must be those of cnnc's report. Every sample translates;
 * what DL4J cannot express is {@link Dl4jRejectionTest}'s.
 */
class Dl4jConformanceTest {
    private static final long SEED = 5;
    private static final int RANDOM_MODELS = 100;
    private static final int RANDOM_GRAPHS = 100;

    @TempDir
    Path work;

    /** A model and the class written for it. */
    private record Case(String title, Compilation compilation, JavaClassName className, String java) {
    }

    /**
     * Forms the random corpora seldom reach, written out: every mapping at once, padding layers, vectors
     * only, the newer layers in a chain, reshapes, a graph with every merge and a named output, and a
     * graph whose rows after a named output lead nowhere (DL4J keeps them when allowed to).
     */
    private static final List<String> HAND_WRITTEN = List.of(
            "input 6x5x5\nconv 6@3 same leakyrelu 0.01\nprelu\nconcat { split 2, 4 take 2; leakyrelu .3 | split 2, 4 take 1; conv 3@1 leakyrelu 0.1 }\n"
                    + "prelu\ngap\ndense 3 leakyrelu 0.05\nprelu\n",
            "input 6x6x4\nmatmul { avgpool 3; conv 36@1 softmax | identity }\nselect { conv 4@1 | identity | conv 4@3 same relu } by { conv 12@1 }\nflatten\ndense 2\n",
            "input 5x4x3\nmultiply { identity | matmul { conv 1@1; reshape 1x1x20; softmax | identity }; conv 2@1; ln; relu; conv 3@1; sigmoid }\nselect { conv 3@3 same nobias; bn; relu | conv 3@3 same dil 2 } by { gap keep; conv 4@1; relu; conv 6@1 }\ngap\ndense 2\n",
            // issue 25's forms: the file's defaults, a branch per value of a list, the functions of expressions
            "defaults bn eps 0.00002 momentum 0.2\ninput 9x9x6\n"
                    + "block tap(f, k) { conv f@k pad (k/2) nobias }\n"
                    + "block mix(ks, f) { concat for i, k in ks { split len(ks) take i; tap(f/len(ks), k) } }\n"
                    + "block se(r=0.25) { multiply { identity | gap keep; conv divisible(in.c * r, 4)@1 relu; conv in.c@1 hardsigmoid } }\n"
                    + "mix([1, 3, 5], 12)\nbn\nrelu\nse\nmix([3], max(2, min(9, round(6.5))))\nbn momentum 0.5\nln\ngap\ndense 3\n",
            "input 8x8x3\nrescale 1/255 offset -1\nnormalize\nconv 4@3 same\n"
                    + "multiply { identity | gap keep; conv 4@1 sigmoid }\nadd { identity | gap keep }\ngap\nnormalize\ndense 2\n",
            "input 7x5x2\nrescale 2.5\nnormalize\nflatten\nnormalize\nrescale 1/3 offset 0.5\ndense 3\n",
            "input 9x10x3\nconv 6@3x3 /2 same groups 3 relu\nconv 8@1x2 /3 same nobias\nbn\nswish\n"
                    + "avgpool 2x2 /1 same scaled\nflatten\ndropout 0.25\ndense 10 softmax\n",
            "input 9x10x1\nconv 2@1x2 /3 same nobias\nconv 2@1x1 /4x1 same\nflatten\n",
            "input 12\nbn\ndropout 0\nrelu\nflatten\ndense 3 nobias\nbn\n",
            "input 6x6x2\nconv 4@3x3 pad 2 dil 2 /2 relu\nmaxpool 3 /2 same\ngmp\ndense 2\n",
            "input 7x7x2\nflatten\nbn\n",
            "input 7x5x2\ndense 3\n",
            "input 8x8x2\nupsample 2x1\nzeropad 1 0 2 1\ncrop 1x2\ndeconv 3@2 /2 same relu\ndeconv 2@3 /2 valid dil 2\n"
                    + "sepconv 4@3 /2 same mult 2 nobias\ndwconv 3 /3 same mult 2\ngap keep\nreshape 8\ndense 2\n",
            "input 2x3x4\nreshape 24\nreshape 24\ndense 3\n",
            "input 5x4x3\nln\nconv 4@3 same\nln\nflatten\nln\ndense 3\nln\n",
            "input 5x4x3\nadd { ln | identity | conv 3@1 }\ngap\nconcat { ln | dense 2 }\n",
            "input 5x4x3\nbn noscale\nconcat { bn noscale | conv 2@1 }\nflatten\nbn noscale\n",
            "input 9x7x3\nconv 4@3 /2 same as a\n"
                    + "concat { dwconv 3 same mult 2 | sepconv 2@1 nobias | deconv 3@2 /1 same; maxpool 2 /1 same | from a }\n"
                    + "multiply { identity | sigmoid }\nadd { relu | identity | dropout 0.5 }\nflatten\n"
                    + "concat { dense 3 | dense 2 relu }\n",
            "input 4x4x2\nconv 2@1 as a\nconv 3@1\nconv 5@1\nconcat { from a | from a | identity }\ngap\ndense 2\n",
            "input 8x22x1\nsepconv 5@3 same mult 2 relu\n", "input 9x9x1\nsepconv 1@3 /4 same nobias\n",
            "input 9x10x6\nconv 4@1x2 /3 same groups 2 relu\nconv 6@3 groups 2 pad 1 nobias\ndense 2\n",
            "input 16\nreshape 2x2x4\nconv 3@1\nreshape 4x3x1\nflatten\nreshape 2x3x2\ngap\n",
            "input 2x2x4\nadd { reshape 4x2x2; reshape 2x2x4 | identity }\n",
            "input 3x4x2\ndeconv 3@1 /2 valid relu\ndeconv 2@2x1 /3x2 nobias\ndeconv 2@1 /2 dil 1\n",
            "input 3x4x2\nadd { deconv 2@2 /3 valid | deconv 2@3 /3 valid sigmoid }\n",
            // a padding per axis: padding(1, 2) of a convolution, -inf or zeros of a pool's in front
            "input 9x11x3\nconv 4@3x5 pad 1x2\nmaxpool 3x5 /2 pad 1x2\navgpool 3 /1 pad 0x1\ndwconv 3x5 pad 0x2 mult 2\n"
                    + "sepconv 4@3 pad 1x0\nmaxpool 2 /1 pad 1x0 ceil\nflatten\ndense 3\n",
            // PyTorch's pool padding and ceil_mode (a MaxPoolPadding or a ZeroPaddingLayer in front), bilinear
            // upsampling (BilinearUpsampling), hardswish (HardSwish) on a layer and as one, in a chain and a graph
            "input 9x10x3\nmaxpool 3 /2 ceil\nmaxpool 3 /1 pad 1 ceil\navgpool 3 /1 pad 1\nupsample 2x3 bilinear\n"
                    + "conv 4@3 hardswish\nhardswish\nmaxpool 2 /2 pad 1 ceil scaled\ngap\ndense 3 hardswish\n",
            "input 7x7x2\nconcat { maxpool 3 /1 pad 1 ceil | upsample 1 bilinear | avgpool 3 /1 pad 1 }\n"
                    + "add { hardswish | identity }\nmaxpool 2 ceil\nupsample 2 bilinear\n",
            // a repeated block whose method takes its input's channels (in.c in a call), repeated once and twice
            "input 6x6x4\nblock inner(f) { conv f@1 }\nblock keep() { add { inner(in.c) | identity } }\n"
                    + "block stage(n) { conv 4@1; keep() x(n-1) }\nstage(2)\nstage(3)\n");

    /**
     * Sequences and volumes: every kind DL4J writes at ranks 1 and 3 (Convolution1DLayer, Subsampling1DLayer,
     * Convolution3D, Deconvolution3D, Subsampling3DLayer, Upsampling3D, BatchNormalization of a sequence and of a
     * volume, cropping of a volume, GlobalPoolingLayer, a volume's flattening), with strides, dilations, 'same',
     * 'pad' and 'ceil' where DL4J takes them, in chains and graphs with every merge of equal shapes. What it refuses
     * is Dl4jRejectionTest's.
     */
    private static final List<String> OTHER_RANKS = List.of(
            "input 32x2\nconv 4@3 /2 same relu\nbn\nmaxpool 2\navgpool 3 /1 same\ngap\ndense 3\n",
            "input 40x3\nconv 6@5 dil 2 pad 2 nobias\nbn eps 0.001 momentum 0.9\nprelu\nconv 4@2 /3 same\nmaxpool 3 /2 same\navgpool 2\ndropout 0.2\nrescale 1/255\nhardswish\ngmp\ndense 2 softmax\n",
            "input 29x4\nconv 5@3 /2 dil 2\nconv 3@4 /3 same leakyrelu 0.1\ndense 6 keep relu\nmaxpool 3 /2 ceil\ngap keep\ngmp keep\ngap\n",
            "input 24x4\nconv 8@3 same as a\nadd { conv 8@3 same relu; conv 8@1 | identity }\nconcat { conv 4@1 | maxpool 3 /1 same | avgpool 3 /1 same | from a }\nmultiply { identity | sigmoid }\nbn\nrelu\ngap keep\ngmp\ndense 2\n",
            "input 8x16x16x3\nconv 8@3x3x3 same relu\nmaxpool 1x2x2\nconv 12@3 /2 pad 1 nobias\nmaxpool 3 /1 pad 1\navgpool 2x2x2 /1 same\nupsample 1x2x2\ndeconv 4@2 /2 same\ndeconv 2@3x3x3 /1 dil 2 relu\ngap\ndense 3\n",
            "input 4x9x9x2\nconv 4@1x3x3 /1x2x2 relu\nconv 4@3x1x1 pad 1\nmaxpool 2 /2 ceil\nflatten\ndense 4\n",
            "input 4x6x6x2\nconv 3@2 /2 dil 1 sigmoid\ndense 5\n",
            "input 5x7x6x2\nconv 4@3 /3 same\ndeconv 3@2 /2 valid\ndeconv 2@3 /2 valid relu6\nprelu\ndropout 0.5\nrescale 2 offset -1\ndense 3 keep\ngap keep\ngmp keep\nreshape 3\n",
            // a sequence's global pool, then layers of cnnc's own and a merge that take their sizes from DL4J's input type
            "input 20x3\nconv 4@3 relu\ngmp\nln\nconcat { identity | dense 2 }\nnormalize\nlayerscale\nbn noscale\ndense 2\n",
            // blocks, whose methods write their sizes from the block's parameters, at both ranks
            "block unit(f, k=3) { conv f@k same relu; conv f@1x1x1 pad 0x0x0 }\nblock res(f) { add { unit(f); conv f@1 | conv f@1 } }\n"
                    + "input 4x8x8x2\nunit(4)\nres(in.c * 2)\nunit(6, 1)\nmaxpool 2\ngap\n",
            "block tap(f, k) { conv f@k /2 same nobias; bn; relu }\ninput 64x1\ntap(8, 9)\ntap(in.c * 2, 3)\n"
                    + "concat { tap(4, 3) | maxpool 2 }\ngmp\ndense 2\n",
            // torchvision's R(2+1)D and r3d_18 stems: a padding per axis, of a convolution and of a max pool
            "input 8x16x16x3\nconv 8@3x7x7 /1x2x2 pad 1x3x3 nobias relu\nconv 6@1x3x3 pad 0x1x1\nconv 8@3x1x1 pad 1x0x0\n"
                    + "maxpool 1x3x3 /1x2x2 pad 0x1x1\ngap\ndense 2\n",
            "input 8x8x8x1\nconv 4@3 same relu as e1\nmaxpool 2\nconv 8@3 same relu\ndeconv 4@2 /2\nconcat { identity | from e1 }\nconv 4@3 same\nadd { relu | identity | conv 4@1 }\nmultiply { identity | sigmoid }\nconv 2@1 softmax\n",
            // batch norm of a volume (VolumeAsImage, ImageAsVolume), noscale's beta after it, Keras's Cropping3D
            "input 6x9x8x3\nconv 4@3 same nobias\nbn\nrelu\nbn noscale momentum 0.1\ncrop 1 0 2 1 0 1\nbn eps 0.01\nflatten\ndense 2\n",
            "input 5x6x6x2\nconv 4@3 same as a\nadd { bn; relu | from a; bn noscale }\nconcat { crop 1 | crop 2 0 1 1 0 2; bn }\nbn\ngap\n",
            "block cbr(f) { conv f@3 valid; bn; relu }\nblock up(f, skip, c) { deconv in.c@2 /2 nobias; concat { identity | from skip; crop c }; cbr(f) }\n"
                    + "input 12x12x12x1\ncbr(4) as e1\nmaxpool 2\ncbr(8)\nup(4, skip=e1, c=2)\nconv 2@1\n",
            // a max pooling of a sequence padded or rounded up (MaxPoolPadding in front), in a chain and a graph
            "input 17x3\nconv 4@3 relu\nmaxpool 3 /2 ceil\nmaxpool 3 /1 pad 1\nmaxpool 2 /2 pad 1 ceil\ngap\ndense 2\n",
            "input 25x2\nconv 4@1 as a\nadd { maxpool 3 /1 pad 1 | identity }\nconcat { maxpool 4 ceil | from a; maxpool 4 /4 pad 2 ceil }\ngmp\n");

    @TestFactory
    Stream<DynamicTest> sequencesAndVolumes() {
        return run(corpus("Ranks", OTHER_RANKS));
    }

    /** Every sample, DL4J's rank-1 and rank-3 ones among them (the audio models, the 3-D U-Net, the video models). */
    @TestFactory
    Stream<DynamicTest> samples() {
        List<Case> cases = new ArrayList<>();
        List<String> untranslated = new ArrayList<>();
        for (Path path : sampleFiles()) {
            Compilation compilation = Compiler.compile(source(path));
            if (!compilation.hasErrors()) {
                // a package per folder: samples/zoo/ and samples/torchvision/ both hold a resnet50
                Case generated = generate(path.toString(), compilation, new JavaClassName(
                        "generated." + path.getParent().toString().replace('/', '.').replace('\\', '.'),
                        Dl4jBackend.defaultClassName(compilation.model().name())));
                if (generated.java() == null) {
                    untranslated.add(path + ": " + Dl4jBackend.generate(compilation, generated.className()).diagnostics());
                }
                cases.add(generated);
            }
        }
        assertFalse(cases.isEmpty(), "no good samples under samples/");
        assertEquals(List.of(), untranslated, "every sample translates");
        return run(cases);
    }

    @TestFactory
    Stream<DynamicTest> randomModels() {
        return run(corpus("Model", new RandomModels(SEED).generate(RANDOM_MODELS, Dl4jConformanceTest::expressible)));
    }

    @TestFactory
    Stream<DynamicTest> randomGraphs() {
        return run(corpus("Graph", new RandomModels(SEED).generateGraphs(RANDOM_GRAPHS, Dl4jConformanceTest::expressible)));
    }

    /** The Keras suite's random graphs too: another generator's choices of branches and layers. */
    @TestFactory
    Stream<DynamicTest> kerasSuiteGraphs() {
        return run(corpus("KerasGraph", new cnnc.testing.RandomGraphs(SEED).generate(RANDOM_GRAPHS / 2,
                Dl4jConformanceTest::expressible)));
    }

    @TestFactory
    Stream<DynamicTest> handWrittenModels() {
        return run(corpus("Written", HAND_WRITTEN));
    }

    /** The corpora above, the samples DL4J expresses among them, use every kind and activation of the language. */
    @Test
    void everyKindAndActivationIsBuiltInDl4j() {
        List<Compilation> models = new ArrayList<>();
        sampleFiles().stream().map(path -> Compiler.compile(source(path))).filter(c -> !c.hasErrors() && expressible(c))
                .forEach(models::add);
        List<String> texts = new ArrayList<>(new RandomModels(SEED).generate(RANDOM_MODELS, Dl4jConformanceTest::expressible));
        texts.addAll(new RandomModels(SEED).generateGraphs(RANDOM_GRAPHS, Dl4jConformanceTest::expressible));
        texts.addAll(new cnnc.testing.RandomGraphs(SEED).generate(RANDOM_GRAPHS / 2, Dl4jConformanceTest::expressible));
        texts.addAll(HAND_WRITTEN);
        texts.forEach(text -> models.add(Compiler.compile(new SourceFile("model.cnn", text))));
        KindsCovered.assertEveryKindAndActivation("the DL4J conformance suite", models,
                "Dl4jConformanceTest.HAND_WRITTEN");
    }

    /** Descriptions that must all be expressible, each in a class of its own. */
    private static List<Case> corpus(String stem, List<String> texts) {
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Compilation compilation = Compiler.compile(new SourceFile(stem.toLowerCase() + i + ".cnn", text));
            Case generated = generate(stem + i + ": " + text.replace('\n', ';'), compilation,
                    new JavaClassName("generated." + stem.toLowerCase(), stem + i));
            assertNotNull(generated.java(), text + generated.compilation().diagnostics());
            cases.add(generated);
        }
        return cases;
    }

    private static Case generate(String title, Compilation compilation, JavaClassName className) {
        return new Case(title, compilation, className,
                Dl4jBackend.generate(compilation, className).javaSource().orElse(null));
    }

    static boolean expressible(Compilation compilation) {
        return Dl4jBackend.generate(compilation, new JavaClassName("", "Probe")).javaSource().isPresent();
    }

    private Stream<DynamicTest> run(List<Case> cases) {
        Map<String, String> sources = new LinkedHashMap<>();
        cases.stream().filter(c -> c.java() != null).forEach(c -> sources.put(c.className().qualified(), c.java()));
        GeneratedJava.Compiled compiled = sources.isEmpty() ? null : GeneratedJava.compileEach(sources, work);
        return cases.stream().map(c -> Cases.named(c.title(), () -> {
            Object configuration = anyConfiguration(compiled.load(c.className().qualified()));
            if (configuration instanceof ComputationGraphConfiguration graph) {
                new GraphComparison(c.compilation().model(), graph).assertSameAsReport();
            } else {
                new NetworkComparison(c.compilation().model(), (MultiLayerConfiguration) configuration)
                        .assertSameAsReport();
            }
        }));
    }

    static MultiLayerConfiguration configuration(Class<?> generated) {
        return (MultiLayerConfiguration) anyConfiguration(generated);
    }

    static ComputationGraphConfiguration graphConfiguration(Class<?> generated) {
        return (ComputationGraphConfiguration) anyConfiguration(generated);
    }

    /** configuration() of a generated class: a MultiLayerConfiguration or a ComputationGraphConfiguration. */
    static Object graphOrChain(Class<?> generated) {
        return anyConfiguration(generated);
    }

    private static Object anyConfiguration(Class<?> generated) {
        try {
            return generated.getMethod("configuration").invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError("configuration() of " + generated.getName() + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(generated.getName() + " has no static configuration()", e);
        }
    }

    /** Every .cnn file under samples/, found from the folder so that a new sample is a new test. */
    static List<Path> sampleFiles() {
        try (Stream<Path> files = Files.walk(Path.of("samples"))) {
            return files.filter(p -> p.toString().endsWith(".cnn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SourceFile source(Path path) {
        try {
            return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
