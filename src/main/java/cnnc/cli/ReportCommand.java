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
import cnnc.diag.Code;
import cnnc.backend.report.SizesReport;
import cnnc.sizes.AcceptedSizes;
import cnnc.parse.DescriptionParser;
import cnnc.parse.ParseResult;
import cnnc.sizes.SizeVariables;
import cnnc.source.SourceFile;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.TypeConversionException;

final class ReportCommand implements Callable<Integer> {
    enum Format { text, json, markdown, csv, html, svg }

    static final String DESCRIPTION = "Prints every layer's output shape, parameters, MACs and receptive field, and "
            + "the totals with FLOPs and memory.";

    /** The formats that hold the diagram, which the playground's Node command leaves out of its --format's help. */
    static final String DIAGRAM_FORMATS = ", html (a page with the diagram and the table) or svg (the diagram)";
    /** The page's share in the options that shape the table, which the Node command leaves out as well. */
    static final String AND_HTML = " and html";

    static final List<OptionDef> OPTIONS = List.of(
            OptionDef.value("--format", "FORMAT", new FormatWord(), "text", "text (for people), markdown or md (for "
                    + "documents), json (for tools), csv (for spreadsheets)" + DIAGRAM_FORMATS + "; default: ${DEFAULT-VALUE}"),
            OptionDef.output("FILE", "the file to write; default: standard output"),
            OptionDef.value("--depth", "N", new Depth(), null, "block instances deeper than N as one row each with "
                    + "their sums (0: one row per top-level statement); text, markdown, csv" + AND_HTML + "; default: every layer"),
            OptionDef.flag("--explain", "the working of every figure, layer by layer: shape formulas with their "
                    + "numbers, each parameter tensor as a product, the MACs and FLOPs with their rules; then the totals "
                    + "as sums of the rows"),
            OptionDef.value("--columns", "LIST", new ColumnList(), null, "the table's columns (text, markdown, csv"
                    + AND_HTML + "), from: line, from, layer, output, params, tensors, macs, flops, memory, rf, jump, or all; "
                    + "default: line,from,layer,output,params,macs,rf"),
            Allowed.OPTION,
            OptionDef.value("--batch", "N", new Batch(), "1",
                    "examples per batch, for MACs, FLOPs and memory; default: ${DEFAULT-VALUE}"),
            OptionDef.value("--dtype", "TYPE", new DTypeWord(), "float32",
                    "float32, float16, bfloat16 or int8, for the memory figures; default: ${DEFAULT-VALUE}"),
            OptionDef.value("--optimizer", "NAME", new OptimizerWord(), "adam",
                    "sgd, momentum, adam or rmsprop, for the training memory estimate; default: ${DEFAULT-VALUE}"),
            at("the report at these sizes", "the sizes it accepts, each layer's shape as a formula"));

    /** {@code --at SIZES}, as report and the code generators take it. */
    static OptionDef at(String what, String otherwise) {
        return OptionDef.value("--at", "SIZES", new SizesWord(), null, "for an input with size variables (input HxWx1): "
                + what + ", one per variable in the order written (512x384), or by name (H=512,W=384); default: "
                + otherwise);
    }

    /** The values {@code --at} gives the input's variables, none without it; a usage error where the input has none. */
    static Map<String, Long> at(Given given, String file, List<String> variables) {
        SizesGiven at = given.value("--at");
        if (at != null && variables.isEmpty()) {
            throw new UsageError("--at gives values to an input's size variables (input HxWx1), and " + file
                    + "'s input has none");
        }
        return at == null ? Map.of() : at.values(variables);
    }

    private final CommandSpec spec = CommandSpecs.command("report", this, DESCRIPTION);

    ReportCommand() {
        spec.addPositional(CommandSpecs.file());
        CommandSpecs.add(spec, OPTIONS);
    }

    CommandSpec spec() {
        return spec;
    }

    @Override
    public Integer call() {
        return run(CommandSpecs.given(spec), new FileHost(spec));
    }

