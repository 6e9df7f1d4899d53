package dev.hourglass.engine.train;

/** Callbacks from a training run, on its thread, and the run's stop switch. */
public interface TrainingListener {

    /** Listens to nothing and never stops a run. */
    TrainingListener NONE = new TrainingListener() { };

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

    /**
     * Asked before every mini-batch: true stops the run there, and the model goes back to the last
     * completed epoch (or the best one, with early stopping).
     */
    default boolean stopRequested() {
        return false;
    }
}
