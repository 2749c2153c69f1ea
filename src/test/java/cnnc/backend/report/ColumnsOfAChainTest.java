package cnnc.backend.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 29, high: the diagram grew faster than linearly with block instances. A folded chain's columns were
 * chosen by the textbook dynamic programme for the linear partition, a table of count x n x n steps for each
 * count of columns tried (about 3 x 10^9 for 4,000 instances); {@link DiagramLayout#balanced} now finds the
 * same columns by halving heights with greedy packing. The programme, written out below, is the reference.
 */
class ColumnsOfAChainTest {
    private static final double GAP = 7;

    @Test
    void blockInstancesFoldIntoTheColumnsTheTextbookPartitionPicks() {
        Random random = new Random(29);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + random.nextInt(trial < 1000 ? 12 : 60);
            List<double[]> children = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // heights as layouts give them: whole boxes (26 px) and frames, a few with halves, many equal
                double height = switch (random.nextInt(4)) {
                    case 0 -> 26;
                    case 1 -> 26 + 33 * random.nextInt(5);
                    case 2 -> 40 + random.nextInt(400) / 2.0;
                    default -> 10 + random.nextDouble() * 300;
                };
                children.add(new double[] {100, height});
            }
            for (int count = 1; count <= n; count++) {
                assertEquals(textbook(children, count), DiagramLayout.balanced(children, count),
                        "heights " + heights(children) + ", " + count + " columns");
            }
        }
    }

    @Test
    void aChainOfEqualUnitsSplitsEvenly() {
        List<double[]> children = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            children.add(new double[] {120, 93});
        }
        // 4,000 equal units in 8 columns: 500 each, every column starting 500 units after the one before
        assertEquals(List.of(500, 1000, 1500, 2000, 2500, 3000, 3500), DiagramLayout.balanced(children, 8));
    }

    /** The partition of {@code children} into {@code count} runs whose tallest is shortest, by the O(count n^2) table. */
    private static List<Integer> textbook(List<double[]> children, int count) {
        int n = children.size();
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + children.get(i)[1] + GAP;
        }
        double[][] cost = new double[count + 1][n + 1];
        int[][] start = new int[count + 1][n + 1];
        for (double[] row : cost) {
            Arrays.fill(row, Double.MAX_VALUE);
        }
        cost[0][0] = 0;
        for (int k = 1; k <= count; k++) {
            for (int end = 1; end <= n; end++) {
                for (int from = k - 1; from < end; from++) {
                    double tallest = Math.max(cost[k - 1][from], prefix[end] - prefix[from]);
                    if (cost[k - 1][from] < Double.MAX_VALUE && tallest < cost[k][end]) {
                        cost[k][end] = tallest;
                        start[k][end] = from;
                    }
                }
            }
        }
        List<Integer> starts = new ArrayList<>();
        for (int k = count, end = n; k > 1; k--) {
            end = start[k][end];
            starts.add(0, end);
        }
        return starts;
    }

    private static String heights(List<double[]> children) {
        StringBuilder text = new StringBuilder();
        for (double[] child : children) {
            text.append(text.length() == 0 ? "" : " ").append(child[1]);
        }
        return text.toString();
    }
}
