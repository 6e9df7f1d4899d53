package dev.hourglass.engine.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.hourglass.engine.spec.TableLayout;

/**
 * Typed tables with known structure for tests. {@link #synthetic}: four numeric columns driven by two
 * latent factors u, v ~ N(0, 1) (x1 = u, x2 = 0.8u + 0.6v, x3 = v, x4 = u − v, each + 0.1·ε, in units
 * 10 + 3·value), a {@code region} given by the quadrant of (u, v) and a {@code tier} given by the
 * region (gold in north and east, silver in south and west): a row with any other region and tier is
 * impossible. {@link #iris}: the iris fixture (four numeric columns, the species).
 */
public final class MixedTable {

    public static final List<String> SYNTHETIC_COLUMNS = List.of("x1", "region", "x2", "x3", "tier", "x4");
    public static final List<String> REGIONS = List.of("east", "north", "south", "west");
    public static final List<String> TIERS = List.of("gold", "silver");
    public static final TableLayout SYNTHETIC = new TableLayout(new int[] {0, 4, 0, 0, 2, 0});
    public static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
    public static final TableLayout IRIS = new TableLayout(new int[] {0, 0, 0, 0, 3});

    private MixedTable() {
    }

    /** Per column of the synthetic table, null or its levels. */
    public static List<List<String>> syntheticLevels() {
        return Arrays.asList(null, REGIONS, null, null, TIERS, null);
    }

    /** {@code rows} rows of the synthetic table from {@code seed}, every cell present. */
    public static Table synthetic(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[rows * 6];
        for (int i = 0; i < rows; i++) {
            double u = gaussian(r);
            double v = gaussian(r);
            int region = u >= 0 ? (v >= 0 ? 1 : 0) : (v >= 0 ? 3 : 2);   // north, east | west, south
            int tier = region <= 1 ? 0 : 1;
            float[] row = {
                units(u + 0.1 * gaussian(r)), region, units(0.8 * u + 0.6 * v + 0.1 * gaussian(r)),
                units(v + 0.1 * gaussian(r)), tier, units(u - v + 0.1 * gaussian(r)),
            };
            System.arraycopy(row, 0, x, i * 6, 6);
        }
        return new Table(SYNTHETIC, x, rows, null);
    }

    /** The table with every row's tier swapped: each region now has the tier it never has. */
    public static Table impossibleTiers(Table table) {
        float[] x = table.values().clone();
        for (int i = 0; i < table.rows(); i++) {
            x[i * 6 + 4] = 1 - x[i * 6 + 4];
        }
        return new Table(table.layout(), x, table.rows(), table.missing());
    }

