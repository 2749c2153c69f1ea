package cnnc.backend.report;

import cnnc.Compilation;
import cnnc.ast.AstPrinter;
import cnnc.check.BlockInstance;
import cnnc.check.CheckedLayer;

/** How every report names a row: the layer as written, and the block instance it belongs to. */
final class RowText {
    private RowText() {
    }

    /**
     * A top-level layer as written; a layer made inside a block as its values made it (the text in the
     * block has the parameters' names); a merge by its kind.
     */
    static String describe(Compilation compilation, CheckedLayer layer) {
        if (layer.implicit()) {
            return "(flatten, implicit)";
        } else if (layer.kind().isMerge() || !layer.block().isEmpty()) {
            return AstPrinter.print(layer.layer());
        }
        return oneLine(compilation.source().slice(layer.layer().span()));
    }

    /** Each run of white space (regex {@code \\s+}) as one space, without compiling a pattern for every row. */
    static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
                space = true;
            } else {
                line.append(space ? " " : "").append(c);
                space = false;
            }
        }
        return line.append(space ? " " : "").toString();
    }

    /** The top-level block instance a layer was made in, "" for a layer written at the top. */
    static String group(CheckedLayer layer) {
        int slash = layer.block().indexOf('/');
        return slash < 0 ? layer.block() : layer.block().substring(0, slash);
    }

    /** Two spaces per level of block nesting. */
    static String indent(CheckedLayer layer) {
        return layer.block().isEmpty() ? "" : "  ".repeat(BlockInstance.depthOf(layer.block()) + 1);
    }
}
