package dev.hourglass.job;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import dev.hourglass.dataset.DatasetMatrix;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.engine.train.ArchitectureSpec;
import dev.hourglass.engine.train.DataSplit;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.engine.train.Trainer;
import dev.hourglass.engine.train.TrainingConfig;
import dev.hourglass.engine.train.TrainingDivergedException;
import dev.hourglass.engine.train.TrainingListener;
import dev.hourglass.engine.train.TrainingResult;
import dev.hourglass.engine.train.TrainingState;
import dev.hourglass.model.Models;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one job on a worker thread: claim it (guarded update), fit the normalizer on the training
 * rows, train, publish the model. Every outcome ends in a terminal status; nothing escapes to the
 * scheduler, so a failed job is never retried blindly.
 */
@Component
class TrainingWorker {

    private static final Logger log = LoggerFactory.getLogger(TrainingWorker.class);
    /** How often a running job re-reads its status, to see a cancel requested on another node. */
    private static final long CANCEL_POLL_NANOS = 1_000_000_000L;

    private final TrainingJobRepository jobs;
    private final Datasets datasets;
    private final Models models;
    private final JobViewMapper mapper;
    private final JobEvents events;
    private final JobMetrics metrics;
    private final WorkerProperties properties;
    private final Clock clock;
    private final Set<UUID> cancelRequested = ConcurrentHashMap.newKeySet();

    TrainingWorker(TrainingJobRepository jobs, Datasets datasets, Models models, JobViewMapper mapper,
            JobEvents events, JobMetrics metrics, WorkerProperties properties, Clock clock) {
        this.jobs = jobs;
        this.datasets = datasets;
        this.models = models;
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

    void run(UUID jobId, String node) {
        if (jobs.start(jobId, node, clock.instant()) == 0) {
            log.info("Job {} is no longer runnable (status {}); skipping", jobId, jobs.statusOf(jobId));
            return;
        }
        TrainingJob job = jobs.findById(jobId).orElseThrow();
        events.progress(mapper.view(job));
        try {
            train(job);
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

    private void train(TrainingJob job) {
        UUID jobId = job.getId();
        TrainingSpec spec = mapper.spec(job);
        TrainingSpec.Training t = spec.training();
        DatasetMatrix data = datasets.load(job.getDatasetId());
        int threads = t.threads() == null ? properties.effectiveThreadsPerJob()
                : Math.min(t.threads(), properties.effectiveThreadsPerJob());
        TrainingConfig config = new TrainingConfig(t.epochs(), t.batchSize(), t.optimizer(),
                t.learningRate().floatValue(), t.momentum().floatValue(), spec.weightDecay().floatValue(), spec.loss(),
                t.validationFraction(), t.seed(), threads);

        float[] features = data.features();
        int[] trainingRows = DataSplit.trainingRows(data.rows(), t.validationFraction(), t.seed());
        Normalizer normalizer = Normalizer.fit(spec.normalization(), gather(features, data.columns(), trainingRows),
                trainingRows.length, data.columns());
        normalizer.applyInPlace(features, data.rows());

        ArchitectureSpec architecture = new ArchitectureSpec(data.columns(), toArray(spec.encoder()),
                spec.decoder() == null ? null : toArray(spec.decoder()), spec.activation(), spec.outputActivation(),
                spec.tiedWeights());
        Autoencoder autoencoder = Autoencoder.initialize(architecture, t.seed());
        long startNanos = System.nanoTime();
        ProgressListener listener = new ProgressListener(jobId, t.epochs(), startNanos);
        TrainingResult result = new Trainer().train(autoencoder, features, data.rows(), config, listener,
                cancelCheck(jobId), null);

        if (result.cancelled()) {
            finish(jobId, jobs.cancelRunning(jobId, clock.instant()));
            return;
        }
        Map<String, Object> finalMetrics = new LinkedHashMap<>();
        finalMetrics.put("epochs", result.epochsCompleted());
        finalMetrics.put("trainLoss", result.finalTrainLoss());
        if (!Double.isNaN(result.finalValidationLoss())) {
            finalMetrics.put("validationLoss", result.finalValidationLoss());
        }
        finalMetrics.put("trainingSeconds", (System.nanoTime() - startNanos) / 1e9);
        finalMetrics.put("threads", threads);
        UUID modelId = models.publish(new Models.Publication(jobId, job.getDatasetId(), job.getName(),
                job.getVariant().name(), job.getSpec(), autoencoder, normalizer, finalMetrics));
        finish(jobId, jobs.succeed(jobId, modelId, job.getWarnings(), clock.instant()));
    }

    private void finish(UUID jobId, int updated) {
        TrainingJob job = jobs.findById(jobId).orElseThrow();
        if (updated == 0 && !job.getStatus().isTerminal()) {
            log.warn("Job {} could not reach a terminal state from {}", jobId, job.getStatus());
            return;
        }
        metrics.finished(job.getStatus());
        events.finished(mapper.view(job));
    }

    private BooleanSupplier cancelCheck(UUID jobId) {
        long[] lastPoll = {System.nanoTime()};
        return () -> {
            if (cancelRequested.contains(jobId)) {
                return true;
            }
            long now = System.nanoTime();
            if (now - lastPoll[0] < CANCEL_POLL_NANOS) {
                return false;
            }
            lastPoll[0] = now;
            return jobs.statusOf(jobId) == JobStatus.CANCEL_REQUESTED;
        };
    }

    private final class ProgressListener implements TrainingListener {
        private final UUID jobId;
        private final int epochs;
        private final long startNanos;

        ProgressListener(UUID jobId, int epochs, long startNanos) {
            this.jobId = jobId;
            this.epochs = epochs;
            this.startNanos = startNanos;
        }

        @Override
        public void onEpoch(EpochReport report, TrainingState state) {
            models.recordEpoch(jobId, "train", report);
            metrics.epoch(report.seconds(), report.samplesPerSecond());
            double progress = (double) report.epoch() / epochs;
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            double eta = elapsed / progress - elapsed;
            jobs.progress(jobId, report.epoch(), "train", progress, report.trainLoss(), eta, clock.instant());
            jobs.findById(jobId).ifPresent(job -> events.progress(mapper.view(job)));
        }
    }

    private static float[] gather(float[] rows, int columns, int[] indices) {
        float[] out = new float[indices.length * columns];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(rows, indices[i] * columns, out, i * columns, columns);
        }
        return out;
    }

    private static int[] toArray(java.util.List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
