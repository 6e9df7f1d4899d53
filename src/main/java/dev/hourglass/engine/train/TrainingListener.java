package dev.hourglass.engine.train;

/** Callbacks from {@link Trainer#train}, on the training thread. */
public interface TrainingListener {

    /** After each mini-batch; {@code epoch} and {@code batch} are 1-based. */
    default void onBatch(int epoch, int batch, int batchesPerEpoch) {
    }

    /** After each epoch, with a snapshot from which training can resume (a checkpoint). */
    default void onEpoch(EpochReport report, TrainingState state) {
    }
}
