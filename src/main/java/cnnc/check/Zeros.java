package cnnc.check;

/**
 * The last rows and columns of an image that hold no input, only what zero padding put there (and
 * what layers made of it: a batch norm of zeros is still no input). A window that leaves them unread
 * drops nothing, so W0500 does not count them: ResNet's {@code zeropad 1; maxpool 3 /2} leaves a row
 * of zeros unread, not a row of the picture.
 */
record Zeros(long rows, long columns) {
    static final Zeros NONE = new Zeros(0, 0);

    /** Where branches merge, a row holds no input only if it holds none in every branch. */
    Zeros and(Zeros other) {
        return new Zeros(Math.min(rows, other.rows), Math.min(columns, other.columns));
    }
}
