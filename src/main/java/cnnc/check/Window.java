package cnnc.check;

/**
 * The sliding-window arithmetic shared by convolution and pooling, along one dimension, with the
 * formula written out so a diagnostic can show the numbers. Rules follow Keras (floor rounding).
 *
 * @param size      output size (not positive when the window does not fit)
 * @param padBefore zeros in front of the input
 * @param padAfter  zeros behind it
 * @param unread    input rows (not padding) after the last window, which no window reads
 * @param reach     the extent of one window, d(k-1) + 1
 * @param stride    the step between windows
 * @param formula   e.g. {@code (5 - 7)/1 + 1}
 */
record Window(long size, long padBefore, long padAfter, long unread, long reach, long stride, String formula) {

    /** No padding: {@code floor((n - d(k-1) - 1)/s) + 1}. */
    static Window valid(long n, long kernel, long stride, long dilation) {
        long reach = reach(kernel, dilation);
        long size = Math.floorDiv(Math.subtractExact(n, reach), stride) + 1;
        return new Window(size, 0, 0, unread(n, 0, size, stride, reach), reach, stride,
                "(" + n + " - " + reach + ")/" + stride + " + 1");
    }

    /** {@code pad P} zeros on each side: {@code floor((n + 2p - d(k-1) - 1)/s) + 1}. */
    static Window padded(long n, long pad, long kernel, long stride, long dilation) {
        long reach = reach(kernel, dilation);
        long padded = Math.addExact(n, Math.multiplyExact(2, pad));
        long size = Math.floorDiv(Math.subtractExact(padded, reach), stride) + 1;
        return new Window(size, pad, pad, unread(padded, pad, size, stride, reach), reach, stride,
                "(" + n + " + 2*" + pad + " - " + reach + ")/" + stride + " + 1");
    }

    /**
     * Keras "same": {@code ceil(n/s)} windows, with the zeros that calls for, {@code (ceil(n/s) - 1)s +
     * d(k-1) + 1 - n}, split as TensorFlow does, the odd one after. When the stride is wider than
     * the window that number is negative: no zeros, and the last rows stay unread.
     */
    static Window same(long n, long kernel, long stride, long dilation) {
        long size = Math.floorDiv(Math.addExact(n, stride - 1), stride);
        long reach = reach(kernel, dilation);
        long needed = Math.subtractExact(Math.addExact(Math.multiplyExact(size - 1, stride), reach), n);
        long zeros = Math.max(0, needed);
        return new Window(size, zeros / 2, zeros - zeros / 2, Math.max(0, -needed), reach, stride,
                "ceil(" + n + "/" + stride + ")");
    }

    /** The extent one window covers: a dilated kernel spans d(k-1)+1 inputs. */
    static long reach(long kernel, long dilation) {
        return Math.addExact(Math.multiplyExact(dilation, kernel - 1), 1);
    }

    /** The rows of {@code extent} (padding included) after the last window, less the {@code padAfter} zeros there. */
    private static long unread(long extent, long padAfter, long size, long stride, long reach) {
        if (size <= 0) {
            return 0;
        }
        long end = Math.addExact(Math.multiplyExact(size - 1, stride), reach);
        return Math.max(0, extent - end - padAfter);
    }

    /**
     * Unread input rows that tell of a mistake: none when the window is narrower than the stride,
     * which skips rows between windows (and after the last) by design.
     */
    long dropped() {
        return reach >= stride ? unread : 0;
    }

    Axis axis(long kernel, long stride, long dilation) {
        return new Axis(kernel, stride, dilation, padBefore, padAfter, unread, 0);
    }
}
