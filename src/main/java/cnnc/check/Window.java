package cnnc.check;

/**
 * The sliding-window arithmetic shared by convolution and pooling, along one dimension, with the
 * formula written out so a diagnostic can show the numbers. Rules follow Keras (floor rounding).
 *
 * @param size    output size (not positive when the window does not fit)
 * @param dropped rows (or columns) at the end of the input that no window reaches
 * @param formula e.g. {@code (5 - 7)/1 + 1}
 */
record Window(long size, long dropped, String formula) {

    /** No padding: {@code floor((n - d(k-1) - 1)/s) + 1}. */
    static Window valid(long n, long kernel, long stride, long dilation) {
        long reach = reach(kernel, dilation);
        long span = Math.subtractExact(n, reach);
        return of(span, stride, reach, "(" + n + " - " + reach + ")/" + stride + " + 1");
    }

    /** {@code pad P} zeros on each side: {@code floor((n + 2p - d(k-1) - 1)/s) + 1}. */
    static Window padded(long n, long pad, long kernel, long stride, long dilation) {
        long reach = reach(kernel, dilation);
        long span = Math.subtractExact(Math.addExact(n, Math.multiplyExact(2, pad)), reach);
        return of(span, stride, reach, "(" + n + " + 2*" + pad + " - " + reach + ")/" + stride + " + 1");
    }

    /** Keras "same": {@code ceil(n/s)}, padding as needed, so nothing is dropped. */
    static Window same(long n, long stride) {
        long size = Math.floorDiv(Math.addExact(n, stride - 1), stride);
        return new Window(size, 0, "ceil(" + n + "/" + stride + ")");
    }

    /** The extent one window covers: a dilated kernel spans d(k-1)+1 inputs. */
    static long reach(long kernel, long dilation) {
        return Math.addExact(Math.multiplyExact(dilation, kernel - 1), 1);
    }

    /** When the window is narrower than the stride, inputs between windows are skipped by design: no drop is counted. */
    private static Window of(long span, long stride, long reach, String formula) {
        long size = Math.floorDiv(span, stride) + 1;
        long dropped = size > 0 && reach >= stride ? Math.floorMod(span, stride) : 0;
        return new Window(size, dropped, formula);
    }
}
