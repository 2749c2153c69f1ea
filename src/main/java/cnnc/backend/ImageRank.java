package cnnc.backend;

import cnnc.check.CheckedLayer;
import cnnc.check.Shape;
import cnnc.diag.Code;
import cnnc.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/**
 * The code generators write images and vectors; a sequence (1-D) or a volume (3-D), which the checker
 * and the reports take, is refused at the first row that reads or makes one, once a run, until each
 * backend writes its layers at those ranks (issue 26): a diagnostic, never a crash or wrong code.
 */
public final class ImageRank {
    private final Code code;
    private final String framework;
    private final Diagnostics diagnostics;
    private boolean reported;

    public ImageRank(Code code, String framework, Diagnostics diagnostics) {
        this.code = code;
        this.framework = framework;
        this.diagnostics = diagnostics;
    }

    /** True if the row reads and makes only images and vectors; else false, and the first such row is reported. */
    public boolean admits(CheckedLayer row) {
        List<Shape> shapes = new ArrayList<>(row.inputShapes());
        shapes.add(row.outputShape());
        for (Shape shape : shapes) {
            if (shape instanceof Shape.Grid grid && grid.rank() != 2) {
                if (!reported) {
                    reported = true;
                    diagnostics.add(code, row.layer().span(), "cnnc does not yet write " + framework + " code for "
                            + article(grid) + " (" + grid + ", " + grid.rank() + "-D): only for images (HxWxC) and vectors",
                            "cnnc report (with --explain and the diagram) covers this model; its code is not written yet");
                }
                return false;
            }
        }
        return true;
    }

    private static String article(Shape.Grid grid) {
        return "a " + grid.noun();
    }
}
