package dev.hourglass.job;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import dev.hourglass.engine.anomaly.AnomalyScorer;
import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.anomaly.Scores;
import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.spec.AnomalyScore;
import dev.hourglass.engine.table.Table;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.ModelInputs;

/**
 * What a transform computes for a chunk of rows: the same engine calls, with the same defaults, as the
 * {@code encode}, {@code reconstruct} and {@code score} calls for those rows, written as the new dataset's
 * float32 little-endian cells.
 */
final class Transforms {

    private Transforms() {
    }

    /** The new dataset's columns. */
    static List<String> columns(TransformOutput output, LoadedModel model, List<String> sourceColumns) {
        return switch (output) {
            case CODES -> numbered("code", model.codeDim());
            case RECONSTRUCTIONS -> sourceColumns;
            case SCORES -> model.calibration() == null ? List.of("score") : List.of("score", "anomaly", "pValue");
        };
    }

    /** A source row whose output is not finite: its values overflow the model's float32 arithmetic or cells. */
    static final class NonFiniteRow extends RuntimeException {
        NonFiniteRow(long row) {
            super("Transform failed: row " + row + " of the dataset gives a non-finite output: its values are too far outside the range"
                    + " of the data the model was trained on; nothing was stored");
        }
    }

    /**
     * rows(count, inputDim) in the caller's units, the dataset's rows from {@code firstRow} → the chunk's cells of
     * the new dataset.
     *
     * @throws NonFiniteRow when a cell would be NaN or ±∞ (datasets hold finite values only)
     */
    static byte[] chunk(TransformOutput output, LoadedModel model, float[] rows, int count, long firstRow) {
        return chunk(output, model, rows, null, count, firstRow);
    }

    /**
     * As above; for a model over a typed table, {@code rows(count, table columns)} are in the model's terms
     * (its columns, its level indices; {@link ModelInputs#read}) and {@code missing} marks their missing cells
     * (null: none).
     */
    static byte[] chunk(TransformOutput output, LoadedModel model, float[] rows, boolean[] missing, int count,
                        long firstRow) {
        float[] observed = model.table() == null ? null : Table.observed(missing, count * model.table().columns());
        rows = ModelInputs.networkInput(model, rows, missing, count);
        float[] cells = switch (output) {
            case CODES -> model.autoencoder().encode(rows, count);
            case RECONSTRUCTIONS -> {
                float[] y = model.autoencoder().reconstruct(rows, count);
                model.normalizer().invertInPlace(y, count);
                yield y;
            }
            case SCORES -> scores(model, rows, observed, count);
        };
        int bad = ArrayOps.firstNonFinite(cells);
        if (bad >= 0) {
            throw new NonFiniteRow(firstRow + bad / (cells.length / count));
        }
        ByteBuffer bytes = ByteBuffer.allocate(cells.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(cells);
        return bytes.array();
    }

    private static float[] scores(LoadedModel model, float[] rows, float[] observed, int count) {
        Calibration calibration = model.calibration();
        AnomalyScore kind = calibration == null ? AnomalyScore.MSE : calibration.score();
        Scores s = AnomalyScorer.score(model.autoencoder(), rows, observed, count, kind, AnomalyScorer.DEFAULT_SAMPLES,
                AnomalyScorer.DEFAULT_SEED, false);
        int width = calibration == null ? 1 : 3;
        float[] cells = new float[count * width];
        for (int r = 0; r < count; r++) {
            double score = s.scores()[r];
            cells[r * width] = (float) score;
            if (calibration != null) {
                cells[r * width + 1] = score > calibration.threshold() ? 1f : 0f;
                cells[r * width + 2] = (float) calibration.pValue(score);
            }
        }
        return cells;
    }

    private static List<String> numbered(String prefix, int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
