package dev.hourglass.dataset;

import java.util.UUID;

/**
 * Implemented by modules that hold on to datasets (the job module: queued and running jobs) so that a dataset
 * in use cannot be deleted. {@link Datasets#delete} asks every bean of this type and answers 409
 * {@code dataset-in-use} if any says yes.
 */
public interface DatasetUsage {

    boolean isInUse(UUID datasetId);
}
