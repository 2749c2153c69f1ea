package cnnc.cli;

import com.google.gson.Gson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The warm-up run whose loaded classes the launcher's class-data archive holds (or, on Java 24 and later,
 * its ahead-of-time cache; the JDK calls such a run a training run): every command over every sample, help
 * and version, bad command lines, standard input and {@code -o}, so the archive holds every class a later
 * run needs, whichever command came first. Not to be confused with {@code --loss}, the code that trains a
 * model.
 *
 * <pre>java -XX:ArchiveClassesAtExit=cnnc.jsa -cp cnnc.jar cnnc.cli.WarmUp samples/</pre>
 */
public final class WarmUp {
    private WarmUp() {
    }

    public static void main(String[] args) throws IOException {
        Path samples = Path.of(args.length > 0 ? args[0] : "samples");
        Path scratch = Files.createTempDirectory("cnnc-warm-up");
        try {
            for (Path sample : samples(samples)) {
                runCommands(sample, samples, scratch);
            }
            lsp(samples.resolve("zoo").resolve("resnet50.cnn"));
            for (String[] line : List.of(new String[] {"--help"}, new String[] {"--version"}, new String[] {"help", "report"},
                    new String[] {"report", "--help"}, new String[] {}, new String[] {"frobnicate"},
                    new String[] {"report", "--format", "xml", "x.cnn"}, new String[] {"check", "no-such-file.cnn"},
                    new String[] {"fmt", "--check", "-w", "x.cnn"})) {
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

    private static void runCommands(Path sample, Path samples, Path scratch) throws IOException {
        String file = sample.toString();
        run("check", file);
        run("fmt", file);
        run("fmt", "--check", file);
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
        Path copy = Files.copy(sample, scratch.resolve("formatted.cnn"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        run("fmt", "-w", copy.toString());
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(Files.readAllBytes(sample)));
        try {
            run("check", "-");
        } finally {
            System.setIn(stdin);
        }
    }

    /**
     * A language server session as an editor starts one, so that {@code cnnc lsp} answers its first
     * requests from the archive too: the messages written out beforehand, every answer discarded.
     */
    private static void lsp(Path sample) throws IOException {
        if (!Files.isRegularFile(sample)) {
            return;
        }
        String uri = sample.toUri().toString();
        Map<String, Object> document = Map.of("uri", uri);
        Map<String, Object> position = Map.of("line", 10, "character", 12);
        Map<String, Object> at = Map.of("textDocument", document, "position", position);
        List<Map<String, Object>> messages = List.of(
                request(1, "initialize", Map.of("capabilities", Map.of())),
                notification("initialized", Map.of()),
                notification("textDocument/didOpen", Map.of("textDocument", Map.of("uri", uri, "languageId", "cnn",
                        "version", 1, "text", Files.readString(sample, StandardCharsets.UTF_8)))),
                request(2, "textDocument/hover", at),
                request(3, "textDocument/inlayHint", Map.of("textDocument", document, "range", Map.of("start",
                        Map.of("line", 0, "character", 0), "end", Map.of("line", 1000, "character", 0)))),
                request(4, "textDocument/definition", at),
                request(5, "textDocument/completion", at),
                request(6, "textDocument/documentSymbol", Map.of("textDocument", document)),
                request(7, "shutdown", null),
                notification("exit", null));
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        for (Map<String, Object> message : messages) {
            byte[] json = new Gson().toJson(message).getBytes(StandardCharsets.UTF_8);
            in.write(("Content-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            in.write(json);
        }
        cnnc.lsp.Server.run(new ByteArrayInputStream(in.toByteArray()), OutputStream.nullOutputStream(), "warm-up");
    }

    private static Map<String, Object> request(int id, String method, Object params) {
        Map<String, Object> message = notification(method, params);
        message.put("id", id);
        return message;
    }

    private static Map<String, Object> notification(String method, Object params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        if (params != null) {
            message.put("params", params);
        }
        return message;
    }

    private static void run(String... args) {
        Main.run(args, new PrintWriter(Writer.nullWriter()), new PrintWriter(Writer.nullWriter()));
    }
}
