package cnnc.cli;

import java.util.ArrayList;
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
        return PositionalParamSpec.builder().paramLabel("FILE").type(String.class).converters(FILE_NAME).arity("1")
                .required(true).description("a .cnn file, or - for standard input").build();
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
}
