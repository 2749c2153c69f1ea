package cnnc.backend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SVG's numbers are written as String.format("%.1f") writes them (the command line's diagram was, and
 * the golden files hold it), without String.format, which the playground's class library rounds otherwise.
 */
class SvgNumbersTest {
    @Test
    void numbersAreWhatFormatWrites() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            // coordinates of a diagram: up to a few thousand pixels, many of them halves and quarters of a tenth
            double value = switch (i % 4) {
                case 0 -> random.nextDouble(-100, 10_000);
                case 1 -> random.nextInt(-1000, 100_000) / 20.0;
                case 2 -> random.nextInt(0, 100_000) / 100.0 + 0.05;
                default -> random.nextInt(0, 1_000_000) / 40.0;
            };
            assertEquals(format(value), SvgDiagram.number(value), String.valueOf(value));
        }
        for (double value : new double[] {0, -0.0, 0.05, 0.15, 0.25, -0.05, -0.04, 855.85, 596.25, 1e-9, 1e7, -1e-9, 0.5, -0.5, -12.5, -3, 123456789.5}) {
            assertEquals(format(value), SvgDiagram.number(value), String.valueOf(value));
        }
    }

    private static String format(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        text = text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
        return text.equals("-0") ? "0" : text;
    }
}
