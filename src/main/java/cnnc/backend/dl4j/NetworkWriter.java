package cnnc.backend.dl4j;

import cnnc.backend.Plane;
import cnnc.backend.training.TrainingSetup;
import cnnc.check.CheckedModel;
import cnnc.check.Shape;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the chain and graph classes share: the file header and its imports (the classes the written code
 * names, as each piece of it says), the class around the configuration, the configuration's builder with the
 * settings its layers share, each DL4J layer as Java on one line or, when long, a setting a line, and the
 * members the layers need at the end: the batch normalisation factory, the naming of the file's own layers in a
 * chain, and those layers' classes. Subclasses write the configuration method and {@code main}.
 */
abstract class NetworkWriter {
    static final String STATEMENT_INDENT = " ".repeat(8);
    static final String LAYER_INDENT = " ".repeat(16);
    static final String SETTING_INDENT = " ".repeat(24);
    /** Layers a generated method holds: a Java method holds at most 64 KiB of code. */
    static final int LAYERS_PER_METHOD = 60;
    /** The longest line a layer is written on before its settings go a line each. */
    private static final int WIDTH = 130;

    final SourceFile source;
    final CheckedModel model;
    private final JavaClassName target;
    /** With --loss: the updater the configuration trains with; the last layer then holds the loss. */
    final Optional<TrainingSetup> training;
    final StringBuilder out = new StringBuilder();
    /** Every class the written code names: DL4J's are imported, cnnc's own written at the end of the class. */
    private final Set<JavaClass> named = new java.util.HashSet<>();
    /** True once a chain names one of the file's own layers ({@code named(...)}). */
    private boolean namesInstances;
    /** True once a MergeVertex joins along an axis of its own ({@code mergeAlong(...)}). */
    private boolean mergesAlongAnAxis;
    /** Notes of a row without layers (the implicit flatten of a chain), written over the next row's layers. */
    private List<String> pendingNotes = List.of();

    NetworkWriter(SourceFile source, CheckedModel model, JavaClassName target, Optional<TrainingSetup> training) {
        this.source = source;
        this.model = model;
        this.target = target;
        this.training = training;
    }

    final String write(List<Dl4jRow> rows) {
        String body = body(rows);
        return header() + imports() + "\n" + body;
    }

    abstract void configuration(List<Dl4jRow> rows);

    abstract void main();

    /** The classes the written code names. */
    final void uses(JavaClass... classes) {
        named.addAll(List.of(classes));
    }

    /**
     * The configuration method's javadoc and first lines: the builder with Keras's defaults and the settings the
     * layers share, ending in {@code continuation} ({@code .list()}, or {@code .graphBuilder()} and what follows).
     */
    final void configurationStart(List<Dl4jRow> rows, String structure, String returnType, String start,
                                  String continuation) {
        String last = training.map(setup -> """
                     * The last layer holds the loss (--loss %s) and the updater is --optimizer %s with a learning
                     * rate of %s: fit() trains the network as it is.
                """.formatted(setup.loss().word(), setup.optimizer().word(), setup.learningRateLiteral())).orElse("""
                     * The last layer is a plain layer without a loss function: to train, write it as an
                     * OutputLayer with the loss you need.
                """);
        out.append("""
                    /**
                     * The network %s; layer names are those of cnnc's report.
                %s     */
                    public static %s configuration() {
                        %s new NeuralNetConfiguration.Builder()
                                .weightInit(WeightInit.XAVIER_UNIFORM) // Keras's default, glorot_uniform
                                .activation(Activation.IDENTITY) // a layer is linear unless it names an activation
                """.formatted(structure, last, returnType, start));
        uses(Dl4jClass.NEURAL_NET_CONFIGURATION, Dl4jClass.WEIGHT_INIT, Dl4jClass.ACTIVATION);
        if (rows.stream().flatMap(row -> row.layers().stream())
                .anyMatch(layer -> layer.type() instanceof Dl4jClass type && type.takesConvolutionMode())) {
            out.append(LAYER_INDENT).append(".convolutionMode(ConvolutionMode.Truncate) // Keras's 'valid'; a layer ")
                    .append("padded as 'same' says Same\n");
            uses(Dl4jClass.CONVOLUTION_MODE);
        }
        training.ifPresent(setup -> {
            JavaCode updater = LossOutput.updater(setup);
            uses(updater.classes().toArray(JavaClass[]::new));
            out.append(LAYER_INDENT).append(".updater(").append(updater.text()).append(") // --optimizer ")
                    .append(setup.optimizer().word()).append('\n');
        });
        out.append(continuation);
    }

