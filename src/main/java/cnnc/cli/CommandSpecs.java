package cnnc.cli;

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
    private CommandSpecs() {
    }

    /** A command that runs {@code action} (a Callable of the exit code, or a Runnable), with {@code -h/--help} and {@code -V/--version}. */
    static CommandSpec command(String name, Object action, String description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(action).name(name).versionProvider(Version.PROVIDER);
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
