package cnnc.backend.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.InternalProperties;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.data.LayoutOptionData;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkConnectableShape;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.ElkShape;
import org.eclipse.elk.graph.properties.IPropertyHolder;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a {@link LayoutGraph} out with ELK for Java: its options read by ELK's own option parser (the one ELK's
 * JSON importer uses, and so elkjs's), the graph built, laid out, and its places written back.
 *
 * <p>ELK lays a graph of nodes inside nodes out innermost first, each container on its own with the nodes
 * inside it already sized ({@link RecursiveGraphLayoutEngine}); so does {@link #layOut}, one container at a
 * time, each an ELK graph of its own whose compound children stand as nodes of the size their own layout gave.
 * That gives what one call on the whole graph gives (ElkPiecesTest compares them on every sample) without
 * its cost: ELK's importer reads every edge of a container once for each compound node inside it, which for
 * a chain of 4,000 block instances was about 32 million reads; and a container the same as one laid out before (a
 * block used 4,000 times with the same shapes) is not laid out again ({@link Pieces#laidOut}).
 */
final class ElkForJava {
    private ElkForJava() {
    }

    private static final double GAP = DiagramLayout.GAP_BETWEEN_LAYERS;
    private static final Map<String, String> STACK = DiagramLayout.INVISIBLE;
    private static final Map<String, String> PLAIN = DiagramLayout.BOX;
    private static final String PORT_SIDE = "org.eclipse.elk.port.side";
    private static final Map<String, String> ROOT = DiagramLayout.ROOT;
    /** The padding ELK gives a graph that sets none. */
    private static final double ROOT_PADDING = 12;
    /** ELK's spacing between an edge and a node across layers (DiagramLayout sets it): an edge's bend steps. */
    private static final double STEP = DiagramLayout.EDGE_STEP;

    /** How many containers ELK laid out, and how many took the layout of one the same laid out before. */
    record Pieces(int laidOut, int reused) {
    }

    static void layOut(LayoutGraph graph) {
        layOutPieces(graph);
    }

    /**
     * The containers laid out so far, by all that ELK reads of each: a container the same as one of them takes
     * its layout. Kept across the two graphs of a diagram, the unfolded and the folded, which share most containers.
     */
    static final class Known {
        private final Map<Key, Piece> pieces = new HashMap<>();
        private int laidOut;
        private int reused;
        private int stacked;
        /** Each distinct set of options met, numbered: a container's key names them by their numbers. */
        private final Map<Map<String, String>, Integer> options = new HashMap<>();
        /** The same by identity: most shapes share their set (LayoutGraph.Shape#share), found here without hashing it. */
        private final Map<Map<String, String>, Integer> shared = new IdentityHashMap<>();

        /** How many containers ELK laid out so far, and how many took the layout of one the same. */
        Pieces counts() {
            return new Pieces(laidOut, reused);
        }

        /** How many containers were stacks, laid out without ELK ({@link #stack}). */
        int stacked() {
            return stacked;
        }
    }

    /** Lays {@code graph} out a container at a time, each distinct container once. */
    static Pieces layOutPieces(LayoutGraph graph) {
        Known known = new Known();
        layOutPieces(graph, known);
        return known.counts();
    }

    /** Lays {@code graph} out a container at a time, each container not in {@code known} once. */
    static void layOutPieces(LayoutGraph graph, Known known) {
        layOutInside(graph, known);
        layOutRoot(graph, known);
    }

    /**
     * Lays out every container but the root (the diagram's unfolded graph needs only their sizes where the root is
     * to be folded, see DiagramLayout); {@link #layOutRoot} then lays the root out if it is needed.
     */
    static void layOutInside(LayoutGraph graph, Known known) {
        Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained = contained(graph);
        for (LayoutGraph.Node child : graph.root().children()) {
            if (!child.children().isEmpty()) {
                layOutPiece(child, contained, known);
            }
        }
    }

    /** Lays the root out, the containers inside it laid out already ({@link #layOutInside}). */
    static void layOutRoot(LayoutGraph graph, Known known) {
        layOutOne(graph.root(), contained(graph), known);
    }

    /** The edges in each container. */
    private static Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained(LayoutGraph graph) {
        Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained = new HashMap<>();
        for (LayoutGraph.Edge edge : graph.edges()) {
            contained.computeIfAbsent(container(edge), node -> new ArrayList<>()).add(edge);
        }
        return contained;
    }

    /** The node ELK puts an edge in: the one both ends are inside of, or the node whose port an edge enters from inside. */
    private static LayoutGraph.Node container(LayoutGraph.Edge edge) {
        LayoutGraph.Node source = LayoutGraph.nodeOf(edge.source());
        LayoutGraph.Node target = LayoutGraph.nodeOf(edge.target());
        if (edge.source() instanceof LayoutGraph.Port && target.parent() == source) {
            return source;
        }
        if (edge.target() instanceof LayoutGraph.Port && source.parent() == target) {
            return target;
        }
        return source.parent();
    }

    /**
     * A container's layout, as the container's size, its ports' places, its children's places and sizes, their
     * ports' places (in the order {@link #shapes} lists them) and its edges' sections (in the order of its edges).
     */
    private record Piece(double[] shapes, List<List<double[]>> sections) {
    }

    private static void layOutPiece(LayoutGraph.Node container,
                                    Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained, Known known) {
        for (LayoutGraph.Node child : container.children()) {
            if (!child.children().isEmpty()) {
                layOutPiece(child, contained, known);
            }
        }
        layOutOne(container, contained, known);
    }

    /** Lays out one container, those inside it laid out already. */
    private static void layOutOne(LayoutGraph.Node container,
                                  Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained, Known known) {
        List<LayoutGraph.Edge> edges = contained.getOrDefault(container, List.of());
        List<LayoutGraph.Shape> shapes = shapes(container);
        Piece piece = stack(container, shapes, edges);
        if (piece == null) {
            Key key = key(container, shapes, edges, known);
            piece = known.pieces.get(key);
            if (piece == null) {
                piece = elk(container, shapes, edges);
                known.pieces.put(key, piece);
                known.laidOut++;
            } else {
                known.reused++;
            }
        } else {
            known.stacked++;
        }
        apply(container, shapes, edges, piece);
    }

    /** The container, its ports, then each child and its ports. */
    private static List<LayoutGraph.Shape> shapes(LayoutGraph.Node container) {
        List<LayoutGraph.Shape> shapes = new ArrayList<>();
        shapes.add(container);
        shapes.addAll(container.ports);
        for (LayoutGraph.Node child : container.children()) {
            shapes.add(child);
            shapes.addAll(child.ports);
        }
        return shapes;
    }

    /**
     * All that ELK reads of a container's layout: two containers with the same key are laid out the same. Numbers,
     * not text (a long model's instance frames, each with a key, made a string of a kilobyte or so each).
     */
    private record Key(long[] values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(values, key.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    private static Key key(LayoutGraph.Node container, List<LayoutGraph.Shape> shapes, List<LayoutGraph.Edge> edges,
                           Known known) {
        Map<LayoutGraph.Shape, Integer> index = new IdentityHashMap<>();
        long[] key = new long[2 + 7 * shapes.size() + 2 * edges.size()];
        // the root is laid out as ELK's graph, any other container inside a parent
        key[0] = container.parent() == null ? 1 : 0;
        key[1] = shapes.size();
        int i = 2;
        for (LayoutGraph.Shape shape : shapes) {
            index.put(shape, index.size());
            Integer options = known.shared.get(shape.options);
            if (options == null) {
                options = known.options.get(shape.options);
                if (options == null) {
                    options = known.options.size();
                    known.options.put(Map.copyOf(shape.options), options);
                }
                known.shared.put(shape.options, options);
            }
            key[i++] = shape instanceof LayoutGraph.Port ? 'p' : shape == container ? 'r' : 'n';
            key[i++] = Double.doubleToLongBits(shape.x);
            key[i++] = Double.doubleToLongBits(shape.y);
            key[i++] = Double.doubleToLongBits(shape.width);
            key[i++] = Double.doubleToLongBits(shape.height);
            key[i++] = options;
            key[i++] = shape instanceof LayoutGraph.Node node && node != container && !node.children().isEmpty() ? 1 : 0;
        }
        for (LayoutGraph.Edge edge : edges) {
            key[i++] = index.get(edge.source());
            key[i++] = index.get(edge.target());
        }
        return new Key(key);
    }

    /**
     * The container laid out by ELK alone: inside a parent (ELK's importer reads a container's parent), its
     * compound children as nodes of their laid-out size, marked compound as ELK marks them, which ELK neither
     * resizes nor moves the ports of (as it leaves a compound node's size and ports to the node's own layout).
     */
    private static Piece elk(LayoutGraph.Node container, List<LayoutGraph.Shape> shapes, List<LayoutGraph.Edge> edges) {
        ElkNode root = ElkGraphUtil.createGraph();
        ElkNode holder = container.parent() == null ? root : ElkGraphUtil.createNode(root);
        Map<LayoutGraph.Shape, ElkShape> made = new IdentityHashMap<>();
        made.put(container, holder);
        shape(container, holder);
        ports(container, holder, made);
        for (LayoutGraph.Node child : container.children()) {
            ElkNode elk = ElkGraphUtil.createNode(holder);
            made.put(child, elk);
            shape(child, elk);
            if (!child.children().isEmpty()) {
                elk.setProperty(InternalProperties.COMPOUND_NODE, true);
                elk.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, SizeConstraint.fixed());
                elk.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
            }
            ports(child, elk, made);
        }
        List<ElkEdge> elkEdges = new ArrayList<>();
        for (LayoutGraph.Edge edge : edges) {
            ElkEdge elk = ElkGraphUtil.createSimpleEdge((ElkConnectableShape) made.get(edge.source()),
                    (ElkConnectableShape) made.get(edge.target()));
            ElkGraphUtil.updateContainment(elk);
            elkEdges.add(elk);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        double[] places = new double[4 * shapes.size()];
        for (int i = 0; i < shapes.size(); i++) {
            ElkShape shape = made.get(shapes.get(i));
            places[4 * i] = shape.getX();
            places[4 * i + 1] = shape.getY();
            places[4 * i + 2] = shape.getWidth();
            places[4 * i + 3] = shape.getHeight();
        }
        List<List<double[]>> sections = new ArrayList<>();
        for (ElkEdge elk : elkEdges) {
            List<double[]> list = new ArrayList<>();
            for (ElkEdgeSection section : elk.getSections()) {
                list.add(points(section));
            }
            sections.add(list);
        }
        return new Piece(places, sections);
    }

    /**
     * The layout ELK gives a stack, worked out without it: a container holding a chain of children, each fed by the
     * one before, the first from the container's top port (or by nothing), the last feeding its bottom port (or
     * nothing); the children plain nodes (a layer's box) or frames laid out already (a block instance, its port in
     * at its top, out at the middle of its bottom); the container the unfolded graph's root (ELK's padding of 12) or
     * an invisible frame (a column of a folded chain, a merge's branch: no padding, a port at the middle of its top
     * and of its bottom). A long model is mostly such containers, and ELK takes a few tenths of a millisecond a node
     * to find out what follows. ELK's layered algorithm, nodes placed simply, puts each child in a layer of its own,
     * centred on the widest, so that every edge leaves a child at the middle; an edge that enters a child at the
     * middle too is a straight line and its layers are the spacing between layers (7) apart, counting the 1 px a
     * frame's ports stand out; one that enters a frame's port elsewhere bends a step (4 px) below the child it
     * leaves, across, and down another step to the port (its layers 8 apart); an edge from the container's top port
     * starts at its inner edge, in no layer, and one into its bottom port has no length. ({@code ElkPiecesTest}
     * holds this to ELK's own layout, container by container and on the whole graph.) {@code null} for any other
     * container.
     */
    private static Piece stack(LayoutGraph.Node container, List<LayoutGraph.Shape> shapes, List<LayoutGraph.Edge> edges) {
        List<LayoutGraph.Node> children = container.children();
        if (children.isEmpty()) {
            return null;
        }
        double padding;
        LayoutGraph.Port in = null;
        LayoutGraph.Port out = null;
        if (container.parent() == null) {
            if (!container.ports.isEmpty() || !ROOT.equals(container.options)) {
                return null;
            }
            padding = ROOT_PADDING;
        } else {
            if (container.ports.size() != 2 || !STACK.equals(container.options)
                    || !onSide(container.ports.get(0), "NORTH") || !onSide(container.ports.get(1), "SOUTH")) {
                return null;
            }
            in = container.ports.get(0);
            out = container.ports.get(1);
            padding = 0;
        }
        double width = 0;
        for (LayoutGraph.Node child : children) {
            if (child.children().isEmpty() ? !child.ports.isEmpty() || !PLAIN.equals(child.options) : !framed(child)) {
                return null;
            }
            width = Math.max(width, child.width);
        }
        // the edges, in their order: into the first child from the top port or from nowhere, one child to the next,
        // out of the last to the bottom port or to nowhere
        int first = in == null || edges.isEmpty() || edges.get(0).source() != in ? 0 : 1;
        int last = out == null || edges.isEmpty() || edges.get(edges.size() - 1).target() != out ? 0 : 1;
        if (edges.size() != first + children.size() - 1 + last
                || first == 1 && edges.get(0).target() != entry(children.get(0))
                || last == 1 && edges.get(edges.size() - 1).source() != exit(children.get(children.size() - 1))) {
            return null;
        }
        for (int i = 1; i < children.size(); i++) {
            LayoutGraph.Edge edge = edges.get(first + i - 1);
            if (edge.source() != exit(children.get(i - 1)) || edge.target() != entry(children.get(i))) {
                return null;
            }
        }
        double middle = padding + width / 2;
        double[] places = new double[4 * shapes.size()];
        int i = 4 * (1 + container.ports.size());
        List<List<double[]>> sections = new ArrayList<>();
        // where the edge into the next child starts: the middle of the top port's inner edge, or of the child before
        double y = padding;
        for (int c = 0; c < children.size(); c++) {
            LayoutGraph.Node child = children.get(c);
            boolean framed = !child.ports.isEmpty();
            double x = padding + (width - child.width) / 2;
            double top = y;
            if (c > 0 || first == 1) {
                double target = framed ? x + child.ports.get(0).x + child.ports.get(0).width / 2 : middle;
                if (target == middle) {
                    if (c == 0 && framed) {
                        return null; // from the top port straight into a frame's: not met in a diagram
                    }
                    top = c == 0 ? y : y + GAP;
                    sections.add(List.of(new double[] {middle, y, middle, top}));
                } else if (Math.abs(target - middle) < 0.01) {
                    return null; // ELK's routing takes nearly straight as straight: not met in a diagram
                } else {
                    top = y + 2 * STEP;
                    sections.add(List.of(new double[] {middle, y, middle, y + STEP, target, y + STEP, target, top}));
                }
            }
            double stickOut = framed ? 1 : 0;
            i = place(places, i, x, top + stickOut, child.width, child.height);
            for (LayoutGraph.Port port : child.ports) {
                i = place(places, i, port.x, port.y, port.width, port.height);
            }
            y = top + stickOut + child.height + stickOut;
        }
        if (last == 1) {
            sections.add(List.of(new double[] {middle, y, middle, y}));
        }
        double height = y + padding;
        place(places, 0, 0, 0, width + 2 * padding, height);
        if (in != null) {
            place(places, 4, middle - in.width / 2, -in.height, in.width, in.height);
            place(places, 8, middle - out.width / 2, height, out.width, out.height);
        }
        return new Piece(places, sections);
    }

    /** A frame laid out already, a 1 px port at the top where the data enters, one at the middle of its bottom. */
    private static boolean framed(LayoutGraph.Node child) {
        if (child.ports.size() != 2) {
            return false;
        }
        LayoutGraph.Port in = child.ports.get(0);
        LayoutGraph.Port out = child.ports.get(1);
        return onSide(in, "NORTH") && onSide(out, "SOUTH") && in.width == 1 && in.height == 1 && out.width == 1
                && out.height == 1 && in.y == -1 && out.y == child.height && out.x + out.width / 2 == child.width / 2;
    }

    private static boolean onSide(LayoutGraph.Port port, String side) {
        return port.options.size() == 1 && side.equals(port.options.get(PORT_SIDE));
    }

    /** Where an edge enters a child of a stack: a frame's top port, a box itself. */
    private static LayoutGraph.Shape entry(LayoutGraph.Node child) {
        return child.ports.isEmpty() ? child : child.ports.get(0);
    }

    private static LayoutGraph.Shape exit(LayoutGraph.Node child) {
        return child.ports.isEmpty() ? child : child.ports.get(1);
    }

    private static int place(double[] places, int i, double x, double y, double width, double height) {
        places[i] = x;
        places[i + 1] = y;
        places[i + 2] = width;
        places[i + 3] = height;
        return i + 4;
    }

    /** Writes a container's layout into the graph: its own place is its parent's to give (kept as it was). */
    private static void apply(LayoutGraph.Node container, List<LayoutGraph.Shape> shapes,
                              List<LayoutGraph.Edge> edges, Piece piece) {
        double x = container.x;
        double y = container.y;
        for (int i = 0; i < shapes.size(); i++) {
            double[] p = piece.shapes();
            LayoutGraph.place(shapes.get(i), p[4 * i], p[4 * i + 1], p[4 * i + 2], p[4 * i + 3]);
        }
        if (container.parent() != null) {
            container.x = x;
            container.y = y;
        }
        for (int i = 0; i < edges.size(); i++) {
            for (double[] points : piece.sections().get(i)) {
                LayoutGraph.section(edges.get(i), container, points);
            }
        }
    }

    /**
     * Lays {@code graph} out a container at a time, then lays each stack ({@link #stack}) out with ELK as well: the
     * stacks worked out, and those whose layout is not ELK's (for ElkPiecesTest).
     */
    static List<String> stacksUnlikeElk(LayoutGraph graph, int[] stacks) {
        layOutPieces(graph, new Known());
        Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained = contained(graph);
        List<String> unlike = new ArrayList<>();
        List<LayoutGraph.Node> containers = new ArrayList<>(List.of(graph.root()));
        for (int i = 0; i < containers.size(); i++) {
            LayoutGraph.Node container = containers.get(i);
            for (LayoutGraph.Node child : container.children()) {
                if (!child.children().isEmpty()) {
                    containers.add(child);
                }
            }
            List<LayoutGraph.Edge> edges = contained.getOrDefault(container, List.of());
            List<LayoutGraph.Shape> shapes = shapes(container);
            Piece stack = stack(container, shapes, edges);
            if (stack != null) {
                stacks[0]++;
                Piece elk = elk(container, shapes, edges);
                if (container.parent() != null) {
                    // a container's own place is its parent's to give (see apply)
                    elk.shapes()[0] = stack.shapes()[0];
                    elk.shapes()[1] = stack.shapes()[1];
                }
                StringBuilder sections = new StringBuilder();
                for (int e = 0; e < edges.size(); e++) {
                    for (int s = 0; s < elk.sections().get(e).size(); s++) {
                        if (s >= stack.sections().get(e).size()
                                || !Arrays.equals(elk.sections().get(e).get(s), stack.sections().get(e).get(s))) {
                            sections.append(" edge ").append(e).append(": ELK ")
                                    .append(Arrays.toString(elk.sections().get(e).get(s)));
                        }
                    }
                }
                if (!Arrays.equals(elk.shapes(), stack.shapes()) || sections.length() > 0) {
                    unlike.add(container.id() + ": ELK " + Arrays.toString(elk.shapes()) + ", stacked "
                            + Arrays.toString(stack.shapes()) + sections);
                }
            }
        }
        return unlike;
    }

    /** The whole graph in one call to ELK: the layout {@link #layOutPieces} must equal. */
    static void layOutWhole(LayoutGraph graph) {
        Map<LayoutGraph.Shape, ElkShape> made = new HashMap<>();
        ElkNode root = ElkGraphUtil.createGraph();
        build(graph.root(), root, made);
        Map<ElkEdge, LayoutGraph.Edge> edges = new HashMap<>();
        for (LayoutGraph.Edge edge : graph.edges()) {
            ElkEdge elk = ElkGraphUtil.createSimpleEdge((ElkConnectableShape) made.get(edge.source()),
                    (ElkConnectableShape) made.get(edge.target()));
            ElkGraphUtil.updateContainment(elk);
            edges.put(elk, edge);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        for (Map.Entry<LayoutGraph.Shape, ElkShape> entry : made.entrySet()) {
            ElkShape shape = entry.getValue();
            graph.place(entry.getKey().id(), shape.getX(), shape.getY(), shape.getWidth(), shape.getHeight());
        }
        Map<ElkShape, String> ids = new IdentityHashMap<>();
        made.forEach((shape, elk) -> ids.put(elk, shape.id()));
        for (Map.Entry<ElkEdge, LayoutGraph.Edge> entry : edges.entrySet()) {
            String container = ids.get(entry.getKey().getContainingNode());
            for (ElkEdgeSection section : entry.getKey().getSections()) {
                graph.section(entry.getValue().id(), container, points(section));
            }
        }
    }

    /** An edge section's points: {@code x, y, x, y, ...}, from its start through its bends to its end. */
    private static double[] points(ElkEdgeSection section) {
        double[] points = new double[4 + 2 * section.getBendPoints().size()];
        points[0] = section.getStartX();
        points[1] = section.getStartY();
        int i = 2;
        for (ElkBendPoint bend : section.getBendPoints()) {
            points[i++] = bend.getX();
            points[i++] = bend.getY();
        }
        points[i++] = section.getEndX();
        points[i] = section.getEndY();
        return points;
    }

    private static void build(LayoutGraph.Node node, ElkNode elk, Map<LayoutGraph.Shape, ElkShape> made) {
        made.put(node, elk);
        shape(node, elk);
        ports(node, elk, made);
        for (LayoutGraph.Node child : node.children()) {
            build(child, ElkGraphUtil.createNode(elk), made);
        }
    }

    private static void ports(LayoutGraph.Node node, ElkNode elk, Map<LayoutGraph.Shape, ElkShape> made) {
        for (LayoutGraph.Port port : node.ports) {
            ElkPort elkPort = ElkGraphUtil.createPort(elk);
            made.put(port, elkPort);
            shape(port, elkPort);
        }
    }

    private static void shape(LayoutGraph.Shape shape, ElkShape elk) {
        elk.setLocation(shape.x(), shape.y());
        elk.setDimensions(shape.width(), shape.height());
        options(shape.options, elk);
    }

    private static void options(Map<String, String> options, IPropertyHolder holder) {
        for (Map.Entry<String, String> option : options.entrySet()) {
            LayoutOptionData data = LayoutMetaDataService.getInstance().getOptionDataBySuffix(option.getKey());
            Object value = data == null ? null : data.parseValue(option.getValue());
            if (value == null) {
                throw new IllegalArgumentException("ELK has no layout option " + option.getKey() + " taking "
                        + option.getValue());
            }
            holder.setProperty(data, value);
        }
    }
}
