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
     * @param progress   share of the run's epochs done, 0..1
     * @param etaSeconds expected seconds to go; null before the attempt's first epoch
     */
    record EpochCompleted(UUID jobId, int attempt, String node, EpochReport report, double progress, Double etaSeconds,
            TrainingState state) {
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
        JobCheckpoint checkpoint = checkpoints.findById(e.jobId()).orElseGet(() -> new JobCheckpoint(e.jobId()));
        TrainingState.Best best = e.state().best();
        checkpoint.update(report.runEpoch(), report.phase(), e.state().toBytes(), best == null ? null : best.epoch(),
                best == null ? null : best.validationLoss(), e.node(), clock.instant());
        checkpoints.save(checkpoint);
        duration.record(Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The engine's state in a checkpoint. Checkpoints written before the state carried early stopping's
     * best epoch keep it in their own columns; it is put back into the state here.
     */
    static TrainingState state(JobCheckpoint checkpoint) {
        TrainingState state = TrainingState.fromBytes(checkpoint.state());
        if (state.best() == null && checkpoint.bestState() != null) {
            TrainingState best = TrainingState.fromBytes(checkpoint.bestState());
            state = state.withBest(new TrainingState.Best(checkpoint.bestEpoch(), best.lastTrainLoss(),
                    checkpoint.bestLoss(), best.parameters()));
        }
        return state;
    }

    /** Publishes the model and marks the job SUCCEEDED together, or neither (a superseded attempt). */
    @Transactional
    UUID succeed(UUID jobId, int attempt, Models.Publication publication, String stopReason) {
        UUID modelId = models.publish(publication);
        if (jobs.succeed(jobId, attempt, modelId, stopReason, clock.instant()) == 0) {
            throw new Superseded(jobId, attempt);
        }
        return modelId;
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

    /** Drops what a job kept to resume: its checkpoint, or a transform's chunks. */
    @Transactional
    void remove(UUID jobId) {
        checkpoints.deleteById(jobId);
        chunks.delete(jobId);
    }
}
