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
import java.util.function.Consumer;

/**
 * Lays the model out with Eclipse ELK's layered algorithm, top to bottom: a node per layer, a compound node
 * per block instance (laid out on its own, with a port where the data enters and one where it leaves, and
 * its label a node of its first layer, which edges go around), and an edge for each input of each layer,
 * split where it crosses a frame. A merge's branches stand side by side in the order they are written. A
 * tall container whose children form one chain (a ResNet stage: instance after instance; a long run of
 * layers) is folded into columns side by side, each an invisible compound node holding a run of the chain,
 * so that a deep model fits a screen or two. A container of many merges one after another (more than
 * {@link #MANY}: a residual network written out) has each merge in an invisible frame of its own, as a block's
 * instance would be, so that its columns are chains of equal frames.
 */
public final class DiagramLayout {
    /** A character of a box's words (11 px monospace) and of its detail line (10 px). */
    static final double CHAR_WIDTH = 6.6;
    static final double DETAIL_CHAR_WIDTH = 6.05;
    static final double LINE_HEIGHT = 11;
    /** The band at the top of a folded frame that holds its label. */
    static final double LABEL_BAND = 22;
    /** A frame's label: bold 10 px monospace. */
    static final double LABEL_CHAR_WIDTH = 6.0;
    static final double LABEL_HEIGHT = 13;
    private static final int MAX_WORDS = 32;

    /** The widest a folded container should be: a screen's width, less a browser's margins. */
    static final double MAX_WIDTH = 1850;
    /** A container taller than this is folded, where its chain and the width allow. */
    static final double TALL = 600;
    private static final double SPACING = 12;
    /** Between a layer and the next. */
    static final double GAP_BETWEEN_LAYERS = 7;
    /** Between an edge's bend and the layers it passes between. */
    static final double EDGE_STEP = 4;
    /** Between the columns of a folded chain, where the arrow from one to the next climbs. */
    private static final double COLUMN_GAP = 24;
    /** Where the data enters a folded frame, from its left edge. */
    private static final double FOLDED_PORT = 14;

    // ELK's layout options, by the ids its JSON format and ELK for Java's parser both read
    private static final String ALGORITHM = "org.eclipse.elk.algorithm";
    private static final String DIRECTION = "org.eclipse.elk.direction";
    private static final String EDGE_ROUTING = "org.eclipse.elk.edgeRouting";
    private static final String SPACING_NODE_NODE = "org.eclipse.elk.spacing.nodeNode";
    private static final String BETWEEN_LAYERS = "org.eclipse.elk.layered.spacing.nodeNodeBetweenLayers";
    private static final String EDGE_NODE_BETWEEN_LAYERS = "org.eclipse.elk.layered.spacing.edgeNodeBetweenLayers";
    private static final String MODEL_ORDER = "org.eclipse.elk.layered.considerModelOrder.strategy";
    private static final String FORCE_MODEL_ORDER = "org.eclipse.elk.layered.crossingMinimization.forceNodeModelOrder";
    private static final String CROSSING_MINIMIZATION = "org.eclipse.elk.layered.crossingMinimization.strategy";
    private static final String MERGE_EDGES = "org.eclipse.elk.layered.mergeEdges";
    private static final String SEPARATE_COMPONENTS = "org.eclipse.elk.separateConnectedComponents";
    private static final String LAYERING = "org.eclipse.elk.layered.layering.strategy";
    private static final String NODE_PLACEMENT = "org.eclipse.elk.layered.nodePlacement.strategy";
    private static final String ALIGNMENT = "org.eclipse.elk.alignment";
    private static final String PADDING = "org.eclipse.elk.padding";
    private static final String NODE_SIZE_CONSTRAINTS = "org.eclipse.elk.nodeSize.constraints";
    private static final String NODE_SIZE_MINIMUM = "org.eclipse.elk.nodeSize.minimum";
    private static final String PORT_CONSTRAINTS = "org.eclipse.elk.portConstraints";
    private static final String PORT_SIDE = "org.eclipse.elk.port.side";
    private static final String LAYER_CONSTRAINT = "org.eclipse.elk.layered.layering.layerConstraint";
    private static final Map<String, String> NORTH = Map.of(PORT_SIDE, "NORTH");
    private static final Map<String, String> SOUTH = Map.of(PORT_SIDE, "SOUTH");

    /** For each container to fold ("" the model, else an instance's path), its columns. */
    private final Map<String, Fold> folding;

    /** A container folded into columns: the first row of each column after the first, and about how wide it is. */
    private record Fold(List<Integer> starts, double width) {
    }
    private final Compilation compilation;
    private final CheckedModel model;
    private final LayoutGraph graph = new LayoutGraph();
    private final Map<String, BlockInstance> instancesByPath = new HashMap<>();
    /** Each block instance's first and last rows, its nested instances' included (a pass over the rows, not one per instance). */
    private final Map<String, int[]> extents = new HashMap<>();
    /** The merges made directly in each container ("" the model, else an instance's path), in the model's order. */
    private final Map<String, List<CheckedModel.Merge>> mergesIn = new HashMap<>();
    /**
     * {@link #branchesOf}'s answer for each container, worked out once, by row: every row placed asks for the
     * branches that hold it (looking through all of them for each row was quadratic in a merge's branches).
     */
    private final Map<String, Map<Integer, List<CheckedModel.Rows>>> branchesIn = new HashMap<>();
    /** The model, and each block instance, by path. */
    private final Map<String, Frame> frames = new java.util.LinkedHashMap<>();
    /** The frame whose ELK node holds each row's box (for a folded container, one of its columns). */
    private final Frame[] places;
    /** Each row's box, by row (0 the input). */
    private final LayoutGraph.Node[] nodes;
    private final Map<LayoutGraph.Node, Diagram.Box> boxes;
    private final Map<LayoutGraph.Node, Frame> framesByNode;
    /** {@link #frameOptions} by the label's length (less one, negative, for a folded frame). */
    private final Map<Integer, Map<String, String>> frameOptions = new HashMap<>();
    /** Each row's box before it is placed, by row (0 the input), shared by the unfolded graph and the folded one. */
    private final Diagram.Box[] texts;
    /**
     * For each row of the branches a wide merge does not draw (see {@link #SHOWN}), the row of the box that stands
     * for them, its first; 0 for a row drawn.
     */
    private final int[] standIn;
    /** Each box that stands for a wide merge's branches not drawn, by its row. */
    private final Map<Integer, StandIn> standsFor = new HashMap<>();
    /**
     * For each row of a merge drawn in a frame of its own (see {@link #MANY}), the merge's rows, its branches' first
     * to the merge; null for any other row.
     */
    private final CheckedModel.Rows[] unitOf;
    /** The container ("" the model, else an instance's path) of each merge drawn in a frame of its own, by its rows. */
    private final Map<CheckedModel.Rows, String> unitIn = new HashMap<>();

