package dev.hourglass.job;

import java.time.Instant;
import java.util.UUID;

import dev.hourglass.engine.spec.Variant;
import dev.hourglass.tenant.Tenancy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A training job: a row with a status and a version. Status changes are verbs that check the
 * from-state; the worker's progress writes and cross-thread cancel requests go through guarded
 * updates in {@link TrainingJobRepository} so that they never overwrite each other.
 */
@Entity
@Table(name = "training_job")
public class TrainingJob {

    @Id
    private UUID id;
    @Enumerated(EnumType.STRING)
    private JobKind kind;
    /** Unused since tenants arrived (migration V10); {@link #tenantId} says whose the job is. */
    private String owner;
    /** The tenant whose job this is; set by {@link TrainingJobs} from the caller when it is submitted. */
    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId = Tenancy.DEFAULT_TENANT;
    private String name;
    @Column(name = "dataset_id", nullable = false)
    private UUID datasetId;
    @Enumerated(EnumType.STRING)
    private Variant variant;
    private String spec;
    @Enumerated(EnumType.STRING)
    private JobStatus status;
    private int epoch;
    private int epochs;
    private String phase;
    private double progress;
    @Column(name = "last_loss")
    private Double lastLoss;
    @Column(name = "eta_seconds")
    private Double etaSeconds;
    private String error;
    private String warnings;
    @Column(name = "model_id")
    private UUID modelId;
    @Column(name = "result_dataset_id")
    private UUID resultDatasetId;
    private int attempt;
    private String node;
    @Column(name = "idempotency_key")
    private String idempotencyKey;
    @Column(name = "request_hash")
    private String requestHash;
    @Column(name = "resumed_from_epoch")
    private Integer resumedFromEpoch;
    @Column(name = "stop_reason")
    private String stopReason;
    /** Runs that ended in something the worker did not handle (retried with backoff, up to a limit). */
    private int retries;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected TrainingJob() {
    }

    TrainingJob(UUID id, String name, UUID datasetId, Variant variant, String spec, int epochs, Instant now) {
        this(id, JobKind.TRAINING, name, datasetId, variant, spec, epochs, now);
    }

    private TrainingJob(UUID id, JobKind kind, String name, UUID datasetId, Variant variant, String spec, int epochs,
            Instant now) {
        this.id = id;
        this.kind = kind;
        this.name = name;
        this.datasetId = datasetId;
        this.variant = variant;
        this.spec = spec;
        this.status = JobStatus.QUEUED;
        this.epochs = epochs;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * A transform of {@code datasetId} through model {@code modelId} (of the given variant), in
     * {@code chunks} chunks: the job's epochs count them.
     */
    static TrainingJob transform(UUID id, String name, UUID datasetId, UUID modelId, Variant variant, String spec,
            int chunks, Instant now) {
        TrainingJob job = new TrainingJob(id, JobKind.TRANSFORM, name, datasetId, variant, spec, chunks, now);
        job.modelId = modelId;
        return job;
    }

    void setWarnings(String warnings) {
        this.warnings = warnings;
    }

    void setTenantId(UUID tenantId) {
        this.tenantId = tenantId;
    }

    public UUID getTenantId() { return tenantId; }

    void setIdempotency(String key, String requestHash) {
        this.idempotencyKey = key;
        this.requestHash = requestHash;
    }

    public UUID getId() { return id; }
    public JobKind getKind() { return kind; }
    public String getName() { return name; }
    public UUID getDatasetId() { return datasetId; }
    public Variant getVariant() { return variant; }
    public String getSpec() { return spec; }
    public JobStatus getStatus() { return status; }
    public int getEpoch() { return epoch; }
    public int getEpochs() { return epochs; }
    public String getPhase() { return phase; }
    public double getProgress() { return progress; }
    public Double getLastLoss() { return lastLoss; }
    public Double getEtaSeconds() { return etaSeconds; }
    public String getError() { return error; }
    public String getWarnings() { return warnings; }
    public UUID getModelId() { return modelId; }
    public UUID getResultDatasetId() { return resultDatasetId; }
    public int getAttempt() { return attempt; }
    public String getNode() { return node; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getStartedAt() { return startedAt; }
    public Instant getFinishedAt() { return finishedAt; }
    public String getRequestHash() { return requestHash; }
    public Integer getResumedFromEpoch() { return resumedFromEpoch; }
    public String getStopReason() { return stopReason; }
    public int getRetries() { return retries; }
}
