package dev.hourglass.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.hourglass.dataset.internal.ColumnStatistics;
import dev.hourglass.dataset.internal.CsvDatasetParser;
import dev.hourglass.dataset.internal.CsvRowsWriter;
import dev.hourglass.dataset.internal.DigestingInput;
import dev.hourglass.dataset.internal.FeatureRows;
import dev.hourglass.dataset.internal.IdxDatasetParser;
import dev.hourglass.dataset.internal.JsonDatasetParser;
import dev.hourglass.dataset.internal.JsonRowsWriter;
import dev.hourglass.dataset.internal.Limits;
import dev.hourglass.dataset.internal.ParsedDataset;
import dev.hourglass.dataset.internal.RowsWindow;
import dev.hourglass.dataset.internal.RowsWriter;
import dev.hourglass.dataset.internal.StoredLabels;
import dev.hourglass.dataset.internal.TableSchema;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;
import dev.hourglass.system.Paging;
import dev.hourglass.tenant.Quotas;
import dev.hourglass.tenant.Tenancy;
import dev.hourglass.tenant.TenantStorage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The dataset module's service: other modules call {@link #get} and {@link #load}. Uploads are parsed as
 * streams outside any transaction (a large file takes seconds), then stored in one short transaction.
 */
@Service
public class Datasets implements TenantStorage {

    static final String INVALID = "invalid-dataset";
    static final String UNSUPPORTED_FORMAT = "unsupported-format";
    static final String IN_USE = "dataset-in-use";
    static final String INVALID_HISTOGRAM = "invalid-histogram-request";
    static final int DEFAULT_BINS = 20;
    static final int MAX_BINS = 100;
    static final int MAX_NAME = 200;
    static final int MAX_PAGE_SIZE = 100;
    /** What one query reads of a stored blob while rows are written out (whole rows, at least one). */
    static final int RANGE_BYTES = 1 << 20;

    private final DatasetRepository datasets;
    private final DatasetDataRepository data;
    private final DatasetDataRanges ranges;
    private final ObjectProvider<DatasetUsage> usages;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Limits limits;
    private final Quotas quotas;

    Datasets(DatasetRepository datasets, DatasetDataRepository data, DatasetDataRanges ranges,
            ObjectProvider<DatasetUsage> usages, ApplicationEventPublisher events, Clock clock,
            PlatformTransactionManager transactions, Quotas quotas,
            @Value("${hourglass.limits.max-rows}") int maxRows,
            @Value("${hourglass.limits.max-columns}") int maxColumns,
            @Value("${hourglass.limits.max-cells}") long maxCells,
            @Value("${hourglass.limits.max-levels}") int maxLevels,
            @Value("${hourglass.limits.max-inflated-bytes:1GB}") DataSize maxInflated,
            @Value("${hourglass.limits.max-field-chars:65536}") int maxFieldChars) {
        this.datasets = datasets;
        this.data = data;
        this.ranges = ranges;
        this.usages = usages;
        this.events = events;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.quotas = quotas;
        this.limits = new Limits(maxRows, maxColumns, maxCells, maxLevels, maxInflated.toBytes(), maxFieldChars);
    }

    /** The dataset's description; 404 {@code not-found} if there is none with this id. */
    @Transactional(readOnly = true)
    public DatasetView get(UUID id) {
        return find(id).toView();
    }

    /**
     * The dataset's feature matrix, for training, with its levels and missing cells if it is a typed table;
     * 404 {@code not-found} if there is none with this id.
     */
    @Transactional(readOnly = true)
    public DatasetMatrix load(UUID id) {
        Dataset dataset = find(id);
        DatasetData stored = data.findById(id)
                .orElseThrow(() -> new IllegalStateException("dataset " + id + " has no data row"));
        float[] features = stored.decodeFeatures();
        if (features.length != (long) dataset.rowCount() * dataset.columnCount()) {
            throw new IllegalStateException("dataset " + id + " holds " + features.length + " values, not "
                    + dataset.rowCount() + " × " + dataset.columnCount());
        }
        return new DatasetMatrix(id, dataset.rowCount(), dataset.columnCount(), features, dataset.featureNames(),
                dataset.levels(), stored.decodeMissing(features.length));
    }

    /**
     * The dataset's labels, one string per row in row order, or null when it has no label column; 404
     * {@code not-found} if there is no dataset with this id.
     */
    @Transactional(readOnly = true)
    public List<String> labels(UUID id) {
        find(id);
        byte[] labels = data.labelsOf(id);
        return labels == null ? null : List.of(Dataset.JSON.readValue(labels, String[].class));
    }

