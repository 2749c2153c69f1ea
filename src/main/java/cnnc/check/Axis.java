package cnnc.check;

/**
 * A sliding window along one dimension (height or width) of a convolution or pooling, as the
 * checker worked it out: what backends whose framework pads or sizes differently, and the
 * receptive field, read instead of working it out again.
 *
 * @param kernel    the window, in taps
 * @param stride    the step between windows
 * @param dilation  the step between taps
 * @param padBefore zeros before the first row (Keras's "same" puts the odd one after); for a
 *                  transposed convolution, the rows of its full output cut at the start
 * @param padAfter  zeros after the last row; for a transposed convolution, the rows cut at the end
 * @param unread    input rows after the last window that no window reads (padding not counted);
 *                  for "same", rows that Keras leaves unread when the stride is wider than the window
 * @param tail      for a transposed convolution, output rows beyond its full output (n-1)s + d(k-1) + 1,
 *                  which get no input (Keras's "valid" when the window is narrower than the stride); else 0
 */
public record Axis(long kernel, long stride, long dilation, long padBefore, long padAfter, long unread, long tail) {

    /** The extent of one window: a dilated kernel spans d(k-1) + 1 rows. */
    public long reach() {
        return Window.reach(kernel, dilation);
    }

    public boolean isPadded() {
        return padBefore != 0 || padAfter != 0;
    }
}
