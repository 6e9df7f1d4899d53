package dev.hourglass.engine.train;

/** Callbacks from {@link Trainer#train}, on the training thread. */
public interface TrainingListener {

    /** After each mini-batch; {@code epoch} and {@code batch} are 1-based. */
    default void onBatch(int epoch, int batch, int batchesPerEpoch) {
    }

    /**
     * Before a phase starts (or resumes): {@code index} is 1-based of {@code phases}; a single-stage run
     * has one phase, "train".
     */
    default void onPhase(String phase, int index, int phases) {
    }

    /** After each epoch, with a snapshot from which training can resume (a checkpoint). */
    default void onEpoch(EpochReport report, TrainingState state) {
    }
}