    /**
     * Each feature column's distribution in one pass over the stored matrix: a numeric column's observed cells in
     * {@code bins} equal-width bins between their minimum and maximum (one bin for a constant column), a categorical
     * column's level counts; missing cells are counted, not binned. {@code bins} outside 1..{@value #MAX_BINS} is a
     * 422 {@code invalid-histogram-request}, an unknown dataset a 404.
     */
    @Transactional(readOnly = true)
    public DatasetHistograms histograms(UUID id, int bins) {
        if (bins < 1 || bins > MAX_BINS) {
            throw ApiException.invalid(INVALID_HISTOGRAM, "bins", "must be between 1 and " + MAX_BINS + ", was " + bins);
        }
        List<ColumnStats> stats = find(id).toView().stats();
        return Histograms.of(load(id), stats, bins);
    }

    /**
     * The rows {@code [offset, offset + limit)} of a dataset (a null {@code limit}: every row from {@code offset};
     * an offset past the end: none) as {@code csv} or {@code json}. The request is checked and the dataset found
     * here, so that a refusal is a problem+json answer before anything is written; the rows are read while
     * {@link DatasetRows#writeTo} writes them, {@link #RANGE_BYTES} per query and outside any transaction.
     */
    DatasetRows rows(UUID id, String format, long offset, Long limit) {
        RowsWriter writer = rowsWriter(format);
        if (offset < 0) {
            throw invalidParameter("offset", "must be 0 or more");
        }
        if (limit != null && limit < 0) {
            throw invalidParameter("limit", "must be 0 or more");
        }
        Dataset dataset = find(id);
        long first = Math.min(offset, dataset.rowCount());
        long count = Math.min(limit == null ? Long.MAX_VALUE : limit, dataset.rowCount() - first);
        FeatureRows rows = new FeatureRows((from, length) -> ranges.features(id, from, length),
                dataset.hasMissing() ? (from, length) -> ranges.missing(id, from, length) : null,
                dataset.columnCount(), first, count, RANGE_BYTES);
        StoredLabels labels = dataset.labelColumn() == null ? null
                : new StoredLabels((from, length) -> ranges.labels(id, from, length), first, RANGE_BYTES);
        return new DatasetRows(writer,
                new RowsWindow(dataset.name(), dataset.featureNames(), dataset.labelColumn(), rows, labels,
                        dataset.levels()));
    }

    private static RowsWriter rowsWriter(String format) {
        DatasetFormat chosen = blankToNull(format) == null ? DatasetFormat.CSV
                : DatasetFormat.fromSlug(format).orElse(null);
        if (chosen == DatasetFormat.CSV) {
            return new CsvRowsWriter();
        }
        if (chosen == DatasetFormat.JSON) {
            return new JsonRowsWriter();
        }
        throw invalidParameter("format", "\"" + format + "\" is not one of csv, json");
    }

    /** Datasets newest first, the caller's own (an ADMIN's: every tenant's); {@code page} counts from 0, {@code size} is 1 to 100. */
    @Transactional(readOnly = true)
    public DatasetPage list(int page, int size) {
        if (page < 0) {
            throw invalidParameter("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw invalidParameter("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Sort newestFirst = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));
        Optional<UUID> scope = Tenancy.scope();
        Page<DatasetRepository.Listed> found = scope.isEmpty()
                ? Paging.page(PageRequest.of(page, size, newestFirst), datasets::findAllBy, datasets::count)
                : Paging.page(PageRequest.of(page, size, newestFirst), p -> datasets.findByTenantId(scope.get(), p),
                        () -> datasets.countByTenantId(scope.get()));
        return new DatasetPage(found.map(DatasetRepository.Listed::toSummary).getContent(), page, size,
                found.getTotalElements(),
                found.getTotalPages());
    }

    /**
     * Deletes the dataset and its data: 404 if there is none, 409 {@code dataset-in-use} if any
     * {@link DatasetUsage} (a queued or running job) still needs it. Publishes {@link DatasetDeleted}.
     */
    @Transactional
    public void delete(UUID id) {
        find(id);
        for (DatasetUsage usage : usages) {
            if (usage.isInUse(id)) {
                throw ApiException.conflict(IN_USE, "Dataset " + id + " is used by a queued or running job; "
                        + "cancel the job or let it finish, then delete the dataset.");
            }
        }
        data.deleteByDatasetId(id);
        datasets.deleteById(id);
        events.publishEvent(new DatasetDeleted(id));
    }

