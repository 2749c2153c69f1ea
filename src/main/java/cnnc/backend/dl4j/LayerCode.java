package cnnc.backend.dl4j;

import java.util.List;

/**
 * One DL4J layer as Java code: {@code new TYPE.Builder(ARGS)}, then {@code .name(NAME)} and one
 * setting per line, then {@code .build()}; or, in a graph, a vertex given as one expression.
 *
 * @param name         the layer's name: the checked layer's, or it with a suffix for a helper layer
 *                     ({@code maxpool1_scale}), so a DL4J summary lines up with cnnc's report
 * @param type         the layer class ({@code ConvolutionLayer}); null for a vertex; "" for a layer given as one
 *                     expression (a class of the generated file's own)
 * @param builderArgs  the builder's constructor arguments, as Java ({@code 7, 7}); for a vertex, its expression
 * @param settings     builder calls without the dot ({@code nOut(60)})
 * @param notes        why the layer is written this way, one comment line each
 * @param preprocessor an {@code InputPreProcessor} expression to put in front of the layer, or null
 * @param reads        in a graph, what the layer reads: null for the layer before it in its row (the
 *                     row's inputs for the first), {@link #ROW_INPUTS} for the row's inputs, or the
 *                     names of other layers of the row
 */
record LayerCode(String name, String type, String builderArgs, List<String> settings, List<String> notes,
                 String preprocessor, List<String> reads) {
    static final List<String> ROW_INPUTS = List.of();

    LayerCode {
        settings = List.copyOf(settings);
        notes = List.copyOf(notes);
        reads = reads == null ? null : List.copyOf(reads);
    }

    LayerCode(String name, String type, String builderArgs, List<String> settings, List<String> notes,
              String preprocessor) {
        this(name, type, builderArgs, settings, notes, preprocessor, null);
    }

    LayerCode(String name, String type, String builderArgs, List<String> settings, List<String> notes) {
        this(name, type, builderArgs, settings, notes, null, null);
    }

    /** This layer reading {@code names} (or {@link #ROW_INPUTS}) instead of the layer before it. */
    LayerCode reading(List<String> names) {
        return new LayerCode(name, type, builderArgs, settings, notes, preprocessor, names);
    }

    /** A graph vertex ({@code new MergeVertex()}): no parameters, no builder. */
    static LayerCode vertex(String name, String expression, List<String> notes) {
        return new LayerCode(name, null, expression, List.of(), notes, null);
    }

    /** A layer written as one expression rather than a builder: {@code new KerasLayerNormalization("ln1")}. */
    static LayerCode instance(String name, String expression, List<String> notes) {
        return new LayerCode(name, "", expression, List.of(), notes, null);
    }

    boolean isInstance() {
        return "".equals(type);
    }

    boolean isVertex() {
        return type == null;
    }
}
