package cnnc.backend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.check.CheckedModel;
import cnnc.source.SourceFile;
import cnnc.testing.Samples;
import java.time.Duration;
import java.util.Collections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What a reader sees of the diagram, measured on every sample's layout: no arrow through a frame's label,
 * no empty band at the top of a frame, merges' branches side by side in the order the description writes
 * them, no two boxes on each other, and ResNet50 within two screens.
 */
class DiagramLayoutTest {
    /** A screen: 1920 x 1080 pixels, less a browser's margins. */
    private static final double SCREEN_WIDTH = 1900;
    private static final double SCREEN_HEIGHT = 1080;

    @TestFactory
    Stream<DynamicTest> everySamplesDiagramIsReadable() {
        return Samples.good().stream().map(path -> DynamicTest.dynamicTest(path.toString(), () -> {
            Compilation compilation = Samples.compile(path);
            Diagram diagram = DiagramLayout.layOut(compilation);
            List<String> problems = new ArrayList<>();
            labelsAreClear(diagram, problems);
            framesHaveNoEmptyBand(diagram, problems);
            boxesDoNotOverlap(diagram, problems);
            branchesInSourceOrder(compilation, diagram, problems);
            assertTrue(problems.isEmpty(), path + ":\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        }));
    }

    /** ResNet50's 176 layers fit two screens: its stages folded into rows, no frame taller than it must be. */
    @Test
    void resnet50FitsTwoScreens() {
        Diagram diagram = DiagramLayout.layOut(Samples.compile(Path.of("samples/zoo/resnet50.cnn")));
        assertTrue(diagram.width() <= SCREEN_WIDTH, "width " + diagram.width());
        assertTrue(diagram.height() <= 2 * SCREEN_HEIGHT, "height " + diagram.height());
    }

    /**
     * Issue 29: a merge of thousands of branches was laid out in time and memory that grew with the square of its
     * branches (ELK's sorting by the model's order compared every pair of a layer's nodes, its router every pair
     * of edges: a concat of 4,000 one-layer branches took 39 s of CPU and 1.2 GB, of 8,000 minutes). A merge of
     * more than {@link DiagramLayout#WIDE} branches draws its first {@link DiagramLayout#SHOWN} and one box for the
     * rest, with an arrow into it and one out to the merge; the diagram is read the same way: no box on another,
     * the branches in the order written. 30 s is a hang guard for a loaded machine (the layout takes about a
     * second), not a speed test.
     */
    @Test
    void aMergeOfThousandsOfBranchesDrawsItsFirstBranchesAndABoxForTheRest() {
        int wide = 8_000;
        int twoLayers = DiagramLayout.WIDE + 1;
        String text = "input 32x32x8\nconcat { " + String.join(" | ", Collections.nCopies(wide, "conv 1@1")) + " }\n"
                + "conv 8@1\nadd { " + String.join(" | ", Collections.nCopies(twoLayers, "conv 8@1; relu")) + " }\n";
        Compilation compilation = Compiler.compile(new SourceFile("wide.cnn", text));
        assertTrue(compilation.diagnostics().isEmpty(), compilation.diagnostics().toString());
        Diagram diagram = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> DiagramLayout.layOut(compilation));
        int shown = DiagramLayout.SHOWN;
        // the input; the first branches' convs, a box for the rest, the concat; a conv; the first branches' two
        // layers each, a box for the rest, the add
        assertEquals(1 + (shown + 1 + 1) + 1 + (2 * shown + 1 + 1), diagram.boxes().size());
        // rows: the input 0, the concat's branches 1 to 8,000 (the box for the rest at row 33), the concat 8,001,
        // the conv 8,002, the add's branches from 8,003 (two rows each: the box for the rest at 8,003 + 2 * 32)
        Diagram.Box concatRest = box(diagram, shown + 1);
        assertEquals("… " + String.format(java.util.Locale.ROOT, "%,d", wide - shown) + " more branches", concatRest.words());
        assertEquals("rows 33 to " + String.format(java.util.Locale.ROOT, "%,d", wide), concatRest.detail());
        assertEquals(Diagram.Role.ELIDED, concatRest.role(), "drawn as no layer is: its outline dashed");
        String svg = SvgDiagram.svg(compilation, diagram);
        for (Diagram.Role role : Diagram.Role.values()) {
            assertTrue(svg.contains(".cnnc-diagram ." + role + ">rect{fill:"), "SvgDiagram's style colours " + role);
        }
        assertTrue(svg.contains(".ELIDED>rect{fill:#ffffff;stroke-dasharray:"), "the stand-in's outline is dashed");
        assertTrue(svg.contains("<g class=\"layer ELIDED\" data-row=\"" + (shown + 1) + "\""), "the stand-in's group");
        Diagram.Box addRest = box(diagram, wide + 3 + 2 * shown);
        assertEquals("… " + (twoLayers - shown) + " more branches", addRest.words());
        assertEquals(wide + 2 + 2 * twoLayers + 1, compilation.model().layers().size(), "every layer is in the model");
        // an arrow into each box for the rest, from the row its branches read, and one out of it to the merge
        assertTrue(arrowBetween(diagram, box(diagram, 0), concatRest), "input -> the box for the rest");
        assertTrue(arrowBetween(diagram, concatRest, box(diagram, wide + 1)), "the box for the rest -> the concat");
        assertTrue(arrowBetween(diagram, box(diagram, wide + 2), addRest), "conv -> the box for the rest");
        assertTrue(arrowBetween(diagram, addRest, box(diagram, wide + 3 + 2 * twoLayers)), "the box for the rest -> add");
        List<String> problems = new ArrayList<>();
        boxesDoNotOverlap(diagram, problems);
        branchesInSourceOrder(compilation, diagram, problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
        assertTrue(concatRest.x() > box(diagram, shown).x(), "the box for the rest stands right of the last branch drawn");
    }

    /**
     * Issue 29: merges written out one after another, more than {@link DiagramLayout#MANY} in one frame, are each
     * drawn in an invisible frame of their own (see ElkPiecesTest for the time): read as before (no box on
     * another, the branches in the order written), and every arrow that ends at such a frame's port, not at a box,
     * goes on where the next part begins: a blank pixel at each port drew the arrows between merges dashed, and the
     * arrow up between two columns stopped a pixel and a half short of the one inside the next.
     */
    @Test
    void mergesWrittenOutAreDrawnWithUnbrokenArrows() {
        String text = "input 32x32x8\n" + "add { conv 8@3 same; bn; relu | identity }\n".repeat(DiagramLayout.MANY + 6)
                + "gap\ndense 10\n";
        Compilation compilation = Compiler.compile(new SourceFile("flat.cnn", text));
        Diagram diagram = DiagramLayout.layOut(compilation);
        // the input, four layers a merge, gap and dense: every row a box
        assertEquals(1 + 4 * (DiagramLayout.MANY + 6) + 2, diagram.boxes().size());
        List<String> problems = new ArrayList<>();
        boxesDoNotOverlap(diagram, problems);
        branchesInSourceOrder(compilation, diagram, problems);
        for (Diagram.Arrow arrow : diagram.arrows()) {
            if (arrow.head()) {
                continue;
            }
            Diagram.Point end = arrow.points().get(arrow.points().size() - 1);
            boolean goesOn = diagram.arrows().stream().anyMatch(next -> next != arrow
                    && Math.abs(next.points().get(0).x() - end.x()) < 0.01
                    && Math.abs(next.points().get(0).y() - end.y()) < 0.01);
            if (!goesOn) {
                problems.add("an arrow ends at " + end + ", where no other begins: " + arrow.points());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems.subList(0, Math.min(20, problems.size()))));
    }

    private static Diagram.Box box(Diagram diagram, int row) {
        return diagram.boxes().stream().filter(box -> box.row() == row).findFirst()
                .orElseThrow(() -> new AssertionError("no box for row " + row));
    }

    /** True if an arrow starts on the bottom edge of {@code from} and ends on the top edge of {@code to}. */
    private static boolean arrowBetween(Diagram diagram, Diagram.Box from, Diagram.Box to) {
        for (Diagram.Arrow arrow : diagram.arrows()) {
            Diagram.Point start = arrow.points().get(0);
            Diagram.Point end = arrow.points().get(arrow.points().size() - 1);
            if (on(start, from) && on(end, to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean on(Diagram.Point point, Diagram.Box box) {
        return point.x() >= box.x() - 1 && point.x() <= box.x() + box.width() + 1
                && point.y() >= box.y() - 12 && point.y() <= box.y() + box.height() + 12;
    }

    /** No arrow segment crosses the rectangle of a frame's label. */
    private static void labelsAreClear(Diagram diagram, List<String> problems) {
        for (Diagram.Outline outline : diagram.outlines()) {
            double[] label = SvgDiagram.labelBox(outline);
            for (Diagram.Arrow arrow : diagram.arrows()) {
                for (int i = 1; i < arrow.points().size(); i++) {
                    if (crosses(arrow.points().get(i - 1), arrow.points().get(i), label)) {
                        problems.add("an arrow crosses the label of " + outline.path() + " (" + outline.label() + ") at "
                                + arrow.points().get(i - 1) + " -> " + arrow.points().get(i));
                    }
                }
            }
        }
    }

    /**
     * Under a frame's label, its first row of content: the highest box or frame inside it starts no further
     * down than the label's band and the spacing between layers.
     */
    private static void framesHaveNoEmptyBand(Diagram diagram, List<String> problems) {
        for (Diagram.Outline outline : diagram.outlines()) {
            double top = Double.MAX_VALUE;
            for (Diagram.Box box : diagram.boxes()) {
                if (inside(box.x(), box.y(), box.width(), box.height(), outline)) {
                    top = Math.min(top, box.y());
                }
            }
            for (Diagram.Outline inner : diagram.outlines()) {
                if (inner != outline && inside(inner.x(), inner.y(), inner.width(), inner.height(), outline)) {
                    top = Math.min(top, inner.y());
                }
            }
            double band = top - outline.y();
            if (band > DiagramLayout.LABEL_BAND + 30) {
                problems.add("an empty band of " + Math.round(band) + " px at the top of " + outline.path());
            }
        }
    }

    private static void boxesDoNotOverlap(Diagram diagram, List<String> problems) {
        List<Diagram.Box> boxes = diagram.boxes();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                Diagram.Box a = boxes.get(i);
                Diagram.Box b = boxes.get(j);
                if (!(a.x() + a.width() <= b.x() || b.x() + b.width() <= a.x() || a.y() + a.height() <= b.y()
                        || b.y() + b.height() <= a.y())) {
                    problems.add("boxes of rows " + a.row() + " and " + b.row() + " overlap");
                }
            }
        }
    }

    /**
     * A merge's branches stand left to right as the description writes them: of two branches that each make
     * rows (not a shortcut, nor an output made before the merge), the first starts left of the second.
     */
    private static void branchesInSourceOrder(Compilation compilation, Diagram diagram, List<String> problems) {
        for (CheckedModel.Merge merge : compilation.model().merges()) {
            // a wide merge's branches past the first DiagramLayout.SHOWN have one box between them, in the first
            List<CheckedModel.Rows> drawn = merge.branches().stream()
                    .filter(rows -> !rows.isEmpty() && left(diagram, rows) != Double.MAX_VALUE).toList();
            for (int i = 0; i + 1 < drawn.size(); i++) {
                if (readsAnEarlierBranch(compilation, drawn, i + 1)) {
                    // a branch that reads what a branch before it made stands by what it reads: after it (NASNet's
                    // cells), or between it and the branches written between them (DPN's dual path, whose dense part
                    // reads the bottleneck's output made inside the first branch)
                    continue;
                }
                double first = left(diagram, drawn.get(i));
                double second = left(diagram, drawn.get(i + 1));
                if (first >= second) {
                    problems.add("row " + merge.row() + ": the branch of rows " + drawn.get(i).first() + " to "
                            + drawn.get(i).last() + " stands right of the next one, rows " + drawn.get(i + 1).first()
                            + " to " + drawn.get(i + 1).last());
                }
            }
        }
    }

    /** True if branch {@code index} of {@code branches} reads an output made in a branch before it. */
    private static boolean readsAnEarlierBranch(Compilation compilation, List<CheckedModel.Rows> branches, int index) {
        for (int earlier = 0; earlier < index; earlier++) {
            if (reads(compilation, branches.get(index), branches.get(earlier))) {
                return true;
            }
        }
        return false;
    }

    /** True if a row of {@code reader} reads an output made in {@code made}. */
    private static boolean reads(Compilation compilation, CheckedModel.Rows reader, CheckedModel.Rows made) {
        for (int row = reader.first(); row <= reader.last(); row++) {
            for (int input : compilation.model().layers().get(row - 1).inputs()) {
                if (made.contains(input)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where the leftmost box of some rows starts. */
    private static double left(Diagram diagram, CheckedModel.Rows rows) {
        double left = Double.MAX_VALUE;
        for (Diagram.Box box : diagram.boxes()) {
            if (rows.contains(box.row())) {
                left = Math.min(left, box.x());
            }
        }
        return left;
    }

    private static boolean inside(double x, double y, double width, double height, Diagram.Outline outline) {
        return x >= outline.x() && y >= outline.y() && x + width <= outline.x() + outline.width()
                && y + height <= outline.y() + outline.height();
    }

    /** True if the axis-parallel segment from {@code a} to {@code b} passes through the rectangle {x, y, w, h}. */
    private static boolean crosses(Diagram.Point a, Diagram.Point b, double[] box) {
        double left = Math.min(a.x(), b.x());
        double right = Math.max(a.x(), b.x());
        double top = Math.min(a.y(), b.y());
        double bottom = Math.max(a.y(), b.y());
        return left < box[0] + box[2] && right > box[0] && top < box[1] + box[3] && bottom > box[1];
    }
}
