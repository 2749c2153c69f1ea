package cnnc.check;

/**
 * The sliding-window arithmetic shared by convolution and pooling, along one dimension, as a
 * {@link Formula} whose value is the output size and whose text a diagnostic or an explanation
 * shows. Rules follow Keras (floor rounding).
 *
 * @param output    the output size, worked out (not positive when the window does not fit)
 * @param padBefore zeros in front of the input
 * @param padAfter  zeros behind it
 * @param unread    input rows (not padding) after the last window, which no window reads
 * @param reach     the extent of one window, d(k-1) + 1
 * @param stride    the step between windows
 */
record Window(Formula output, long padBefore, long padAfter, long unread, long reach, long stride) {

    long size() {
        return output.value();
    }

    String formula() {
        return output.text();
    }

    /** No padding: {@code (n - k)/s + 1}, or {@code (n - d x (k - 1) - 1)/s + 1} when dilated. */
    static Window valid(long n, long kernel, long stride, long dilation) {
        Formula output = less(Formula.of(n), kernel, dilation).over(Formula.of(stride)).plus(Formula.of(1));
        long reach = reach(kernel, dilation);
        return new Window(output, 0, 0, unread(n, 0, output.value(), stride, reach), reach, stride);
    }

    /** {@code pad P} zeros on each side: {@code (n + 2 x p - k)/s + 1}, with the dilation's terms when dilated. */
    static Window padded(long n, long pad, long kernel, long stride, long dilation) {
        Formula padded = Formula.of(n).plus(Formula.product(2, pad));
        Formula output = less(padded, kernel, dilation).over(Formula.of(stride)).plus(Formula.of(1));
        long reach = reach(kernel, dilation);
        return new Window(output, pad, pad, unread(padded.value(), pad, output.value(), stride, reach), reach, stride);
    }

    /**
     * PyTorch's ceil_mode, with {@code pad} zeros on each side: {@code ceil((n + 2p - k)/s) + 1} windows,
     * less the last when it would start at or beyond {@code n + p} (in the right padding or past it).
     * The last window may then reach past the padded input: those rows are counted as padding after
     * it, which no window reads.
     */
    static Window ceiled(long n, long pad, long kernel, long stride) {
        long paddedSize = Math.addExact(n, Math.multiplyExact(2, pad));
        Formula padded = pad == 0 ? Formula.of(n) : Formula.of(n).plus(Formula.product(2, pad));
        Formula output = padded.minus(Formula.of(kernel)).ceilOver(Formula.of(stride)).plus(Formula.of(1));
        if (output.value() > 1 && Math.multiplyExact(output.value() - 1, stride) >= Math.addExact(n, pad)) {
            output = output.minus(Formula.of(1));
        }
        long beyond = Math.max(0, Math.addExact(Math.multiplyExact(output.value() - 1, stride), kernel) - paddedSize);
        return new Window(output, pad, Math.addExact(pad, beyond), unread(paddedSize, pad, output.value(), stride, kernel),
                kernel, stride);
    }

    /**
     * Keras "same": {@code ceil(n / s)} windows, with the zeros that calls for, {@code (ceil(n/s) - 1)s +
     * d(k-1) + 1 - n}, split as TensorFlow does, the odd one after. When the stride is wider than
     * the window that number is negative: no zeros, and the last rows stay unread.
     */
    static Window same(long n, long kernel, long stride, long dilation) {
        Formula output = Formula.of(n).ceilOver(Formula.of(stride));
        long reach = reach(kernel, dilation);
        long needed = Math.subtractExact(Math.addExact(Math.multiplyExact(output.value() - 1, stride), reach), n);
        long zeros = Math.max(0, needed);
        return new Window(output, zeros / 2, zeros - zeros / 2, Math.max(0, -needed), reach, stride);
    }

    /** {@code x - k}, or {@code x - d x (k - 1) - 1} for a dilated kernel. */
    private static Formula less(Formula x, long kernel, long dilation) {
        if (dilation == 1) {
            return x.minus(Formula.of(kernel));
        }
        return x.minus(Formula.of(dilation).times(Formula.of(kernel).minus(Formula.of(1)))).minus(Formula.of(1));
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

    /**
     * Of the unread rows, those that hold input: the last {@code zeroRows} of the input hold none
     * (zero padding in front of this layer), and leaving them unread drops nothing.
     */
    long dropped(long zeroRows) {
        return Math.max(0, dropped() - zeroRows);
    }

    /**
     * The output rows that hold no input: those whose window starts after the last of the {@code n}
     * input rows that holds any (all but the last {@code zeroRows}), reading only padding.
     */
    long zeroOutputs(long n, long zeroRows) {
        long lastWithInput = n - zeroRows - 1;
        long firstEmpty = Math.floorDiv(lastWithInput + padBefore, stride) + 1;
        return Math.max(0, size() - firstEmpty);
    }

    Axis axis(long kernel, long stride, long dilation) {
        return new Axis(kernel, stride, dilation, padBefore, padAfter, unread, 0);
    }

    /** What the explanation says of a window's padding ({@link Axis} keeps it): {@code 1 zero before and 1 after}, or "". */
    static String zeros(long padBefore, long padAfter) {
        if (padBefore == 0 && padAfter == 0) {
            return "";
        }
        return padBefore == padAfter ? padBefore + (padBefore == 1 ? " zero" : " zeros") + " on each side"
                : padBefore + " before and " + padAfter + " after";
    }
}
