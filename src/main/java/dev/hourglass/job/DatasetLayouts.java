package dev.hourglass.job;

import java.util.List;

import dev.hourglass.dataset.ColumnStats;
import dev.hourglass.dataset.ColumnType;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.DataProfile;
import dev.hourglass.engine.spec.TableLayout;

/**
 * The engine's view of a dataset from its description, before its rows are loaded: a dataset with a
 * categorical column or a missing cell is a typed table, whose network spans its layout (a one-hot block
 * per categorical column); the worker derives the same layout from the loaded rows.
 */
final class DatasetLayouts {

    private DatasetLayouts() {
    }

    /** The typed table's layout, or null for a dataset of plain numbers with every cell present. */
    static TableLayout layout(DatasetView dataset) {
        List<ColumnStats> stats = dataset.stats();
        boolean typed = stats.stream().anyMatch(s -> s.type() == ColumnType.CATEGORICAL || s.missing() > 0);
        if (!typed) {
            return null;
        }
        int[] levels = new int[stats.size()];
        for (int c = 0; c < levels.length; c++) {
            levels[c] = stats.get(c).type() == ColumnType.CATEGORICAL ? stats.get(c).levels().size() : 0;
        }
        return new TableLayout(levels);
    }

    /** The spec the engine will train on this dataset. */
    static AutoencoderSpec engineSpec(TrainingSpec spec, DatasetView dataset, int threads) {
        return EngineSpecs.of(spec, dataset.columns(), layout(dataset), threads);
    }

    /**
     * The network's width and whether every observed numeric value lies in [0, 1] (one-hot positions do),
     * from the stats.
     */
    static DataProfile profile(DatasetView dataset) {
        TableLayout layout = layout(dataset);
        boolean unit = dataset.stats().stream().filter(s -> s.type() != ColumnType.CATEGORICAL && s.min() != null)
                .allMatch(s -> s.min() >= 0 && s.max() <= 1);
        return new DataProfile(dataset.rows(), layout == null ? dataset.columns() : layout.width(), unit);
    }
}
