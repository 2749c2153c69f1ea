package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.dl4j.Dl4jBackend;
import cnnc.backend.dl4j.MavenProject;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.dl4j.JavaText;
import cnnc.backend.training.TrainingSetup;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class Dl4jCommand implements Callable<Integer> {
    static final String DESCRIPTION = "Writes the model as a Java class with its Deeplearning4j 1.0.0-M2.1 configuration.";
    static final List<OptionDef> OPTIONS = options();
    private final CommandSpec spec = CommandSpecs.command("dl4j", this, DESCRIPTION);

    Dl4jCommand() {
        spec.addPositional(CommandSpecs.file());
        CommandSpecs.add(spec, OPTIONS);
    }

    private static List<OptionDef> options() {
        List<OptionDef> options = new ArrayList<>(List.of(
                OptionDef.output("OUT.java", "the file to write, named after its class; "
                        + "default: standard output"),
                Allowed.OPTION,
                ReportCommand.at("the code at these sizes", Generation.EVERY_SIZE),
                OptionDef.text(List.of("--package"), "PKG", "the Java package of the class; default: none"),
                OptionDef.text(List.of("--class"), "NAME", "the class name; default: the name of OUT.java, else the "
                        + "model's name in PascalCase"),
                OptionDef.text(List.of("--project"), "DIR", "write a Maven project into the new folder DIR: a pom for "
                        + "Java 17 with DL4J, the class, and with --loss a class that trains it on random data; run it "
                        + "with mvn -q compile exec:java in DIR")));
        options.addAll(TrainingOptions.OPTIONS);
        return List.copyOf(options);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        return run(CommandSpecs.given(spec), new FileHost(spec));
    }

    static int run(Given given, Host host) {
        String output = given.value("--output");
        String packageName = given.value("--package");
        String className = given.value("--class");
        String project = given.value("--project");
        if (project != null && output != null) {
            throw new UsageError("-o and --project both say where to write: -o writes the class alone, --project a "
                    + "Maven project with it");
        }
        validatePackage(packageName, className, host);
        String fixedClass = classFromOutput(output, className);
        Optional<TrainingSetup> training = TrainingOptions.setup(given);
        Function<Compilation, JavaClassName> target = compilation -> new JavaClassName(
                packageName == null ? "" : packageName,
                fixedClass != null ? fixedClass : Dl4jBackend.defaultClassName(compilation.model().name()));
        Generation.Destination destination = project == null ? host.destination(output)
                : host.project(project, target, training);
        return Generation.run(given, host, destination, compilation -> {
            Dl4jBackend.Result result = Dl4jBackend.generate(compilation, target.apply(compilation), training);
            return new Generation.Generated(result.javaSource(), result.diagnostics());
        });
    }

    /** {@code --project DIR}: the class in a new Maven project, written whole or not at all. */
    static final class ProjectFolder implements Generation.Destination {
        private final String folder;
        private final Function<Compilation, JavaClassName> target;
        private final Optional<TrainingSetup> training;

        ProjectFolder(String folder, Function<Compilation, JavaClassName> target, Optional<TrainingSetup> training) {
            this.folder = folder;
            this.target = target;
            this.training = training;
        }

        @Override
        public void check(String input) {
            Outputs.checkFolder(folder);
        }

        @Override
        public void write(Compilation compilation, String javaSource, PrintWriter out) {
            Outputs.writeFolder(folder, MavenProject.files(compilation, target.apply(compilation), javaSource, training));
        }
    }

    private static void validatePackage(String packageName, String className, Host host) {
        if (packageName != null && (!JavaText.isPackageSyntax(packageName) || host.isPlatformPackage(packageName))) {
            throw new UsageError("--package '" + packageName + "' is not a usable Java package name (e.g. org.example.models): "
                    + "ASCII identifiers separated by dots, none a keyword, and no package of the Java platform");
        }
        if (className != null && !Dl4jBackend.isUsableClassName(className)) {
            throw new UsageError("--class '" + className + "' is not a usable Java class name (e.g. Seed): it must be an "
                    + "ASCII identifier, not a keyword, and not a class the generated file uses");
        }
    }

    /** A public class lives in a file of its name: -o Seed.java fixes the class to Seed. */
    private static String classFromOutput(String output, String className) {
        if (output == null || output.equals("-")) {
            return className;
        }
        String fileName = output.substring(Math.max(output.lastIndexOf('/'), output.lastIndexOf('\\')) + 1);
        if (!fileName.endsWith(".java")) {
            throw new UsageError("-o '" + output + "': a Java class is written to a file named after it, e.g. Seed.java");
        }
        String fromFile = fileName.substring(0, fileName.length() - ".java".length());
        if (!Dl4jBackend.isUsableClassName(fromFile)) {
            throw new UsageError("-o '" + output + "': '" + fromFile + "' is not a usable Java class name, and a Java "
                    + "file is named after its class (e.g. Seed.java)");
        }
        if (className != null && !className.equals(fromFile)) {
            throw new UsageError("--class " + className + " does not match -o " + output
                    + ": a public class is written to a file of its name (" + className + ".java)");
        }
        return fromFile;
    }
}
