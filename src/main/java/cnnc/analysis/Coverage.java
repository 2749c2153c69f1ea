package cnnc.analysis;

import cnnc.check.Axis;
import java.util.List;

/**
 * Along one dimension of a tensor, for each position q, the first and the last input pixel its value
 * depends on. Pixel coordinates run on past the input's borders, so a field that reaches into
 * padding is not cut short (as Araujo et al. count it). A position may depend on no pixel at all (a
 * row a transposed convolution adds beyond its reach).
 *
 * <p>Kept exactly, as a periodic table: {@code first(q + period) = first(q) + shift}, and the same for
 * {@code last}. The input is the table of period 1 and shift 1 ({@code first(q) = last(q) = q}),
 * and convolutions, pooling, padding, upsampling and transposed convolutions keep the form: a
 * stride s divides the period by gcd(period, s), an upsampling or a transposed convolution by f
 * multiplies it by f. So the field of every position is known, and the largest over a tensor's
 * positions is the largest over one period. Where the form would be lost (branches merged with
 * different jumps, a period beyond {@value #LARGEST_PERIOD}), {@link Irregular} is thrown.
 */
final class Coverage {
    static final long LARGEST_PERIOD = 4096;
    private static final long NONE = Long.MAX_VALUE;

    private final long period;
    private final long shift;
    private final long[] first;
    private final long[] last;

    /** The form is lost: fields can no longer be given exactly. */
    static final class Irregular extends RuntimeException {
        Irregular() {
            super(null, null, false, false);
        }
    }

    private Coverage(long period, long shift, long[] first, long[] last) {
        this.period = period;
        this.shift = shift;
        this.first = first;
        this.last = last;
    }

    /** The model's input: position q is pixel q. */
    static Coverage input() {
        return new Coverage(1, 1, new long[] {0}, new long[] {0});
    }

    /** The average distance in pixels between neighbouring positions: shift / period. */
    Jump jump() {
        return shift == period ? Jump.ONE : new Jump(shift, period);
    }

    /** The largest number of pixels one of the first {@code positions} positions spans (first to last). */
    long largestField(long positions) {
        long largest = 0;
        for (int q = 0; q < Math.min(positions, period); q++) {
            if (first[q] != NONE) {
                largest = Math.max(largest, Math.addExact(Math.subtractExact(last[q], first[q]), 1));
            }
        }
        return largest;
    }

    private long first(long q) {
        long base = first[(int) Math.floorMod(q, period)];
        return base == NONE ? NONE : Math.addExact(base, Math.multiplyExact(shift, Math.floorDiv(q, period)));
    }

    private long last(long q) {
        long base = last[(int) Math.floorMod(q, period)];
        return base == NONE ? NONE : Math.addExact(base, Math.multiplyExact(shift, Math.floorDiv(q, period)));
    }

    /**
     * A window of {@code kernel} taps, {@code dilation} apart, every {@code stride} positions, after
     * {@code padBefore} zeros: position q reads positions q s - p + t d, t = 0 .. k - 1. Since fields
     * only move right along a tensor, a window's field runs from its first tap that reads any pixel
     * to its last.
     */
    Coverage slide(Axis axis) {
        if (axis.kernel() == 1 && axis.stride() == 1 && axis.padBefore() == 0) {
            return this; // each position reads itself: a pointwise convolution
        }
        long stride = axis.stride();
        long newPeriod = period / gcd(period, stride);
        long[] newFirst = new long[(int) newPeriod];
        long[] newLast = new long[(int) newPeriod];
        // taps repeat what they read every period / gcd(period, d) taps: look no further for one that reads
        long cycle = Math.min(axis.kernel(), period / gcd(period, axis.dilation()));
        for (int q = 0; q < newPeriod; q++) {
            long start = Math.subtractExact(Math.multiplyExact(q, stride), axis.padBefore());
            newFirst[q] = NONE;
            newLast[q] = NONE;
            for (long t = 0; t < cycle && newFirst[q] == NONE; t++) {
                newFirst[q] = first(Math.addExact(start, Math.multiplyExact(t, axis.dilation())));
            }
            for (long t = axis.kernel() - 1; t >= axis.kernel() - cycle && newLast[q] == NONE; t--) {
                newLast[q] = last(Math.addExact(start, Math.multiplyExact(t, axis.dilation())));
            }
        }
        return new Coverage(newPeriod, Math.multiplyExact(shift, Math.multiplyExact(newPeriod, stride) / period), newFirst,
                newLast);
    }

    /** Position q reads position q - offset: zero padding ({@code offset} rows added in front) or cropping (negative). */
    Coverage shifted(long offset) {
        long[] newFirst = new long[(int) period];
        long[] newLast = new long[(int) period];
        for (int q = 0; q < period; q++) {
            newFirst[q] = first(Math.subtractExact(q, offset));
            newLast[q] = last(Math.subtractExact(q, offset));
        }
        return new Coverage(period, shift, newFirst, newLast);
    }

    /** Each position repeated {@code factor} times: position q reads position floor(q / factor). */
    Coverage repeated(long factor) {
        long newPeriod = bounded(Math.multiplyExact(period, factor));
        long[] newFirst = new long[(int) newPeriod];
        long[] newLast = new long[(int) newPeriod];
        for (int q = 0; q < newPeriod; q++) {
            newFirst[q] = first(Math.floorDiv(q, factor));
            newLast[q] = last(Math.floorDiv(q, factor));
        }
        return new Coverage(newPeriod, shift, newFirst, newLast);
    }