    static int run(Given given, Host host) {
        String file = given.files().get(0);
        String output = given.value("--output");
        Format format = given.value("--format");
        Columns columns = given.value("--columns");
        Integer depth = given.value("--depth");
        boolean explain = Boolean.TRUE.equals(given.value("--explain"));
        if (explain && (format == Format.csv || format == Format.html || format == Format.svg)) {
            throw new UsageError("--explain writes text, markdown or json, not " + format);
        }
        Generation.Destination destination = host.destination(output);
        destination.check(file);
        Set<Code> allowed = Allowed.codes(given);
        Options options = new Options(given.<Long>value("--batch"), given.value("--dtype"), given.value("--optimizer"));
        SourceFile source = host.read(file);
        ParseResult parsed = DescriptionParser.parse(source);
        List<String> variables = SizeVariables.variables(parsed.description());
        SizesGiven at = given.value("--at");
        Map<String, Long> sizes = at(given, file, variables);
        boolean symbolic = !variables.isEmpty() && at == null;
        if (symbolic && !explain && format != Format.text && format != Format.json) {
            throw new UsageError("--format " + format + " works out one model's figures: "
                    + "give the sizes of " + String.join(", ", variables) + " with --at");
        }
        Compilation compilation = Allowed.apply(Compiler.compile(source, parsed, options, sizes), allowed);
        AcceptedSizes.Answer answer = variables.isEmpty() || compilation.hasErrors() || at != null && format != Format.json
                ? null : AcceptedSizes.analyze(compilation.syntax(), compilation.model().name(), source);
        if (answer != null) {
            List<cnnc.diag.Diagnostic> all = new ArrayList<>(compilation.diagnostics());
            all.addAll(answer.problems());
            compilation = Allowed.apply(compilation.withDiagnostics(all), allowed);
        }
        DiagnosticPrinter.print(compilation, host.err());
        boolean toStandardOutput = output == null || output.equals("-");
        String preface = symbolic && explain && answer != null ? SizesReport.explained(answer) : "";
        if (symbolic && format == Format.text && !explain && !compilation.hasErrors()) {
            destination.write(compilation, SizesReport.text(compilation.model().name(), SizeVariables.inputText(compilation.syntax()),
                    answer), host.out());
        } else if (format == Format.json && toStandardOutput) {
            // streamed: a large model's is never one string
            JsonReport.render(compilation, explain, answer == null ? null : SizesReport.json(answer), host.out());
        } else if (explain && toStandardOutput && !compilation.hasErrors()) {
            host.out().print(preface);
            if (format == Format.markdown) {
                Explanation.markdown(compilation, host.out());
            } else {
                Explanation.text(compilation, host.out());
            }
        } else if (!compilation.hasErrors() || format == Format.json || format == Format.html) {
            // json and html have a form for a model with errors (its diagnostics); the other formats write nothing then
            Set<Column> shown = columns == null ? Column.DEFAULT : columns.chosen();
            int shownDepth = depth == null ? Table.ALL_DEPTHS : depth;
            if (format == Format.html || format == Format.svg) {
                // written to the file as it is made: a long model's page is 20 MB, never one string
                Compilation checked = compilation;
                destination.write(checked, writer -> host.picture(format, checked, shown, shownDepth, writer), host.out());
                host.out().flush();
                return compilation.hasErrors() ? ExitCode.MODEL_ERRORS : ExitCode.OK;
            }
            String text = switch (format) {
                case json -> answer == null ? JsonReport.render(compilation, explain)
                        : writeJson(compilation, explain, SizesReport.json(answer));
                case text -> explain ? preface + Explanation.text(compilation)
                        : TextReport.render(compilation, shown, shownDepth);
                case markdown -> explain ? preface + Explanation.markdown(compilation)
                        : TextReport.markdown(compilation, shown, shownDepth);
                case csv -> CsvReport.render(compilation, shown, shownDepth);
                case html, svg -> throw new IllegalStateException("written above");
            };
            destination.write(compilation, text, host.out());
        }
        host.out().flush();
        return compilation.hasErrors() ? ExitCode.MODEL_ERRORS : ExitCode.OK;
    }

    private static String writeJson(Compilation compilation, boolean explain, Map<String, Object> sizes) {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter out = new java.io.PrintWriter(text);
        JsonReport.render(compilation, explain, sizes, out);
        out.flush();
        return text.toString();
    }

    /**
     * {@code --at}: sizes for the input's variables, {@code 512x384} in the order they are written or
     * {@code H=512,W=384} by name; which variables there are is known once the file is read.
     */
    record SizesGiven(String text) {
        Map<String, Long> values(List<String> variables) {
            Map<String, Long> values = new LinkedHashMap<>();
            if (text.contains("=")) {
                for (String pair : text.split(",", -1)) {
                    String[] parts = pair.split("=", -1);
                    if (parts.length != 2 || !variables.contains(parts[0].strip())) {
                        throw new UsageError("--at " + text + ": '" + pair + "' is not a size for one of the input's "
                                + "variables (" + String.join(", ", variables) + "), as H=512");
                    }
                    values.put(parts[0].strip(), size(parts[1].strip()));
                }
            } else {
                String[] sizes = text.split("x", -1);
                if (sizes.length != variables.size()) {
                    throw new UsageError("--at " + text + " gives " + sizes.length + (sizes.length == 1 ? " size" : " sizes")
                            + ", and the input has " + variables.size() + (variables.size() == 1 ? " variable" : " variables")
                            + " (" + String.join(", ", variables) + ")");
                }
                for (int i = 0; i < sizes.length; i++) {
                    values.put(variables.get(i), size(sizes[i]));
                }
            }
            if (!values.keySet().containsAll(variables)) {
                throw new UsageError("--at " + text + " gives no size for " + String.join(", ",
                        variables.stream().filter(v -> !values.containsKey(v)).toList()));
            }
            return values;
        }

        private static long size(String text) {
            try {
                long size = Long.parseLong(text);
                if (size >= 1) {
                    return size;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            throw new UsageError("--at: a size is a whole number from 1, not '" + text + "'");
        }
    }

    static final class SizesWord implements ITypeConverter<SizesGiven> {
        @Override
        public SizesGiven convert(String text) {
            if (!text.matches("[0-9]+(x[0-9]+)*|[A-Za-z]+ *= *[0-9]+( *, *[A-Za-z]+ *= *[0-9]+)*")) {
                throw new TypeConversionException("'" + text + "' is not sizes: write one per variable, 512x384, "
                        + "or by name, H=512,W=384");
            }
            return new SizesGiven(text);
        }
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
            if (word.equals("md")) { // the file extension people know markdown by
                return Format.markdown;
            }
            throw new TypeConversionException("'" + word + "' is not a format; choose text, json, markdown (or md), csv, "
                    + "html or svg");
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
            Optional<DType> type = DType.fromWord(word);
            if (type.isEmpty()) {
                throw new TypeConversionException(
                        "'" + word + "' is not a number type; choose float32, float16, bfloat16 or int8");
            }
            return type.get();
        }
    }

    static final class OptimizerWord implements ITypeConverter<Optimizer> {
        @Override
        public Optimizer convert(String word) {
            Optional<Optimizer> optimizer = Optimizer.fromWord(word);
            if (optimizer.isEmpty()) {
                throw new TypeConversionException(
                        "'" + word + "' is not an optimizer; choose sgd, momentum, adam or rmsprop");
            }
            return optimizer.get();
        }
    }
}
