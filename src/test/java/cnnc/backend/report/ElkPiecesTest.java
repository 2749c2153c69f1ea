package cnnc.backend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.testing.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 29, high: the diagram of {@code c() x4000} (12,000 layers) took 18 s and 2.2 GB, most of it in ELK's
 * importer, which reads every edge of a container once for each compound node inside it. ELK for Java now
 * lays the graph out a container at a time, each distinct container once; ELK's own call on the whole graph
 * (what elkjs does in the playground) is the reference it must equal, byte for byte, on every sample, as the
 * command line lays it out (the unfolded graph's root only where the folding needs it, containers the two graphs
 * share laid out once).
 */
class ElkPiecesTest {
    @TestFactory
    Stream<DynamicTest> aContainerAtATimeDrawsWhatTheWholeGraphDraws() {
        return Samples.good().stream().map(path -> DynamicTest.dynamicTest(path.toString(), () -> {
            Compilation compilation = Samples.compile(path);
            assertEquals(SvgDiagram.svg(compilation, DiagramLayout.layOut(compilation, ElkForJava::layOutWhole)),
                    SvgDiagram.svg(compilation, DiagramLayout.layOut(compilation)));
        }));
    }

    /**
     * 200 and 600 instances of one block with the same shapes: ELK lays out a few containers, whatever the
     * count. The first graph is unfolded (the model a chain of frames, a stack), the second folds it into columns,
     * each column a stack of frames.
     */
    @Test
    void blockInstancesAreLaidOutOnceEach() {
        for (int count : new int[] {200, 600}) {
            Compilation compilation = Samples.compile("c.cnn", "input 32x32x3\nblock c() { conv 8@3 same; bn; relu }\n"
                    + "c() x" + count + "\ngap\ndense 10\n");
            DiagramLayout first = DiagramLayout.first(compilation);
            ElkForJava.Known plain = new ElkForJava.Known();
            ElkForJava.layOutPieces(first.graph(), plain);
            // the instances c1 to c9, c10 to c99 and c100 on differ in their labels' widths: 3 distinct frames, the
            // others the same as one of them; the model a stack of them: 1 + count containers in all
            assertEquals(new ElkForJava.Pieces(3, count - 3), plain.counts(), count + " instances, unfolded");
            assertEquals(1, plain.stacked(), count + " instances, unfolded");
            DiagramLayout second = first.second();
            ElkForJava.Known folded = new ElkForJava.Known();
            ElkForJava.layOutPieces(second.graph(), folded);
            assertEquals(containers(second.graph().root()),
                    folded.counts().laidOut() + folded.counts().reused() + folded.stacked(), count + " instances, folded");
            // the 3 widths of instance and the model, its columns side by side; each column a stack (at most 11
            // side by side fit the width)
            assertEquals(4, folded.counts().laidOut(), count + " instances, folded: " + folded.counts());
            assertTrue(folded.stacked() >= 2 && folded.stacked() <= 11, count + " instances, folded: " + folded.stacked());
        }
    }

    /**
     * Issue 29: a column of block instances, and a merge's branch of them, are stacks too, their frames' ports
     * apart, so that the arrows between them bend: each stack of every sample and of the benchmark's models (at a
     * few hundred layers) laid out by ELK on its own, the same container, inside the same parent, gives the same.
     */
    @Test
    void stacksOfFramesAreWhatElkMakesOfThem() {
        String inception = Samples.source(Path.of("samples/zoo/inceptionv3.cnn")).text();
        List<Compilation> models = new ArrayList<>();
        models.add(Samples.compile("blocks.cnn", "input 32x32x3\nblock c() { conv 8@3 same; bn; relu }\nc() x120\ngap\n"
                + "dense 10\n"));
        models.add(Samples.compile("merges.cnn", "input 32x32x8\nblock r() { add { conv 8@3 same; bn; relu | identity } }\n"
                + "r() x90\ngap\ndense 10\n"));
        models.add(Samples.compile("inception.cnn", inception.replace("cbn(64); cbn(96, 3); reduce(96)",
                "cbn(64); cbn(96, 3) x40; reduce(96)")));
        // frames of different widths, their ports at different places, between layers of other widths
        models.add(Samples.compile("mixed.cnn", "input 32x32x3\nblock c(f) { conv f@3 same; bn; relu }\n"
                + "block d() { conv 8@3 same; maxpool 2 same /1 }\nc(8) x3\nconv 123@1\nd() x4\nc(1000) x2\nrelu\nc(8)\n"
                + "d()\nc(70) x3\ngap\ndense 10\n"));
        // merges written out, each in a frame of its own (DiagramLayout.MANY), their branches of other widths
        StringBuilder flat = new StringBuilder("input 32x32x8\n");
        for (int i = 0; i <= DiagramLayout.MANY; i++) {
            flat.append(i % 3 == 0 ? "add { conv 8@3 same; bn | identity }\n"
                    : "add { conv 8@3 same; bn; relu | conv 8@1 }\nrelu\n");
        }
        models.add(Samples.compile("flat.cnn", flat + "gap\ndense 10\n"));
        for (Path path : Samples.good()) {
            models.add(Samples.compile(path));
        }
        int[] stacks = {0};
        for (Compilation compilation : models) {
            DiagramLayout first = DiagramLayout.first(compilation);
            List<String> unlike = new ArrayList<>(ElkForJava.stacksUnlikeElk(first.graph(), stacks));
            unlike.addAll(ElkForJava.stacksUnlikeElk(first.second().graph(), stacks));
            assertEquals(List.of(), unlike, compilation.source().name());
        }
        assertTrue(stacks[0] > 1000, stacks[0] + " stacks");
    }

