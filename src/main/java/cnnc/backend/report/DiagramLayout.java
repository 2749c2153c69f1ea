package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;
import cnnc.check.CheckedModel;
import cnnc.check.Footprint;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.elk.alg.layered.options.CuttingStrategy;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.alg.layered.options.WrappingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.math.KVector;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.options.SizeConstraint;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkConnectableShape;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays the model out with Eclipse ELK's layered algorithm, top to bottom: a node per layer, a
 * compound node per block instance (laid out on its own, with a port where the data enters and one
 * where it leaves), and an edge for each input of each layer, split where it crosses an instance's
 * frame. Merges put their branches side by side; a container whose rows would make a tall column is
 * wrapped by ELK into several columns.
 */
final class DiagramLayout {
    static final double CHAR_WIDTH = 6.6;
    static final double LINE_HEIGHT = 14;
    private static final int MAX_WORDS = 32;

    /** The widest a diagram should be: a README's width on GitHub. */
    static final double MAX_WIDTH = 1000;
    /** A column taller than this is wrapped, where the width allows. */
    static final double TALL = 1600;
    /** A row's width: ELK indents the first row of a wrapped container by about a third of the rest. */
    static final double ROW_WIDTH = 2 * MAX_WIDTH / 3;
    private static final double SPACING = 12;
    /** What a row adds to each instance's width: the spacing, and the routes to its ports at the sides. */
    private static final double ROW_GAP = 38;

    private final Map<String, List<Integer>> wrapping;
    private final Compilation compilation;
    private final CheckedModel model;
    private final ElkNode root = ElkGraphUtil.createGraph();
    private final Map<String, ElkNode> containers = new HashMap<>();
    private final Map<String, ElkPort> inPorts = new HashMap<>();
    private final Map<String, ElkPort> outPorts = new HashMap<>();
    private final Map<Integer, ElkNode> nodes = new HashMap<>();
    private final Map<ElkNode, Diagram.Box> boxes = new HashMap<>();
    private final Map<ElkNode, BlockInstance> instances = new HashMap<>();

    private DiagramLayout(Compilation compilation, Map<String, List<Integer>> wrapping) {
        this.compilation = compilation;
        this.model = compilation.model();
        this.wrapping = wrapping;
    }

    /**
     * Lays the model out twice: once in plain columns, to learn each container's size, then with the
     * containers whose column would be tall wrapped into as many columns as fit {@link #MAX_WIDTH}.
     */
    static Diagram layOut(Compilation compilation) {
        DiagramLayout plain = new DiagramLayout(compilation, Map.of());
        plain.build();
        return new DiagramLayout(compilation, plain.wrapping()).build();
    }