    /** The branches of {@code merge} a box stands for: rows {@code first} to {@code last}, {@code count} branches. */
    private record StandIn(CheckedModel.Merge merge, int first, int last, int count) {
    }

    /**
     * A container ELK lays out on its own: the model (no instance), a block instance, or a column of a folded
     * one (invisible, no instance). Its children are added in the rows' order, so ELK's model order is the
     * description's.
     */
    private static final class Frame {
        final Frame parent;
        final BlockInstance instance;
        final LayoutGraph.Node node;
        LayoutGraph.Port in;
        LayoutGraph.Port out;
        LayoutGraph.Node label;
        /** An invisible frame: a column of a folded chain, or a merge's branch. */
        final boolean column;
        /** Of a branch: its rows. */
        CheckedModel.Rows rows;
        /** Of a container: its branches of two or more children, each laid out as one node (made when first used). */
        final Map<CheckedModel.Rows, Frame> branches = new HashMap<>();
        /** Of a container: its merges in frames of their own ({@link #MANY}), by their rows (made when first used). */
        final Map<CheckedModel.Rows, Frame> merges = new HashMap<>();
        /** Of a folded container: the first row of each column after the first, and its columns. */
        List<Integer> starts = List.of();
        final List<Frame> columns = new ArrayList<>();

        Frame(Frame parent, BlockInstance instance, LayoutGraph.Node node, boolean column) {
            this.parent = parent;
            this.instance = instance;
            this.node = node;
            this.column = column;
        }

        boolean folded() {
            return !columns.isEmpty();
        }

        int depth() {
            return parent == null ? 0 : parent.depth() + 1;
        }
    }

    private DiagramLayout(Compilation compilation, Map<String, Fold> folding, Diagram.Box[] texts) {
        this.compilation = compilation;
        this.model = compilation.model();
        this.folding = folding;
        this.texts = texts;
        this.places = new Frame[texts.length];
        this.nodes = new LayoutGraph.Node[texts.length];
        // sized for the rows at the start: grown a doubling at a time, they were a good part of a long model's work
        this.boxes = new HashMap<>(2 * texts.length);
        this.framesByNode = new HashMap<>(texts.length);
        for (BlockInstance instance : model.blocks()) {
            instancesByPath.put(instance.path(), instance);
        }
        for (CheckedLayer layer : model.layers()) {
            for (String path = layer.block(); !path.isEmpty(); path = instancesByPath.get(path).parent()) {
                int[] extent = extents.computeIfAbsent(path, p -> new int[] {layer.index(), layer.index()});
                extent[0] = Math.min(extent[0], layer.index());
                extent[1] = Math.max(extent[1], layer.index());
            }
        }
        for (CheckedModel.Merge merge : model.merges()) {
            mergesIn.computeIfAbsent(model.layers().get(merge.row() - 1).block(), p -> new ArrayList<>()).add(merge);
        }
        this.standIn = new int[texts.length];
        // inner merges first (a merge's row comes after its branches'), so that an outer merge's box stands for the
        // rows an inner one's would have
        List<CheckedModel.Merge> byRow = new ArrayList<>(model.merges());
        byRow.sort((a, b) -> Integer.compare(a.row(), b.row()));
        for (CheckedModel.Merge merge : byRow) {
            List<CheckedModel.Rows> hidden = merge.branches().size() > WIDE
                    ? merge.branches().subList(SHOWN, merge.branches().size()) : List.of();
            int first = Integer.MAX_VALUE;
            int last = 0;
            for (CheckedModel.Rows rows : hidden) {
                if (!rows.isEmpty()) {
                    first = Math.min(first, rows.first());
                    last = Math.max(last, rows.last());
                }
            }
            if (last > 0) {
                java.util.Arrays.fill(standIn, first, last + 1, first);
                standsFor.put(first, new StandIn(merge, first, last, hidden.size()));
            }
        }
        this.unitOf = new CheckedModel.Rows[texts.length];
        for (Map.Entry<String, List<CheckedModel.Merge>> made : mergesIn.entrySet()) {
            List<CheckedModel.Rows> outermost = outermost(made.getValue());
            if (outermost.size() > MANY) {
                for (CheckedModel.Rows rows : outermost) {
                    java.util.Arrays.fill(unitOf, rows.first(), rows.last() + 1, rows);
                    unitIn.put(rows, made.getKey());
                }
            }
        }
        if (!unitIn.isEmpty()) {
            enclosed();
        }
    }

    /** The rows of each merge not inside another's (its branches' first to the merge), in the rows' order. */
    private static List<CheckedModel.Rows> outermost(List<CheckedModel.Merge> merges) {
        List<CheckedModel.Rows> all = new ArrayList<>();
        for (CheckedModel.Merge merge : merges) {
            int first = merge.row();
            for (CheckedModel.Rows branch : merge.branches()) {
                first = branch.isEmpty() ? first : Math.min(first, branch.first());
            }
            all.add(new CheckedModel.Rows(first, merge.row()));
        }
        // an enclosing merge (more rows, starting no later) before the ones inside it
        all.sort((a, b) -> a.first() != b.first() ? Integer.compare(a.first(), b.first())
                : Integer.compare(b.last(), a.last()));
        List<CheckedModel.Rows> outermost = new ArrayList<>();
        for (CheckedModel.Rows rows : all) {
            if (outermost.isEmpty() || rows.first() > outermost.get(outermost.size() - 1).last()) {
                outermost.add(rows);
            }
        }
        return outermost;
    }

    /**
     * Keeps a merge in a frame of its own only where the data enters it from one row and leaves it by the merge
     * alone: a frame has one port in and one out, and an arrow from elsewhere would seem to come from that row.
     */
    private void enclosed() {
        Map<CheckedModel.Rows, Integer> entries = new HashMap<>();
        Set<CheckedModel.Rows> open = new java.util.HashSet<>();
        for (CheckedLayer layer : model.layers()) {
            CheckedModel.Rows unit = unitOf[layer.index()];
            for (int input : layer.inputs()) {
                CheckedModel.Rows from = unitOf[input];
                if (from != null && from != unit && input != from.last()) {
                    open.add(from);
                }
                if (unit != null && from != unit && entries.computeIfAbsent(unit, u -> input) != input) {
                    open.add(unit);
                }
            }
        }
        for (CheckedModel.Rows rows : open) {
            java.util.Arrays.fill(unitOf, rows.first(), rows.last() + 1, null);
            unitIn.remove(rows);
        }
    }

