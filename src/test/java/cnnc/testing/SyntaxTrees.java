package cnnc.testing;

import cnnc.source.Span;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A syntax tree without its source positions, for comparing two trees as the Trino parser's tests
 * do: every record becomes its type and its components by name, spans left out. It reads the
 * records' components, so a new kind of node is compared without being listed here.
 */
public final class SyntaxTrees {
    private SyntaxTrees() {
    }

    public static Object withoutSpans(Object node) {
        if (node instanceof List<?> list) {
            return list.stream().map(SyntaxTrees::withoutSpans).toList();
        }
        if (node instanceof Span) {
            return "span"; // in a list of them: as many, wherever they are
        }
        if (node == null || !node.getClass().isRecord()) {
            return node;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", node.getClass().getSimpleName());
        for (RecordComponent component : node.getClass().getRecordComponents()) {
            if (component.getType() == Span.class) {
                continue;
            }
            try {
                fields.put(component.getName(), withoutSpans(component.getAccessor().invoke(node)));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return fields;
    }
}
