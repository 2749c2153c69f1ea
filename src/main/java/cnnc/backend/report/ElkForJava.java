package cnnc.backend.report;

import java.util.ArrayList;
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
        private final Map<String, Piece> pieces = new HashMap<>();
        private int laidOut;
        private int reused;
        private int stacked;
        /** Each distinct set of options met, numbered: a container's key names them by their numbers. */
        private final Map<Map<String, String>, Integer> options = new HashMap<>();

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
                layOutPiece(graph, child, contained, known);
            }
        }
    }

    /** Lays the root out, the containers inside it laid out already ({@link #layOutInside}). */
    static void layOutRoot(LayoutGraph graph, Known known) {
        layOutOne(graph, graph.root(), contained(graph), known);
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

    private static void layOutPiece(LayoutGraph graph, LayoutGraph.Node container,
                                    Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained, Known known) {
        for (LayoutGraph.Node child : container.children()) {
            if (!child.children().isEmpty()) {
                layOutPiece(graph, child, contained, known);
            }
        }
        layOutOne(graph, container, contained, known);
    }

    /** Lays out one container, those inside it laid out already. */
    private static void layOutOne(LayoutGraph graph, LayoutGraph.Node container,
                                  Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained, Known known) {
        List<LayoutGraph.Edge> edges = contained.getOrDefault(container, List.of());
        List<LayoutGraph.Shape> shapes = shapes(container);
        Piece piece = stack(container, shapes, edges);
        if (piece == null) {
            String key = key(container, shapes, edges, known);
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
        apply(graph, container, shapes, edges, piece);
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

    /** All that ELK reads of a container's layout: two containers with the same key are laid out the same. */
    private static String key(LayoutGraph.Node container, List<LayoutGraph.Shape> shapes, List<LayoutGraph.Edge> edges,
                              Known known) {
        Map<LayoutGraph.Shape, Integer> index = new IdentityHashMap<>();
        // the root is laid out as ELK's graph, any other container inside a parent
        StringBuilder key = new StringBuilder(container.parent() == null ? "root\n" : "");
        for (LayoutGraph.Shape shape : shapes) {
            index.put(shape, index.size());
            Integer options = known.options.get(shape.options);
            if (options == null) {
                options = known.options.size();
                known.options.put(Map.copyOf(shape.options), options);
            }
            key.append(shape instanceof LayoutGraph.Port ? 'p' : shape == container ? 'r' : 'n').append(' ')
                    .append(Double.doubleToLongBits(shape.x)).append(' ').append(Double.doubleToLongBits(shape.y))
                    .append(' ').append(Double.doubleToLongBits(shape.width)).append(' ')
                    .append(Double.doubleToLongBits(shape.height)).append(' ').append(options).append(' ')
                    .append(shape instanceof LayoutGraph.Node node && node != container && !node.children().isEmpty())
                    .append('\n');
        }
        for (LayoutGraph.Edge edge : edges) {
            key.append("e ").append(index.get(edge.source())).append(' ').append(index.get(edge.target())).append('\n');
        }
        return key.toString();
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
     * The layout ELK gives a stack, worked out without it: a container with no padding, a port at the middle of its
     * top and of its bottom, holding a chain of plain nodes (a column of a folded chain of layers, a merge's branch
     * of layers), each fed by the one before, the first from the top port (or by nothing), the last feeding the
     * bottom port (or nothing). ELK's layered algorithm, nodes placed simply, puts each node in a layer of its own,
     * the layers the given spacing apart and each centred on the widest, so every edge is a straight line down the
     * middle. A long model is mostly such columns, and ELK takes a few tenths of a millisecond a node to find that
     * out ({@code ElkPiecesTest} holds this to ELK's own layout). {@code null} for any other container.
     */
    private static Piece stack(LayoutGraph.Node container, List<LayoutGraph.Shape> shapes, List<LayoutGraph.Edge> edges) {
        List<LayoutGraph.Node> children = container.children();
        if (container.parent() == null || children.isEmpty() || container.ports.size() != 2
                || !STACK.equals(container.options)) {
            return null;
        }
        LayoutGraph.Port in = container.ports.get(0);
        LayoutGraph.Port out = container.ports.get(1);
        if (!"NORTH".equals(in.options.get(PORT_SIDE)) || !"SOUTH".equals(out.options.get(PORT_SIDE))
                || in.options.size() != 1 || out.options.size() != 1) {
            return null;
        }
        double width = 0;
        double height = -GAP;
        for (LayoutGraph.Node child : children) {
            if (!child.children().isEmpty() || !child.ports.isEmpty() || !PLAIN.equals(child.options)) {
                return null;
            }
            width = Math.max(width, child.width);
            height += child.height + GAP;
        }
        // the edges, in their order: into the first node from the top port or from nowhere, one node to the next,
        // out of the last to the bottom port or to nowhere
        int first = edges.isEmpty() || edges.get(0).source() != in ? 0 : 1;
        int last = edges.isEmpty() || edges.get(edges.size() - 1).target() != out ? 0 : 1;
        if (edges.size() != first + children.size() - 1 + last
                || first == 1 && edges.get(0).target() != children.get(0)
                || last == 1 && edges.get(edges.size() - 1).source() != children.get(children.size() - 1)) {
            return null;
        }
        for (int i = 1; i < children.size(); i++) {
            LayoutGraph.Edge edge = edges.get(first + i - 1);
            if (edge.source() != children.get(i - 1) || edge.target() != children.get(i)) {
                return null;
            }
        }
        double middle = width / 2;
        double[] places = new double[4 * shapes.size()];
        int i = 0;
        i = place(places, i, 0, 0, width, height);
        i = place(places, i, middle - in.width / 2, -in.height, in.width, in.height);
        i = place(places, i, middle - out.width / 2, height, out.width, out.height);
        List<List<double[]>> sections = new ArrayList<>();
        double y = 0;
        if (first == 1) {
            sections.add(List.of(new double[] {middle, 0, middle, 0}));
        }
        for (LayoutGraph.Node child : children) {
            i = place(places, i, (width - child.width) / 2, y, child.width, child.height);
            y += child.height;
            if (child != children.get(children.size() - 1)) {
                sections.add(List.of(new double[] {middle, y, middle, y + GAP}));
            }
            y += GAP;
        }
        if (last == 1) {
            sections.add(List.of(new double[] {middle, height, middle, height}));
        }
        return new Piece(places, sections);
    }

    private static int place(double[] places, int i, double x, double y, double width, double height) {
        places[i] = x;
        places[i + 1] = y;
        places[i + 2] = width;
        places[i + 3] = height;
        return i + 4;
    }

    /** Writes a container's layout into the graph: its own place is its parent's to give (kept as it was). */
    private static void apply(LayoutGraph graph, LayoutGraph.Node container, List<LayoutGraph.Shape> shapes,
                              List<LayoutGraph.Edge> edges, Piece piece) {
        double x = container.x;
        double y = container.y;
        for (int i = 0; i < shapes.size(); i++) {
            double[] p = piece.shapes();
            graph.place(shapes.get(i).id(), p[4 * i], p[4 * i + 1], p[4 * i + 2], p[4 * i + 3]);
        }
        if (container.parent() != null) {
            container.x = x;
            container.y = y;
        }
        for (int i = 0; i < edges.size(); i++) {
            for (double[] points : piece.sections().get(i)) {
                graph.section(edges.get(i).id, container.id(), points);
            }
        }
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
                graph.section(entry.getValue().id, container, points(section));
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
