package cnnc.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of the launcher's class-data archive (or, on Java 24 and later, its ahead-of-time
 * cache): every command over every sample, help and version, bad command lines, standard input and
 * {@code -o}, so the archive holds every class a later run needs, whichever command came first.
 *
 * <pre>java -XX:ArchiveClassesAtExit=cnnc.jsa -cp cnnc.jar cnnc.cli.Training samples/</pre>
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws IOException {
        Path samples = Path.of(args.length > 0 ? args[0] : "samples");
        Path scratch = Files.createTempDirectory("cnnc-training");
        try {
            for (Path sample : samples(samples)) {
                train(sample, samples, scratch);
            }
            for (String[] line : List.of(new String[] {"--help"}, new String[] {"--version"}, new String[] {"help", "report"},
                    new String[] {"report", "--help"}, new String[] {}, new String[] {"frobnicate"},
                    new String[] {"report", "--format", "xml", "x.cnn"}, new String[] {"check", "no-such-file.cnn"})) {
                run(line);
            }
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static List<Path> samples(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".cnn")).sorted().toList();
        }
    }

    private static void train(Path sample, Path samples, Path scratch) throws IOException {
        String file = sample.toString();
        run("check", file);
        run("report", "--format", "json", file);
        if (sample.getParent().getFileName().toString().equals("errors")) {
            run("report", file);
            return;
        }
        run("report", file);
        run("report", "--columns", "all", "--batch", "2", "--dtype", "float16", "--optimizer", "sgd", file);
        run("report", "--explain", file);
        run("report", "--explain", "--format", "markdown", file);
        run("report", "--explain", "--format", "json", file);
        run("report", "--format", "markdown", "--depth", "0", file);
        run("report", "--format", "csv", "--depth", "1", file);
        if (sample.getParent().equals(samples)) { // the diagram of the small samples only: ELK is slow on the zoo
            run("report", "--format", "svg", file);
            run("report", "--format", "html", "-o", scratch.resolve("report.html").toString(), file);
        }
        run("keras", file);
        run("dl4j", file, "--package", "org.example");
        run("keras", file, "-o", scratch.resolve("model.py").toString());
        run("torch", file);
        run("torch", file, "-o", scratch.resolve("torch_model.py").toString());
        run("dl4j", file, "-o", scratch.resolve("Model.java").toString());
        for (String command : new String[] {"keras", "torch", "dl4j"}) {
            run(command, file, "--loss", "mse"); // mse fits every output, so each writes its training code
        }
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(Files.readAllBytes(sample)));
        try {
            run("check", "-");
        } finally {
            System.setIn(stdin);
        }
    }

    private static void run(String... args) {
        Main.run(args, new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
    }
}
