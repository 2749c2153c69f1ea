package cnnc.backend.diff;

import java.util.Locale;
import java.util.Objects;

/** What a matched pair of layers or block instances can differ in, in the order every output lists them. */
public enum Aspect {
    /** A layer's op ({@code maxpool} to {@code avgpool}). */
    KIND,
    /** An instance's block. */
    BLOCK,
    /** A layer's values or an instance's arguments, the kind (or block) the same. */
    ARGUMENTS,
    /** The {@code as} name of a layer's output. */
    NAME,
    /** How many rows an instance made. */
    LAYERS,
    SHAPE,
    PARAMS,
    MACS,
    FLOPS;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the aspect is about the item itself, not its figures: a pair's own lines show it changed. */
    public boolean ofItsOwn() {
        return this == KIND || this == BLOCK || this == ARGUMENTS || this == NAME;
    }

    boolean differs(Item a, Item b) {
        boolean kindChanged = !a.word().equals(b.word());
        return switch (this) {
            case KIND -> !a.isBlock() && kindChanged;
            case BLOCK -> a.isBlock() && kindChanged;
            case ARGUMENTS -> !kindChanged && !a.text().equals(b.text());
            case NAME -> !Objects.equals(a.as(), b.as());
            case LAYERS -> a.layers() != b.layers();
            case SHAPE -> !a.output().equals(b.output());
            case PARAMS -> a.params() != b.params();
            case MACS -> a.macs() != b.macs();
            case FLOPS -> a.flops() != b.flops();
        };
    }
}
