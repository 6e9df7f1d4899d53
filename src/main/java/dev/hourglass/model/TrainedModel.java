package dev.hourglass.model;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A published model's metadata; its weights live in {@link ModelArtifact}, loaded only for inference. */
@Entity
@Table(name = "trained_model")
public class TrainedModel {

    @Id
    private UUID id;
    /** Unused since tenants arrived (migration V10); {@link #tenantId} says whose the model is. */
    private String owner;
    @Column(name = "tenant_id", nullable = false)
    private UUID tenantId;
    private String name;
    @Column(name = "job_id")
    private UUID jobId;
    @Column(name = "dataset_id")
    private UUID datasetId;
    private String variant;
    private String spec;
    @Column(name = "input_dim")
    private int inputDim;
    @Column(name = "code_dim")
    private int codeDim;
    @Column(name = "parameter_count")
    private long parameterCount;
    @Column(name = "final_metrics")
    private String finalMetrics;
    @Column(name = "weights_sha256")
    private String weightsSha256;
    private String anomaly;
    /** A typed table model's columns (JSON list of {@link TableColumns.ColumnView}), or null. */
    private String columns;
    /** A multimodal model's modalities (JSON list of {@link ModalityView}), or null. */
    private String modalities;
    @Column(name = "created_at")
    private Instant createdAt;

    protected TrainedModel() {
    }

    TrainedModel(UUID id, UUID tenantId, String name, UUID jobId, UUID datasetId, String variant, String spec, int inputDim,
            int codeDim, long parameterCount, String finalMetrics, String weightsSha256, String anomaly, String columns, String modalities,
            Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = name;
        this.jobId = jobId;
        this.datasetId = datasetId;
        this.variant = variant;
        this.spec = spec;
        this.inputDim = inputDim;
        this.codeDim = codeDim;
        this.parameterCount = parameterCount;
        this.finalMetrics = finalMetrics;
        this.weightsSha256 = weightsSha256;
        this.anomaly = anomaly;
        this.columns = columns;
        this.modalities = modalities;
        this.createdAt = createdAt;
    }

    public UUID getId() { return id; }
    public UUID getTenantId() { return tenantId; }
    public String getName() { return name; }
    public UUID getJobId() { return jobId; }
    public UUID getDatasetId() { return datasetId; }
    public String getVariant() { return variant; }
    public String getSpec() { return spec; }
    public int getInputDim() { return inputDim; }
    public int getCodeDim() { return codeDim; }
    public long getParameterCount() { return parameterCount; }
    public String getFinalMetrics() { return finalMetrics; }
    public String getWeightsSha256() { return weightsSha256; }
    /** The {@link AnomalyView} as JSON, or null. */
    public String getAnomaly() { return anomaly; }
    public String getColumns() { return columns; }
    public String getModalities() { return modalities; }
    public Instant getCreatedAt() { return createdAt; }
}
