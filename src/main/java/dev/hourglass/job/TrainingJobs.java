package dev.hourglass.job;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.hourglass.dataset.DatasetUsage;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.dataset.Datasets;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.model.LoadedModel;
import dev.hourglass.model.ModelInputs;
import dev.hourglass.model.ModelView;
import dev.hourglass.model.Models;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.Paging;
import dev.hourglass.tenant.Quotas;
import dev.hourglass.tenant.Tenancy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The job module's API: submit, read, cancel and follow training jobs. */
@Service
public class TrainingJobs implements DatasetUsage {

    static final String INVALID_TRANSFORM = "invalid-transform";
    private static final EnumSet<JobStatus> ACTIVE = EnumSet.of(JobStatus.QUEUED, JobStatus.RUNNING,
            JobStatus.CANCEL_REQUESTED);

    private final TrainingJobRepository jobs;
    private final Datasets datasets;
    private final Models models;
    private final JobQueue queue;
    private final TrainingWorker worker;
    private final JobViewMapper mapper;
    private final JobEvents events;
    private final TrainingSpecValidator validator;
    private final JobCheckpoints checkpoints;
    private final JobMetrics metrics;
    private final LimitProperties limits;
    private final int transformChunkRows;
    private final Clock clock;
    private final Quotas quotas;

    TrainingJobs(TrainingJobRepository jobs, Datasets datasets, Models models, JobQueue queue, TrainingWorker worker,
            JobViewMapper mapper, JobEvents events, JobCheckpoints checkpoints, JobMetrics metrics,
            WorkerProperties workers, LimitProperties limits,
            @Value("${hourglass.transform.chunk-rows:4096}") int transformChunkRows, Clock clock, Quotas quotas) {
        this.jobs = jobs;
        this.datasets = datasets;
        this.models = models;
        this.queue = queue;
        this.worker = worker;
        this.mapper = mapper;
        this.events = events;
        this.validator = new TrainingSpecValidator(workers.effectiveThreadsPerJob(), limits.maxParameters());
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.limits = limits;
        this.transformChunkRows = Math.max(1, transformChunkRows);
        this.clock = clock;
        this.quotas = quotas;
    }

    /** A submitted job, and whether it is an earlier one returned for a repeated Idempotency-Key. */
    public record Submission(JobView job, boolean replayed) {
    }

