package dev.hourglass.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.hourglass.dataset.Datasets;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.TrainingState;
import dev.hourglass.model.Models;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The end of an epoch, made durable in one transaction: the epoch's metrics row, the job's progress
 * and the checkpoint. A worker that dies after this commit loses nothing of that epoch; one that
 * dies before it redoes the epoch from the previous checkpoint, with the same result.
 */
@Component
class JobCheckpoints {

    private final JobCheckpointRepository checkpoints;
    private final TrainingJobRepository jobs;
    private final Models models;
    private final TransformChunks chunks;
    private final Datasets datasets;
    private final Clock clock;
    private final Timer duration;

    JobCheckpoints(JobCheckpointRepository checkpoints, TrainingJobRepository jobs, Models models,
            TransformChunks chunks, Datasets datasets, Clock clock, MeterRegistry registry) {
        this.checkpoints = checkpoints;
        this.jobs = jobs;
        this.models = models;
        this.chunks = chunks;
        this.datasets = datasets;
        this.clock = clock;
        this.duration = Timer.builder("hourglass.job.checkpoint.duration")
                .description("Time to persist an epoch's metrics, progress and checkpoint").register(registry);
    }

    /**
     * The end of an epoch of one attempt: the engine's report and checkpoint, and the job's progress.
     *
     * @param progress    share of the run's epochs done, 0..1
     * @param etaSeconds  expected seconds to go; null before the attempt's first epoch
     * @param bestChanged whether early stopping's best epoch differs from the one this job's checkpoint holds
     */
    record EpochCompleted(UUID jobId, int attempt, String node, EpochReport report, double progress, Double etaSeconds,
            TrainingState state, boolean bestChanged) {
    }

    /**
     * Thrown when a newer attempt has taken the job over (this node's heartbeat went stale while it kept
     * training): the stale attempt's writes roll back, and it stops without touching the job.
     */
    static final class Superseded extends RuntimeException {
        Superseded(UUID jobId, int attempt) {
            super("attempt " + attempt + " of job " + jobId + " was superseded by a newer attempt", null, false, false);
        }
    }

