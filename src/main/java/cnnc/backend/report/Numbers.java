package cnnc.backend.report;

import cnnc.check.Formula;
import java.util.Locale;

/** How the reports for people write numbers: {@code 1,291,653,040} and {@code 5.11 MiB}. */
final class Numbers {
    private Numbers() {
    }

    static String bytes(long bytes) {
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
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    /** {@code 1,291,653,040}, as the formulas of the explanation write numbers. */
    static String grouped(long n) {
        return Formula.grouped(n);
    }
}
