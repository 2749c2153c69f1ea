package cnnc.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli's command model written out with its programmatic API. Annotations would make picocli
 * read every command class by reflection (and build proxies for the help mixin) on every run: a
 * run lasts about a tenth of a second, and that set-up alone cost more than the compiler.
 */
final class CommandSpecs {
    /**
     * What picocli instantiates: only the collection of {@code check}'s files. Its default factory
     * looks for Groovy's Closure class when it is first used, and the search fails after a walk of
     * the class path (several ms a run).
     */
    static final IFactory FACTORY = new IFactory() {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            return type.isAssignableFrom(ArrayList.class) ? type.cast(new ArrayList<>())
                    : type.getDeclaredConstructor().newInstance();
        }
    };

    /**
     * A file argument or {@code -o} value: any text but the empty one, which names no file (Java takes it
     * for the current folder). A class, not a lambda: nothing to link at start-up.
     */
    static final ITypeConverter<String> FILE_NAME = new ITypeConverter<>() {
        @Override
        public String convert(String name) {
            if (name.isEmpty()) {
                throw new TypeConversionException("a file name cannot be empty (- is standard input, or standard "
                        + "output for -o)");
            }
            return name;
        }
    };

    private CommandSpecs() {
    }

    /** A command that runs {@code action} (a Callable of the exit code, or a Runnable), with {@code -h/--help} and {@code -V/--version}. */
    static CommandSpec command(String name, Object action, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(action, FACTORY).name(name)
                .versionProvider(Version.PROVIDER);
        spec.usageMessage().description(description);
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /** The description argument: one {@code FILE}, or {@code -} for standard input. */
    static PositionalParamSpec file() {
        return file("a .cnn file, or - for standard input");
    }

    /** One {@code FILE} argument of another kind ({@code cnnc import}'s Keras model). */
    static PositionalParamSpec file(String description) {
        return PositionalParamSpec.builder().paramLabel("FILE").type(String.class).converters(FILE_NAME).arity("1")
                .required(true).description(description).build();
    }

    static OptionSpec option(String name, String label, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(String.class).description(description).build();
    }

    /** An option whose text {@code converter} turns into a {@code type}, with a default value (or null). */
    static <T> OptionSpec option(String name, String label, Class<T> type, ITypeConverter<T> converter,
                                 String defaultValue, String description) {
        return OptionSpec.builder(name).paramLabel(label).type(type).converters(converter).defaultValue(defaultValue)
                .description(description).build();
    }

    /**
     * Standard input is read once: a list of files that names it twice would find it empty the second
     * time, and report a description without an input that was never written.
     */
    static void requireStdinOnce(CommandSpec spec, java.util.List<String> files) {
        if (files.indexOf(Sources.STDIN) != files.lastIndexOf(Sources.STDIN)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "- (standard input) is named more "
                    + "than once; it can be read once");
        }
    }

    /** The value an option was given, or its default (null without one). */
    static <T> T value(CommandSpec spec, String option) {
        return spec.findOption(option).getValue();
    }

    /** The options of a command, as picocli's model. */
    static void add(CommandSpec spec, List<OptionDef> options) {
        for (OptionDef option : options) {
            OptionSpec.Builder builder = OptionSpec.builder(option.names().toArray(new String[0]))
                    .description(option.description());
            switch (option.kind()) {
                case FLAG -> builder.arity("0").type(boolean.class);
                case LIST -> builder.paramLabel(option.label()).type(String[].class).splitRegex(",");
                case VALUE -> {
                    builder.paramLabel(option.label()).type(option.converter() == null ? String.class : Object.class)
                            .defaultValue(option.defaultValue());
                    if (option.converter() != null) {
                        builder.converters(option.converter());
                    }
                }
            }
            spec.addOption(builder.build());
        }
    }

    /** What picocli read, as a command takes it. */
    static Given given(CommandSpec spec) {
        return new SpecValues(spec);
    }

    /** The values of picocli's model: a flag as TRUE or null, a list as a List. */
    private static final class SpecValues implements Given {
        private final CommandSpec spec;

        SpecValues(CommandSpec spec) {
            this.spec = spec;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T value(String option) {
            Object value = spec.findOption(option).getValue();
            if (value instanceof Boolean flag) {
                return flag ? (T) Boolean.TRUE : null;
            }
            if (value instanceof String[] list) {
                return (T) List.of(list);
            }
            return (T) value;
        }

        @Override
        public List<String> files() {
            List<String> names = new ArrayList<>();
            for (PositionalParamSpec parameter : spec.positionalParameters()) { // diff's two, one list for check
                Object files = parameter.getValue();
                if (files instanceof List<?> list) {
                    for (Object name : list) {
                        names.add((String) name);
                    }
                } else {
                    names.add((String) files);
                }
            }
            return names;
        }
    }
}
