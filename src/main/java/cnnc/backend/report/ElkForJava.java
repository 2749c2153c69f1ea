package cnnc.backend.report;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.data.LayoutOptionData;
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
 */
final class ElkForJava {
    private ElkForJava() {
    }

    static void layOut(LayoutGraph graph) {
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
                graph.section(entry.getValue().id, container, points);
            }
        }
    }

    private static void build(LayoutGraph.Node node, ElkNode elk, Map<LayoutGraph.Shape, ElkShape> made) {
        made.put(node, elk);
        shape(node, elk);
        for (LayoutGraph.Port port : node.ports) {
            ElkPort elkPort = ElkGraphUtil.createPort(elk);
            made.put(port, elkPort);
            shape(port, elkPort);
        }
        for (LayoutGraph.Node child : node.children()) {
            build(child, ElkGraphUtil.createNode(elk), made);
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
