package cnnc.sizes;

import cnnc.check.SizeFormula;

/**
 * A size along one spatial axis as a function of one size variable x: {@code floor((a * inner + b) / c)},
 * where inner is x itself ({@code inner == null}) or another such function. Every rule a layer applies
 * to a size along an axis is one of these (a window {@code floor((n + pads - reach)/s) + 1}, Keras's
 * "same" {@code ceil(n/s)}, an upsampling {@code f * n}, a border {@code n + p}), and composing two is
 * exact:
 * <ul>
 * <li>{@code floor((floor(y/c) + k)/d) = floor((y + c*k)/(c*d))} for integers y, k and c, d >= 1, so a chain
 *     of windows is one division ({@code ceil(ceil(H/2)/2) = ceil(H/4)});</li>
 * <li>{@code floor((d*m + b)/(d*c')) = floor((m + floor(b/d))/c')}, so a common factor of a and c cancels
 *     ({@code ceil(2*H/2) = H});</li>
 * <li>a multiplication of a division ({@code 2*floor(H/2)}) is the one form that stays nested.</li>
 * </ul>
 * Each function is exactly quasi-linear: {@code f(x + period) = f(x) + rise} for every x (floor
 * divisions repeat exactly), and non-decreasing (a, c >= 1): what lets {@link AcceptedSizes} bound the
 * sizes it must try.
 */
public record SizeFunction(SizeFunction inner, long a, long b, long c) {

    public static final SizeFunction VARIABLE = new SizeFunction(null, 1, 0, 1);

    public SizeFunction {
        if (a < 0 || c < 1) {
            throw new IllegalArgumentException("a size function is non-decreasing: a " + a + ", c " + c);
        }
    }

    public static SizeFunction constant(long value) {
        return new SizeFunction(null, 0, value, 1);
    }

    /** floor((a * inner + b) / c), brought to the simplest form the identities above allow. */
    static SizeFunction of(SizeFunction inner, long a, long b, long c) {
        if (a == 0) {
            return constant(Math.floorDiv(b, c));
        }
        if (inner != null && inner.a == 0) {
            return constant(Math.floorDiv(Math.addExact(Math.multiplyExact(a, inner.b), b), c));
        }
        if (inner != null && inner.c == 1) { // a * (a1 * g + b1) + b
            return of(inner.inner, Math.multiplyExact(a, inner.a), Math.addExact(Math.multiplyExact(a, inner.b), b), c);
        }
        if (inner != null && a == 1) { // floor((floor(y/c1) + b)/c) = floor((y + c1*b)/(c1*c))
            return of(inner.inner, inner.a, Math.addExact(inner.b, Math.multiplyExact(inner.c, b)),
                    Math.multiplyExact(inner.c, c));
        }
        long common = gcd(a, c);
        if (common > 1) {
            return of(inner, a / common, Math.floorDiv(b, common), c / common);
        }
        return new SizeFunction(inner, a, b, c);
    }

    public boolean isConstant() {
        return a == 0;
    }

    public SizeFunction plus(long k) {
        return of(inner, a, Math.addExact(b, Math.multiplyExact(k, c)), c);
    }

    public SizeFunction times(long m) {
        return c == 1 ? of(inner, Math.multiplyExact(a, m), Math.multiplyExact(b, m), 1) : of(this, m, 0, 1);
    }

    /** floor((this + k) / d). */
    public SizeFunction floorOver(long k, long d) {
        return of(this, 1, k, d);
    }

    /** ceil((this + k) / d). */
    public SizeFunction ceilOver(long k, long d) {
        return of(this, 1, Math.addExact(k, d - 1), d);
    }

    public long at(long x) {
        long in = inner == null ? x : inner.at(x);
        return Math.floorDiv(Math.addExact(Math.multiplyExact(a, in), b), c);
    }

    /** The smallest step of x after which the function repeats, risen by {@link #rise()}: f(x + period) = f(x) + rise. */
    public long period() {
        return repeat()[0];
    }

    public long rise() {
        return repeat()[1];
    }

    private long[] repeat() {
        long[] in = inner == null ? new long[] {1, 1} : inner.repeat();
        long step = Math.multiplyExact(a, in[1]);
        if (step == 0) {
            return new long[] {1, 0};
        }
        long k = c / gcd(step, c);
        return new long[] {Math.multiplyExact(in[0], k), Math.multiplyExact(step, k) / c};
    }

    /** The slope rise/period, as a double: the bounds it serves are widened by a whole size. */
    double slope() {
        return (double) rise() / period();
    }

    /** Bounds lo, hi with slope*x + lo <= f(x) <= slope*x + hi for every x. */
    double[] offsets() {
        double[] in = inner == null ? new double[] {0, 0} : inner.offsets();
        return new double[] {(a * in[0] + b - (c - 1)) / (double) c, (a * in[1] + b) / (double) c};
    }

    /**
     * As a person writes it, with the variable's name: {@code ceil(H/32)}, {@code floor((H + 1)/3) - 2},
     * {@code 2*floor(H/2)}, {@code 4*W + 6}.
     */
    public String text(String variable) {
        if (a == 0) {
            return Long.toString(b);
        }
        String in = inner == null ? variable : inner.text(variable);
        String term = a == 1 ? in : a + "*" + (inner != null && inner.c == 1 ? "(" + in + ")" : in);
        if (c == 1) {
            return term + offset(b);
        }
        long whole = Math.floorDiv(b, c);
        long rest = b - whole * c;
        String division = rest == 0 ? "floor(" + term + "/" + c + ")"
                : rest == c - 1 ? "ceil(" + term + "/" + c + ")"
                : "floor((" + term + " + " + rest + ")/" + c + ")";
        return division + offset(whole);
    }

    private static String offset(long k) {
        return k == 0 ? "" : k > 0 ? " + " + k : " - " + -k;
    }

    static long gcd(long x, long y) {
        return SizeFormula.gcd(x, y);
    }

    static long lcm(long x, long y) {
        return SizeFormula.lcm(x, y);
    }
}
