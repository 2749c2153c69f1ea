package cnnc.check;

import java.util.ArrayList;
import java.util.List;

/**
 * The last positions along each spatial axis of a grid that hold no input, only what zero padding
 * put there (and what layers made of it: a batch norm of zeros is still no input). A window that
 * leaves them unread drops nothing, so W0500 does not count them: ResNet's {@code zeropad 1; maxpool
 * 3 /2} leaves a row of zeros unread, not a row of the picture. Empty: none along any axis.
 */
record Zeros(List<Long> counts) {
    static final Zeros NONE = new Zeros(List.of());

    Zeros {
        counts = List.copyOf(counts);
    }

    /** These counts, NONE when every one is 0 (most layers' outputs, which then share one). */
    static Zeros of(List<Long> counts) {
        for (long count : counts) {
            if (count != 0) {
                return new Zeros(counts);
            }
        }
        return NONE;
    }

    /** Along axis {@code axis}: 0 where nothing is known. */
    long along(int axis) {
        return axis < counts.size() ? counts.get(axis) : 0;
    }

    /** Where branches merge, a position holds no input only if it holds none in every branch. */
    Zeros and(Zeros other) {
        if (this == NONE || other == NONE) {
            return NONE;
        }
        int rank = Math.min(counts.size(), other.counts.size());
        List<Long> both = new ArrayList<>();
        for (int axis = 0; axis < rank; axis++) {
            both.add(Math.min(along(axis), other.along(axis)));
        }
        return of(both);
    }
}
