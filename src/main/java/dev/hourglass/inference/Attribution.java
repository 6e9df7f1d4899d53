package dev.hourglass.inference;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.anomaly.Scores;
import dev.hourglass.inference.InferenceRequests.TopColumn;

/** Which columns make up a row's anomaly score: each column's share, and the largest ones by name. */
final class Attribution {

    private Attribution() {
    }

    /** Per row, error_c / Σ error (0 for a row without error), in column order. */
    static float[][] shares(Scores s) {
        int n = s.columns();
        float[] e = s.columnErrors();
        float[][] out = new float[s.scores().length][n];
        for (int r = 0; r < out.length; r++) {
            double total = s.totals()[r];
            if (total > 0) {
                double inverse = 1 / total;      // one division per row, not per column
                float[] row = out[r];
                for (int c = 0, o = r * n; c < n; c++, o++) {
                    row[c] = (float) (e[o] * inverse);
                }
            }
        }
        return out;
    }

    /** Per row, its k columns with the largest errors, largest first (ties: the lower index first). */
    static List<List<TopColumn>> top(Scores s, int k, List<String> names) {
        int n = s.columns();
        float[] e = s.columnErrors();
        List<List<TopColumn>> out = new ArrayList<>(s.scores().length);
        int[] best = new int[k];
        for (int r = 0; r < s.scores().length; r++) {
            int found = 0;
            int base = r * n;
            for (int c = 0; c < n; c++) {              // insertion into the k best so far
                float v = e[base + c];
                if (found == k && !(v > e[base + best[k - 1]])) {
                    continue;
                }
                int i = found < k ? found++ : k - 1;
                while (i > 0 && v > e[base + best[i - 1]]) {
                    best[i] = best[i - 1];
                    i--;
                }
                best[i] = c;
            }
            List<TopColumn> row = new ArrayList<>(found);
            double total = s.totals()[r];
            for (int i = 0; i < found; i++) {
                int c = best[i];
                row.add(new TopColumn(names != null ? names.get(c) : String.valueOf(c), e[base + c],
                        total > 0 ? e[base + c] / total : 0));
            }
            out.add(row);
        }
        return out;
    }
}
