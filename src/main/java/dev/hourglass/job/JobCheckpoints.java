package dev.hourglass.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.hourglass.engine.train.EpochReport;
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
    private final Clock clock;
    private final Timer duration;

    JobCheckpoints(JobCheckpointRepository checkpoints, TrainingJobRepository jobs, Models models, Clock clock,
            MeterRegistry registry) {
        this.checkpoints = checkpoints;
        this.jobs = jobs;
        this.models = models;
        this.clock = clock;
        this.duration = Timer.builder("hourglass.job.checkpoint.duration")
                .description("Time to persist an epoch's metrics, progress and checkpoint").register(registry);
    }

    /** What early stopping has seen so far; null fields when it is off or nothing was validated yet. */
    record Best(Integer epoch, Double loss, byte[] state) {
        static final Best NONE = new Best(null, null, null);
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

    /** {@code epoch} counts across phases (the job's epoch); the report's epoch is within its phase. */
    @Transactional
    void epochCompleted(UUID jobId, int attempt, String phase, EpochReport report, int epoch, byte[] state, Best best,
            double progress, Double etaSeconds, String node) {
        long start = System.nanoTime();
        if (jobs.progress(jobId, attempt, epoch, phase, progress, report.trainLoss(), etaSeconds, clock.instant()) == 0) {
            throw new Superseded(jobId, attempt);
        }
        models.recordEpoch(jobId, phase, report);
        JobCheckpoint checkpoint = checkpoints.findById(jobId).orElseGet(() -> new JobCheckpoint(jobId));
        checkpoint.update(epoch, phase, state, best.epoch(), best.loss(), best.state(), node, clock.instant());
        checkpoints.save(checkpoint);
        duration.record(Duration.ofNanos(System.nanoTime() - start));
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

    @Transactional(readOnly = true)
    Optional<JobCheckpoint> find(UUID jobId) {
        return checkpoints.findById(jobId);
    }

    @Transactional
    void remove(UUID jobId) {
        checkpoints.deleteById(jobId);
    }
}
