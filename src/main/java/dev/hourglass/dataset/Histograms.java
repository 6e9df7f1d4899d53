package dev.hourglass.dataset;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.dataset.DatasetHistograms.ColumnHistogram;
import dev.hourglass.dataset.DatasetHistograms.HistogramBin;

/**
 * Histograms of a loaded matrix in one pass over its cells. A numeric column of observed minimum a and maximum b
 * has {@code bins} equal-width bins with edges {@code e_i = a + (b − a) · i / bins} (so {@code e_bins = b}); a cell
 * x is in bin i when {@code e_i ≤ x < e_(i+1)}, the last bin also holding b. The index is computed as
 * {@code ⌊(x − a) / (b − a) · bins⌋} and then moved, if rounding put it on the wrong side of an edge, to agree with
 * the edges reported. The minimum and maximum come from the stored stats (the same float32 values as doubles).
 */
final class Histograms {

    private Histograms() {
    }

    static DatasetHistograms of(DatasetMatrix matrix, List<ColumnStats> stats, int bins) {
        int columns = matrix.columns();
        double[][] edges = new double[columns][];
        long[][] counts = new long[columns][];
        long[] missing = new long[columns];
        for (int c = 0; c < columns; c++) {
            List<String> levels = matrix.levels() == null ? null : matrix.levels().get(c);
            if (levels != null) {
                counts[c] = new long[levels.size()];
            } else if (stats.get(c).min() != null) {
                edges[c] = edges(stats.get(c).min(), stats.get(c).max(), bins);
                counts[c] = new long[edges[c].length - 1];
            }
        }
        float[] features = matrix.features();
        boolean[] mask = matrix.missing();
        for (int r = 0, o = 0; r < matrix.rows(); r++) {
            for (int c = 0; c < columns; c++, o++) {
                if (mask != null && mask[o]) {
                    missing[c]++;
                } else if (edges[c] == null) {
                    counts[c][(int) features[o]]++;   // a level's code
                } else {
                    counts[c][bin(edges[c], features[o])]++;
                }
            }
        }
        List<ColumnHistogram> out = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            String name = matrix.featureNames().get(c);
            if (edges[c] == null) {
                List<String> levels = matrix.levels().get(c);
                List<LevelCount> levelCounts = new ArrayList<>(levels.size());
                for (int code = 0; code < levels.size(); code++) {
                    levelCounts.add(new LevelCount(levels.get(code), counts[c][code]));
                }
                out.add(new ColumnHistogram(name, ColumnType.CATEGORICAL, missing[c], null, levelCounts));
            } else {
                List<HistogramBin> binList = new ArrayList<>(counts[c].length);
                for (int i = 0; i < counts[c].length; i++) {
                    binList.add(new HistogramBin(edges[c][i], edges[c][i + 1], counts[c][i]));
                }
                out.add(new ColumnHistogram(name, ColumnType.NUMERIC, missing[c], binList, null));
            }
        }
        return new DatasetHistograms(matrix.id(), matrix.rows(), out);
    }

    /** The bins' edges from {@code min} to {@code max}: one bin [min, min] for a constant column. */
    static double[] edges(double min, double max, int bins) {
        if (min == max) {
            return new double[] {min, max};
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i < bins; i++) {
            edges[i] = min + (max - min) * i / bins;
        }
        edges[bins] = max;
        return edges;
    }

    /** The bin of {@code x}: the last i with {@code edges[i] ≤ x}, the last bin closed; clamped to the bins. */
    static int bin(double[] edges, double x) {
        int bins = edges.length - 1;
        if (bins == 1) {
            return 0;
        }
        double min = edges[0];
        double max = edges[bins];
        int i = (int) Math.floor((x - min) / (max - min) * bins);
        i = Math.max(0, Math.min(bins - 1, i));
        while (i < bins - 1 && x >= edges[i + 1]) {
            i++;
        }
        while (i > 0 && x < edges[i]) {
            i--;
        }
        return i;
    }
}
