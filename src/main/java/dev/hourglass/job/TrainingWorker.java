package dev.hourglass.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.hourglass.dataset.DatasetMatrix;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.DataSplit;
import dev.hourglass.engine.train.Diagnostics;
import dev.hourglass.engine.train.IdentityCheck;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.engine.train.Trainer;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.train.TrainingDivergedException;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingResult;
import dev.hourglass.engine.train.TrainingState;
import dev.hourglass.model.Models;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one job on a worker thread: claim it (guarded update), resume from its checkpoint if it has
 * one, fit the normalizer on the training rows, train with a checkpoint per epoch, publish the
 * model. Every outcome ends in a terminal status except a hand-back on shutdown, which returns the
 * job to the queue (and is the only exception that reaches the scheduler).
 */
@Component
class TrainingWorker {

    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);
    /** How often a running job re-reads its status, to see a cancel requested on another node. */
    private static final long CANCEL_POLL_NANOS = 1_000_000_000L;

    /** Thrown to db-scheduler so that it re-queues the execution: the job continues from its checkpoint. */
    static final class HandedBack extends RuntimeException {
        HandedBack(UUID jobId) {
            super("Job " + jobId + " handed back to the queue at shutdown", null, false, false);
        }
    }

    private enum Stop { CANCEL, EARLY_STOP, MAX_RUNTIME, DRAIN, SUPERSEDED }

    private final TrainingJobRepository jobs;
    private final JobCheckpoints checkpoints;
    private final Datasets datasets;
    private final JobViewMapper mapper;
    private final JobEvents events;
    private final JobMetrics metrics;
    private final WorkerProperties properties;
    private final Clock clock;
    private final Set<UUID> cancelRequested = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    TrainingWorker(TrainingJobRepository jobs, JobCheckpoints checkpoints, Datasets datasets,
            JobViewMapper mapper, JobEvents events, JobMetrics metrics, WorkerProperties properties, Clock clock) {
        this.jobs = jobs;
        this.checkpoints = checkpoints;
        this.datasets = datasets;
        this.mapper = mapper;
        this.events = events;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Lets a job running on this node see its cancellation before the next status poll. */
    void signalCancel(UUID jobId) {
        cancelRequested.add(jobId);
    }

    /** Shutdown: running jobs stop at their next mini-batch and go back to the queue. */
    void drain() {
        draining = true;
    }

    /** Start (or restart) taking work. */
    void resume() {
        draining = false;
    }

    boolean isDraining() {
        return draining;
    }

    void run(UUID jobId, String node) {
        if (draining) {
            throw new HandedBack(jobId);
        }
        Optional<JobCheckpoint> checkpoint = checkpoints.find(jobId);
        Integer resumedFrom = checkpoint.map(JobCheckpoint::epoch).orElse(null);
        if (jobs.start(jobId, node, resumedFrom, clock.instant()) == 0) {
            JobStatus status = jobs.statusOf(jobId);
            if (status == JobStatus.CANCEL_REQUESTED) {
                // Cancelled while its node was dead: nobody will stop it at a mini-batch now, so end it here.
                finish(jobId, jobs.cancelRunning(jobId, clock.instant()));
            } else {
                log.info("Job {} is no longer runnable (status {}); skipping", jobId, status);
            }
            return;
        }
        if (resumedFrom != null) {
            metrics.resumed();
            log.info("Job {} resumes on {} from its epoch-{} checkpoint", jobId, node, resumedFrom);
        }
        TrainingJob job = jobs.findById(jobId).orElseThrow();
        events.publish(mapper.view(job));
        try {
            train(job, checkpoint.orElse(null), node);
        } catch (HandedBack e) {
            throw e;
        } catch (JobCheckpoints.Superseded e) {
            log.warn("{}; this node stops and leaves the job to it", e.getMessage());
        } catch (TrainingDivergedException e) {
            finish(jobId, jobs.fail(jobId, e.getMessage(), clock.instant()));
        } catch (RuntimeException | Error e) {
            log.error("Job {} failed", jobId, e);
            finish(jobId, jobs.fail(jobId, "Training failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), clock.instant()));
        } finally {
            cancelRequested.remove(jobId);
        }
    }

    private void train(TrainingJob job, JobCheckpoint checkpoint, String node) {
        UUID jobId = job.getId();
        TrainingSpec spec = mapper.spec(job);
        TrainingSpec.Training t = spec.training();
        DatasetMatrix data = datasets.load(job.getDatasetId());
        int threads = t.threads() == null ? properties.effectiveThreadsPerJob()
                : Math.min(t.threads(), properties.effectiveThreadsPerJob());
        TrainingConfig config = EngineSpecs.config(spec, threads);

        float[] features = data.features();
        int[] trainingRows = DataSplit.trainingRows(data.rows(), t.validationFraction(), t.seed());
        Normalizer normalizer = Normalizer.fit(spec.normalization(), features, data.columns(), trainingRows);
        normalizer.applyInPlace(features, data.rows());

        ArchitectureSpec architecture = EngineSpecs.architecture(spec, data.columns());
        Autoencoder autoencoder = Autoencoder.initialize(architecture, t.seed());
        TrainingState resumeFrom = checkpoint == null ? null : TrainingState.fromBytes(checkpoint.state());
        Run run = new Run(jobId, job.getAttempt(), node, spec,
                job.getStartedAt() == null ? clock.instant() : job.getStartedAt(), checkpoint);
        TrainingResult result = new Trainer().train(autoencoder, features, data.rows(), config, run, run::stopRequested,
                resumeFrom);

        Stop stop = result.cancelled() ? run.stop : null;
        if (stop == Stop.SUPERSEDED) {
            throw new JobCheckpoints.Superseded(jobId, job.getAttempt());
        }
        if (stop == Stop.DRAIN) {
            if (jobs.handBack(jobId, clock.instant()) == 1) {
                log.info("Job {} handed back after epoch {}", jobId, result.epochsCompleted());
                events.publish(mapper.view(jobs.findById(jobId).orElseThrow()));
                throw new HandedBack(jobId);
            }
            stop = Stop.CANCEL;   // it was being cancelled anyway
        }
        if (stop == Stop.CANCEL) {
            finish(jobId, jobs.cancelRunning(jobId, clock.instant()));
            return;
        }
        String stopReason = null;
        TrainingState published = null;
        int publishedEpoch = result.epochsCompleted();
        if (t.earlyStopping() != null && run.best.state() != null) {
            published = TrainingState.fromBytes(run.best.state());
            publishedEpoch = run.best.epoch();
            if (stop == Stop.EARLY_STOP) {
                stopReason = "Early stopping: the validation loss did not improve by at least "
                        + t.earlyStopping().minDelta() + " for " + t.earlyStopping().patience()
                        + " epochs; the best epoch (" + run.best.epoch() + ") was restored";
            }
        }
        if (stop == Stop.MAX_RUNTIME) {
            if (run.lastState == null) {
                finish(jobId, jobs.fail(jobId, "maxRuntimeSeconds (" + t.maxRuntimeSeconds()
                        + " s) elapsed before the first epoch completed", clock.instant()));
                return;
            }
            stopReason = "maxRuntimeSeconds (" + t.maxRuntimeSeconds() + " s) reached after epoch "
                    + run.lastEpoch + "; "
                    + (published != null ? "the best epoch (" + run.best.epoch() + ")" : "that epoch's model")
                    + " was published";
            if (published == null) {
                published = run.lastState;
                publishedEpoch = run.lastEpoch;
            }
        }
        if (published != null) {
            autoencoder.setParameters(published.parameters());
        }
        Map<String, Object> finalMetrics = new LinkedHashMap<>();
        finalMetrics.put("epochs", publishedEpoch);
        finalMetrics.put("trainLoss", published != null ? published.lastTrainLoss() : result.finalTrainLoss());
        double validationLoss = published != null ? published.lastValidationLoss() : result.finalValidationLoss();
        if (!Double.isNaN(validationLoss)) {
            finalMetrics.put("validationLoss", validationLoss);
        }
        finalMetrics.put("threads", threads);
        if (!autoencoder.isVariational()) {
            // Does the model reconstruct random rows as well as data rows, i.e. merely copy its input?
            IdentityCheck identity = Diagnostics.identityCheck(autoencoder, features, data.rows(), t.seed());
            finalMetrics.put("identityCheck", identity);
        }
        checkpoints.succeed(jobId, job.getAttempt(), new Models.Publication(jobId, job.getDatasetId(), job.getName(),
                job.getVariant().name(), job.getSpec(), autoencoder, normalizer, finalMetrics), stopReason);
        finish(jobId, 1);
    }

    private void finish(UUID jobId, int updated) {
        checkpoints.remove(jobId);
        TrainingJob job = jobs.findById(jobId).orElseThrow();
        if (updated == 0 && !job.getStatus().isTerminal()) {
            log.warn("Job {} could not reach a terminal state from {}", jobId, job.getStatus());
            return;
        }
        metrics.finished(job.getStatus());
        events.publish(mapper.view(job));
    }

    /** One attempt at a job: listens to the trainer, checkpoints each epoch, and decides when to stop. */
    private final class Run implements TrainingListener {
        private final UUID jobId;
        private final int attempt;
        private final String node;
        private final TrainingSpec.Training training;
        private final int totalEpochs;
        private final int pretrainEpochs;
        private final Instant firstStarted;
        private final long attemptStartNanos = System.nanoTime();
        private final int startEpoch;
        /** Epochs of the phases before the current one, so that progress counts across phases. */
        private int phaseOffset;
        private boolean finalPhase = true;
        private long lastPoll = System.nanoTime();
        private volatile Stop stop;
        private JobCheckpoints.Best best;
        private TrainingState lastState;
        private int lastEpoch;

        Run(UUID jobId, int attempt, String node, TrainingSpec spec, Instant firstStarted, JobCheckpoint checkpoint) {
            this.jobId = jobId;
            this.attempt = attempt;
            this.node = node;
            this.training = spec.training();
            this.totalEpochs = spec.totalEpochs();
            this.pretrainEpochs = spec.stacked() == null ? 0 : spec.stacked().pretrainEpochs();
            this.firstStarted = firstStarted;
            this.startEpoch = checkpoint == null ? 0 : checkpoint.epoch();
            this.best = checkpoint == null ? JobCheckpoints.Best.NONE
                    : new JobCheckpoints.Best(checkpoint.bestEpoch(), checkpoint.bestLoss(), checkpoint.bestState());
            // A resumed attempt that hits maxRuntimeSeconds before its first epoch still has the checkpoint's.
            this.lastState = checkpoint == null ? null : TrainingState.fromBytes(checkpoint.state());
            this.lastEpoch = checkpoint == null ? 0 : checkpoint.epoch();
        }

        /** Stacked plans run "pretrain-1" … "pretrain-k" of pretrainEpochs each, then "fine-tune". */
        @Override
        public void onPhase(String phase, int index, int phases) {
            phaseOffset = (index - 1) * pretrainEpochs;
            finalPhase = index == phases && !phase.startsWith("pretrain");
        }

        @Override
        public void onEpoch(EpochReport report, TrainingState state) {
            byte[] stateBytes = state.toBytes();
            int epoch = phaseOffset + report.epoch();
            // Early stopping watches the end-to-end objective: the last phase, never layer-wise pretraining.
            var early = finalPhase ? training.earlyStopping() : null;
            if (early != null && !Double.isNaN(report.validationLoss())
                    && (best.loss() == null || report.validationLoss() < best.loss() - early.minDelta())) {
                best = new JobCheckpoints.Best(epoch, report.validationLoss(), stateBytes);
            }
            lastState = state;
            lastEpoch = epoch;
            metrics.epoch(report.seconds(), report.samplesPerSecond());
            double progress = (double) epoch / totalEpochs;
            double elapsed = (System.nanoTime() - attemptStartNanos) / 1e9;
            int doneThisAttempt = epoch - startEpoch;
            Double eta = doneThisAttempt > 0 ? elapsed / doneThisAttempt * (totalEpochs - epoch) : null;
            checkpoints.epochCompleted(jobId, attempt, report.phase(), report, epoch, stateBytes, best, progress, eta, node);
            jobs.findById(jobId).map(mapper::view).ifPresent(events::publish);
            if (early != null && best.epoch() != null && epoch - best.epoch() >= early.patience() && epoch < totalEpochs) {
                stop = Stop.EARLY_STOP;
            }
        }

        /** Checked by the trainer before every mini-batch. */
        boolean stopRequested() {
            if (stop != null) {
                return true;
            }
            if (draining) {
                stop = Stop.DRAIN;
            } else if (cancelRequested.contains(jobId)) {
                stop = Stop.CANCEL;
            } else if (training.maxRuntimeSeconds() != null
                    && Duration.between(firstStarted, clock.instant()).getSeconds() >= training.maxRuntimeSeconds()) {
                stop = Stop.MAX_RUNTIME;
            } else {
                long now = System.nanoTime();
                if (now - lastPoll >= CANCEL_POLL_NANOS) {
                    lastPoll = now;
                    TrainingJobRepository.Ownership owner = jobs.ownershipOf(jobId);
                    if (owner.getAttempt() != attempt) {
                        stop = Stop.SUPERSEDED;
                    } else if (owner.getStatus() == JobStatus.CANCEL_REQUESTED) {
                        stop = Stop.CANCEL;
                    }
                }
            }
            return stop != null;
        }
    }
}
