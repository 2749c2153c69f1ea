package cnnc.bench;

import cnnc.Compilation;
import cnnc.analysis.Analyzer;
import cnnc.analysis.Options;
import cnnc.backend.report.Column;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.TextReport;
import cnnc.check.CheckResult;
import cnnc.check.Checker;
import cnnc.diag.Diagnostics;
import cnnc.parse.DescriptionParser;
import cnnc.parse.ParseResult;
import cnnc.source.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * In-process time of each stage of {@code cnnc report} on one description (ResNet50 by default),
 * after warm-up: parse, check (shapes, parameters, per-layer MACs and FLOPs), the whole-model
 * analysis (batch figures, receptive fields, memory) and the text and JSON reports. Run by
 * bench/run.sh; not a test.
 */
public final class ReportBenchmark {
    private ReportBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "samples/zoo/resnet50.cnn");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        SourceFile source = new SourceFile(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        ParseResult parsed = DescriptionParser.parse(source);
        CheckResult checked = Checker.check(parsed.description(), source.baseName(), false);
        Compilation compilation = new Compilation(source, parsed.description(), checked.model(),
                Analyzer.analyze(checked.model(), Options.DEFAULT, new Diagnostics()), checked.diagnostics());
        double parse = median(runs, () -> DescriptionParser.parse(source));
        double check = median(runs, () -> Checker.check(parsed.description(), source.baseName(), false));
        double analysis = median(runs, () -> Analyzer.analyze(checked.model(), Options.DEFAULT, new Diagnostics()));
        double text = median(runs, () -> TextReport.render(compilation, Column.DEFAULT));
        double json = median(runs, () -> JsonReport.render(compilation));
        double report = parse + check + analysis + text;
        System.out.printf("%s, %d layers, medians of %d runs after as many warm-up runs: parse %.2f ms, check %.2f ms, "
                        + "analysis %.2f ms, text report %.2f ms (json %.2f ms); the analysis is %.1f%% of the text "
                        + "report's %.2f ms%n", file, checked.model().layers().size(), runs, parse, check, analysis, text,
                json, 100 * analysis / report, report);
    }

    private static double median(int runs, Supplier<Object> stage) {
        for (int i = 0; i < runs; i++) {
            stage.get();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Object result = stage.get();
            nanos[i] = System.nanoTime() - start;
            if (result == null || result instanceof Optional<?> o && o.isEmpty()) {
                throw new IllegalStateException("a stage failed");
            }
        }
        Arrays.sort(nanos);
        return nanos[runs / 2] / 1e6;
    }

}
