package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.analysis.DType;
import cnnc.analysis.Optimizer;
import cnnc.analysis.Options;
import cnnc.backend.report.Column;
import cnnc.backend.report.Explanation;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.TextReport;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Prints every layer's output shape, parameters, MACs and receptive field, and the totals "
                + "with FLOPs and memory.")
final class ReportCommand implements Callable<Integer> {
    enum Format { text, json, markdown }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a .cnn file, or - for standard input")
    String file;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (for people), markdown (for documents) or json (for tools); default: ${DEFAULT-VALUE}")
    Format format;

    @Option(names = "--explain", description = "the working of every figure, layer by layer: shape formulas with "
            + "their numbers, each parameter tensor as a product, the MACs and FLOPs with their rules; then the totals as "
            + "sums of the rows")
    boolean explain;

    @Option(names = "--columns", paramLabel = "LIST", converter = ColumnList.class,
            description = "the text report's columns, from: line, from, layer, output, params, tensors, macs, flops, "
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
        Compilation compilation = Compiler.compile(Sources.read(file, System.in), new Options(batch, dtype, optimizer));
        DiagnosticPrinter.print(compilation, spec.commandLine().getErr());
        boolean reportable = !compilation.hasErrors();
        spec.commandLine().getOut().print(switch (format) {
            case json -> JsonReport.render(compilation, explain);
            case text -> !reportable ? "" : explain ? Explanation.text(compilation)
                    : TextReport.render(compilation, chosenColumns());
            case markdown -> !reportable ? "" : explain ? Explanation.markdown(compilation)
                    : TextReport.markdown(compilation, chosenColumns());
        });
        spec.commandLine().getOut().flush();
        return compilation.hasErrors() ? ExitCode.MODEL_ERRORS : ExitCode.OK;
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
