package cnnc.check;

/**
 * The zeros Keras's "same" adds along one dimension of a convolution: {@code before} at the top (or
 * left), {@code after} at the bottom (or right), the odd one after, as TensorFlow does. Backends use
 * it where a framework pads differently.
 */
public record SamePadding(long before, long after) {

    public static SamePadding along(long n, long kernel, long stride, long dilation) {
        long total = Math.max(0, needed(n, kernel, stride, dilation));
        return new SamePadding(total / 2, total - total / 2);
    }

    /**
     * {@code (ceil(n/s) - 1)s + d(k-1) + 1 - n}: the padding the output size ceil(n/s) calls for.
     * Negative when the windows leave input unread even without padding; Keras then pads nothing.
     */
    public static long needed(long n, long kernel, long stride, long dilation) {
        long out = Window.same(n, stride).size();
        return Math.addExact(Math.multiplyExact(out - 1, stride), Window.reach(kernel, dilation)) - n;
    }

    /** The extent a kernel covers, d(k-1)+1, for backends whose framework sizes a layer differently. */
    public static long reach(long kernel, long dilation) {
        return Window.reach(kernel, dilation);
    }

    public boolean isNone() {
        return before == 0 && after == 0;
    }
}
