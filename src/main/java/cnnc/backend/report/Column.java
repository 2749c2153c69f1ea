package cnnc.backend.report;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A column of the text report, as {@code --columns} names it. The row number is always shown. */
public enum Column {
    LINE("line", true, "the line the layer is written on"),
    FROM("from", true, "the rows that feed the layer, when they are not just the row before (graphs only)"),
    LAYER("layer", false, "the layer as written; inside a block, with the block's values"),
    OUTPUT("output", false, "the output shape, HxWxC or N"),
    PARAMS("params", true, "parameters"),
    TENSORS("tensors", false, "the parameter tensors' shapes; fixed ones (not trained) marked"),
    MACS("macs", true, "multiply-accumulates for the batch"),
    FLOPS("flops", true, "floating-point operations for the batch"),
    MEMORY("memory", true, "the output's size for the batch in the number type"),
    RF("rf", true, "the receptive field of one output position, in input pixels (all: the whole input)"),
    JUMP("jump", true, "input pixels between neighbouring output positions");

    public static final Set<Column> DEFAULT = EnumSet.of(LINE, FROM, LAYER, OUTPUT, PARAMS, MACS, RF);

    private final String word;
    private final boolean rightAligned;
    private final String help;

    Column(String word, boolean rightAligned, String help) {
        this.word = word;
        this.rightAligned = rightAligned;
        this.help = help;
    }

    public String word() {
        return word;
    }

    boolean rightAligned() {
        return rightAligned;
    }

    public String help() {
        return help;
    }

    public static Optional<Column> fromWord(String word) {
        return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
    }

    public static List<String> words() {
        return Arrays.stream(values()).map(Column::word).toList();
    }
}