    /** The row whose box draws row {@code row}: itself, or the box that stands for a wide merge's branches. */
    private int shown(int row) {
        return standIn[row] == 0 ? row : standIn[row];
    }

    /**
     * Lays the model out twice: once unfolded, to learn each container's size, then with the containers
     * whose chain would be tall folded into as many columns as make them shortest within {@link #MAX_WIDTH}.
     * {@code engine} lays a graph out (ELK for Java on the command line).
     */
    static Diagram layOut(Compilation compilation) {
        return layOut(compilation, new ElkForJava.Known());
    }

    /** {@link #layOut(Compilation)}, the containers laid out counted in {@code known}. */
    static Diagram layOut(Compilation compilation, ElkForJava.Known known) {
        // ELK for Java lays a graph out a container at a time: the unfolded graph's root, which is most of the
        // work for a long model (a chain of 20,000 layers is one container), is laid out only when the folding
        // needs its layout (see folding), and a container of the folded graph the same as one of the unfolded
        // one (a block instance not folded, say) takes the layout it had
        Diagram.Box[] texts = new Diagram.Box[compilation.model().layers().size() + 1];
        DiagramLayout folded = new DiagramLayout(compilation, folding(compilation, texts, known), texts).build();
        ElkForJava.layOutPieces(folded.graph(), known);
        return folded.collect();
    }

    /** The folding, from the unfolded graph (which is then let go: a long model's is a good part of the memory). */
    private static Map<String, Fold> folding(Compilation compilation, Diagram.Box[] texts, ElkForJava.Known known) {
        DiagramLayout plain = new DiagramLayout(compilation, Map.of(), texts).build();
        ElkForJava.layOutInside(plain.graph(), known);
        Map<String, Fold> folding = plain.folding(false);
        if (folding == null) {
            ElkForJava.layOutRoot(plain.graph(), known);
            folding = plain.folding(true);
        }
        return folding;
    }

    static Diagram layOut(Compilation compilation, Consumer<LayoutGraph> engine) {
        DiagramLayout plain = first(compilation);
        engine.accept(plain.graph());
        DiagramLayout folded = plain.second();
        engine.accept(folded.graph());
        return folded.collect();
    }

    /** The first of the two graphs, unfolded, for an engine to lay out (the playground's, elkjs, works apart). */
    public static DiagramLayout first(Compilation compilation) {
        return new DiagramLayout(compilation, Map.of(), new Diagram.Box[compilation.model().layers().size() + 1]).build();
    }

    /** The second graph, folded as this one's layout says (once an engine laid this one out). */
    public DiagramLayout second() {
        return new DiagramLayout(compilation, folding(true), texts).build();
    }

    public LayoutGraph graph() {
        return graph;
    }

    /** The diagram as {@code report --format svg} draws it, once an engine laid this graph out. */
    public String svg() {
        return SvgDiagram.svg(compilation, collect());
    }

    private DiagramLayout build() {
        LayoutGraph.Node root = graph.root();
        Frame model = new Frame(null, null, root, false);
        configure(root, false);
        frames.put("", model);
        fold(model, "");
        box(place(model, 0), text(0));
        for (CheckedLayer layer : this.model.layers()) {
            int row = layer.index();
            if (standIn[row] == 0) {
                box(place(frame(layer.block()), row), text(row));
            } else if (standIn[row] == row) {
                // beside the merge's drawn branches: in the container that holds the merge
                StandIn hidden = standsFor.get(row);
                int merge = hidden.merge().row();
                box(place(frame(this.model.layers().get(merge - 1).block()), merge), standInText(hidden));
            }
        }
        for (CheckedModel.Merge merge : this.model.merges()) {
            if (merge.branches().size() > WIDE && standIn[merge.row()] == 0) {
                wide(place(frame(this.model.layers().get(merge.row() - 1).block()), merge.row()).node);
            }
        }
        Set<List<LayoutGraph.Shape>> edges = new LinkedHashSet<>(4 * texts.length);
        Set<Long> connected = new java.util.HashSet<>(2 * texts.length);
        for (CheckedLayer layer : this.model.layers()) {
            int to = shown(layer.index());
            for (int input : layer.inputs()) {
                int from = shown(input);
                // the branches a box stands for: one arrow into it from what they read, one out to the merge
                // the pair's bits multiplied by an odd number (one to one): a Long's own hash, from ^ to, is the
                // same small number for thousands of pairs of neighbouring rows
                if (from != to && connected.add(((long) from << 32 | to) * 0x9E3779B97F4A7C15L)) {
                    connect(from, to, edges);
                }
            }
        }
        for (List<LayoutGraph.Shape> edge : edges) {
            graph.edge(edge.get(0), edge.get(1));
        }
        return this;
    }

    /** The frame of the block instance at {@code path} ("" the model), made with its parents when first asked for. */
    private Frame frame(String path) {
        Frame frame = frames.get(path);
        if (frame == null) {
            BlockInstance instance = instancesByPath.get(path);
            Frame place = place(frame(instance.parent()), firstRow(path));
            LayoutGraph.Node node = graph.node(place.node);
            frame = new Frame(place, instance, node, false);
            frames.put(path, frame);
            framesByNode.put(node, frame);
            String label = instance.name() + ": " + instance.usage();
            boolean folded = folding.containsKey(path);
            node.share(frameOptions.computeIfAbsent(folded ? -label.length() - 1 : label.length(),
                    length -> frameOptions(folded, label.length())));
            ports(frame);
            if (folded) {
                // the data enters a folded frame near its left corner, over its first column, and its label
                // stands right of that port, in the top band (see collect)
                frame.node.option(PORT_CONSTRAINTS, "FIXED_RATIO");
                frame.in.x = 100 * FOLDED_PORT / Math.max(folding.get(path).width(), 2 * FOLDED_PORT);
                frame.in.y = -1;
            }
            if (!folded) {
                // the label is a node of the frame's first layer, beside the port the data enters by: ELK's edges
                // go around it as around every node. A folded frame has it in its top band (see collect)
                frame.label = graph.node(node);
                frame.label.size(label.length() * LABEL_CHAR_WIDTH + 2, LABEL_HEIGHT);
                frame.label.option(LAYER_CONSTRAINT, "FIRST_SEPARATE");
            }
            fold(frame, path);
        }
        return frame;
    }

    /** A block instance's frame's options, its ports' among them, for a label of {@code length} characters. */
    private static Map<String, String> frameOptions(boolean folded, int length) {
        LayoutGraph graph = new LayoutGraph();
        LayoutGraph.Node node = graph.node(graph.root());
        configure(node, folded);
        node.option(ALIGNMENT, "TOP");
        node.option(PADDING, padding(folded ? LABEL_BAND : 4, 6));
        node.option(NODE_SIZE_CONSTRAINTS, "[MINIMUM_SIZE]");
        node.option(NODE_SIZE_MINIMUM, vector(length * LABEL_CHAR_WIDTH + (folded ? FOLDED_PORT + 24 : 16), 30));
        ports(graph, node);
        return LayoutGraph.shared(node.options);
    }