    /** Records the epoch's metrics, the job's progress and the checkpoint; the job's epoch counts across phases. */
    @Transactional
    void epochCompleted(EpochCompleted e) {
        long start = System.nanoTime();
        EpochReport report = e.report();
        if (jobs.progress(e.jobId(), e.attempt(), report.runEpoch(), report.phase(), e.progress(), report.trainLoss(),
                e.etaSeconds(), clock.instant()) == 0) {
            throw new Superseded(e.jobId(), e.attempt());
        }
        models.recordEpoch(e.jobId(), report.phase(), report);
        // The state without its best epoch, which goes to its own column only when it changed: an epoch that did not
        // improve rewrites neither the best weights nor reads anything back.
        TrainingState.Best best = e.state().best();
        byte[] state = e.state().withBest(null).toBytes();
        Integer bestEpoch = best == null ? null : best.epoch();
        Double bestLoss = best == null ? null : best.validationLoss();
        byte[] bestState = best != null && e.bestChanged() ? e.state().bestOnly().toBytes() : null;
        int updated = bestState == null
                ? checkpoints.updateState(e.jobId(), report.runEpoch(), report.phase(), state, bestEpoch, bestLoss, e.node(),
                        clock.instant())
                : checkpoints.updateStateAndBest(e.jobId(), report.runEpoch(), report.phase(), state, bestEpoch, bestLoss,
                        bestState, e.node(), clock.instant());
        if (updated == 0) {
            checkpoints.insert(e.jobId(), report.runEpoch(), report.phase(), state, bestEpoch, bestLoss,
                    best == null ? null : e.state().bestOnly().toBytes(), e.node(), clock.instant());
        }
        duration.record(Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The engine's state in a checkpoint, with early stopping's best epoch put back from its own column: a
     * {@link TrainingState#bestOnly()} blob, or in checkpoints of earlier versions a whole state holding the best
     * epoch's parameters (its number and loss in the {@code best_*} columns).
     */
    static TrainingState state(JobCheckpoint checkpoint) {
        TrainingState state = TrainingState.fromBytes(checkpoint.state());
        if (state.best() == null && checkpoint.bestState() != null) {
            TrainingState kept = TrainingState.fromBytes(checkpoint.bestState());
            state = state.withBest(kept.best() != null ? kept.best() : new TrainingState.Best(checkpoint.bestEpoch(),
                    kept.lastTrainLoss(), checkpoint.bestLoss(), kept.parameters()));
        }
        return state;
    }

    /** The epoch of the best state a checkpoint holds apart, which a resumed attempt need not write again. */
    static Integer bestEpochKept(JobCheckpoint checkpoint) {
        return checkpoint == null || checkpoint.bestState() == null ? null : checkpoint.bestEpoch();
    }

    /**
     * Publishes the model, marks the job SUCCEEDED and drops its checkpoint together, or none of it (a superseded
     * attempt): no crash can leave a finished job's checkpoint behind.
     */
    @Transactional
    UUID succeed(UUID jobId, int attempt, Models.Publication publication, String stopReason) {
        UUID modelId = models.publish(publication);
        if (jobs.succeed(jobId, attempt, modelId, stopReason, clock.instant()) == 0) {
            throw new Superseded(jobId, attempt);
        }
        checkpoints.deleteByJob(jobId);
        return modelId;
    }

    /** Attempt {@code attempt} ends the job FAILED and drops what it kept to resume, together; 0 if it no longer owns it. */
    @Transactional
    int fail(UUID jobId, int attempt, String error) {
        int updated = jobs.fail(jobId, attempt, error, clock.instant());
        if (updated == 1) {
            remove(jobId);
        }
        return updated;
    }

    /** Attempt {@code attempt} ends the job CANCELLED and drops what it kept to resume, together. */
    @Transactional
    int cancelRunning(UUID jobId, int attempt) {
        int updated = jobs.cancelRunning(jobId, attempt, clock.instant());
        if (updated == 1) {
            remove(jobId);
        }
        return updated;
    }

    /** Cancels a queued job (one handed back at shutdown has a checkpoint) and drops its checkpoint, together. */
    @Transactional
    int cancelQueued(UUID jobId) {
        int updated = jobs.cancelQueued(jobId, clock.instant());
        if (updated == 1) {
            remove(jobId);
        }
        return updated;
    }

    /**
     * A transform's chunk and the job's progress, in one transaction; {@code chunk} counts from 0 and the
     * job's epoch becomes chunk + 1.
     */
    @Transactional
    void chunkCompleted(UUID jobId, int attempt, int chunk, byte[] features, double progress, Double etaSeconds) {
        if (jobs.progress(jobId, attempt, chunk + 1, "transform", progress, null, etaSeconds, clock.instant()) == 0) {
            throw new Superseded(jobId, attempt);
        }
        chunks.insert(jobId, chunk, features);
    }

    /** Stores a transform's result as a dataset and marks the job SUCCEEDED together, or neither. */
    @Transactional
    UUID transformed(UUID jobId, int attempt, Datasets.Derived result) {
        UUID datasetId = datasets.storeDerived(result).id();
        if (jobs.succeedTransform(jobId, attempt, datasetId, clock.instant()) == 0) {
            throw new Superseded(jobId, attempt);
        }
        chunks.delete(jobId);
        return datasetId;
    }

    @Transactional(readOnly = true)
    Optional<JobCheckpoint> find(UUID jobId) {
        return checkpoints.findById(jobId);
    }

    /** Drops what a job kept to resume: its checkpoint, or a transform's chunks (bulk deletes, nothing loaded). */
    private void remove(UUID jobId) {
        checkpoints.deleteByJob(jobId);
        chunks.delete(jobId);
    }
}
