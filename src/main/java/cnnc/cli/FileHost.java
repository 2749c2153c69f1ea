package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.dl4j.JavaText;
import cnnc.backend.report.Column;
import cnnc.backend.training.TrainingSetup;
import cnnc.source.SourceFile;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cnnc}'s machine: files, the process's standard input, and picocli's streams. */
final class FileHost implements Host {
    private final CommandSpec spec;

    FileHost(CommandSpec spec) {
        this.spec = spec;
    }

    @Override
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public SourceFile read(String argument) {
        return Sources.read(argument, System.in);
    }

    @Override
    public Generation.Destination destination(String output) {
        return Generation.file(output);
    }

    @Override
    public Generation.Destination project(String folder, Function<Compilation, JavaClassName> target,
                                          Optional<TrainingSetup> training) {
        return new Dl4jCommand.ProjectFolder(folder, target, training);
    }

    @Override
    public String picture(ReportCommand.Format format, Compilation compilation, Set<Column> columns, int depth) {
        return format == ReportCommand.Format.svg ? Pictures.svg(compilation) : Pictures.html(compilation, columns, depth);
    }

    @Override
    public void picture(ReportCommand.Format format, Compilation compilation, Set<Column> columns, int depth,
                        java.io.Writer out) {
        Pictures.write(format == ReportCommand.Format.svg, compilation, columns, depth, out);
    }

    @Override
    public boolean isPlatformPackage(String name) {
        return JavaText.isPlatformPackage(name);
    }
}
