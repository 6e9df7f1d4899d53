package dev.hourglass.model;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The model file ({@link ModelArtifactCodec}) as stored: one row per model, read only to load weights. */
@Entity
@Table(name = "model_artifact")
class ModelArtifact {

    @Id
    @Column(name = "model_id")
    private UUID modelId;
    @Column(name = "format_version")
    private int formatVersion;
    private byte[] content;

    protected ModelArtifact() {
    }

    ModelArtifact(UUID modelId, int formatVersion, byte[] content) {
        this.modelId = modelId;
        this.formatVersion = formatVersion;
        this.content = content;
    }

    byte[] content() {
        return content;
    }
}