    /**
     * Where a child of {@code container} that starts at {@code row} goes: the innermost of the container's
     * merge branches that holds it (each branch of two or more children is one node, so that a merge's branches
     * stand side by side, tops aligned, in the order written), else the container, or the column of its place
     * in a folded chain.
     */
    private Frame place(Frame container, int row) {
        Frame place = container;
        if (container.folded()) {
            int column = 0;
            for (int start : container.starts) {
                column += row >= start ? 1 : 0;
            }
            place = container.columns.get(column);
        }
        CheckedModel.Rows unit = unitOf[row];
        if (unit != null && unitIn.get(unit).equals(container.instance == null ? "" : container.instance.path())) {
            Frame merge = place.merges.get(unit);
            if (merge == null) {
                merge = branch(place, unit);
                place.merges.put(unit, merge);
            }
            place = merge;
        }
        for (CheckedModel.Rows rows : branchesOf(container).getOrDefault(row, List.of())) {
            Frame branch = place.branches.get(rows);
            if (branch == null) {
                branch = branch(place, rows);
                place.branches.put(rows, branch);
            }
            place = branch;
        }
        return place;
    }

    /**
     * The branches of the merges made directly in a container with two or more children there, outermost first,
     * by each row they hold.
     */
    private Map<Integer, List<CheckedModel.Rows>> branchesOf(Frame container) {
        String path = container.instance == null ? "" : container.instance.path();
        Map<Integer, List<CheckedModel.Rows>> known = branchesIn.get(path);
        if (known != null) {
            return known;
        }
        List<CheckedModel.Rows> branches = new ArrayList<>();
        for (CheckedModel.Merge merge : mergesIn.getOrDefault(path, List.of())) {
            for (CheckedModel.Rows rows : merge.branches()) {
                if (children(path, rows) >= 2) {
                    branches.add(rows);
                }
            }
        }
        // an enclosing branch (more rows, starting no later) before the ones inside it
        branches.sort((a, b) -> a.first() != b.first() ? Integer.compare(a.first(), b.first())
                : Integer.compare(b.last(), a.last()));
        Map<Integer, List<CheckedModel.Rows>> byRow = new HashMap<>();
        for (CheckedModel.Rows rows : branches) {
            for (int row = rows.first(); row <= rows.last(); row++) {
                byRow.computeIfAbsent(row, r -> new ArrayList<>(1)).add(rows);
            }
        }
        branchesIn.put(path, byRow);
        return byRow;
    }

    /** How many children of the container at {@code path} the rows make: its own rows, and each instance once. */
    private int children(String path, CheckedModel.Rows rows) {
        Set<String> children = new java.util.HashSet<>();
        for (int row = rows.first(); row <= rows.last(); row++) {
            String block = model.layers().get(row - 1).block();
            children.add(block.equals(path) ? "#" + row : child(path, block));
        }
        return children.size();
    }

    /** The instance directly inside {@code container} on the way to {@code path}. */
    private static String child(String container, String path) {
        int start = container.isEmpty() ? 0 : container.length() + 1;
        int slash = path.indexOf('/', start);
        return slash < 0 ? path : path.substring(0, slash);
    }

    private int firstRow(String path) {
        return extents.get(path)[0];
    }

    /** A merge's branch as an invisible frame inside {@code parent}, the container or the branch that holds it. */
    private Frame branch(Frame parent, CheckedModel.Rows rows) {
        LayoutGraph.Node node = invisible(graph.node(parent.node));
        Frame branch = new Frame(parent, null, node, true);
        branch.rows = rows;
        framesByNode.put(node, branch);
        ports(branch);
        return branch;
    }

    /** The columns of a container to fold, side by side: ELK lays the container out left to right. */
    private void fold(Frame frame, String path) {
        Fold fold = folding.get(path);
        if (fold == null) {
            return;
        }
        frame.starts = fold.starts();
        for (int i = 0; i <= fold.starts().size(); i++) {
            LayoutGraph.Node node = invisible(graph.node(frame.node));
            Frame column = new Frame(frame, null, node, true);
            framesByNode.put(node, column);
            ports(column);
            frame.columns.add(column);
        }
    }

    /** An invisible frame's node (a column of a folded chain, a merge's branch), its ports to come ({@link #ports}). */
    private static LayoutGraph.Node invisible(LayoutGraph.Node node) {
        node.share(INVISIBLE);
        return node;
    }

    /**
     * The options of an invisible frame with its ports, and of a layer's box: ELK for Java stacks a frame of boxes
     * in a chain itself (see ElkForJava's stack).
     */
    static final Map<String, String> INVISIBLE;
    static final Map<String, String> BOX;
    /** The options of the model's frame, unfolded. */
    static final Map<String, String> ROOT;

    static {
        LayoutGraph graph = new LayoutGraph();
        LayoutGraph.Node node = graph.node(graph.root());
        configure(node, false);
        node.option(PADDING, padding(0, 0));
        node.option(ALIGNMENT, "TOP");
        ports(graph, node);
        INVISIBLE = LayoutGraph.shared(node.options);
        LayoutGraph.Node box = graph.node(graph.root());
        box.option(ALIGNMENT, "TOP");
        BOX = LayoutGraph.shared(box.options);
        configure(graph.root(), false);
        ROOT = LayoutGraph.shared(graph.root().options);
    }

    /** The port the data enters a frame by, at its top, and the one it leaves by, at its bottom. */
    private void ports(Frame frame) {
        LayoutGraph.Port[] ports = ports(graph, frame.node);
        frame.in = ports[0];
        frame.out = ports[1];
    }

    private static LayoutGraph.Port[] ports(LayoutGraph graph, LayoutGraph.Node node) {
        node.option(PORT_CONSTRAINTS, "FIXED_SIDE");
        node.size(100, 100);
        // on the border of a 100 x 100 node: ELK keeps a side's coordinate as given, and moves the other
        return new LayoutGraph.Port[] {port(graph, node, "NORTH", 50, -1), port(graph, node, "SOUTH", 50, 100)};
    }