    private Diagram build() {
        configure(root, wrapping.get(""));
        containers.put("", root);
        for (BlockInstance instance : model.blocks()) {
            if (model.layers().stream().noneMatch(instance::contains)) {
                continue;
            }
            instanceNode(instance);
        }
        box(0, root, "input", model.input().toString(), "row 0: the input, line " + model.inputSpan().line(),
                Diagram.Role.INPUT);
        for (CheckedLayer layer : model.layers()) {
            String detail = layer.outputShape() + (layer.params() == 0 ? "" : " · " + Numbers.grouped(layer.params()));
            box(layer.index(), containers.get(layer.block()), RowText.describe(compilation, layer), detail,
                    "row " + layer.index() + " (" + layer.name() + "), line " + layer.layer().span().line()
                            + (layer.block().isEmpty() ? "" : ", in " + layer.block()),
                    role(layer));
        }
        Set<List<ElkConnectableShape>> edges = new LinkedHashSet<>();
        for (CheckedLayer layer : model.layers()) {
            for (int input : layer.inputs()) {
                connect(input, layer.index(), edges);
            }
        }
        for (List<ElkConnectableShape> edge : edges) {
            ElkGraphUtil.updateContainment(ElkGraphUtil.createSimpleEdge(edge.get(0), edge.get(1)));
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        return collect();
    }

    /**
     * Which containers to lay out left to right in rows, and where ELK should cut their chain of
     * children into rows, from this layout (top to bottom, unwrapped). A container is wrapped when it
     * is taller than {@link #TALL} and is mostly a sequence of two or more block instances (a
     * ResNet stage): its children fill rows as wide as {@link #MAX_WIDTH} allows. Innermost first,
     * so that a container's size counts its children's wrapping.
     */
    private Map<String, List<Integer>> wrapping() {
        Map<String, List<Integer>> cuts = new HashMap<>();
        Map<String, double[]> sizes = new HashMap<>();
        List<String> paths = new ArrayList<>(containers.keySet());
        paths.sort((a, b) -> Integer.compare(depth(b), depth(a)));
        for (String path : paths) {
            ElkNode node = containers.get(path);
            double width = node.getWidth();
            double height = node.getHeight();
            List<double[]> children = new ArrayList<>();
            int nested = 0;
            for (ElkNode child : node.getChildren()) {
                double[] size = {child.getWidth(), child.getHeight()};
                BlockInstance instance = instances.get(child);
                if (instance != null) {
                    size = sizes.get(instance.path());
                    height -= child.getHeight() - size[1];
                    width = Math.max(width, size[0] + 16);
                    nested++;
                }
                children.add(size);
            }
            List<Integer> rows = new ArrayList<>();
            double rowWidth = 0;
            double widest = 0;
            double rowsHeight = 0;
            double rowHeight = 0;
            for (int i = 0; i < children.size(); i++) {
                double[] size = children.get(i);
                if (rowWidth > 0 && rowWidth + size[0] > ROW_WIDTH) {
                    rows.add(i);
                    rowsHeight += rowHeight + 3 * SPACING;
                    rowWidth = 0;
                    rowHeight = 0;
                }
                rowWidth += size[0] + ROW_GAP;
                rowHeight = Math.max(rowHeight, size[1]);
                widest = Math.max(widest, rowWidth);
            }
            if (height > TALL && nested >= 2 && 2 * nested >= children.size() && rows.size() + 1 < children.size()) {
                // inside an instance, ELK's first layer holds the port the data enters by
                cuts.put(path, rows.stream().map(i -> path.isEmpty() ? i : i + 1).toList());
                sizes.put(path, new double[] {widest, rowsHeight + rowHeight});
            } else {
                sizes.put(path, new double[] {width, height});
            }
        }
        return cuts;
    }

    private static int depth(String path) {
        return path.isEmpty() ? -1 : (int) path.chars().filter(c -> c == '/').count();
    }

    /** @param cuts where to wrap the container's children into rows, by their place in the chain; null: one column */
    private static void configure(ElkNode container, List<Integer> cuts) {
        container.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        container.setProperty(CoreOptions.DIRECTION, cuts != null ? Direction.RIGHT : Direction.DOWN);
        container.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        container.setProperty(CoreOptions.SPACING_NODE_NODE, SPACING);
        container.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 14.0);
        container.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 8.0);
        container.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
        container.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY,
                cuts != null ? NodePlacementStrategy.BRANDES_KOEPF : NodePlacementStrategy.SIMPLE);
        if (cuts != null && !cuts.isEmpty()) {
            container.setProperty(LayeredOptions.WRAPPING_STRATEGY, WrappingStrategy.MULTI_EDGE);
            container.setProperty(LayeredOptions.WRAPPING_CUTTING_STRATEGY, CuttingStrategy.MANUAL);
            container.setProperty(LayeredOptions.WRAPPING_CUTTING_CUTS, cuts);
        }
    }

    private void instanceNode(BlockInstance instance) {
        ElkNode node = ElkGraphUtil.createNode(containers.get(instance.parent()));
        configure(node, wrapping.get(instance.path()));
        String label = instance.name() + ": " + instance.usage();
        node.setProperty(CoreOptions.PADDING, new ElkPadding(22, 8, 8, 8));
        node.setProperty(CoreOptions.NODE_SIZE_CONSTRAINTS, EnumSet.of(SizeConstraint.MINIMUM_SIZE));
        node.setProperty(CoreOptions.NODE_SIZE_MINIMUM, new KVector(label.length() * CHAR_WIDTH + 16, 40));
        boolean across = wrapping.containsKey(instance.parent());
        node.setProperty(CoreOptions.PORT_CONSTRAINTS, across ? PortConstraints.FIXED_RATIO : PortConstraints.FIXED_SIDE);
        node.setDimensions(100, 100);
        inPorts.put(instance.path(), port(node, across ? PortSide.WEST : PortSide.NORTH, 0, 50));
        outPorts.put(instance.path(), port(node, across ? PortSide.EAST : PortSide.SOUTH, 99, 50));
        containers.put(instance.path(), node);
        instances.put(node, instance);
    }

    /** A port on {@code side}; in a row of instances, at the middle of the side ({@code x, y} on a 100 x 100 node). */
    private static ElkPort port(ElkNode node, PortSide side, double x, double y) {
        ElkPort port = ElkGraphUtil.createPort(node);
        port.setDimensions(1, 1);
        port.setLocation(x, y);
        port.setProperty(CoreOptions.PORT_SIDE, side);
        return port;
    }

    private void box(int row, ElkNode container, String words, String detail, String title, Diagram.Role role) {
        String shown = words.length() > MAX_WORDS ? words.substring(0, MAX_WORDS - 1) + "…" : words;
        ElkNode node = ElkGraphUtil.createNode(container);
        double width = Math.max(72, Math.max(shown.length(), detail.length()) * CHAR_WIDTH + 14);
        node.setDimensions(Math.ceil(width), 2 * LINE_HEIGHT + 6);
        nodes.put(row, node);
        boxes.put(node, new Diagram.Box(row, shown, detail, title, role, 0, 0, 0, 0));
    }

    private Diagram.Role role(CheckedLayer layer) {
        if (layer.kind().isMerge()) {
            return Diagram.Role.MERGE;
        } else if (layer.cost().macs() > 0) {
            return Diagram.Role.COMPUTE;
        } else if (layer.params() > 0) {
            return Diagram.Role.PARAMETERS;
        }
        return layer.footprint().accept(new Footprint.Visitor<>() {
            @Override
            public Diagram.Role visitPointwise(Footprint.Pointwise pointwise) {
                return Diagram.Role.PLAIN;
            }

            @Override
            public Diagram.Role visitShifted(Footprint.Shifted shifted) {
                return Diagram.Role.PLAIN;
            }

            @Override
            public Diagram.Role visitSliding(Footprint.Sliding sliding) {
                return Diagram.Role.POOLING;
            }

            @Override
            public Diagram.Role visitTransposed(Footprint.Transposed transposed) {
                return Diagram.Role.PLAIN;
            }

            @Override
            public Diagram.Role visitRepeated(Footprint.Repeated repeated) {
                return Diagram.Role.PLAIN;
            }

            @Override
            public Diagram.Role visitGlobal(Footprint.Global global) {
                return Diagram.Role.POOLING;
            }
        });
    }

    /** The path of the container a row's node is in ("" for the input and top-level rows). */
    private String pathOf(int row) {
        return row == 0 ? "" : model.layers().get(row - 1).block();
    }

    /** The edges that carry row {@code from}'s output to row {@code to}, one per container they pass through. */
    private void connect(int from, int to, Set<List<ElkConnectableShape>> edges) {
        String source = pathOf(from);
        String target = pathOf(to);
        String common = common(source, target);
        for (String path = source; !path.equals(common); path = parent(path)) {
            edges.add(List.of(seen(from, path, outPorts), outPorts.get(path)));
        }
        edges.add(List.of(seen(from, common, outPorts), seen(to, common, inPorts)));
        for (String path = target; !path.equals(common); path = parent(path)) {
            edges.add(List.of(inPorts.get(path), seen(to, path, inPorts)));
        }
    }

    /**
     * Row {@code row} as seen inside {@code container}: its node, or the port (from {@code ports}: out-ports
     * where its output leaves, in-ports where it is reached) of the child instance holding it.
     */
    private ElkConnectableShape seen(int row, String container, Map<String, ElkPort> ports) {
        String path = pathOf(row);
        return path.equals(container) ? nodes.get(row) : ports.get(child(container, path));
    }

    /** The instance directly inside {@code container} on the way to {@code path}. */
    private static String child(String container, String path) {
        int start = container.isEmpty() ? 0 : container.length() + 1;
        int slash = path.indexOf('/', start);
        return slash < 0 ? path : path.substring(0, slash);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String common(String a, String b) {
        String path = a;
        while (!path.isEmpty() && !(b.equals(path) || b.startsWith(path + "/"))) {
            path = parent(path);
        }
        return path;
    }

    /** The laid-out shapes in absolute coordinates, in a fixed order: outlines outermost first, boxes by row. */
    private Diagram collect() {
        List<Diagram.Outline> outlines = new ArrayList<>();
        List<Diagram.Box> placed = new ArrayList<>();
        List<Diagram.Arrow> arrows = new ArrayList<>();
        walk(root, 0, 0, outlines, placed, arrows);
        placed.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return new Diagram(root.getWidth(), root.getHeight(), outlines, placed, arrows);
    }

    private void walk(ElkNode container, double x, double y, List<Diagram.Outline> outlines, List<Diagram.Box> placed,
                      List<Diagram.Arrow> arrows) {
        for (ElkEdge edge : container.getContainedEdges()) {
            for (ElkEdgeSection section : edge.getSections()) {
                List<Diagram.Point> points = new ArrayList<>();
                points.add(new Diagram.Point(x + section.getStartX(), y + section.getStartY()));
                for (ElkBendPoint bend : section.getBendPoints()) {
                    points.add(new Diagram.Point(x + bend.getX(), y + bend.getY()));
                }
                points.add(new Diagram.Point(x + section.getEndX(), y + section.getEndY()));
                arrows.add(new Diagram.Arrow(points, edge.getTargets().get(0) instanceof ElkNode));
            }
        }
        for (ElkNode child : container.getChildren()) {
            double cx = x + child.getX();
            double cy = y + child.getY();
            BlockInstance instance = instances.get(child);
            if (instance != null) {
                outlines.add(new Diagram.Outline(instance.path(), instance.name() + ": " + instance.usage(), instance.depth(),
                        cx, cy, child.getWidth(), child.getHeight()));
                walk(child, cx, cy, outlines, placed, arrows);
            } else {
                Diagram.Box box = boxes.get(child);
                placed.add(new Diagram.Box(box.row(), box.words(), box.detail(), box.title(), box.role(), cx, cy,
                        child.getWidth(), child.getHeight()));
            }
        }
    }
}
