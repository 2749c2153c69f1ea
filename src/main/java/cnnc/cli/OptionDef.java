package cnnc.cli;

import java.util.List;
import picocli.CommandLine.ITypeConverter;

/**
 * One option of a command, written once for both of cnnc's command lines: picocli's ({@code ./cnnc}, with
 * its usage help), which {@link CommandSpecs} builds from it, and {@link PortableCommandLine}'s (the
 * playground's Node command).
 *
 * @param names        the option's names, the long one last ({@code -o}, {@code --output})
 * @param label        what its value is called in the usage ({@code FILE}); null for a flag
 * @param converter    turns the text into the value, or says why it cannot (a TypeConversionException); null keeps
 *                     the text
 * @param defaultValue the text the value has when the option is not given; null for none
 */
record OptionDef(List<String> names, String label, Kind kind, ITypeConverter<?> converter, String defaultValue,
                 String description) {
    /** A value, a flag with none, or a list: the option repeated, or its values separated by commas. */
    enum Kind { VALUE, FLAG, LIST }

    OptionDef {
        names = List.copyOf(names);
    }

    static OptionDef value(String name, String label, ITypeConverter<?> converter, String defaultValue,
                           String description) {
        return new OptionDef(List.of(name), label, Kind.VALUE, converter, defaultValue, description);
    }

    /** A value kept as written. */
    static OptionDef text(List<String> names, String label, String description) {
        return new OptionDef(names, label, Kind.VALUE, null, null, description);
    }

    /** A file to write ({@code -o}): any text but the empty one, which names no file. */
    static OptionDef output(String label, String description) {
        return new OptionDef(List.of("-o", "--output"), label, Kind.VALUE, CommandSpecs.FILE_NAME, null, description);
    }

    static OptionDef flag(String name, String description) {
        return new OptionDef(List.of(name), null, Kind.FLAG, null, null, description);
    }

    static OptionDef list(String name, String label, String description) {
        return new OptionDef(List.of(name), label, Kind.LIST, null, null, description);
    }

    /** The name a command asks for its value by: the long one. */
    String name() {
        return names.get(names.size() - 1);
    }
}