    /**
     * Bilinear upsampling by {@code factor} with half-pixel centres: position q samples the input at
     * x = (q + 1/2)/f - 1/2 = (2q + 1 - f)/(2f), reading positions floor(x) and floor(x) + 1, or floor(x)
     * alone where x is whole. (At the borders frameworks read the edge value instead of the one beyond;
     * as with padding, the field is not cut short there.)
     */
    Coverage interpolated(long factor) {
        long newPeriod = bounded(Math.multiplyExact(period, factor));
        long[] newFirst = new long[(int) newPeriod];
        long[] newLast = new long[(int) newPeriod];
        long scale = Math.multiplyExact(2, factor);
        for (int q = 0; q < newPeriod; q++) {
            long sample = 2L * q + 1 - factor;
            long below = Math.floorDiv(sample, scale);
            long above = Math.floorMod(sample, scale) == 0 ? below : below + 1;
            newFirst[q] = first(below) != NONE ? first(below) : first(above);
            newLast[q] = last(above) != NONE ? last(above) : last(below);
        }
        return new Coverage(newPeriod, shift, newFirst, newLast);
    }

    /**
     * A transposed convolution: input position i spreads over full-output positions i s + t d, t = 0 ..
     * k - 1, of which {@code padBefore} are cut in front; an output position reads every i that
     * reaches it, which may be none.
     */
    Coverage transposed(Axis axis) {
        long stride = axis.stride();
        long newPeriod = bounded(Math.multiplyExact(period, stride));
        long[] newFirst = new long[(int) newPeriod];
        long[] newLast = new long[(int) newPeriod];
        // the taps that reach position u solve t d = u (mod s): none unless g = gcd(d, s) divides u, else
        // t = t0, t0 + s/g, t0 + 2s/g, ... with t0 = (u/g)(d/g)^-1 mod s/g
        long g = gcd(axis.dilation(), stride);
        long step = stride / g;
        long inverse = inverse(Math.floorMod(axis.dilation() / g, step), step);
        for (int q = 0; q < newPeriod; q++) {
            long u = Math.addExact(q, axis.padBefore());
            newFirst[q] = NONE;
            newLast[q] = NONE;
            if (Math.floorMod(u, g) != 0) {
                continue;
            }
            long lowest = step == 1 ? 0 : mulMod(Math.floorMod(u / g, step), inverse, step);
            if (lowest >= axis.kernel()) {
                continue;
            }
            long highest = lowest + (axis.kernel() - 1 - lowest) / step * step;
            // the largest tap reads the smallest input position, where the field starts
            for (long t = highest, n = 0; t >= lowest && n <= period && newFirst[q] == NONE; t -= step, n++) {
                newFirst[q] = first(Math.floorDiv(Math.subtractExact(u, Math.multiplyExact(t, axis.dilation())), stride));
            }
            for (long t = lowest, n = 0; t <= highest && n <= period && newLast[q] == NONE; t += step, n++) {
                newLast[q] = last(Math.floorDiv(Math.subtractExact(u, Math.multiplyExact(t, axis.dilation())), stride));
            }
        }
        return new Coverage(newPeriod, shift, newFirst, newLast);
    }

    /** A merge: position q reads position q of every branch; a branch of size 1 is read at its one position. */
    static Coverage merged(List<Coverage> branches) {
        Jump jump = branches.get(0).jump();
        long newPeriod = 1;
        for (Coverage branch : branches) {
            if (!branch.jump().equals(jump)) {
                throw new Irregular();
            }
            newPeriod = bounded(lcm(newPeriod, branch.period));
        }
        long[] newFirst = new long[(int) newPeriod];
        long[] newLast = new long[(int) newPeriod];
        for (int q = 0; q < newPeriod; q++) {
            newFirst[q] = NONE;
            newLast[q] = NONE;
            for (Coverage branch : branches) {
                long first = branch.first(q);
                long last = branch.last(q);
                if (first != NONE) {
                    newFirst[q] = newFirst[q] == NONE ? first : Math.min(newFirst[q], first);
                    newLast[q] = newLast[q] == NONE ? last : Math.max(newLast[q], last);
                }
            }
        }
        long newShift = Math.multiplyExact(jump.numerator(), newPeriod / jump.denominator());
        return new Coverage(newPeriod, newShift, newFirst, newLast);
    }

    /** A branch of size 1 stretched over a merge's positions: every position reads its position 0. */
    Coverage stretched() {
        return new Coverage(1, 0, new long[] {first(0)}, new long[] {last(0)});
    }

    /** {@code a b mod m}, without overflow for m below 2^31 (periods and strides here are at most 4,096). */
    private static long mulMod(long a, long b, long m) {
        return Math.floorMod(Math.multiplyExact(a, b), m);
    }

    /** The inverse of {@code a} modulo {@code m} (a and m coprime), by the extended Euclidean algorithm. */
    private static long inverse(long a, long m) {
        if (m == 1) {
            return 0;
        }
        long oldR = a;
        long r = m;
        long oldS = 1;
        long s = 0;
        while (r != 0) {
            long quotient = oldR / r;
            long nextR = oldR - quotient * r;
            oldR = r;
            r = nextR;
            long nextS = oldS - quotient * s;
            oldS = s;
            s = nextS;
        }
        return Math.floorMod(oldS, m);
    }

    private static long bounded(long period) {
        if (period > LARGEST_PERIOD) {
            throw new Irregular();
        }
        return period;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static long lcm(long a, long b) {
        return Math.multiplyExact(a / gcd(a, b), b);
    }
}
