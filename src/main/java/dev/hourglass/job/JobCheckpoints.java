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

    @Transactional
    /** {@code epoch} counts across phases (the job's epoch); the report's epoch is within its phase. */
    void epochCompleted(UUID jobId, String phase, EpochReport report, int epoch, byte[] state, Best best,
            double progress, Double etaSeconds, String node) {
        long start = System.nanoTime();
        models.recordEpoch(jobId, phase, report);
        jobs.progress(jobId, epoch, phase, progress, report.trainLoss(), etaSeconds, clock.instant());
        JobCheckpoint checkpoint = checkpoints.findById(jobId).orElseGet(() -> new JobCheckpoint(jobId));
        checkpoint.update(epoch, phase, state, best.epoch(), best.loss(), best.state(), node, clock.instant());
        checkpoints.save(checkpoint);
        duration.record(Duration.ofNanos(System.nanoTime() - start));
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
