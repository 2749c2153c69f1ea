package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.report.Column;
import cnnc.backend.training.TrainingSetup;
import cnnc.source.SourceFile;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a command needs of the machine it runs on: its streams, its descriptions, and the places it writes.
 * {@code ./cnnc} runs on files ({@link FileHost}); the playground's Node command has only the files it reads
 * and standard output ({@link PortableCommandLine}), and refuses what needs more.
 */
interface Host {
    PrintWriter out();

    PrintWriter err();

    /** The description a file argument names ({@code -}: standard input); a CliFailure when it cannot be read. */
    SourceFile read(String argument);

    /** Where a command's text goes: the file {@code output} names, or standard output for null or {@code -}. */
    Generation.Destination destination(String output);

    /** {@code dl4j --project DIR}: the class, named {@code target} gives for the model, in a new Maven project. */
    Generation.Destination project(String folder, Function<Compilation, JavaClassName> target,
                                   Optional<TrainingSetup> training);

    /** A report with a diagram: {@code html} or {@code svg}. */
    String picture(ReportCommand.Format format, Compilation compilation, Set<Column> columns, int depth);

    /** {@link #picture} written to {@code out} as it is made, where the host can (a long model's page is 20 MB). */
    default void picture(ReportCommand.Format format, Compilation compilation, Set<Column> columns, int depth,
                         java.io.Writer out) {
        try {
            out.write(picture(format, compilation, columns, depth));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether a Java package name is one of the platform's (javac refuses a class there). */
    boolean isPlatformPackage(String name);
}
