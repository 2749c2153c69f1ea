package cnnc.cli;

import cnnc.Compilation;
import cnnc.backend.dl4j.Dl4jBackend;
import cnnc.backend.dl4j.MavenProject;
import cnnc.backend.dl4j.JavaClassName;
import cnnc.backend.dl4j.JavaText;
import cnnc.backend.training.TrainingSetup;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

final class Dl4jCommand implements Callable<Integer> {
    private final CommandSpec spec = CommandSpecs.command("dl4j", this,
            "Writes the model as a Java class with its Deeplearning4j 1.0.0-M2.1 configuration.");
    private String file;
    private String output;
    private String packageName;
    private String className;

    Dl4jCommand() {
        spec.addPositional(CommandSpecs.file());
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("OUT.java").type(String.class)
                .converters(CommandSpecs.FILE_NAME)
                .description("the file to write, named after its class; default: standard output").build());
        spec.addOption(Allowed.option());
        spec.addOption(CommandSpecs.option("--package", "PKG", "the Java package of the class; default: none"));
        spec.addOption(CommandSpecs.option("--class", "NAME",
                "the class name; default: the name of OUT.java, else the model's name in PascalCase"));
        spec.addOption(CommandSpecs.option("--project", "DIR", "write a Maven project into the new folder DIR: a pom "
                + "for Java 17 with DL4J, the class, and with --loss a class that trains it on random data; run it "
                + "with mvn -q compile exec:java in DIR"));
        TrainingOptions.add(spec);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        file = spec.positionalParameters().get(0).getValue();
        output = CommandSpecs.value(spec, "--output");
        packageName = CommandSpecs.value(spec, "--package");
        className = CommandSpecs.value(spec, "--class");
        String project = CommandSpecs.value(spec, "--project");
        if (project != null && output != null) {
            throw usage("-o and --project both say where to write: -o writes the class alone, --project a Maven "
                    + "project with it");
        }
        validatePackage();
        String fixedClass = classFromOutput();
        Optional<TrainingSetup> training = TrainingOptions.setup(spec);
        Generation.Destination destination = project == null ? Generation.file(output) : new ProjectFolder(project, training);
        return Generation.run(spec, file, destination, compilation -> {
            Dl4jBackend.Result result = Dl4jBackend.generate(compilation, target(compilation, fixedClass), training);
            return new Generation.Generated(result.javaSource(), result.diagnostics());
        });
    }

    private JavaClassName target(Compilation compilation, String fixedClass) {
        String simpleName = fixedClass != null ? fixedClass : Dl4jBackend.defaultClassName(compilation.model().name());
        return new JavaClassName(packageName == null ? "" : packageName, simpleName);
    }

    /** {@code --project DIR}: the class in a new Maven project, written whole or not at all. */
    private final class ProjectFolder implements Generation.Destination {
        private final String folder;
        private final Optional<TrainingSetup> training;

        ProjectFolder(String folder, Optional<TrainingSetup> training) {
            this.folder = folder;
            this.training = training;
        }

        @Override
        public void check(CommandSpec spec, String input) {
            Outputs.checkFolder(folder);
        }

        @Override
        public void write(Compilation compilation, String javaSource, PrintWriter out) {
            Outputs.writeFolder(folder, MavenProject.files(compilation, target(compilation, className), javaSource, training));
        }
    }

    private void validatePackage() {
        if (packageName != null && !JavaText.isPackageName(packageName)) {
            throw usage("--package '" + packageName + "' is not a usable Java package name (e.g. org.example.models): "
                    + "ASCII identifiers separated by dots, none a keyword, and no package of the Java platform");
        }
        if (className != null && !Dl4jBackend.isUsableClassName(className)) {
            throw usage("--class '" + className + "' is not a usable Java class name (e.g. Seed): it must be an "
                    + "ASCII identifier, not a keyword, and not a class the generated file uses");
        }
    }

    /** A public class lives in a file of its name: -o Seed.java fixes the class to Seed. */
    private String classFromOutput() {
        if (output == null || output.equals("-")) {
            return className;
        }
        String fileName = output.substring(Math.max(output.lastIndexOf('/'), output.lastIndexOf('\\')) + 1);
        if (!fileName.endsWith(".java")) {
            throw usage("-o '" + output + "': a Java class is written to a file named after it, e.g. Seed.java");
        }
        String fromFile = fileName.substring(0, fileName.length() - ".java".length());
        if (!Dl4jBackend.isUsableClassName(fromFile)) {
            throw usage("-o '" + output + "': '" + fromFile + "' is not a usable Java class name, and a Java "
                    + "file is named after its class (e.g. Seed.java)");
        }
        if (className != null && !className.equals(fromFile)) {
            throw usage("--class " + className + " does not match -o " + output
                    + ": a public class is written to a file of its name (" + className + ".java)");
        }
        return fromFile;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
