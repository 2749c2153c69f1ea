package cnnc.cli;

import cnnc.Compilation;
import cnnc.Compiler;
import cnnc.analysis.DType;
import cnnc.analysis.Optimizer;
import cnnc.analysis.Options;
import cnnc.backend.report.Column;
import cnnc.backend.report.JsonReport;
import cnnc.backend.report.TextReport;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;

final class ReportCommand implements Callable<Integer> {
    enum Format { text, json }

    private final CommandSpec spec = CommandSpecs.command("report", this, "Prints every layer's output shape, "
            + "parameters, MACs and receptive field, and the totals with FLOPs and memory.");
    private String file;
    private Format format;
    private Columns columns;
    private long batch;
    private DType dtype;
    private Optimizer optimizer;

    ReportCommand() {
        spec.addPositional(CommandSpecs.file());
        spec.addOption(CommandSpecs.option("--format", "FORMAT", Format.class, new FormatWord(), "text",
                "text (for people) or json (for tools); default: ${DEFAULT-VALUE}"));
        spec.addOption(CommandSpecs.option("--columns", "LIST", Columns.class, new ColumnList(), null,
                "the text report's columns, from: line, from, layer, output, params, tensors, macs, flops, "
                        + "memory, rf, jump, or all; default: line,from,layer,output,params,macs,rf"));
        spec.addOption(CommandSpecs.option("--batch", "N", Long.class, new Batch(), "1",
                "examples per batch, for MACs, FLOPs and memory; default: ${DEFAULT-VALUE}"));
        spec.addOption(CommandSpecs.option("--dtype", "TYPE", DType.class, new DTypeWord(), "float32",
                "float32, float16, bfloat16 or int8, for the memory figures; default: ${DEFAULT-VALUE}"));
        spec.addOption(CommandSpecs.option("--optimizer", "NAME", Optimizer.class, new OptimizerWord(), "adam",
                "sgd, momentum or adam, for the training memory estimate; default: ${DEFAULT-VALUE}"));
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        file = spec.positionalParameters().get(0).getValue();
        format = CommandSpecs.value(spec, "--format");
        columns = CommandSpecs.value(spec, "--columns");
        batch = CommandSpecs.<Long>value(spec, "--batch");
        dtype = CommandSpecs.value(spec, "--dtype");
        optimizer = CommandSpecs.value(spec, "--optimizer");
        Compilation compilation = Compiler.compile(Sources.read(file, System.in), new Options(batch, dtype, optimizer));
        DiagnosticPrinter.print(compilation, spec.commandLine().getErr());
        if (format == Format.json) {
            JsonReport.render(compilation, spec.commandLine().getOut());
        } else if (!compilation.hasErrors()) {
            TextReport.render(compilation, chosenColumns(), spec.commandLine().getOut());
        }
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

    static final class FormatWord implements ITypeConverter<Format> {
        @Override
        public Format convert(String word) {
            for (Format format : Format.values()) {
                if (format.name().equals(word)) {
                    return format;
                }
            }
            throw new TypeConversionException("'" + word + "' is not a format; choose text or json");
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