    /**
     * Stores an uploaded file. {@code format} ({@code csv|json|idx}) may be null: then the file name decides.
     * {@code labelColumn} (CSV only) names a column kept apart from the features as labels; {@code schema} (CSV
     * only, a JSON object as text, may be null) declares column types (a JSON file has it inside); {@code labels}
     * (IDX only, may be null) is an IDX1 file of one unsigned byte per row, stored as the labels of a label
     * column {@code label}.
     */
    DatasetView upload(InputStream file, String filename, String name, String format, String labelColumn,
            String schema, InputStream labels) {
        DatasetFormat chosen = format(format, filename);
        String label = blankToNull(labelColumn);
        if (label != null && chosen != DatasetFormat.CSV) {
            throw ApiException.invalid(INVALID, "labelColumn", "applies to CSV uploads only, this is " + chosen.slug());
        }
        if (labels != null && chosen != DatasetFormat.IDX) {
            throw ApiException.invalid(INVALID, "labels", "applies to IDX uploads only, this is " + chosen.slug()
                    + (chosen == DatasetFormat.CSV ? "; name the CSV's label column in labelColumn"
                    : "; a JSON file gives its labelColumn and labels inside"));
        }
        if (blankToNull(schema) != null && chosen != DatasetFormat.CSV) {
            throw ApiException.invalid(INVALID, "schema", chosen == DatasetFormat.JSON
                    ? "applies to CSV uploads only: a JSON file gives its schema as the document's \"schema\" member"
                    : "applies to CSV uploads only, this is " + chosen.slug() + " (always numeric)");
        }
        TableSchema types = TableSchema.parse(schema);
        checkLabelColumn(label);
        checkName(blankToNull(name));
        UUID owner = Tenancy.owner();
        quotas.checkStorage(owner, 0);
        DigestingInput input = new DigestingInput(file);
        try {
            ParsedDataset parsed = switch (chosen) {
                case CSV -> new CsvDatasetParser(limits).parse(input.stream(), label, types);
                case JSON -> new JsonDatasetParser(limits).parse(input.stream(), "file");
                case IDX -> withLabels(new IdxDatasetParser(limits), new IdxDatasetParser(limits).parse(input.stream()),
                        labels);
                case TRANSFORM -> throw new IllegalStateException("not an upload format");
            };
            String sha256 = input.finish();
            // An explicit name must fit; one taken from the content or the file name is shortened instead.
            String stored = blankToNull(name) != null ? name.strip()
                    : shorten(firstNonBlank(parsed.name(), baseName(filename), "dataset"));
            return store(owner, parsed, chosen, stored, sha256, input.size());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
    }

    /** An IDX upload's rows with the labels of its {@code labels} file, if it came with one. */
    private static ParsedDataset withLabels(IdxDatasetParser parser, ParsedDataset images, InputStream labels)
            throws IOException {
        if (labels == null) {
            return images;
        }
        return new ParsedDataset(images.rows(), images.columns(), images.featureBytes(), images.featureNames(),
                IdxDatasetParser.LABEL_COLUMN, parser.parseLabels(labels, images.rows()), images.name());
    }

    /**
     * Stores a dataset sent as a JSON body {@code {name, columns?, rows, labelColumn?, labels?}}; {@code name} is
     * required there.
     */
    DatasetView create(InputStream body) {
        UUID owner = Tenancy.owner();
        quotas.checkStorage(owner, 0);
        DigestingInput input = new DigestingInput(body);
        try {
            ParsedDataset parsed = new JsonDatasetParser(limits).parse(input.stream(), "body");
            String sha256 = input.finish();
            String name = blankToNull(parsed.name());
            if (name == null) {
                throw ApiException.invalid(INVALID, "name", "is required");
            }
            return store(owner, parsed, DatasetFormat.JSON, checkName(name), sha256, input.size());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the request body failed", e);
        }
    }

    /** Why a computed dataset of {@code rows × columns} could not be stored, or null when it could (the upload limits). */
    public String derivedSizeProblem(long rows, long columns) {
        return limits.sizeProblem(rows, columns);
    }

    /**
     * A dataset computed from dataset {@code sourceId} (a transform's output): {@code features} are its
     * rows × names.size() values, float32 little-endian.
     */
    public record Derived(UUID tenantId, UUID sourceId, String name, List<String> names, int rows, byte[] features) {
    }

    /**
     * Stores a derived dataset, the source's label column and labels carried over; joins the caller's
     * transaction. A result beyond the dataset limits is a 413 {@code dataset-too-large}.
     */
    @Transactional
    public DatasetView storeDerived(Derived d) {
        limits.checkRows(d.rows());
        limits.checkColumns(d.names().size());
        limits.checkCells(d.rows(), d.names().size());
        Dataset source = find(d.sourceId());
        byte[] labels = data.labelsOf(d.sourceId());
        ParsedDataset parsed = new ParsedDataset(d.rows(), d.names().size(), d.features(), d.names(),
                source.labelColumn(), labels == null ? null : List.of(Dataset.JSON.readValue(labels, String[].class)),
                d.name());
        return store(d.tenantId(), parsed, DatasetFormat.TRANSFORM, shorten(d.name()),
                DigestingInput.sha256(d.features()), d.features().length);
    }

    /**
     * Stores a parsed dataset as tenant {@code tenantId}'s. An upload is checked against the stored-bytes quota before
     * it is read (a tenant at its quota is refused at once) and again here with its size; a transform's output is not
     * refused here (its job was accepted under the quota), so that a finished transform is never lost.
     */
    private DatasetView store(UUID tenantId, ParsedDataset parsed, DatasetFormat format, String name, String sha256,
            long size) {
        if (format != DatasetFormat.TRANSFORM) {
            quotas.checkStorage(tenantId, size);
        }
        checkLabelColumn(parsed.labelColumn());
        List<ColumnStats> stats = columnStats(parsed);
        byte[] labels = parsed.labels() == null ? null
                : Dataset.JSON.writeValueAsString(parsed.labels()).getBytes(StandardCharsets.UTF_8);
        UUID id = UUID.randomUUID();
        // Truncated to what a `timestamp with time zone` column keeps, so that the answer equals a later read.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Dataset dataset = new Dataset(id, tenantId, name, format, parsed.rows(), parsed.columns(), parsed.featureNames(),
                parsed.labelColumn(), stats, sha256, size, now);
        transaction.executeWithoutResult(status -> {
            datasets.save(dataset);
            data.save(new DatasetData(id, parsed.featureBytes(), labels, parsed.missing()));
        });
        return dataset.toView();
    }

