package dev.hourglass.model;

import java.util.List;
import java.util.UUID;

import dev.hourglass.engine.anomaly.Calibration;

import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.Normalizer;

/**
 * A model ready for inference: the network, the normalizer fitted on its training rows, its columns'
 * names (null for files that predate them), its anomaly calibration (null if it has none) and, for a
 * model trained on a typed table, that table's columns (null for plain numbers; the normalizer is then
 * its codec's, over the network's positions).
 */
public record LoadedModel(UUID id, Autoencoder autoencoder, Normalizer normalizer, List<String> featureNames,
                          Calibration calibration, TableColumns table) {

    public LoadedModel(UUID id, Autoencoder autoencoder, Normalizer normalizer, List<String> featureNames,
                       Calibration calibration) {
        this(id, autoencoder, normalizer, featureNames, calibration, null);
    }

    /** Columns of the rows a client sends: the table's, or the network's inputs. */
    public int columns() {
        return table == null ? autoencoder.inputDim() : table.columns();
    }

    public int inputDim() {
        return autoencoder.inputDim();
    }

    public int codeDim() {
        return autoencoder.codeDim();
    }

    /** What its parameters weigh in memory (float32), which is most of what a loaded model holds. */
    public long parameterBytes() {
        return autoencoder.parameterCount() * Float.BYTES;
    }
}
