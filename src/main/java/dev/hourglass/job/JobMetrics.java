package dev.hourglass.job;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Job meters: queue depth and running jobs (from the database), outcomes, epoch time, throughput. */
@Component
class JobMetrics {

    private final MeterRegistry registry;
    private final Timer epochDuration;
    private final DistributionSummary samplesPerSecond;
    private final Counter resumes;

    JobMetrics(MeterRegistry registry, TrainingJobRepository jobs) {
        this.registry = registry;
        Gauge.builder("hourglass.jobs.queued", jobs, r -> r.countByStatus(JobStatus.QUEUED))
                .description("Jobs waiting for a worker").register(registry);
        Gauge.builder("hourglass.jobs.running", jobs,
                        r -> r.countByStatus(JobStatus.RUNNING) + r.countByStatus(JobStatus.CANCEL_REQUESTED))
                .description("Jobs being trained on any node").register(registry);
        for (JobStatus outcome : new JobStatus[] {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED}) {
            finishedCounter(outcome);
        }
        this.epochDuration = Timer.builder("hourglass.job.epoch.duration")
                .description("Wall time of one training epoch").register(registry);
        this.samplesPerSecond = DistributionSummary.builder("hourglass.job.samples.per.second")
                .description("Training throughput of an epoch").baseUnit("samples").register(registry);
        this.resumes = Counter.builder("hourglass.jobs.resumed")
                .description("Jobs that continued from a checkpoint on this node").register(registry);
    }

    void resumed() {
        resumes.increment();
    }

    void finished(JobStatus outcome) {
        finishedCounter(outcome).increment();
    }

    void epoch(double seconds, double samplesPerSec) {
        epochDuration.record(Duration.ofNanos((long) (seconds * 1e9)));
        samplesPerSecond.record(samplesPerSec);
    }

    private Counter finishedCounter(JobStatus outcome) {
        return Counter.builder("hourglass.jobs.finished").tag("outcome", outcome.name())
                .description("Jobs that reached a terminal state on this node").register(registry);
    }
}
