package cnnc.backend.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A graph for ELK's layered algorithm as ELK's own JSON format holds it: nodes inside nodes, ports on their
 * borders, edges, and layout options by their ids with their values as text. ELK for Java lays it out for the
 * command line ({@link ElkForJava}); the playground hands it to elkjs, ELK's own JavaScript build, as JSON
 * ({@link #json()}) and reads the layout back ({@link #place}, {@link #section}). So the diagram is built in one place, and
 * the two layouts differ in nothing but the engine's build.
 */
public final class LayoutGraph {
    /** A node or a port: where it is (from its parent's top left corner, as ELK has it) and how big. */
    public abstract static class Shape {
        /** Its place in the graph's list of shapes, which its id names ({@code n12}, {@code p13}; the root's is 0). */
        final int number;
        double x;
        double y;
        double width;
        double height;
        /** Its layout options, in the order set; a set shared with other shapes until one is changed ({@link #share}). */
        /** No options, shared: a map of its own is made when one is set (most shapes share one, see share). */
        Map<String, String> options = Map.of();
        private boolean shared = true;

        Shape(int number) {
            this.number = number;
        }

        /** {@code root}, {@code n} and its number for a node, {@code p} and its number for a port: made when asked for. */
        public String id() {
            return number == 0 ? "root" : (this instanceof Port ? "p" : "n") + number;
        }

        double x() {
            return x;
        }

        double y() {
            return y;
        }

        double width() {
            return width;
        }

        double height() {
            return height;
        }

        /** Sets a layout option by its ELK id ({@code org.eclipse.elk.direction}) to its value as ELK parses it. */
        void option(String key, Object value) {
            String text = String.valueOf(value);
            if (text.equals(options.get(key))) {
                return;
            }
            if (shared) {
                options = new LinkedHashMap<>(options);
                shared = false;
            }
            options.put(key, text);
        }

        /**
         * Gives the shape {@code options} ({@link #shared}'s), which other shapes have too: a long model's graph has
         * tens of thousands of shapes and a handful of sets of options.
         */
        void share(Map<String, String> options) {
            this.options = options;
            this.shared = true;
        }

        void size(double width, double height) {
            this.width = width;
            this.height = height;
        }

        /**
         * Its number, unique in its graph (equality stays identity): the layout keeps shapes in hash maps and sets by
         * the ten thousand, and a number is cheaper than the identity hash and the same from run to run.
         */
        @Override
        public int hashCode() {
            return number;
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }
    }

    /** A node, which may hold nodes of its own (a compound node ELK lays out first). */
    public static final class Node extends Shape {
        final Node parent;
        final List<Node> children = new ArrayList<>();
        final List<Port> ports = new ArrayList<>();
        /** Edges ending here (at the node itself, not at its ports). */
        final List<Edge> incoming = new ArrayList<>();

        private Node(int number, Node parent) {
            super(number);
            this.parent = parent;
        }

        Node parent() {
            return parent;
        }

        List<Node> children() {
            return children;
        }
    }

    /** A port on a node's border. */
    public static final class Port extends Shape {
        final Node node;
        final List<Edge> incoming = new ArrayList<>();

        private Port(int number, Node node) {
            super(number);
            this.node = node;
        }

        Node node() {
            return node;
        }
    }

    /**
     * An edge from a node or port to another; after the layout, the node the layout put it in, and its sections'
     * points from that node's top left corner.
     */
    public static final class Edge {
        /** Its place in the graph's list of edges: its id is {@code e} and the number. */
        final int number;
        final Shape source;
        final Shape target;
        Node container;
        final List<List<Diagram.Point>> sections = new ArrayList<>();

        private Edge(int number, Shape source, Shape target) {
            this.number = number;
            this.source = source;
            this.target = target;
        }

        String id() {
            return "e" + number;
        }

        Shape source() {
            return source;
        }

        Shape target() {
            return target;
        }
    }

    private final Node root = new Node(0, null);
    private final List<Edge> edges = new ArrayList<>();
    /** Every shape by its number: ids are made only for the playground's elkjs, which a long model's graph skips. */
    private final List<Shape> shapes = new ArrayList<>();

    LayoutGraph() {
        shapes.add(root);
    }

    Node root() {
        return root;
    }

    List<Edge> edges() {
        return edges;
    }

    Node node(Node parent) {
        Node node = new Node(shapes.size(), parent);
        parent.children.add(node);
        shapes.add(node);
        return node;
    }

    Port port(Node node) {
        Port port = new Port(shapes.size(), node);
        node.ports.add(port);
        shapes.add(port);
        return port;
    }

    Edge edge(Shape source, Shape target) {
        Edge edge = new Edge(edges.size(), source, target);
        edges.add(edge);
        if (target instanceof Port port) {
            port.incoming.add(edge);
        } else {
            ((Node) target).incoming.add(edge);
        }
        return edge;
    }

    /** Options to {@link Shape#share}: those given, in their order, unchangeable. */
    static Map<String, String> shared(Map<String, String> options) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The node that holds a shape: a node's own, a port's node. */
    static Node nodeOf(Shape shape) {
        return shape instanceof Port port ? port.node : (Node) shape;
    }

    /** A shape's top left corner (a port's middle) from the diagram's top left corner. */
    static double[] absolute(Shape shape) {
        double x = shape.x + (shape instanceof Port ? shape.width / 2 : 0);
        double y = shape.y + (shape instanceof Port ? shape.height / 2 : 0);
        for (Node parent = shape instanceof Port port ? port.node : ((Node) shape).parent; parent != null;
                parent = parent.parent) {
            x += parent.x;
            y += parent.y;
        }
        return new double[] {x, y};
    }

    /**
     * The graph in ELK's JSON format, every edge at the top level (ELK moves each into the node it belongs
     * in, as ELK for Java's {@code updateContainment} does here).
     */
    public String json() {
        Map<String, Object> graph = nodeJson(root);
        List<Object> list = new ArrayList<>();
        for (Edge edge : edges) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", edge.id());
            json.put("sources", List.of(edge.source.id()));
            json.put("targets", List.of(edge.target.id()));
            list.add(json);
        }
        graph.put("edges", list);
        return Json.write(graph);
    }

    private static Map<String, Object> nodeJson(Node node) {
        Map<String, Object> json = shape(node);
        if (!node.ports.isEmpty()) {
            List<Object> ports = new ArrayList<>();
            for (Port port : node.ports) {
                ports.add(shape(port));
            }
            json.put("ports", ports);
        }
        if (!node.children.isEmpty()) {
            List<Object> children = new ArrayList<>();
            for (Node child : node.children) {
                children.add(nodeJson(child));
            }
            json.put("children", children);
        }
        return json;
    }

    private static Map<String, Object> shape(Shape shape) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", shape.id());
        json.put("x", shape.x);
        json.put("y", shape.y);
        json.put("width", shape.width);
        json.put("height", shape.height);
        if (!shape.options.isEmpty()) {
            json.put("layoutOptions", new LinkedHashMap<>(shape.options));
        }
        return json;
    }

    /** Moves and sizes the shape {@code id} as the layout placed it. */
    public void place(String id, double x, double y, double width, double height) {
        Shape shape = shape(id);
        if (shape == null) {
            throw new IllegalArgumentException("the layout has a shape " + id + " the graph does not");
        }
        place(shape, x, y, width, height);
    }

    /** {@link #place(String, double, double, double, double)} for a shape at hand (no look-up by its id). */
    static void place(Shape shape, double x, double y, double width, double height) {
        shape.x = x;
        shape.y = y;
        shape.width = width;
        shape.height = height;
    }

    /**
     * Adds a section to the edge {@code id}: its points, {@code x, y, x, y, ...}, from the top left corner of the
     * node {@code container} that the layout put the edge in.
     */
    public void section(String id, String container, double[] points) {
        int number = number(id, 'e');
        Edge edge = number >= 0 && number < edges.size() && edges.get(number).id().equals(id) ? edges.get(number) : null;
        Shape holder = shape(container);
        if (edge == null || !(holder instanceof Node node)) {
            throw new IllegalArgumentException("the layout has an edge " + id + " in " + container
                    + " that the graph does not");
        }
        section(edge, node, points);
    }

    /** {@link #section(String, String, double[])} for an edge and a node at hand (no look-up by their ids). */
    static void section(Edge edge, Node container, double[] points) {
        edge.container = container;
        List<Diagram.Point> section = new ArrayList<>();
        for (int i = 0; i + 1 < points.length; i += 2) {
            section.add(new Diagram.Point(points[i], points[i + 1]));
        }
        edge.sections.add(section);
    }

    /** The shape whose id is {@code id}, or null. */
    private Shape shape(String id) {
        int number = id.equals("root") ? 0 : number(id, id.startsWith("p") ? 'p' : 'n');
        Shape shape = number >= 0 && number < shapes.size() ? shapes.get(number) : null;
        return shape != null && shape.id().equals(id) ? shape : null;
    }

    /** The number in an id {@code kind} and digits, or -1. */
    private static int number(String id, char kind) {
        if (id.length() < 2 || id.length() > 10 || id.charAt(0) != kind) {
            return -1;
        }
        for (int i = 1; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(id.substring(1));
    }

    /**
     * Reads a layout another engine made (elkjs, in the playground), a line a shape or an edge's section, numbers
     * as JavaScript writes them: {@code s ID X Y WIDTH HEIGHT}, and {@code e ID CONTAINER X Y X Y ...} (the
     * section's points, from the top left corner of the node the layout put the edge in).
     */
    public void read(String placement) {
        for (String line : placement.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split(" ");
            if (words[0].equals("s") && words.length == 6) {
                place(words[1], Double.parseDouble(words[2]), Double.parseDouble(words[3]), Double.parseDouble(words[4]),
                        Double.parseDouble(words[5]));
            } else if (words[0].equals("e") && words.length >= 7 && words.length % 2 == 1) {
                double[] points = new double[words.length - 3];
                for (int i = 0; i < points.length; i++) {
                    points[i] = Double.parseDouble(words[i + 3]);
                }
                section(words[1], words[2], points);
            } else {
                throw new IllegalArgumentException("not a line of a layout: " + line);
            }
        }
    }
}
