package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.analysis.DType;
import cnnc.analysis.Optimizer;
import cnnc.analysis.Options;
import cnnc.backend.report.Column;
import cnnc.backend.report.CsvReport;
import cnnc.backend.report.Explanation;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.Table;
import cnnc.backend.report.TextReport;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints every layer's output shape, parameters, MACs and receptive field, and the totals "
                + "with FLOPs and memory.")
final class ReportCommand implements Callable<Integer> {
    enum Format { text, json, markdown, csv, html, svg }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a .cnn file, or - for standard input")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people), markdown (for documents), json (for tools), csv (for spreadsheets), "
                    + "html (a page with the diagram and the table) or svg (the diagram); default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "the file to write; default: standard output")
    String output;

    @Option(names = "--depth", paramLabel = "N", converter = Depth.class,
            description = "block instances deeper than N as one row each with their sums (0: one row per top-level "
                    + "statement); text, markdown, csv and html; default: every layer")
    Integer depth;

    @Option(names = "--explain", description = "the working of every figure, layer by layer: shape formulas with "
            + "their numbers, each parameter tensor as a product, the MACs and FLOPs with their rules; then the totals as "
            + "sums of the rows")
    boolean explain;

    @Option(names = "--columns", paramLabel = "LIST", converter = ColumnList.class,
            description = "the table's columns (text, markdown, csv, html), from: line, from, layer, output, params, tensors, macs, flops, "
                    + "memory, rf, jump, or all; default: line,from,layer,output,params,macs,rf")
    Columns columns;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", converter = Batch.class,
            description = "examples per batch, for MACs, FLOPs and memory; default: ${DEFAULT-VALUE}")
    long batch;

    @Option(names = "--dtype", paramLabel = "TYPE", defaultValue = "float32", converter = DTypeWord.class,
            description = "float32, float16, bfloat16 or int8, for the memory figures; default: ${DEFAULT-VALUE}")
    DType dtype;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam", converter = OptimizerWord.class,
            description = "sgd, momentum or adam, for the training memory estimate; default: ${DEFAULT-VALUE}")
    Optimizer optimizer;

    @Override
    public Integer call() {
        if (explain && (format == Format.csv || format == Format.html || format == Format.svg)) {
            throw new ParameterException(spec.commandLine(), "--explain writes text, markdown or json, not " + format);
        }
        Compilation compilation = Compiler.compile(Sources.read(file, System.in), new Options(batch, dtype, optimizer));
        DiagnosticPrinter.print(compilation, spec.commandLine().getErr());
        // json and html have a form for a model with errors (its diagnostics); the other formats write nothing then
        String report = compilation.hasErrors() && format != Format.json && format != Format.html ? null : render(compilation);
        if (report != null) {
            Outputs.write(output, report, spec.commandLine().getOut());
        }
        return compilation.hasErrors() ? ExitCode.MODEL_ERRORS : ExitCode.OK;
    }

    private String render(Compilation compilation) {
        int shownDepth = depth == null ? Table.ALL_DEPTHS : depth;
        return switch (format) {
            case json -> JsonReport.render(compilation, explain);
            case text -> explain ? Explanation.text(compilation) : TextReport.render(compilation, chosenColumns(), shownDepth);
            case markdown -> explain ? Explanation.markdown(compilation)
                    : TextReport.markdown(compilation, chosenColumns(), shownDepth);
            case csv -> CsvReport.render(compilation, chosenColumns(), shownDepth);
            case html -> Pictures.html(compilation, chosenColumns(), shownDepth);
            case svg -> Pictures.svg(compilation);
        };
    }

    private Set<Column> chosenColumns() {
        return columns == null ? Column.DEFAULT : columns.chosen();
    }

    /** The columns {@code --columns} names, one option value (picocli would spread a collection). */
    record Columns(Set<Column> chosen) {
    }

    static final class ColumnList implements ITypeConverter<Columns> {
        @Override
        public Columns convert(String list) {
            Set<Column> chosen = EnumSet.noneOf(Column.class);
            for (String word : list.split(",", -1)) {
                if (word.equals("all")) {
                    chosen.addAll(EnumSet.allOf(Column.class));
                    continue;
                }
                chosen.add(Column.fromWord(word).orElseThrow(() -> new TypeConversionException("'" + word
                        + "' is not a column; the columns are " + String.join(", ", Column.words()) + ", or all")));
            }
            return new Columns(chosen);
        }
    }

    static final class Depth implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            try {
                int depth = Integer.parseInt(text);
                if (depth >= 0) {
                    return depth;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new TypeConversionException("a depth is a whole number from 0 (one row per top-level statement), not '"
                    + text + "'");
        }
    }

    static final class Batch implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                long batch = Long.parseLong(text);
                if (batch >= 1) {
                    return batch;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new TypeConversionException("a batch is a whole number of examples from 1 to " + Long.MAX_VALUE
                    + ", not '" + text + "'");
        }
    }

    static final class DTypeWord implements ITypeConverter<DType> {
        @Override
        public DType convert(String word) {
            return DType.fromWord(word).orElseThrow(() -> new TypeConversionException(
                    "'" + word + "' is not a number type; choose float32, float16, bfloat16 or int8"));
        }
    }

    static final class OptimizerWord implements ITypeConverter<Optimizer> {
        @Override
        public Optimizer convert(String word) {
            return Optimizer.fromWord(word).orElseThrow(() -> new TypeConversionException(
                    "'" + word + "' is not an optimizer; choose sgd, momentum or adam"));
        }
    }
}
