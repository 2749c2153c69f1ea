package cnnc.backend.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The layers, vertices and activation DL4J 1.0.0-M2.1 lacks, written into a generated class as nested classes
 * when its layers use them. Each is a Java file of its own under {@code src/main/dl4j} (package
 * {@code cnnc.backend.dl4j.helpers}), which the build compiles against DL4J with the tests and packs into the
 * jar as text: this class copies that text. They are SameDiff layers (DL4J differentiates them, saves them in
 * its JSON configuration, their fields its properties, and counts their parameters like its own layers'), and
 * two input preprocessors, which DL4J saves the same way.
 */
enum Helper implements JavaClass {
    LAYER_NORMALIZATION("KerasLayerNormalization"),
    PER_CHANNEL("KerasPerChannel"),
    CHANNEL_SLICE("ChannelSlice"),
    RESHAPE("KerasReshape"),
    RESCALING("KerasRescaling"),
    NORMALIZATION("KerasNormalization"),
    BROADCAST("KerasBroadcast"),
    CONSTANT_NORMALIZATION("KerasConstantNormalization"),
    CHANNEL_SHUFFLE("ChannelShuffle"),
    MAX_POOL_PADDING("MaxPoolPadding"),
    HARD_SWISH("HardSwish"),
    BILINEAR_UPSAMPLING("BilinearUpsampling"),
    MATMUL("MatMul"),
    SELECT("Select"),
    CROPPING_3D("KerasCropping3D"),
    VOLUME_AS_IMAGE("VolumeAsImage"),
    IMAGE_AS_VOLUME("ImageAsVolume");

    /** The package of the helpers' own files, which a nested copy leaves out. */
    static final String PACKAGE = "cnnc.backend.dl4j.helpers";

    private final String simpleName;

    Helper(String simpleName) {
        this.simpleName = simpleName;
    }

    @Override
    public String simpleName() {
        return simpleName;
    }

    /** The imports the class needs, qualified names. */
    List<String> imports() {
        return Sources.ALL.get(this).imports();
    }

    /** The class as a nested class of the generated one: {@code public static final}, indented one level. */
    String nested() {
        return Sources.ALL.get(this).nested();
    }

    /**
     * Reads a helper's file by its name ({@code HardSwish.java}), null when there is none: the jar's resources, or
     * what a program without the jar was given (the playground's, whose build bundles the files).
     */
    private static Function<String, String> files = Helper::resource;

    static void readFilesWith(Function<String, String> reader) {
        files = reader;
    }

    private static String resource(String name) {
        try (InputStream in = Helper.class.getResourceAsStream("helpers/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The helpers' files, read once, when a generated class first needs one. */
    private static final class Sources {
        static final Map<Helper, Source> ALL = read();

        private static Map<Helper, Source> read() {
            Map<Helper, Source> sources = new EnumMap<>(Helper.class);
            for (Helper helper : values()) {
                sources.put(helper, Source.of(helper, text(helper)));
            }
            return sources;
        }

        private static String text(Helper helper) {
            String name = helper.simpleName + ".java";
            String text = files.apply(name);
            if (text == null) {
                throw new IllegalStateException("no helpers/" + name + " beside " + Helper.class.getName());
            }
            return text;
        }
    }

    /** A helper's file: its imports, and the rest (its javadoc and class) as a nested class. */
    private record Source(List<String> imports, String nested) {
        static Source of(Helper helper, String text) {
            List<String> imports = new ArrayList<>();
            StringBuilder nested = new StringBuilder();
            boolean body = false;
            for (String line : text.split("\n", -1)) {
                if (!body && line.startsWith("import ")) {
                    imports.add(line.substring("import ".length(), line.length() - 1));
                } else if (!body && (line.startsWith("/**") || line.startsWith("public "))) {
                    body = true;
                }
                if (body) {
                    nested.append(line.isEmpty() ? "" : "    ").append(line).append('\n');
                }
            }
            String declaration = "    public final class " + helper.simpleName + " ";
            int at = nested.indexOf(declaration);
            if (at < 0 || !text.startsWith("package " + PACKAGE + ";")) {
                throw new IllegalStateException(helper.simpleName + ".java is not a top-level class "
                        + helper.simpleName + " of " + PACKAGE);
            }
            nested.replace(at, at + declaration.length(), "    public static final class " + helper.simpleName + " ");
            return new Source(List.copyOf(imports), nested.toString().stripTrailing() + "\n");
        }
    }
}