    /** The iris fixture: 150 rows of sepal and petal length and width (cm) and the species. */
    public static Table iris() {
        try (InputStream in = MixedTable.class.getResourceAsStream("/fixtures/iris.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            float[] x = new float[lines.size() * 5];
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                for (int c = 0; c < 4; c++) {
                    x[i * 5 + c] = Float.parseFloat(cells[c]);
                }
                x[i * 5 + 4] = SPECIES.indexOf(cells[4]);
            }
            return new Table(IRIS, x, lines.size(), null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A table with a share of its cells hidden (marked missing), and which ones. */
    public record Hidden(Table table, int[] cells) {
    }

    /** Hides {@code fraction} of the observed cells of {@code table}, chosen at random from {@code seed}. */
    public static Hidden hide(Table table, double fraction, long seed) {
        int total = table.rows() * table.columns();
        boolean[] missing = table.missing() == null ? new boolean[total] : table.missing().clone();
        List<Integer> observed = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            if (!missing[i]) {
                observed.add(i);
            }
        }
        java.util.Collections.shuffle(observed, new java.util.Random(seed));
        int[] hidden = observed.subList(0, (int) Math.round(fraction * observed.size())).stream()
                .mapToInt(Integer::intValue).sorted().toArray();
        for (int i : hidden) {
            missing[i] = true;
        }
        return new Hidden(new Table(table.layout(), table.values(), table.rows(), missing), hidden);
    }

    /**
     * The table as CSV text with a header of {@code names}: numbers as they are, levels by their names in
     * {@code levels}, missing cells empty.
     */
    public static String csv(Table table, List<String> names, List<List<String>> levels) {
        StringBuilder out = new StringBuilder(String.join(",", names)).append('\n');
        int cols = table.columns();
        for (int r = 0; r < table.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                out.append(c == 0 ? "" : ",");
                if (table.present(r, c)) {
                    float v = table.values()[r * cols + c];
                    out.append(levels.get(c) != null ? levels.get(c).get((int) v) : Float.toString(v));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** Row {@code r} as a JSON object keyed by {@code names}: numbers, level names, null for a missing cell. */
    public static String json(Table table, int r, List<String> names, List<List<String>> levels) {
        StringBuilder out = new StringBuilder("{");
        int cols = table.columns();
        for (int c = 0; c < cols; c++) {
            out.append(c == 0 ? "" : ", ").append('"').append(names.get(c)).append("\": ");
            float v = table.values()[r * cols + c];
            out.append(!table.present(r, c) ? "null" : levels.get(c) != null ? '"' + levels.get(c).get((int) v) + '"'
                    : Float.toString(v));
        }
        return out.append('}').toString();
    }

    /** What a model's fills scored against the baselines, over the hidden cells. */
    public record Report(double modelSquaredError, double meanSquaredError, int numericCells, double modelAccuracy,
                  double modeAccuracy, int categoricalCells) {

        public double ratio() {
            return modelSquaredError / meanSquaredError;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "numeric: %d cells, model/mean squared error %.4f / %.4f = %.3f;"
                            + " categorical: %d cells, accuracy model %.3f vs mode %.3f", numericCells, modelSquaredError,
                    meanSquaredError, ratio(), categoricalCells, modelAccuracy, modeAccuracy);
        }
    }

    /**
     * How {@code filled} (the table's values with the hidden cells filled) scores on the hidden cells against
     * the baselines: each column's mean and most frequent level over the cells left observed.
     */
    public static Report score(Table full, Hidden hidden, float[] filled) {
        int cols = full.columns();
        double[] mean = new double[cols];
        int[] count = new int[cols];
        int[][] levels = new int[cols][];
        for (int c = 0; c < cols; c++) {
            levels[c] = new int[full.layout().size(c)];
        }
        for (int r = 0; r < full.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                if (hidden.table().present(r, c)) {
                    float v = full.values()[r * cols + c];
                    if (full.layout().categorical(c)) {
                        levels[c][(int) v]++;
                    } else {
                        mean[c] += v;
                        count[c]++;
                    }
                }
            }
        }
        double modelSq = 0;
        double meanSq = 0;
        int numeric = 0;
        int modelRight = 0;
        int modeRight = 0;
        int categorical = 0;
        for (int i : hidden.cells()) {
            int c = i % cols;
            float truth = full.values()[i];
            if (full.layout().categorical(c)) {
                categorical++;
                modelRight += filled[i] == truth ? 1 : 0;
                modeRight += argmax(levels[c]) == (int) truth ? 1 : 0;
            } else {
                numeric++;
                double m = mean[c] / count[c];
                modelSq += (filled[i] - truth) * (filled[i] - truth);
                meanSq += (m - truth) * (m - truth);
            }
        }
        return new Report(modelSq / numeric, meanSq / numeric, numeric, (double) modelRight / categorical,
                (double) modeRight / categorical, categorical);
    }

    private static int argmax(int[] counts) {
        int best = 0;
        for (int k = 1; k < counts.length; k++) {
            best = counts[k] > counts[best] ? k : best;
        }
        return best;
    }

    private static float units(double v) {
        return (float) (10 + 3 * v);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
