package dev.hourglass.dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Immutable;
import org.springframework.data.domain.Persistable;

/**
 * A dataset's data (table {@code dataset_data}), kept apart from {@link Dataset} so that listing and
 * reading descriptions never touch it. Features are the row-major matrix as float32 little-endian bytes
 * (4 bytes per cell, {@code rows × columns × 4} in all); labels, if any, are a UTF-8 JSON array of strings;
 * {@code missing}, if any cell is missing, is the missing mask: one bit per cell, row-major, bit {@code i} in
 * byte {@code i >> 3} at {@code 1 << (i & 7)}.
 */
@Entity
@Table(name = "dataset_data")
@Immutable
class DatasetData implements Persistable<UUID> {

    @Id
    @Column(name = "dataset_id")
    private UUID datasetId;

    private byte[] features;

    private byte[] labels;

    private byte[] missing;

    @Transient
    private boolean isNew = true;

    protected DatasetData() {
    }

    DatasetData(UUID datasetId, byte[] features, byte[] labels, byte[] missing) {
        this.datasetId = datasetId;
        this.features = features;
        this.labels = labels;
        this.missing = missing;
    }

    @Override
    public UUID getId() {
        return datasetId;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    /** The labels as stored (UTF-8 JSON array of strings), or null. */
    byte[] labels() {
        return labels;
    }

    /** The missing mask as one flag per cell ({@code cells} of them), or null when no cell is missing. */
    boolean[] decodeMissing(int cells) {
        if (missing == null) {
            return null;
        }
        boolean[] flags = new boolean[cells];
        for (int i = 0; i < cells; i++) {
            flags[i] = (missing[i >>> 3] & (1 << (i & 7))) != 0;
        }
        return flags;
    }

    /** The features as floats; they are stored float32 little-endian, as the parsers write them. */
    float[] decodeFeatures() {
        float[] values = new float[features.length / Float.BYTES];
        ByteBuffer.wrap(features).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }
}
