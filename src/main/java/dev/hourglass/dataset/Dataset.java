package dev.hourglass.dataset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.Immutable;
import org.springframework.data.domain.Persistable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dataset's description (table {@code dataset}); its data is a {@link DatasetData} row with the same id.
 * Datasets are immutable once stored: a new upload is a new dataset.
 */
@Entity
@Table(name = "dataset")
@Immutable
class Dataset implements Persistable<UUID> {

    @Id
    private UUID id;

    /** Unused since tenants arrived (migration V10); {@link #tenantId} says whose the dataset is. */
    private String owner;

    @Column(name = "tenant_id")
    private UUID tenantId;

    private String name;

    @Enumerated(EnumType.STRING)
    private DatasetFormat format;

    @Column(name = "row_count")
    private int rowCount;

    @Column(name = "column_count")
    private int columnCount;

    @Convert(converter = NamesJson.class)
    @Column(name = "feature_names")
    private List<String> featureNames;

    @Column(name = "label_column")
    private String labelColumn;

    @Convert(converter = StatsJson.class)
    private List<ColumnStats> stats;

    private String sha256;

    @Column(name = "size_bytes")
    private long sizeBytes;

    @Column(name = "created_at")
    private Instant createdAt;

    /** Ids are assigned here, so Spring Data cannot tell a new entity by a null id; this flag tells it. */
    @Transient
    private boolean isNew = true;

    protected Dataset() {
    }

    Dataset(UUID id, UUID tenantId, String name, DatasetFormat format, int rowCount, int columnCount, List<String> featureNames,
            String labelColumn, List<ColumnStats> stats, String sha256, long sizeBytes, Instant createdAt) {
        this.id = id;
        this.tenantId = tenantId;
        this.name = name;
        this.format = format;
        this.rowCount = rowCount;
        this.columnCount = columnCount;
        this.featureNames = List.copyOf(featureNames);
        this.labelColumn = labelColumn;
        this.stats = List.copyOf(stats);
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
        this.createdAt = createdAt;
    }

    @Override
    public UUID getId() {
        return id;
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

    UUID tenantId() {
        return tenantId;
    }

    String name() {
        return name;
    }

    /** The CSV column kept apart as labels, or null. */
    String labelColumn() {
        return labelColumn;
    }

    List<String> featureNames() {
        return featureNames;
    }

    int rowCount() {
        return rowCount;
    }

    int columnCount() {
        return columnCount;
    }

    /**
     * Each feature column's level names in code order (null for a numeric column), or null when every column is
     * numeric; read from the stored statistics, which hold the levels.
     */
    List<List<String>> levels() {
        if (stats.stream().allMatch(s -> s.type() == ColumnType.NUMERIC)) {
            return null;
        }
        return java.util.Collections.unmodifiableList(stats.stream().map(ColumnStats::levelNames)
                .collect(java.util.stream.Collectors.toList()));
    }

    /** Whether any cell is missing (then the data has a missing mask). */
    boolean hasMissing() {
        return stats.stream().anyMatch(s -> s.missing() > 0);
    }

    DatasetView toView() {
        return new DatasetView(id, name, format.slug(), rowCount, columnCount, featureNames, labelColumn, stats,
                sha256, sizeBytes, createdAt);
    }

    /**
     * Feature names and statistics are stored as JSON text (one column each, as in V1). Statistics stored before
     * typed tables have no {@code missing}: absent, it reads as 0.
     */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    static final class NamesJson implements AttributeConverter<List<String>, String> {

        @Override
        public String convertToDatabaseColumn(List<String> names) {
            return JSON.writeValueAsString(names);
        }

        @Override
        public List<String> convertToEntityAttribute(String json) {
            return List.copyOf(JSON.readValue(json, new TypeReference<List<String>>() { }));
        }
    }

    static final class StatsJson implements AttributeConverter<List<ColumnStats>, String> {

        @Override
        public String convertToDatabaseColumn(List<ColumnStats> stats) {
            return JSON.writeValueAsString(stats);
        }

        @Override
        public List<ColumnStats> convertToEntityAttribute(String json) {
            return List.copyOf(JSON.readValue(json, new TypeReference<List<ColumnStats>>() { }));
        }
    }
}