    /**
     * Validates and queues a job. With an idempotency key, a repeat of the same body returns the
     * job queued the first time; the same key with another body is a 409.
     */
    @Transactional
    public Submission submit(TrainingSpec request, String idempotencyKey) {
        if (request == null || request.datasetId() == null) {
            throw ApiException.invalid("invalid-spec", "datasetId", "is required");
        }
        TrainingSpec spec = request.withDefaults();
        String specJson = mapper.specJson(spec);
        String requestHash = sha256(specJson);
        Optional<Submission> earlier = replayed(idempotencyKey, requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        if (worker.isDraining()) {
            throw ApiException.unavailable("shutting-down", "This node is shutting down; retry on another node", 5);
        }
        DatasetView dataset = datasets.get(spec.datasetId());
        validator.validate(spec, dataset);
        checkAccepting();
        AutoencoderSpec engineSpec = DatasetLayouts.engineSpec(spec, dataset, 1);
        long memory = engineSpec.estimatedTrainingBytes(dataset.rows());
        if (memory > limits.maxTrainingMemory().toBytes()) {
            throw ApiException.invalid("training-memory-limit", "encoder", "training would need about "
                    + DataSize.ofBytes(memory).toMegabytes() + " MB; the limit is "
                    + limits.maxTrainingMemory().toMegabytes() + " MB (hourglass.limits.max-training-memory)");
        }
        TrainingJob job = new TrainingJob(UUID.randomUUID(), spec.name(), spec.datasetId(), spec.variant(),
                specJson, engineSpec.training().totalEpochs(spec.encoder().size()), clock.instant());
        // a multimodal network reads its modalities' columns only
        job.setWarnings(warnings(spec, spec.modalities() == null ? dataset.columns() : engineSpec.architecture().inputDim()));
        job.setTenantId(Tenancy.owner());
        job.setIdempotency(idempotencyKey, requestHash);
        jobs.saveAndFlush(job);
        queue.enqueue(job.getId(), clock.instant());
        return new Submission(mapper.view(job), false);
    }

    /**
     * Queues a transform of a dataset through model {@code modelId} into a new dataset; the same
     * idempotency rules as {@link #submit}.
     */
    @Transactional
    public Submission submitTransform(UUID modelId, TransformRequest request, String idempotencyKey) {
        if (request == null || request.datasetId() == null) {
            throw ApiException.invalid(INVALID_TRANSFORM, "datasetId", "is required");
        }
        if (request.output() == null) {
            throw ApiException.invalid(INVALID_TRANSFORM, "output", "is required: CODES, RECONSTRUCTIONS or SCORES");
        }
        if (request.name() != null && request.name().length() > 200) {
            throw ApiException.invalid(INVALID_TRANSFORM, "name", "at most 200 characters");
        }
        TransformSpec spec = new TransformSpec(modelId, request.datasetId(), request.output(), request.name(),
                transformChunkRows);
        String specJson = mapper.specJson(spec);
        String requestHash = sha256(specJson);
        Optional<Submission> earlier = replayed(idempotencyKey, requestHash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        ModelView model = models.get(modelId);
        DatasetView dataset = datasets.get(request.datasetId());
        LoadedModel loaded = models.load(modelId);
        String misfit = ModelInputs.misfit(loaded, DatasetLayouts.columns(dataset));
        if (misfit != null) {
            throw ApiException.invalid(INVALID_TRANSFORM, "datasetId", misfit);
        }
        if (loaded.table() != null && request.output() == TransformOutput.RECONSTRUCTIONS) {
            throw ApiException.invalid(INVALID_TRANSFORM, "output", "a model trained on a typed table reconstructs level"
                    + " names, which a dataset of numbers cannot hold; use CODES or SCORES here, or the reconstruct call");
        }
        String warning = ModelInputs.renamed(loaded, dataset.featureNames());
        checkSize(model, dataset, request.output());
        checkAccepting();
        TrainingJob job = TrainingJob.transform(UUID.randomUUID(), request.name(), dataset.id(), modelId,
                Variant.valueOf(model.variant()), specJson, spec.chunks(dataset.rows()), clock.instant());
        job.setWarnings(warning);
        job.setTenantId(Tenancy.owner());
        job.setIdempotency(idempotencyKey, requestHash);
        jobs.saveAndFlush(job);
        queue.enqueue(job.getId(), clock.instant());
        return new Submission(mapper.view(job), false);
    }

    private void checkSize(ModelView model, DatasetView dataset, TransformOutput output) {
        long width = switch (output) {
            case CODES -> model.codeDim();
            case RECONSTRUCTIONS -> model.inputDim();
            case SCORES -> 3;
        };
        String tooLarge = datasets.derivedSizeProblem(dataset.rows(), width);
        if (tooLarge != null) {
            throw ApiException.invalid(INVALID_TRANSFORM, "output", "the new dataset would be too large: " + tooLarge);
        }
    }

    /**
     * 503 while this node drains, 429 while the queue is full or the caller's tenant is at its queued-jobs quota or
     * stores as many bytes as its quota allows (what the job makes, a model or a dataset, would take it over).
     */
    private void checkAccepting() {
        if (worker.isDraining()) {
            throw ApiException.unavailable("shutting-down", "This node is shutting down; retry on another node", 5);
        }
        long queued = jobs.countByStatus(JobStatus.QUEUED);
        if (queued >= limits.maxQueuedJobs()) {
            throw ApiException.tooManyRequests("queue-full", queued + " jobs are queued; the limit is "
                    + limits.maxQueuedJobs() + " (hourglass.limits.max-queued-jobs)", 30);
        }
        UUID tenant = Tenancy.owner();
        quotas.checkQueued(jobs.countByTenantIdAndStatus(tenant, JobStatus.QUEUED));
        quotas.checkStorage(tenant, 0);
    }

    @Transactional(readOnly = true)
    public boolean hasIdempotencyKey(String idempotencyKey) {
        return jobs.findByTenantIdAndIdempotencyKey(Tenancy.owner(), idempotencyKey).isPresent();
    }

    /** After a unique-key race on the Idempotency-Key: answer with the job that won it. */
    @Transactional(readOnly = true)
    public Submission resubmit(TrainingSpec request, String idempotencyKey) {
        TrainingJob earlier = jobs.findByTenantIdAndIdempotencyKey(Tenancy.owner(), idempotencyKey).orElseThrow();
        return replay(earlier, sha256(mapper.specJson(request.withDefaults())));
    }

    /** As {@link #resubmit}, for a transform. */
    @Transactional(readOnly = true)
    public Submission resubmitTransform(UUID modelId, TransformRequest request, String idempotencyKey) {
        TrainingJob earlier = jobs.findByTenantIdAndIdempotencyKey(Tenancy.owner(), idempotencyKey).orElseThrow();
        return replay(earlier, sha256(mapper.specJson(new TransformSpec(modelId, request.datasetId(), request.output(),
                request.name(), transformChunkRows))));
    }

    /** The job an earlier request with this Idempotency-Key created (409 if its body differed); none without a key. */
    private Optional<Submission> replayed(String idempotencyKey, String requestHash) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return jobs.findByTenantIdAndIdempotencyKey(Tenancy.owner(), idempotencyKey).map(earlier -> replay(earlier, requestHash));
    }

    private Submission replay(TrainingJob earlier, String requestHash) {
        if (!requestHash.equals(earlier.getRequestHash())) {
            throw ApiException.conflict("idempotency-key-reused", "Idempotency-Key was already used for job "
                    + earlier.getId() + " with a different request body");
        }
        return new Submission(mapper.view(earlier), true);
    }

    @Transactional(readOnly = true)
    public JobView get(UUID id) {
        return mapper.view(find(id));
    }

    /**
     * The job's per-epoch history recorded so far, as {@code GET /models/{id}/metrics} shows it for the job's model:
     * each epoch is committed as it ends, so a running job's history grows while it trains.
     */
    @Transactional(readOnly = true)
    public JobMetricsView metrics(UUID id) {
        find(id);
        return new JobMetricsView(id, models.history(id));
    }

    /** Jobs newest first, the caller's own (an ADMIN's: every tenant's). */
    @Transactional(readOnly = true)
    public JobPage list(int page, int size) {
        Optional<UUID> scope = Tenancy.scope();
        Page<TrainingJob> result = scope.isEmpty()
                ? Paging.page(PageRequest.of(page, size), jobs::findAllByOrderByCreatedAtDesc, jobs::count)
                : Paging.page(PageRequest.of(page, size),
                        p -> jobs.findByTenantIdOrderByCreatedAtDesc(scope.get(), p),
                        () -> jobs.countByTenantId(scope.get()));
        return new JobPage(result.map(mapper::view).getContent(), page, size, result.getTotalElements(),
                result.getTotalPages());
    }

    /**
     * A queued job is cancelled at once; a running one is asked to stop at its next mini-batch. A
     * finished job cannot be cancelled (409).
     */
    public JobView cancel(UUID id) {
        TrainingJob job = find(id);
        if (checkpoints.cancelQueued(id) == 1) {   // a job handed back at shutdown is queued with a checkpoint
            queue.dequeue(id);
            JobView view = get(id);
            metrics.finished(JobStatus.CANCELLED);
            events.publish(view);
            return view;
        }
        if (jobs.requestCancel(id, clock.instant()) == 1) {
            worker.signalCancel(id);
            return get(id);
        }
        JobStatus status = jobs.statusOf(job.getId());
        if (status == JobStatus.CANCEL_REQUESTED) {
            return get(id);
        }
        throw ApiException.conflict("job-not-cancellable", "Job " + id + " is " + status + " and cannot be cancelled");
    }

    /** Progress as Server-Sent Events; a finished job's stream carries its terminal event and closes. */
    public SseEmitter events(UUID id) {
        return events.subscribe(get(id));
    }

    @Override
    public boolean isInUse(UUID datasetId) {
        return jobs.existsByDatasetIdAndStatusIn(datasetId, ACTIVE);
    }

    /** The job if the caller may see it: another tenant's is a 404 exactly like a missing one. */
    private TrainingJob find(UUID id) {
        return jobs.findById(id).filter(j -> Tenancy.visible(j.getTenantId()))
                .orElseThrow(() -> ApiException.notFound("job", id));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String warnings(TrainingSpec spec, int inputs) {
        List<String> warnings = new ArrayList<>();
        int code = spec.variational() != null ? spec.variational().latentDim() : spec.encoder().get(spec.encoder().size() - 1);
        if (code >= inputs && !spec.isRegularized()) {
            warnings.add("Overcomplete code (" + code + " ≥ " + inputs
                    + " inputs) without a regularizer: the model can learn the identity and copy its input.");
        }
        return warnings.isEmpty() ? null : String.join("\n", warnings);
    }
}