    /**
     * Which containers to fold into columns, and the first row of each column after the first, from this
     * layout (unfolded). A container whose children form one chain of units (a layer, a block instance, or a
     * merge with its branches; each fed by the one before it only: a ResNet stage, an Inception model's
     * top level) and that is taller than {@link #TALL} is folded into the fewest columns that bring it within
     * {@link #TALL}, each a run of the chain, in order. Innermost first, so that a container's size counts
     * its children's folding.
     *
     * @param rootLaidOut false when only the containers inside the root are laid out: then, if the root is to be
     *     folded, its folding is worked out from its children's sizes alone (a chain of single children, each in a
     *     layer of its own below the one before, is at least as tall as their heights added); {@code null} if
     *     that cannot tell, and the root's layout is needed
     */
    private Map<String, Fold> folding(boolean rootLaidOut) {
        Map<String, Fold> cuts = new HashMap<>();
        Map<Frame, double[]> sizes = new HashMap<>();
        List<Frame> containers = new ArrayList<>();
        for (Frame frame : frames.values()) {
            containers.add(frame);
        }
        containers.sort((a, b) -> Integer.compare(b.depth(), a.depth()));
        for (Frame frame : containers) {
            double width = frame.node.width();
            double height = frame.node.height();
            List<Unit> units = units(frame);
            List<double[]> children = new ArrayList<>();
            for (Unit unit : units) {
                double[] size = unit.size(sizes);
                height -= unit.height() - size[1];
                width = Math.max(width, size[0] + 16);
                children.add(size);
            }
            if (!rootLaidOut && frame.parent == null) {
                // at least the children's heights: each single child of a chain is in a layer below the one before
                height = 0;
                for (int i = 0; i < units.size(); i++) {
                    if (units.get(i).nodes.size() != 1) {
                        return null;
                    }
                    height += children.get(i)[1];
                }
            }
            List<Integer> starts = children.size() < 2 || height <= TALL ? List.of() : columns(children);
            if (!rootLaidOut && frame.parent == null && starts.isEmpty()) {
                return null;
            }
            if (starts.isEmpty()) {
                sizes.put(frame, new double[] {width, height});
            } else {
                List<Integer> rows = new ArrayList<>();
                for (int start : starts) {
                    rows.add(units.get(start).first);
                }
                double[] size = folded(children, starts);
                cuts.put(frame.instance == null ? "" : frame.instance.path(), new Fold(rows, size[0]));
                sizes.put(frame, size);
            }
        }
        return cuts;
    }

    /**
     * A run of a container's children that a column must hold whole: one child, or a merge with its branches;
     * {@code first} and {@code last} its rows.
     */
    private final class Unit {
        final List<LayoutGraph.Node> nodes = new ArrayList<>();
        int first;
        int last;

        double top() {
            double top = Double.MAX_VALUE;
            for (LayoutGraph.Node node : nodes) {
                top = Math.min(top, node.y());
            }
            return top;
        }

        double height() {
            double bottom = 0;
            for (LayoutGraph.Node node : nodes) {
                bottom = Math.max(bottom, node.y() + node.height());
            }
            return bottom - top();
        }

        /** Its size once its children are folded: a block instance's folded size, else its extent here. */
        double[] size(Map<Frame, double[]> sizes) {
            Frame inner = nodes.size() == 1 ? framesByNode.get(nodes.get(0)) : null;
            if (inner != null && sizes.containsKey(inner)) {
                return sizes.get(inner);
            }
            double left = Double.MAX_VALUE;
            double right = 0;
            for (LayoutGraph.Node node : nodes) {
                left = Math.min(left, node.x());
                right = Math.max(right, node.x() + node.width());
            }
            return new double[] {right - left, height()};
        }
    }

    /**
     * A frame's children as units in the order the data passes them, when they form one chain (each unit fed
     * by the one before it only); otherwise empty. Only the model's and block instances' frames are folded.
     */
    private List<Unit> units(Frame frame) {
        if (frame.column) {
            return List.of();
        }
        String path = frame.instance == null ? "" : frame.instance.path();
        // the rows of each merge made here, from its branches' first row to the merge: a row in several (a merge
        // in another's branch) belongs to the first in the model's order, so those are written last
        List<CheckedModel.Merge> merges = mergesIn.getOrDefault(path, List.of());
        Map<Integer, CheckedModel.Rows> mergeOf = new HashMap<>();
        for (int i = merges.size() - 1; i >= 0; i--) {
            CheckedModel.Merge merge = merges.get(i);
            int first = merge.row();
            for (CheckedModel.Rows branch : merge.branches()) {
                first = branch.isEmpty() ? first : Math.min(first, branch.first());
            }
            CheckedModel.Rows rows = new CheckedModel.Rows(first, merge.row());
            for (int row = first; row <= merge.row(); row++) {
                mergeOf.put(row, rows);
            }
        }
        List<Unit> units = new ArrayList<>();
        Map<CheckedModel.Rows, Unit> mergeUnits = new HashMap<>();
        Map<LayoutGraph.Node, Unit> unitOf = new HashMap<>();
        for (LayoutGraph.Node child : frame.node.children()) {
            if (child == frame.label) {
                continue;
            }
            int[] rows = rowsOf(child);
            CheckedModel.Rows merge = mergeOf.get(rows[0]);
            Unit unit = merge == null ? null : mergeUnits.get(merge);
            if (unit == null) {
                unit = new Unit();
                unit.first = merge == null ? rows[0] : merge.first();
                unit.last = merge == null ? rows[1] : merge.last();
                units.add(unit);
                if (merge != null) {
                    mergeUnits.put(merge, unit);
                }
            }
            unit.nodes.add(child);
            unitOf.put(child, unit);
        }
        units.sort((a, b) -> Integer.compare(a.first, b.first));
        for (int i = 1; i < units.size(); i++) {
            for (LayoutGraph.Node node : units.get(i).nodes) {
                Frame inner = framesByNode.get(node);
                for (LayoutGraph.Edge edge : inner == null ? node.incoming : inner.in.incoming) {
                    Unit from = unitOf.get(LayoutGraph.nodeOf(edge.source()));
                    if (from != units.get(i) && from != units.get(i - 1)) {
                        return List.of();
                    }
                }
            }
        }
        return units;
    }

    /** The first and last rows a child node holds: a box's row, or a frame's. */
    private int[] rowsOf(LayoutGraph.Node child) {
        Frame frame = framesByNode.get(child);
        if (frame == null) {
            int row = boxes.get(child).row();
            return new int[] {row, row};
        }
        if (frame.rows != null) {
            return new int[] {frame.rows.first(), frame.rows.last()};
        }
        return extents.get(frame.instance.path()).clone();
    }