    /**
     * A chain of 300 layers of different widths (even and odd, so that some boxes stand half a pixel in), and
     * blocks whose merge has a branch of several layers: the columns of a folded chain of layers and such a
     * branch are stacks, laid out without ELK, and must come out as ELK lays them out; the unfolded model, a chain
     * too tall for one column, is not laid out at all, so ELK lays out only the folded model.
     */
    @Test
    void stacksAreWhatElkMakesOfThem() {
        StringBuilder chain = new StringBuilder("input 32x32x3\n");
        for (int i = 0; i < 60; i++) {
            chain.append("conv ").append(8 + i % 7 * 13).append("@3 same; bn; relu; dropout 0.").append(1 + i % 9)
                    .append("; conv 8@1\n");
        }
        chain.append("gap\ndense 10\n");
        Compilation compilation = Samples.compile("chain.cnn", chain.toString());
        ElkForJava.Known known = new ElkForJava.Known();
        assertEquals(SvgDiagram.svg(compilation, DiagramLayout.layOut(compilation, ElkForJava::layOutWhole)),
                SvgDiagram.svg(compilation, DiagramLayout.layOut(compilation, known)));
        assertEquals(new ElkForJava.Pieces(1, 0), known.counts());
        assertTrue(known.stacked() >= 2, known.stacked() + " columns stacked");

        compilation = Samples.compile("r.cnn", "input 32x32x8\nblock r() { add { conv 8@3 same; bn; relu; conv 8@3 same; bn"
                + " | identity }; relu }\nr() x40\ngap\ndense 10\n");
        known = new ElkForJava.Known();
        assertEquals(SvgDiagram.svg(compilation, DiagramLayout.layOut(compilation, ElkForJava::layOutWhole)),
                SvgDiagram.svg(compilation, DiagramLayout.layOut(compilation, known)));
        assertTrue(known.stacked() >= 1, known.stacked() + " branches stacked");
    }

    /**
     * Issue 29: 5,000 residual merges written out, no block (20,000 layers in the model's own frame), took 4.4 s:
     * ELK laid each column of the folded model out, thousands of nodes at a time, slower than linear. More than
     * {@link DiagramLayout#MANY} merges in a frame each get an invisible frame of their own, as a block's instance
     * would: ELK lays out the same few containers at 70 merges as at 210 (one merge, the unfolded model's frame not
     * at all, the folded one's row of columns; the branches and columns are stacks), and the whole graph laid out
     * by ELK in one call draws the same.
     */
    @Test
    void mergesWrittenOutAreLaidOutOnceEach() {
        List<ElkForJava.Pieces> counts = new ArrayList<>();
        for (int count : new int[] {DiagramLayout.MANY + 6, 3 * (DiagramLayout.MANY + 6)}) {
            Compilation compilation = Samples.compile("flat.cnn", "input 32x32x8\n"
                    + "add { conv 8@3 same; bn; relu | identity }\n".repeat(count) + "gap\ndense 10\n");
            ElkForJava.Known known = new ElkForJava.Known();
            String pieces = SvgDiagram.svg(compilation, DiagramLayout.layOut(compilation, known));
            counts.add(known.counts());
            // every merge's frame in both graphs, the unfolded and the folded: all but one taken from the first
            assertTrue(known.counts().reused() >= 2 * count - 2, count + " merges: " + known.counts());
            if (count == DiagramLayout.MANY + 6) {
                assertEquals(SvgDiagram.svg(compilation, DiagramLayout.layOut(compilation, ElkForJava::layOutWhole)), pieces);
            }
        }
        assertEquals(counts.get(0).laidOut(), counts.get(1).laidOut(), "ELK's containers at " + counts);
    }

    /** The nodes that hold others, the root among them. */
    private static int containers(LayoutGraph.Node node) {
        int count = node.children().isEmpty() ? 0 : 1;
        for (LayoutGraph.Node child : node.children()) {
            count += containers(child);
        }
        return count;
    }
}