    /** {@code main}: builds the network of class {@code networkType}, initialises it and prints DL4J's summary. */
    final void main(Dl4jClass networkType) {
        uses(networkType);
        out.append("""
                    /** Builds the network, initialises its parameters and prints DL4J's summary of it. */
                    public static void main(String[] args) {
                        %1$s network = new %1$s(configuration());
                        network.init();
                        System.out.println(network.summary());
                    }
                """.formatted(networkType.simpleName()));
    }

    private String header() {
        StringBuilder header = new StringBuilder();
        comment(header, "", "Generated by cnnc from " + source.name() + ": a Deeplearning4j 1.0.0-M2.1 configuration.");
        String grids = switch (model.input() instanceof Shape.Grid grid ? grid.rank() : 2) {
            case 1 -> "Sequences are channels-last (NWC)";
            case 3 -> "Volumes are channels-last (NDHWC)";
            default -> "Images are channels-last (NHWC)";
        };
        comment(header, "", grids + ", as in cnnc's report and in Keras: every layer's output");
        comment(header, "", "shape, the order in which " + grids.substring(0, grids.indexOf(' ')).toLowerCase(Locale.ROOT)
                + " are flattened and every parameter count are the report's.");
        if (!target.packageName().isEmpty()) {
            header.append("\npackage ").append(target.packageName()).append(";\n");
        }
        return header.append('\n').toString();
    }

    /** The import lines: the DL4J classes the code names, and what the file's own classes import, in order. */
    private String imports() {
        Set<String> imports = new TreeSet<>();
        for (JavaClass used : named) {
            if (used instanceof Dl4jClass dl4j) {
                imports.add(dl4j.qualifiedName());
            } else if (used instanceof Helper helper) {
                imports.addAll(helper.imports());
            }
        }
        StringBuilder lines = new StringBuilder();
        imports.forEach(name -> lines.append("import ").append(name).append(";\n"));
        return lines.toString();
    }

    private String body(List<Dl4jRow> rows) {
        String name = target.simpleName();
        out.append("/** The model ").append(commentSafe(model.name())).append(": input ").append(model.input())
                .append(", ").append(String.format(Locale.ROOT, "%,d", model.totals().params())).append(" parameters. */\n");
        out.append("public final class ").append(name).append(" {\n");
        out.append("    /** The model's name as the description gives it. */\n");
        out.append("    public static final String MODEL_NAME = ").append(JavaText.stringLiteral(model.name())).append(";\n\n");
        out.append("    private ").append(name).append("() {\n    }\n\n");
        configuration(rows);
        main();
        members();
        return out.append("}\n").toString();
    }

    /** What the written layers need from the file itself, after main. */
    private void members() {
        if (named.contains(Dl4jClass.BATCH_NORMALIZATION)) {
            out.append("""

                        /**
                         * Keras's BatchNormalization: the epsilon, and Keras's momentum of 0.99 as DL4J's decay. DL4J counts
                         * the moving mean and variance among the parameters, as the report does, but its summary() calls
                         * them trainable.
                         */
                        private static BatchNormalization.Builder batchNormalization(double epsilon) {
                            return new BatchNormalization.Builder().eps(epsilon).decay(0.99);
                        }
                    """);
        }
        if (mergesAlongAnAxis) {
            out.append("""

                        /** DL4J's MergeVertex joining along {@code axis} (1 unless told: a channels-last volume's depth). */
                        private static MergeVertex mergeAlong(int axis) {
                            MergeVertex merge = new MergeVertex();
                            merge.setMergeAxis(axis);
                            return merge;
                        }
                    """);
        }
        if (namesInstances) {
            uses(Dl4jClass.LAYER);
            out.append("""

                        /** One of this file's own layers under its name in the report, as .name() does for DL4J's builders. */
                        private static <T extends Layer> T named(String name, T layer) {
                            layer.setLayerName(name);
                            return layer;
                        }
                    """);
        }
        Set<Helper> helpers = EnumSet.noneOf(Helper.class);
        named.forEach(used -> {
            if (used instanceof Helper helper) {
                helpers.add(helper);
            }
        });
        helpers.forEach(helper -> out.append('\n').append(helper.nested()));
    }

    /** The comment lines over a row's layers, its notes; false for a row without layers, whose notes wait. */
    final boolean rowNotes(Dl4jRow row, String indent) {
        if (row.layers().isEmpty()) {
            pendingNotes = row.notes();
            return false;
        }
        pendingNotes.forEach(note -> comment(out, indent, note));
        pendingNotes = List.of();
        row.notes().forEach(note -> comment(out, indent, note));
        return true;
    }

    final void layerNotes(StringBuilder into, LayerCode layer, String indent) {
        layer.notes().forEach(note -> comment(into, indent, note));
    }