    /** Moments for numeric columns, levels with their counts for categorical ones, missing counts for both. */
    private static List<ColumnStats> columnStats(ParsedDataset parsed) {
        ColumnStatistics statistics = ColumnStatistics.of(parsed.featureView(), parsed.rows(), parsed.columns(),
                parsed.missing(), parsed.levels());
        List<ColumnStats> stats = new ArrayList<>(parsed.columns());
        for (int c = 0; c < parsed.columns(); c++) {
            String name = parsed.featureNames().get(c);
            long missing = statistics.missing()[c];
            long[] counts = statistics.levelCounts()[c];
            if (counts == null) {
                stats.add(new ColumnStats(name, statistics.min()[c], statistics.max()[c], statistics.mean()[c],
                        statistics.std()[c], ColumnType.NUMERIC, missing, null));
            } else {
                List<String> levels = parsed.levels().get(c);
                List<LevelCount> levelCounts = new ArrayList<>(counts.length);
                for (int code = 0; code < counts.length; code++) {
                    levelCounts.add(new LevelCount(levels.get(code), counts[code]));
                }
                stats.add(new ColumnStats(name, null, null, null, null, ColumnType.CATEGORICAL, missing, levelCounts));
            }
        }
        return stats;
    }

    /** The dataset if the caller may see it: another tenant's is a 404 exactly like a missing one. */
    private Dataset find(UUID id) {
        return datasets.findById(id).filter(d -> Tenancy.visible(d.tenantId()))
                .orElseThrow(() -> ApiException.notFound("dataset", id));
    }

    @Override
    @Transactional(readOnly = true)
    public long storedBytes(UUID tenantId) {
        return datasets.storedBytes(tenantId);
    }

    private static DatasetFormat format(String format, String filename) {
        if (blankToNull(format) != null) {
            return DatasetFormat.fromSlug(format).orElseThrow(() -> ApiException.invalid(UNSUPPORTED_FORMAT, "format",
                    "\"" + format + "\" is not one of csv, json, idx"));
        }
        return DatasetFormat.inferFrom(filename).orElseThrow(() -> ApiException.invalid(UNSUPPORTED_FORMAT, "format",
                "is not given and the file name " + (filename == null ? "is missing" : "\"" + filename + "\" does not tell")
                        + "; name the file *.csv, *.json or *.idx[.gz], or send format=csv|json|idx"));
    }

    private static String checkName(String name) {
        if (name != null && name.length() > MAX_NAME) {
            throw ApiException.invalid(INVALID, "name", "is " + name.length() + " characters long, at most " + MAX_NAME + " are allowed");
        }
        return name;
    }

    /** A label column's name must fit its database column (as a dataset name must). */
    private static void checkLabelColumn(String label) {
        if (label != null && label.length() > MAX_NAME) {
            throw ApiException.invalid(INVALID, "labelColumn", "is " + label.length() + " characters long, at most "
                    + MAX_NAME + " are allowed");
        }
    }

    private static String shorten(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static ApiException invalidParameter(String name, String reason) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter", name + ": " + reason,
                List.of(new FieldProblem(name, reason)));
    }

    private static String baseName(String filename) {
        if (filename == null) {
            return null;
        }
        return filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    }

    private static String firstNonBlank(String... candidates) {
        for (String candidate : candidates) {
            if (blankToNull(candidate) != null) {
                return candidate.strip();
            }
        }
        throw new IllegalArgumentException("no candidate");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
