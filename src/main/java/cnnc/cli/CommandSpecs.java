package cnnc.cli;

import java.util.ArrayList;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

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
        return PositionalParamSpec.builder().paramLabel("FILE").type(String.class).arity("1").required(true)
                .description("a .cnn file, or - for standard input").build();
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

    /** The value an option was given, or its default (null without one). */
    static <T> T value(CommandSpec spec, String option) {
        return spec.findOption(option).getValue();
    }
}