    /**
     * Where columns start (indices into {@code children}): the fewest columns that bring the chain within
     * {@link #TALL} and {@link #MAX_WIDTH}, each column a run of the chain chosen so that the tallest is as
     * short as it can be; when no count does, the count that makes it shortest within the width; empty when
     * one column is best.
     */
    private static List<Integer> columns(List<double[]> children) {
        List<Integer> best = List.of();
        double bestHeight = Double.MAX_VALUE;
        for (int count = 1; count <= children.size(); count++) {
            List<Integer> starts = balanced(children, count);
            double[] size = folded(children, starts);
            if (size[0] > MAX_WIDTH) {
                break;
            }
            if (size[1] < bestHeight - 1) {
                best = starts;
                bestHeight = size[1];
            }
            if (size[1] <= TALL) {
                break;
            }
        }
        return best;
    }

    /**
     * The starts of {@code count} runs of {@code children} whose tallest is as short as it can be (a linear
     * partition), the runs the textbook dynamic programme picks (the last run as long as it can be, the rows
     * before it partitioned the same way), found without its quadratic table: the shortest tallest run of each
     * prefix is the least height at which greedy packing needs no more runs than that ({@link #shortestTallest}).
     */
    static List<Integer> balanced(List<double[]> children, int count) {
        int n = children.size();
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + children.get(i)[1] + GAP_BETWEEN_LAYERS;
        }
        List<Integer> starts = new ArrayList<>();
        for (int k = count, end = n; k > 1; k--) {
            double tallest = shortestTallest(prefix, end, k);
            int from = k - 1;
            while (prefix[end] - prefix[from] > tallest) {
                from++;
            }
            starts.add(0, from);
            end = from;
        }
        return starts;
    }

    /**
     * The shortest the tallest of {@code runs} runs of the first {@code end} children can be: a height between
     * two rows' prefix sums, found by halving the range between one too short and one that does until they are
     * neighbouring doubles (each height tried is snapped down to the tallest run greedy packing makes of it).
     */
    private static double shortestTallest(double[] prefix, int end, int runs) {
        double tooShort = 0;
        for (int i = 0; i < end; i++) {
            tooShort = Math.max(tooShort, prefix[i + 1] - prefix[i]);
        }
        if (packed(prefix, end, tooShort, runs) >= 0) {
            return tooShort;
        }
        double enough = prefix[end] - prefix[0];
        while (true) {
            double middle = tooShort + (enough - tooShort) / 2;
            if (middle <= tooShort || middle >= enough) {
                return enough;
            }
            double tallest = packed(prefix, end, middle, runs);
            if (tallest >= 0) {
                enough = tallest;
            } else {
                tooShort = middle;
            }
        }
    }

    /**
     * The tallest run when the first {@code end} children are packed greedily into runs no taller than
     * {@code height}, or -1 if that takes more than {@code runs} runs.
     */
    private static double packed(double[] prefix, int end, double height, int runs) {
        double tallest = 0;
        int used = 0;
        for (int from = 0; from < end; ) {
            int to = from + 1;
            while (to < end && prefix[to + 1] - prefix[from] <= height) {
                to++;
            }
            if (++used > runs) {
                return -1;
            }
            tallest = Math.max(tallest, prefix[to] - prefix[from]);
            from = to;
        }
        return tallest;
    }

    /** The size of {@code children} folded into columns starting at {@code starts}: widths added, the tallest column. */
    private static double[] folded(List<double[]> children, List<Integer> starts) {
        double width = 0;
        double height = 0;
        double columnWidth = 0;
        double columnHeight = 0;
        for (int i = 0; i < children.size(); i++) {
            if (starts.contains(i)) {
                width += columnWidth + COLUMN_GAP + 2 * SPACING;
                height = Math.max(height, columnHeight);
                columnWidth = 0;
                columnHeight = 0;
            }
            columnWidth = Math.max(columnWidth, children.get(i)[0]);
            columnHeight += children.get(i)[1] + GAP_BETWEEN_LAYERS;
        }
        return new double[] {width + columnWidth + 16, Math.max(height, columnHeight) + 2 * LABEL_BAND};
    }

    /** @param folded true for a container of columns: one layer of them side by side, further apart */
    private static void configure(LayoutGraph.Node container, boolean folded) {
        container.option(ALGORITHM, "org.eclipse.elk.layered");
        container.option(DIRECTION, "DOWN");
        container.option(EDGE_ROUTING, "ORTHOGONAL");
        container.option(SPACING_NODE_NODE, folded ? COLUMN_GAP : SPACING);
        container.option(BETWEEN_LAYERS, GAP_BETWEEN_LAYERS);
        container.option(EDGE_NODE_BETWEEN_LAYERS, EDGE_STEP);
        container.option(MODEL_ORDER, "NODES_AND_EDGES");
        container.option(FORCE_MODEL_ORDER, true);
        container.option(SEPARATE_COMPONENTS, false);
        // a branch starts in the layer after the one it leaves: a short branch stands at the top, beside a long one
        container.option(LAYERING, "LONGEST_PATH_SOURCE");
        // each layer centred: a chain of frames whose ports are at different places does not step sideways, and
        // a folded container's columns stand side by side, not down a staircase along the arrows between them
        container.option(NODE_PLACEMENT, "SIMPLE");
    }

    /**
     * A merge of more branches than this draws only {@link #SHOWN} of them and a box for the rest, and has the
     * container that holds it laid out without ELK's sorting by the model's order and its crossing minimisation,
     * and with a node's edges merged: the nodes stay in the order they were added, the rows' (the branches still
     * stand in the order written), and the edges that leave a node, or meet one, do so at one point, drawn as a
     * bar across the branches' tops and another across their feet, which reads better than 33 arrows fanning out.
     * (Those options were first chosen for speed, before the box: with every branch drawn, the sorting compared
     * every pair of a layer's nodes and the router every pair of edges, and a concat of 4,000 one-layer branches
     * took 39 s of CPU.) Nothing written by hand comes near (Inception's widest merge has four branches, a
     * ResNeXt block written out branch by branch 32).
     */
    static final int WIDE = 64;

    /**
     * Of a merge of more than {@link #WIDE} branches, the branches drawn: the first this many, then one box that
     * stands for the rest ("… 19,966 more branches", their rows beneath; the report's table lists every row). A
     * diagram of thousands of branches side by side (a concat of 19,998 is a 4-line file) is as unreadable as it is
     * slow to lay out: ELK placed 20,000 boxes in one layer in 7 s, and would never be within 2 s.
     */
    static final int SHOWN = 32;

    /**
     * A container holding more merges than this, one after another (a residual network written out, no block),
     * has each drawn in an invisible frame of its own, as if each were a block's instance: the container is then a
     * chain of frames, laid out without ELK (see ElkForJava's stack), and the frames, all alike, laid out once.
     * ELK laid out 5,000 merges written out, 20,000 layers in one container, in 4.4 s, its layered algorithm
     * slower than linear in a container's nodes. Nothing written by hand comes near (ResNet-152 written out has 50).
     */
    static final int MANY = 64;

    private static void wide(LayoutGraph.Node container) {
        container.option(MODEL_ORDER, "NONE");
        container.option(FORCE_MODEL_ORDER, false);
        container.option(CROSSING_MINIMIZATION, "NONE");
        container.option(MERGE_EDGES, true);
    }

    /** A port on {@code side}, at {@code x, y} on a 100 x 100 node. */
    private static LayoutGraph.Port port(LayoutGraph graph, LayoutGraph.Node node, String side, double x, double y) {
        LayoutGraph.Port port = graph.port(node);
        port.size(1, 1);
        port.x = x;
        port.y = y;
        port.share(side.equals("NORTH") ? NORTH : SOUTH);
        return port;
    }

    /** ELK's padding, as its option parser reads it. */
    private static String padding(double top, double sides) {
        return "[top=" + top + ",left=" + sides + ",bottom=" + sides + ",right=" + sides + "]";
    }

    /** ELK's vector, as its option parser reads it. */
    private static String vector(double x, double y) {
        return "(" + x + "," + y + ")";
    }

    /** Row {@code row}'s box, not yet placed: its words, detail, title and role, made once for both graphs. */
    private Diagram.Box text(int row) {
        Diagram.Box text = texts[row];
        if (text != null) {
            return text;
        }
        if (row == 0) {
            text = text(0, "input", this.model.input().toString(), "row 0: the input, line " + this.model.inputSpan().line(),
                    Diagram.Role.INPUT);
        } else {
            CheckedLayer layer = this.model.layers().get(row - 1);
            String detail = layer.outputShape() + (layer.params() == 0 ? "" : " · " + Numbers.grouped(layer.params()));
            text = text(row, RowText.describe(compilation, layer), detail, "row " + row + " (" + layer.name() + "), line "
                    + layer.layer().span().line() + (layer.block().isEmpty() ? "" : ", in " + layer.block()), role(layer));
        }
        texts[row] = text;
        return text;
    }

    /** The box that stands for a wide merge's branches not drawn. */
    private Diagram.Box standInText(StandIn hidden) {
        Diagram.Box text = texts[hidden.first()];
        if (text == null) {
            text = text(hidden.first(), "… " + Numbers.grouped(hidden.count()) + " more branches",
                    "rows " + Numbers.grouped(hidden.first()) + " to " + Numbers.grouped(hidden.last()),
                    "rows " + hidden.first() + " to " + hidden.last() + ": " + hidden.count() + " more branches of the merge in row "
                            + hidden.merge().row() + ", not drawn (the report lists every row)", Diagram.Role.ELIDED);
            texts[hidden.first()] = text;
        }
        return text;
    }

    private static Diagram.Box text(int row, String words, String detail, String title, Diagram.Role role) {
        String shown = words.length() > MAX_WORDS ? words.substring(0, MAX_WORDS - 1) + "…" : words;
        return new Diagram.Box(row, shown, detail, title, role, 0, 0, 0, 0);
    }

    private void box(Frame place, Diagram.Box text) {
        LayoutGraph.Node node = box(graph.node(place.node));
        double width = Math.max(64, Math.max(text.words().length() * CHAR_WIDTH, text.detail().length() * DETAIL_CHAR_WIDTH) + 12);
        node.size(Math.ceil(width), 2 * LINE_HEIGHT + 4);
        nodes[text.row()] = node;
        places[text.row()] = place;
        boxes.put(node, text);
    }

    private static LayoutGraph.Node box(LayoutGraph.Node node) {
        node.share(BOX);
        return node;
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

    /**
     * The edges that carry row {@code from}'s output to row {@code to}: out of each frame (or column) around
     * the source by its out-port, across the innermost frame holding both, into each frame around the target.
     */
    private void connect(int from, int to, Set<List<LayoutGraph.Shape>> edges) {
        List<Frame> up = ancestors(places[from]);
        List<Frame> down = ancestors(places[to]);
        Frame common = null;
        for (Frame frame : up) {
            if (down.contains(frame)) {
                common = frame;
                break;
            }
        }
        LayoutGraph.Shape source = nodes[from];
        for (Frame frame : up) {
            if (frame == common) {
                break;
            }
            edges.add(List.of(source, frame.out));
            source = frame.out;
        }
        List<LayoutGraph.Shape> entry = new ArrayList<>();
        for (Frame frame : down) {
            if (frame == common) {
                break;
            }
            entry.add(0, frame.in);
        }
        entry.add(nodes[to]);
        for (LayoutGraph.Shape next : entry) {
            // from one column of a folded chain to the next, and on from the column's port to the port of a frame at
            // its top: drawn after the layout (see collect), so that ELK keeps the columns in one layer, side by side.
            // Only those: the port of that frame on to a frame inside it (a merge's branch) is an edge as any other
            if (!(common != null && common.folded() && (ofColumn(source, common) || ofColumn(next, common))
                    && source instanceof LayoutGraph.Port && next instanceof LayoutGraph.Port)) {
                edges.add(List.of(source, next));
            }
            source = next;
        }
    }

    /** True if {@code shape} is a port of one of the columns {@code folded} is folded into. */
    private boolean ofColumn(LayoutGraph.Shape shape, Frame folded) {
        return shape instanceof LayoutGraph.Port port && folded.columns.contains(framesByNode.get(port.node()));
    }

    /** A frame and those around it, innermost first. */
    private static List<Frame> ancestors(Frame frame) {
        List<Frame> chain = new ArrayList<>();
        for (Frame f = frame; f != null; f = f.parent) {
            chain.add(f);
        }
        return chain;
    }

    /** The laid-out shapes in absolute coordinates, in a fixed order: outlines outermost first, boxes by row. */
    private Diagram collect() {
        LayoutGraph.Node root = frames.get("").node;
        List<Diagram.Outline> outlines = new ArrayList<>();
        List<Diagram.Box> placed = new ArrayList<>();
        List<Diagram.Arrow> arrows = new ArrayList<>();
        Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained = new HashMap<>(framesByNode.size() * 2 + 2);
        for (LayoutGraph.Edge edge : graph.edges()) {
            if (edge.container != null) {
                contained.computeIfAbsent(edge.container, node -> new ArrayList<>()).add(edge);
            }
        }
        walk(root, 0, 0, contained, outlines, placed, arrows);
        for (Frame frame : frames.values()) {
            for (int i = 1; i < frame.columns.size(); i++) {
                arrows.add(connector(frame.columns.get(i - 1), frame.columns.get(i), contained));
            }
        }
        placed.sort((a, b) -> Integer.compare(a.row(), b.row()));
        List<Diagram.Outline> labelled = new ArrayList<>();
        for (Diagram.Outline outline : outlines) {
            labelled.add(Double.isNaN(outline.labelX()) ? clearOf(outline, arrows) : outline);
        }
        return new Diagram(root.width(), root.height(), labelled, placed, arrows);
    }

    /**
     * The arrow from the bottom of one column of a folded chain to the top of the next: down a little, across
     * to the gap between them, up it, and across to the next column's port.
     */
    private static Diagram.Arrow connector(Frame from, Frame to, Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained) {
        double[] out = absolute(from.out);
        double[] in = absolute(to.in);
        double[] left = absolute(from.node);
        double gap = left[0] + from.node.width() + COLUMN_GAP / 2;
        double below = out[1] + GAP_BETWEEN_LAYERS / 2 + 1;
        double above = in[1] - 2.5;
        // from below the column's port (where the arrow into it ends, see bridge) on down to where the next part
        // starts: the arrow inside the next column, or below the port of the frame at its top (no edge joins two
        // ports there, see connect), not the port's middle
        double end = in[1];
        List<LayoutGraph.Node> children = to.node.children();
        LayoutGraph.Node first = children.isEmpty() ? null : children.get(0);
        if (first != null && !first.ports.isEmpty()) {
            double[] port = absolute(first.ports.get(0));
            if (port[0] == in[0]) {
                end = port[1] + first.ports.get(0).height() / 2;
            }
        } else {
            double[] column = absolute(to.node);
            for (LayoutGraph.Edge edge : contained.getOrDefault(to.node, List.of())) {
                if (edge.source() == to.in && !edge.sections.isEmpty()) {
                    Diagram.Point start = edge.sections.get(0).get(0);
                    if (column[0] + start.x() == in[0]) {
                        end = Math.max(end, column[1] + start.y());
                    }
                    break;
                }
            }
        }
        double start = out[1] + from.out.height() / 2;
        return new Diagram.Arrow(List.of(new Diagram.Point(out[0], start), new Diagram.Point(out[0], below),
                new Diagram.Point(gap, below), new Diagram.Point(gap, above), new Diagram.Point(in[0], above),
                new Diagram.Point(in[0], end)), false);
    }

    private static double[] absolute(LayoutGraph.Shape shape) {
        return LayoutGraph.absolute(shape);
    }

    /**
     * A folded frame's label in its top band, at the leftmost place no arrow crosses (the arrow into the frame
     * comes down through the band at its first column); at the left edge if the band has no such place.
     */
    private static Diagram.Outline clearOf(Diagram.Outline outline, List<Diagram.Arrow> arrows) {
        double width = outline.label().length() * LABEL_CHAR_WIDTH + 1;
        double top = outline.y() + 4;
        double bottom = top + LABEL_HEIGHT;
        List<double[]> taken = new ArrayList<>();
        for (Diagram.Arrow arrow : arrows) {
            for (int i = 1; i < arrow.points().size(); i++) {
                Diagram.Point a = arrow.points().get(i - 1);
                Diagram.Point b = arrow.points().get(i);
                if (Math.min(a.y(), b.y()) < bottom && Math.max(a.y(), b.y()) > top) {
                    taken.add(new double[] {Math.min(a.x(), b.x()) - 5, Math.max(a.x(), b.x()) + 5});
                }
            }
        }
        taken.sort((a, b) -> Double.compare(a[0], b[0]));
        double x = outline.x() + 7;
        for (double[] interval : taken) {
            if (interval[1] > x && interval[0] < x + width) {
                x = interval[1];
            }
        }
        if (x + width > outline.x() + outline.width() - 4) {
            x = outline.x() + 7;
        }
        return new Diagram.Outline(outline.path(), outline.label(), outline.depth(), outline.x(), outline.y(),
                outline.width(), outline.height(), x, top);
    }

    /**
     * How far to draw an arrow on past its end: through the port of an invisible frame (a merge's branch, a merge in
     * a frame of its own, a column of a folded chain) that it ends at, to where the next part begins (the arrow up
     * to the next column starts below a column's port). ELK ends an edge at a port's outer side and starts the next
     * at its inner, a port's height apart: a blank pixel, where no frame's outline hides it, and a run of such
     * frames drew the arrow between them dashed. 0 for any other edge.
     */
    private double bridge(LayoutGraph.Edge edge) {
        if (edge.target() instanceof LayoutGraph.Port port) {
            Frame frame = framesByNode.get(port.node());
            if (frame != null && frame.column) {
                return port.height();
            }
        }
        return 0;
    }

    /** The shapes in a container and in those inside it, the container at {@code x, y}: its edges, then its children. */
    private void walk(LayoutGraph.Node container, double x, double y, Map<LayoutGraph.Node, List<LayoutGraph.Edge>> contained,
                      List<Diagram.Outline> outlines, List<Diagram.Box> placed, List<Diagram.Arrow> arrows) {
        for (LayoutGraph.Edge edge : contained.getOrDefault(container, List.of())) {
            double bridge = bridge(edge);
            for (List<Diagram.Point> section : edge.sections) {
                List<Diagram.Point> points = new ArrayList<>();
                for (Diagram.Point point : section) {
                    points.add(new Diagram.Point(x + point.x(), y + point.y()));
                }
                int last = points.size() - 1;
                if (bridge > 0 && last > 0 && points.get(last).x() == points.get(last - 1).x()
                        && points.get(last).y() >= points.get(last - 1).y()) {
                    points.set(last, new Diagram.Point(points.get(last).x(), points.get(last).y() + bridge));
                }
                arrows.add(new Diagram.Arrow(points, edge.target() instanceof LayoutGraph.Node));
            }
        }
        for (LayoutGraph.Node child : container.children()) {
            double cx = x + child.x();
            double cy = y + child.y();
            Frame frame = framesByNode.get(child);
            if (frame != null && frame.column) {
                walk(child, cx, cy, contained, outlines, placed, arrows);
            } else if (frame != null) {
                BlockInstance instance = frame.instance;
                double labelX = frame.label == null ? Double.NaN : cx + frame.label.x();
                double labelY = frame.label == null ? Double.NaN : cy + frame.label.y();
                outlines.add(new Diagram.Outline(instance.path(), instance.name() + ": " + instance.usage(), instance.depth(),
                        cx, cy, child.width(), child.height(), labelX, labelY));
                walk(child, cx, cy, contained, outlines, placed, arrows);
            } else if (boxes.containsKey(child)) {
                Diagram.Box box = boxes.get(child);
                placed.add(new Diagram.Box(box.row(), box.words(), box.detail(), box.title(), box.role(), cx, cy,
                        child.width(), child.height()));
            }
        }
    }
}