    /**
     * A statement that holds a layer: {@code prefix}, the layer, {@code suffix}, on one line when it fits, else
     * with the layer's settings a line each at {@code indent}.
     *
     * @param name the layer's name as a Java expression for a chain's {@code .name()}; null in a graph, which
     *             names its layers where it adds them
     */
    final String statement(String prefix, LayerCode layer, String name, String suffix, String indent) {
        StringBuilder line = new StringBuilder(prefix.length() + WIDTH).append(prefix);
        expression(line, layer, name, null);
        line.append(suffix);
        if (line.length() > WIDTH && layer.form() == LayerCode.Form.BUILDER) {
            line.setLength(prefix.length());
            expression(line, layer, name, indent);
            line.append(suffix);
        }
        return line.toString();
    }

    /** Appends the layer as Java; with {@code indent}, each builder call on a line of its own there. */
    private void expression(StringBuilder text, LayerCode layer, String name, String indent) {
        named.addAll(layer.classes());
        String type = layer.type().simpleName();
        String arguments = layer.arguments().text();
        if (layer.type() == Dl4jClass.MERGE_VERTEX && !arguments.isEmpty()) {
            mergesAlongAnAxis = true;
            text.append("mergeAlong(").append(arguments).append(')');
            return;
        }
        if (layer.form() != LayerCode.Form.BUILDER) {
            boolean wrapped = name != null && !layer.isVertex();
            if (wrapped) {
                namesInstances = true;
                text.append("named(").append(name).append(", ");
            }
            text.append("new ").append(type).append('(').append(arguments).append(')');
            if (wrapped) {
                text.append(')');
            }
            return;
        }
        if (layer.type() == Dl4jClass.BATCH_NORMALIZATION) {
            text.append("batchNormalization(").append(arguments).append(')');
        } else {
            text.append("new ").append(type).append(".Builder(").append(arguments).append(')');
        }
        if (name != null) {
            call(text, indent).append("name(").append(name).append(')');
        }
        for (JavaCode setting : layer.settings()) {
            call(text, indent).append(setting.text());
        }
        if (layer.activation() != null) {
            call(text, indent).append(layer.activation().text());
        }
        call(text, indent).append("build()");
    }

    /** Starts a builder call: on a line of its own at {@code indent}, or on the same line without one. */
    private static StringBuilder call(StringBuilder text, String indent) {
        if (indent != null) {
            text.append('\n').append(indent);
        }
        return text.append('.');
    }

    /** The preprocessor in front of a layer, as Java. */
    final String preprocessor(LayerCode layer) {
        named.addAll(layer.preprocessor().classes());
        return layer.preprocessor().text();
    }

    /** Whole rows, at most {@value #LAYERS_PER_METHOD} layers (and vertices) a part unless one row has more. */
    static List<List<Dl4jRow>> parts(List<Dl4jRow> rows) {
        List<List<Dl4jRow>> parts = new ArrayList<>();
        List<Dl4jRow> part = new ArrayList<>();
        int layers = 0;
        for (Dl4jRow row : rows) {
            if (!part.isEmpty() && layers + row.layers().size() > LAYERS_PER_METHOD) {
                parts.add(part);
                part = new ArrayList<>();
                layers = 0;
            }
            part.add(row);
            layers += row.layers().size();
        }
        parts.add(part);
        return parts;
    }

    final String inputType(Shape input) {
        uses(Dl4jClass.INPUT_TYPE);
        if (input instanceof Shape.Grid sequence && sequence.rank() == 1) {
            uses(Dl4jClass.RNN_FORMAT);
            return "InputType.recurrent(" + sequence.channels() + ", " + sequence.size(0) + ", RNNFormat.NWC)";
        }
        if (input instanceof Shape.Grid volume && volume.rank() == 3) {
            uses(Dl4jClass.CONVOLUTION_3D);
            return "InputType.convolutional3D(Convolution3D.DataFormat.NDHWC, " + String.join(", ", volume.sizes().stream()
                    .map(String::valueOf).toList()) + ", " + volume.channels() + ")";
        }
        if (input instanceof Shape.Grid image) {
            uses(Dl4jClass.CNN2D_FORMAT);
            return "InputType.convolutional(" + Plane.height(image) + ", " + Plane.width(image) + ", " + image.channels()
                    + ", " + LayerTranslator.FORMAT + ")";
        }
        return "InputType.feedForward(" + ((Shape.Vector) input).length() + ")";
    }

    static void comment(StringBuilder into, String indent, String text) {
        into.append(indent).append("// ").append(JavaText.commentText(text)).append('\n');
    }

    static String commentSafe(String text) {
        return JavaText.commentText(text).replace("*/", "*\\/");
    }
}
