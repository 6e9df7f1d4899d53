package dev.hourglass.job;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import dev.hourglass.dataset.ColumnStats;
import dev.hourglass.dataset.ColumnType;
import dev.hourglass.dataset.DatasetMatrix;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.DataProfile;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.model.ModelInputs;

/**
 * The engine's view of a dataset from its description, before its rows are loaded: a dataset with a
 * categorical column or a missing cell is a typed table, whose network spans its layout (a one-hot block
 * per categorical column); the worker derives the same layout from the loaded rows. Also a dataset as a trained
 * model reads it ({@link ModelInputs}).
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

    /** The dataset's columns as a model checks them ({@link ModelInputs#misfit}). */
    static List<ModelInputs.Column> columns(DatasetView dataset) {
        return dataset.stats().stream()
                .map(s -> new ModelInputs.Column(s.name(), s.type() == ColumnType.CATEGORICAL, s.missing() > 0))
                .toList();
    }

    /** The loaded rows as a model reads them ({@link ModelInputs#read}). */
    static ModelInputs.Source source(DatasetMatrix data) {
        return new ModelInputs.Source(data.rows(), data.columns(), data.features(), data.featureNames(), data.levels(),
                data.missing());
    }

    /** The spec the engine will train on this dataset. */
    static AutoencoderSpec engineSpec(TrainingSpec spec, DatasetView dataset, int threads) {
        return EngineSpecs.of(spec, dataset.featureNames(), layout(dataset), threads);
    }

    /**
     * The network's width and whether every observed numeric value it reads lies in [0, 1] (one-hot positions
     * do), from the stats: a multimodal network reads its modalities' columns only.
     */
    static DataProfile profile(TrainingSpec spec, DatasetView dataset) {
        if (spec.modalities() != null) {
            int[] used = ModalityColumns.resolve(spec.modalities(), dataset.featureNames()).order();
            return new DataProfile(dataset.rows(), used.length,
                    withinUnitInterval(Arrays.stream(used).mapToObj(dataset.stats()::get)));
        }
        TableLayout layout = layout(dataset);
        return new DataProfile(dataset.rows(), layout == null ? dataset.columns() : layout.width(),
                withinUnitInterval(dataset.stats().stream()));
    }

    private static boolean withinUnitInterval(Stream<ColumnStats> stats) {
        return stats.filter(s -> s.type() != ColumnType.CATEGORICAL && s.min() != null)
                .allMatch(s -> s.min() >= 0 && s.max() <= 1);
    }
}
