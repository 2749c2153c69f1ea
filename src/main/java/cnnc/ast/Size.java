package cnnc.ast;

import cnnc.source.Span;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A size along each spatial axis: a kernel, a pool window, a stride or a factor. One number stands
 * for every axis ({@code 3} is {@code 3x3} on an image, {@code 3x3x3} on a volume); otherwise there is
 * one per axis of the input, which only the checker knows (a block's input may be of any rank).
 */
public record Size(List<Expr> written, Span span) implements Node {
    /** No size names more axes than a volume's depth, height and width. */
    public static final int MOST_AXES = 3;

    public Size {
        written = List.copyOf(written);
    }

    /** One number for every axis. */
    public static Size of(Expr n) {
        return new Size(List.of(n), n.span());
    }

    /** One size per axis for an input of {@code rank} axes, or null when as many were not written. */
    public List<Expr> along(int rank) {
        if (written.size() == 1) {
            return Collections.nCopies(rank, written.get(0));
        }
        return written.size() == rank ? written : null;
    }

    public Size map(UnaryOperator<Expr> f) {
        List<Expr> mapped = new ArrayList<>(written.size());
        for (Expr size : written) {
            mapped.add(f.apply(size));
        }
        return new Size(mapped, span);
    }
}
