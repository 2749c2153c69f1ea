package cnnc.backend.dl4j;

import java.util.ArrayList;
import java.util.List;

/**
 * One DL4J layer or graph vertex as Java code, in one of three forms: a DL4J layer's builder
 * ({@code new ConvolutionLayer.Builder(7, 7)}, its settings, {@code .build()}), an instance of one of the
 * file's own layers ({@code new KerasReshape(7, 7, 64)}), or a vertex ({@code new MergeVertex()}). Its name is
 * written once, where the writer adds it to the network.
 *
 * @param name         the layer's name: the checked layer's, or it with a suffix for a helper layer
 *                     ({@code maxpool1_scale}), so a DL4J summary lines up with cnnc's report
 * @param form         which of the three forms
 * @param type         the layer's (or vertex's) class
 * @param arguments    the builder's or constructor's arguments ({@code 7, 7})
 * @param settings     builder calls without the dot ({@code nOut(60)}), for a builder
 * @param activation   the builder's activation setting, or null for none (the configuration's identity)
 * @param notes        why the layer is written this way, one comment line each
 * @param preprocessor an {@code InputPreProcessor} to put in front of the layer, or null
 * @param reads        in a graph, what the layer reads: null for the layer before it in its row (the
 *                     row's inputs for the first), {@link #ROW_INPUTS} for the row's inputs, or the
 *                     names of other layers of the row
 */
record LayerCode(String name, Form form, JavaClass type, JavaCode arguments, List<JavaCode> settings, JavaCode activation,
                 List<String> notes, JavaCode preprocessor, List<String> reads) {
    static final List<String> ROW_INPUTS = List.of();

    enum Form {
        /** {@code new TYPE.Builder(ARGS)}, the settings, then {@code .build()}. */
        BUILDER,
        /** {@code new TYPE(ARGS)}, a layer class of the file's own. */
        INSTANCE,
        /** {@code new TYPE(ARGS)}, a graph vertex. */
        VERTEX
    }

    LayerCode {
        settings = List.copyOf(settings);
        notes = List.copyOf(notes);
        reads = reads == null ? null : List.copyOf(reads);
    }

    /** A DL4J layer's builder. */
    static LayerCode builder(String name, Dl4jClass type, JavaCode arguments, List<JavaCode> settings, JavaCode activation,
                             List<String> notes) {
        return new LayerCode(name, Form.BUILDER, type, arguments, settings, activation, notes, null, null);
    }

    /** A DL4J layer's builder whose arguments name no class. */
    static LayerCode builder(String name, Dl4jClass type, String arguments, List<JavaCode> settings, List<String> notes) {
        return builder(name, type, JavaCode.of(arguments), settings, null, notes);
    }

    /** A layer of the file's own classes: {@code new KerasLayerNormalization()}. */
    static LayerCode instance(String name, Helper type, String arguments, List<String> notes) {
        return new LayerCode(name, Form.INSTANCE, type, JavaCode.of(arguments), List.of(), null, notes, null, null);
    }

    /** A graph vertex ({@code new MergeVertex()}): no parameters, no builder. */
    static LayerCode vertex(String name, JavaClass type, JavaCode arguments, List<String> notes) {
        return new LayerCode(name, Form.VERTEX, type, arguments, List.of(), null, notes, null, null);
    }

    static LayerCode vertex(String name, JavaClass type, String arguments, List<String> notes) {
        return vertex(name, type, JavaCode.of(arguments), notes);
    }

    /** This layer reading {@code names} (or {@link #ROW_INPUTS}) instead of the layer before it. */
    LayerCode reading(List<String> names) {
        return new LayerCode(name, form, type, arguments, settings, activation, notes, preprocessor, names);
    }

    /** This layer behind {@code preprocessor}. */
    LayerCode behind(JavaCode preprocessor) {
        return new LayerCode(name, form, type, arguments, settings, activation, notes, preprocessor, reads);
    }

    /** This layer as another builder type with its arguments: a DenseLayer as the OutputLayer that holds a loss. */
    LayerCode as(Dl4jClass type, JavaCode arguments, List<JavaCode> moreSettings, List<String> moreNotes) {
        List<JavaCode> allSettings = new ArrayList<>(settings);
        allSettings.addAll(moreSettings);
        List<String> allNotes = new ArrayList<>(notes);
        allNotes.addAll(moreNotes);
        return new LayerCode(name, Form.BUILDER, type, arguments, allSettings, activation, allNotes, preprocessor, reads);
    }

    /** This layer under another name. */
    LayerCode renamed(String newName) {
        return new LayerCode(newName, form, type, arguments, settings, activation, notes, preprocessor, reads);
    }

    /** This layer without its activation setting. */
    LayerCode withoutActivation() {
        return new LayerCode(name, form, type, arguments, settings, null, notes, preprocessor, reads);
    }

    /** This layer with the notes of a block's code: its rows' names without the instance's path. */
    LayerCode withNotes(List<String> notes) {
        return new LayerCode(name, form, type, arguments, settings, activation, notes, preprocessor, reads);
    }

    /** Every class the layer's code names. */
    List<JavaClass> classes() {
        List<JavaClass> classes = new ArrayList<>(List.of(type));
        classes.addAll(arguments.classes());
        settings.forEach(setting -> classes.addAll(setting.classes()));
        if (activation != null) {
            classes.addAll(activation.classes());
        }
        if (preprocessor != null) {
            classes.addAll(preprocessor.classes());
        }
        return classes;
    }

    boolean isVertex() {
        return form == Form.VERTEX;
    }
}
