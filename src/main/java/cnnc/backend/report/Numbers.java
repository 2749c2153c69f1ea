package cnnc.backend.report;

import cnnc.check.Formula;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** How the reports for people write numbers: {@code 1,291,653,040} and {@code 5.11 MiB}. */
public final class Numbers {
    private Numbers() {
    }

    public static String bytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        // as String.format's "%.2f" (half up, from the shortest decimal of the double), without a Formatter
        return new BigDecimal(Double.toString(value)).setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + units[unit];
    }

    /** {@code 1,291,653,040}, as the formulas of the explanation write numbers. */
    public static String grouped(long n) {
        return Formula.grouped(n);
    }
}
