package dev.hourglass.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.hourglass.dataset.DatasetMatrix;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.engine.Engine;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.table.Table;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.TrainingDivergedException;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingResult;
import dev.hourglass.engine.train.TrainingState;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.ModelInputs;
import dev.hourglass.model.Models;
import dev.hourglass.tenant.Quotas;
import dev.hourglass.model.TableColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one job on a worker thread: claim it (guarded update), load its data, hand it to the
 * {@link Engine} with the checkpoint to resume from, persist a checkpoint per epoch, and publish the
 * model or end the job as the engine's stop says. Every outcome ends in a terminal status except a hand-back on shutdown, which returns the
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

    /**
     * Thrown (and so not started) when the job's tenant already runs as many jobs as its quota allows: the queue
     * puts the execution back to be claimed again a polling interval later, so that the job stays queued.
     */
    static final class TenantAtRunningLimit extends RuntimeException {
        TenantAtRunningLimit(UUID jobId) {
            super("Job " + jobId + " waits: its tenant runs as many jobs as its quota allows", null, false, false);
        }
    }

    /** Why this node asked the engine to stop a run. */
    private enum Stop { CANCEL, MAX_RUNTIME, DRAIN, SUPERSEDED }

    private final TrainingJobRepository jobs;
    private final JobCheckpoints checkpoints;
    private final Datasets datasets;
    private final Models models;
    private final TransformChunks chunks;
    private final JobViewMapper mapper;
    private final JobEvents events;
    private final JobMetrics metrics;
    private final WorkerProperties properties;
    private final Clock clock;
    private final Quotas quotas;
    private final Set<UUID> cancelRequested = ConcurrentHashMap.newKeySet();
    private volatile boolean draining;

    TrainingWorker(TrainingJobRepository jobs, JobCheckpoints checkpoints, Datasets datasets, Models models,
            TransformChunks chunks, JobViewMapper mapper, JobEvents events, JobMetrics metrics,
            WorkerProperties properties, Clock clock, Quotas quotas) {
        this.jobs = jobs;
        this.checkpoints = checkpoints;
        this.datasets = datasets;
        this.models = models;
        this.chunks = chunks;
        this.mapper = mapper;
        this.events = events;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
        this.quotas = quotas;
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
        Optional<TrainingJob> queued = jobs.findById(jobId);
        // The tenant's running-jobs quota holds back a queued job only; one resumed after its node died is running.
        if (queued.isPresent() && queued.get().getStatus() == JobStatus.QUEUED
                && !quotas.mayStart(jobs.countRunning(queued.get().getTenantId()))) {
            throw new TenantAtRunningLimit(jobId);
        }
        boolean transform = queued.map(j -> j.getKind() == JobKind.TRANSFORM).orElse(false);
        Optional<JobCheckpoint> checkpoint = transform ? Optional.empty() : checkpoints.find(jobId);
        int chunksDone = transform ? chunks.count(jobId) : 0;
        Integer resumedFrom = transform ? (chunksDone > 0 ? Integer.valueOf(chunksDone) : null)
                : checkpoint.map(JobCheckpoint::epoch).orElse(null);
        if (jobs.start(jobId, node, resumedFrom, clock.instant()) == 0) {
            JobStatus status = jobs.statusOf(jobId);
            if (status == JobStatus.CANCEL_REQUESTED) {
                // Cancelled while its node was dead: nobody will stop it at a mini-batch now, so end it here (as the
                // attempt that owned it, which start() did not move on).
                finish(jobId, checkpoints.cancelRunning(jobId, jobs.ownershipOf(jobId).getAttempt()));
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
        if (transform) {
            // Counted again now that this attempt owns the job: until start() moved the attempt on, an earlier
            // owner could still commit a chunk, which this attempt must not compute (and insert) a second time.
            int owned = chunks.count(jobId);
            if (owned != chunksDone) {
                chunksDone = owned;
                jobs.resumedFrom(jobId, job.getAttempt(), owned);
                job = jobs.findById(jobId).orElseThrow();
            }
        }
        events.publish(mapper.view(job));
        try {
            if (transform) {
                transform(job, node, chunksDone);
            } else {
                train(job, checkpoint.orElse(null), node);
            }
        } catch (HandedBack e) {
            throw e;
        } catch (JobCheckpoints.Superseded e) {
            log.warn("{}; this node stops and leaves the job to it", e.getMessage());
        } catch (TrainingDivergedException | Transforms.NonFiniteRow e) {
            finish(jobId, checkpoints.fail(jobId, job.getAttempt(), e.getMessage()));
        } catch (RuntimeException | Error e) {
            String reference = reference();
            log.error("Job {} failed (reference {})", jobId, reference, e);
            finish(jobId, checkpoints.fail(jobId, job.getAttempt(), internalError(transform, reference, "")));
        } finally {
            cancelRequested.remove(jobId);
        }
    }

    /**
     * Something escaped {@link #run} (not a hand-back): the database went away mid-run, or the failure could not
     * even be recorded. Counts it on the job and answers when to run it again, after a delay that doubles at
     * each failure; past {@code max-retries} it fails the job (as the attempt that owns it) and answers null, as
     * it does for a job that is gone.
     */
    Instant retryAfter(UUID jobId, Throwable cause) {
        String reference = reference();
        log.error("Run of job {} failed outside the job's own handling (reference {})", jobId, reference, cause);
        if (jobs.countRetry(jobId) == 0) {
            return null;
        }
        int retries = jobs.retriesOf(jobId);
        if (retries <= properties.maxRetries()) {
            Duration delay = properties.retryDelay(retries);
            log.warn("Job {} runs again in {} (retry {} of {})", jobId, delay, retries, properties.maxRetries());
            return clock.instant().plus(delay);
        }
        boolean transform = jobs.findById(jobId).map(j -> j.getKind() == JobKind.TRANSFORM).orElse(false);
        finish(jobId, checkpoints.fail(jobId, jobs.ownershipOf(jobId).getAttempt(), internalError(transform, reference,
                ", retried " + properties.maxRetries() + " times")));
        return null;
    }

    /**
     * The job's error is read by whoever can see the job: an exception's class and message may name internals
     * (hosts, paths, queries), so they go to the log only, found by the reference.
     */
    private static String internalError(boolean transform, String reference, String retried) {
        return (transform ? "Transform" : "Training") + " failed: an internal error" + retried + " (reference "
                + reference + "); the node's log has the details";
    }

    private static String reference() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private void train(TrainingJob job, JobCheckpoint checkpoint, String node) {
        UUID jobId = job.getId();
        TrainingSpec spec = mapper.spec(job);
        DatasetMatrix data = datasets.load(job.getDatasetId());
        int threads = spec.training().threads() == null ? properties.effectiveThreadsPerJob()
                : Math.min(spec.training().threads(), properties.effectiveThreadsPerJob());
        Run run = new Run(job, node, spec.training().maxRuntimeSeconds(), checkpoint == null ? 0 : checkpoint.epoch());
        run.bestKept = JobCheckpoints.bestEpochKept(checkpoint);
        TrainingState state = checkpoint == null ? null : JobCheckpoints.state(checkpoint);
        List<String> featureNames = data.featureNames();
        Engine.Outcome outcome;
        if (spec.modalities() != null) {
            // The network reads the modalities' columns one after another; its model names them in that order.
            int[] order = ModalityColumns.resolve(spec.modalities(), data.featureNames()).order();
            featureNames = Arrays.stream(order).mapToObj(data.featureNames()::get).toList();
            outcome = Engine.train(columns(data, order), classes(datasets.labels(job.getDatasetId())),
                    EngineSpecs.of(spec, data.featureNames(), null, threads), run, state);
        } else {
            TableLayout layout = layout(data);
            outcome = Engine.train(new Table(layout == null ? TableLayout.numeric(data.columns()) : layout,
                    data.features(), data.rows(), data.missing()),
                    EngineSpecs.of(spec, data.featureNames(), layout, threads), run, state);
        }
        TrainingResult result = outcome.result();
        String stopReason = null;
        switch (result.stop()) {
            case COMPLETED -> { }
            case EARLY_STOPPED -> stopReason = "Early stopping: the validation loss did not improve by at least "
                    + spec.training().earlyStopping().minDelta() + " for " + spec.training().earlyStopping().patience()
                    + " epochs; the best epoch (" + result.modelEpoch() + ") was restored";
            case STOP_REQUESTED -> {
                if (run.stop != Stop.MAX_RUNTIME) {
                    stopped(job, run.stop, result.epochsCompleted());
                    return;
                }
                Long limit = spec.training().maxRuntimeSeconds();
                if (result.modelEpoch() == 0) {
                    finish(jobId, checkpoints.fail(jobId, job.getAttempt(), "maxRuntimeSeconds (" + limit
                            + " s) elapsed before the first epoch completed"));
                    return;
                }
                stopReason = "maxRuntimeSeconds (" + limit + " s) reached after epoch " + result.epochsCompleted() + "; "
                        + (result.modelIsBest() ? "the best epoch (" + result.modelEpoch() + ")" : "that epoch's model")
                        + " was published";
            }
        }
        Map<String, Object> finalMetrics = new LinkedHashMap<>();
        finalMetrics.put("epochs", result.modelEpoch());
        finalMetrics.put("trainLoss", result.trainLoss());
        if (!Double.isNaN(result.validationLoss())) {
            finalMetrics.put("validationLoss", result.validationLoss());
        }
        finalMetrics.put("threads", threads);
        if (outcome.identityCheck() != null) {
            // Does the model reconstruct random rows as well as data rows, i.e. merely copy its input?
            finalMetrics.put("identityCheck", outcome.identityCheck());
        }
        checkpoints.succeed(jobId, job.getAttempt(), new Models.Publication(job.getTenantId(), jobId, job.getDatasetId(), job.getName(),
                job.getVariant().name(), job.getSpec(), outcome.model(), outcome.normalizer(), finalMetrics,
                featureNames, outcome.calibration(),
                outcome.codec() == null ? null : new TableColumns(levels(data), outcome.codec())), stopReason);
        finish(jobId, 1);
    }

    /** The rows of {@code data} with only the given columns, in that order. */
    private static Engine.Matrix columns(DatasetMatrix data, int[] order) {
        int n = order.length;
        float[] values = new float[Math.multiplyExact(data.rows(), n)];
        float[] features = data.features();
        for (int r = 0; r < data.rows(); r++) {
            int from = r * data.columns();
            for (int i = 0; i < n; i++) {
                values[r * n + i] = features[from + order[i]];
            }
        }
        return new Engine.Matrix(values, data.rows(), n);
    }

    /** Each row's class: the index of its label among the distinct labels in sorted order; null without labels. */
    private static int[] classes(List<String> labels) {
        if (labels == null) {
            return null;
        }
        List<String> sorted = labels.stream().distinct().sorted().toList();
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int k = 0; k < sorted.size(); k++) {
            index.put(sorted.get(k), k);
        }
        return labels.stream().mapToInt(index::get).toArray();
    }

    /** A typed table's layout (categorical columns or missing cells), or null for plain numbers. */
    static TableLayout layout(DatasetMatrix data) {
        return data.typed() ? TableLayout.of(levels(data)) : null;
    }

    /** Per column null or its levels. */
    private static List<List<String>> levels(DatasetMatrix data) {
        return data.levels() != null ? data.levels() : java.util.Collections.nCopies(data.columns(), null);
    }

    /**
     * Runs a transform chunk by chunk from chunk {@code done}, each chunk committed with the job's progress,
     * then stores the chunks as the new dataset.
     */
    private void transform(TrainingJob job, String node, int done) {
        UUID jobId = job.getId();
        TransformSpec spec = mapper.transform(job);
        LoadedModel model = models.load(spec.modelId());
        DatasetMatrix data = datasets.load(spec.datasetId());
        int count = spec.chunks(data.rows());
        ModelInputs.Input input = ModelInputs.read(model, DatasetLayouts.source(data));
        Run run = new Run(job, node, null, done);
        for (int c = done; c < count; c++) {
            if (run.stopRequested()) {
                stopped(job, run.stop, c);
                return;
            }
            int from = c * spec.chunkRows();
            int m = Math.min(spec.chunkRows(), data.rows() - from);
            ModelInputs.Input part = input.range(from, m);
            byte[] chunk = Transforms.chunk(spec.output(), model, part.values(), part.missing(), m, from);
            checkpoints.chunkCompleted(jobId, job.getAttempt(), c, chunk, (c + 1.0) / count, run.eta(c + 1, count));
            jobs.findById(jobId).map(mapper::view).ifPresent(events::publish);
        }
        List<String> columns = Transforms.columns(spec.output(), model, input.columns());
        byte[] cells = new byte[Math.toIntExact((long) data.rows() * columns.size() * Float.BYTES)];
        chunks.readInto(jobId, cells);
        String name = spec.name() != null ? spec.name()
                : datasets.get(spec.datasetId()).name() + " " + spec.output().name().toLowerCase(Locale.ROOT);
        checkpoints.transformed(jobId, job.getAttempt(), new Datasets.Derived(job.getTenantId(), spec.datasetId(), name, columns,
                data.rows(), cells));
        finish(jobId, 1);
    }

    /** The run stopped because this node asked it to (not maxRuntimeSeconds): ends the job as the reason says. */
    private void stopped(TrainingJob job, Stop stop, int epochsDone) {
        UUID jobId = job.getId();
        switch (stop) {
            case SUPERSEDED -> throw new JobCheckpoints.Superseded(jobId, job.getAttempt());
            case DRAIN -> {
                if (jobs.handBack(jobId, job.getAttempt(), clock.instant()) == 1) {
                    log.info("Job {} handed back after epoch {}", jobId, epochsDone);
                    events.publish(mapper.view(jobs.findById(jobId).orElseThrow()));
                    throw new HandedBack(jobId);
                }
                finish(jobId, checkpoints.cancelRunning(jobId, job.getAttempt()));   // it was being cancelled anyway
            }
            default -> finish(jobId, checkpoints.cancelRunning(jobId, job.getAttempt()));
        }
    }

    /** After the transaction that ended the job (and dropped its checkpoint): its metric and its last event. */
    private void finish(UUID jobId, int updated) {
        TrainingJob job = jobs.findById(jobId).orElseThrow();
        if (updated == 0 && !job.getStatus().isTerminal()) {
            log.warn("Job {} could not reach a terminal state from {}", jobId, job.getStatus());
            return;
        }
        metrics.finished(job.getStatus());
        events.publish(mapper.view(job));
    }

    /** One attempt at a job: checkpoints each epoch, and tells the engine (or a transform) when to stop. */
    private final class Run implements TrainingListener {
        private final UUID jobId;
        private final int attempt;
        private final String node;
        private final Long maxRuntimeSeconds;
        private final Instant firstStarted;
        private final long attemptStartNanos = System.nanoTime();
        private final int startEpoch;
        /** The best epoch whose weights the job's checkpoint holds apart; written again only when it changes. */
        private Integer bestKept;
        private long lastPoll = System.nanoTime();
        private volatile Stop stop;

        /** @param startEpoch the epoch (or chunk) the attempt starts from */
        Run(TrainingJob job, String node, Long maxRuntimeSeconds, int startEpoch) {
            this.jobId = job.getId();
            this.attempt = job.getAttempt();
            this.node = node;
            this.maxRuntimeSeconds = maxRuntimeSeconds;
            this.firstStarted = job.getStartedAt() == null ? clock.instant() : job.getStartedAt();
            this.startEpoch = startEpoch;
        }

        /** Seconds to go after {@code epoch} of {@code epochs}, at this attempt's pace; null before its first. */
        Double eta(int epoch, int epochs) {
            int doneThisAttempt = epoch - startEpoch;
            double elapsed = (System.nanoTime() - attemptStartNanos) / 1e9;
            return doneThisAttempt > 0 ? elapsed / doneThisAttempt * (epochs - epoch) : null;
        }

        @Override
        public void onEpoch(EpochReport report, TrainingState state) {
            int epoch = report.runEpoch();
            metrics.epoch(report.seconds(), report.samplesPerSecond());
            TrainingState.Best best = state.best();
            boolean bestChanged = best != null && !Integer.valueOf(best.epoch()).equals(bestKept);
            checkpoints.epochCompleted(new JobCheckpoints.EpochCompleted(jobId, attempt, node, report,
                    (double) epoch / report.runEpochs(), eta(epoch, report.runEpochs()), state, bestChanged));
            if (bestChanged) {
                bestKept = best.epoch();
            }
            jobs.findById(jobId).map(mapper::view).ifPresent(events::publish);
        }

        /** Checked by the engine before every mini-batch. */
        @Override
        public boolean stopRequested() {
            if (stop != null) {
                return true;
            }
            if (draining) {
                stop = Stop.DRAIN;
            } else if (cancelRequested.contains(jobId)) {
                stop = Stop.CANCEL;
            } else if (maxRuntimeSeconds != null
                    && Duration.between(firstStarted, clock.instant()).getSeconds() >= maxRuntimeSeconds) {
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
