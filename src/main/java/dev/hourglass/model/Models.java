package dev.hourglass.model;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.hourglass.engine.anomaly.Calibration;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.engine.train.Autoencoder;
import dev.hourglass.engine.train.EpochReport;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.Paging;
import dev.hourglass.tenant.Quotas;
import dev.hourglass.tenant.Tenancy;
import dev.hourglass.tenant.TenantStorage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The model module's API: publish a trained network, record its history, read and load models. */
@Service
public class Models implements TenantStorage {

    private static final TypeReference<Map<String, Object>> OBJECT_MAP = new TypeReference<>() { };
    private static final TypeReference<Map<String, Double>> DOUBLE_MAP = new TypeReference<>() { };

    /** The width of {@code trained_model.name}, in UTF-16 units (how H2 counts; PostgreSQL counts no more). */
    private static final int MAX_NAME = 200;

    private final TrainedModelRepository models;
    private final ModelArtifactRepository artifacts;
    private final EpochMetricRepository metrics;
    private final JsonMapper json;
    private final Clock clock;
    private final long maxParameters;
    private final Quotas quotas;

    Models(TrainedModelRepository models, ModelArtifactRepository artifacts, EpochMetricRepository metrics,
            JsonMapper json, Clock clock, @Value("${hourglass.limits.max-parameters:50000000}") long maxParameters,
            Quotas quotas) {
        this.quotas = quotas;
        this.models = models;
        this.artifacts = artifacts;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
        this.maxParameters = maxParameters;
    }

    /**
     * What the job module hands over when training succeeded.
     *
     * @param featureNames the training data's column names, in order
     * @param calibration  the anomaly calibration, or null
     * @param table        the typed table's columns, or null for plain numbers
     */
    public record Publication(UUID tenantId, UUID jobId, UUID datasetId, String name, String variant, String specJson,
            Autoencoder autoencoder, Normalizer normalizer, Map<String, Object> finalMetrics, List<String> featureNames,
            Calibration calibration, TableColumns table) {
    }

    /** Stores metadata and the model file in one transaction; returns the new model's id. */
    @Transactional
    public UUID publish(Publication p) {
        UUID id = UUID.randomUUID();
        Autoencoder net = p.autoencoder();
        models.save(new TrainedModel(id, p.tenantId(), p.name(), p.jobId(), p.datasetId(), p.variant(), p.specJson(),
                net.inputDim(), net.codeDim(), net.parameterCount(), json.writeValueAsString(p.finalMetrics()),
                ModelArtifactCodec.weightsSha256(net), anomalyJson(p.calibration()), columnsJson(p.table(), p.featureNames()),
                modalitiesJson(net, p.featureNames()), clock.instant()));
        artifacts.save(new ModelArtifact(id, ModelArtifactCodec.FORMAT_VERSION,
                ModelArtifactCodec.encode(p.specJson(), net, p.normalizer(), p.featureNames(), p.calibration(), p.table())));
        return id;
    }

    /** Appends one epoch to a job's history (kept even when the job later fails or is cancelled). */
    @Transactional
    public void recordEpoch(UUID jobId, String phase, EpochReport report) {
        Map<String, Double> terms = new LinkedHashMap<>(report.terms());
        metrics.save(new EpochMetric(jobId, phase, report.epoch(), report.trainLoss(),
                Double.isNaN(report.validationLoss()) ? null : report.validationLoss(),
                json.writeValueAsString(terms), report.seconds(), report.samplesPerSecond(), clock.instant()));
    }

    @Transactional(readOnly = true)
    public ModelView get(UUID id) {
        return view(find(id));
    }

    /** Models newest first, the caller's own (an ADMIN's: every tenant's). */
    @Transactional(readOnly = true)
    public ModelPage list(int page, int size) {
        Optional<UUID> scope = Tenancy.scope();
        Page<TrainedModel> result = scope.isEmpty()
                ? Paging.page(PageRequest.of(page, size), models::findAllByOrderByCreatedAtDesc, models::count)
                : Paging.page(PageRequest.of(page, size),
                        p -> models.findByTenantIdOrderByCreatedAtDesc(scope.get(), p),
                        () -> models.countByTenantId(scope.get()));
        return new ModelPage(result.map(this::view).getContent(), page, size, result.getTotalElements(),
                result.getTotalPages());
    }

    @Transactional(readOnly = true)
    public ModelMetricsView metrics(UUID id) {
        TrainedModel model = find(id);
        if (model.getJobId() == null) {
            return new ModelMetricsView(id, null, List.of());   // imported: trained elsewhere
        }
        return new ModelMetricsView(id, model.getJobId(), history(model.getJobId()));
    }

    /**
     * The per-epoch history job {@code jobId} has recorded so far, in the order it was recorded: one row per epoch
     * and phase, each committed as its epoch ends, so a running job's history grows while it trains (empty before
     * its first epoch, and for a job that records none, as a transform).
     */
    @Transactional(readOnly = true)
    public List<EpochMetricView> history(UUID jobId) {
        return metrics.findByJobIdOrderByIdAsc(jobId).stream()
                .map(m -> new EpochMetricView(m.phase(), m.epoch(), m.trainLoss(), m.validationLoss(),
                        json.readValue(m.terms(), DOUBLE_MAP), m.seconds(), m.samplesPerSecond(), m.recordedAt()))
                .toList();
    }

    /** The model file, as stored: the same bytes {@link #importFile} accepts. */
    @Transactional(readOnly = true)
    public byte[] exportFile(UUID id) {
        find(id);
        return artifacts.findById(id).orElseThrow(() -> ApiException.notFound("model", id)).content();
    }

    /**
     * Publishes a model file exported by this or another deployment as a new model (no job, no
     * dataset). A file that is not a model file of a known version is a 422.
     */
    @Transactional
    public ModelView importFile(byte[] content) {
        UUID owner = Tenancy.owner();
        quotas.checkStorage(owner, content.length);
        ModelArtifactCodec.Decoded decoded;
        JsonNode spec;
        try {
            decoded = ModelArtifactCodec.decode(content, maxParameters);
            spec = json.readTree(decoded.specJson());
        } catch (IllegalArgumentException | JacksonException e) {
            throw ApiException.invalid("invalid-model-file", "file", e.getMessage() == null ? "not a model file" : e.getMessage());
        }
        UUID id = UUID.randomUUID();
        Autoencoder net = decoded.autoencoder();
        Variant variant = importedVariant(spec, net);
        String name = spec.path("name").isString() ? spec.path("name").asString() : null;
        if (name != null && name.length() > MAX_NAME) {
            // refused, not cut: the stored spec keeps the file's name, and the model's name must be the same
            throw ApiException.invalid("invalid-model-file", "file", "the file's spec name has " + name.length()
                    + " characters; a model's name has at most " + MAX_NAME);
        }
        TrainedModel model = new TrainedModel(id, owner, name, null, null, variant.name(),
                decoded.specJson(), net.inputDim(), net.codeDim(), net.parameterCount(),
                json.writeValueAsString(Map.of("imported", true)), ModelArtifactCodec.weightsSha256(net),
                anomalyJson(decoded.calibration()), columnsJson(decoded.table(), decoded.featureNames()),
                modalitiesJson(net, decoded.featureNames()), clock.instant());
        models.save(model);
        artifacts.save(new ModelArtifact(id, ModelArtifactCodec.FORMAT_VERSION, ModelArtifactCodec.encode(
                decoded.specJson(), net, decoded.normalizer(), decoded.featureNames(), decoded.calibration(),
                decoded.table())));
        return view(model);
    }

    /** The variant the file's spec names (BASIC when it names none), if it is one this network can be. */
    private static Variant importedVariant(JsonNode spec, Autoencoder net) {
        String named = spec.path("variant").asString("BASIC");
        Variant variant = Arrays.stream(Variant.values()).filter(v -> v.name().equals(named)).findFirst()
                .orElseThrow(() -> ApiException.invalid("invalid-model-file", "file", "the file's spec names variant '"
                        + named + "'; known: " + Arrays.toString(Variant.values())));
        if ((variant == Variant.VARIATIONAL) != net.isVariational()) {
            throw ApiException.invalid("invalid-model-file", "file", "the file's spec names variant " + variant
                    + " for a " + (net.isVariational() ? "variational" : "deterministic") + " network");
        }
        if ((variant == Variant.MULTIMODAL) != (net.spec().multimodal() != null)) {
            throw ApiException.invalid("invalid-model-file", "file", "the file's spec names variant " + variant
                    + " for a " + (net.spec().multimodal() != null ? "multimodal" : "single-modality") + " network");
        }
        return variant;
    }

    /** Reads and decodes the model file; callers cache the result. */
    @Transactional(readOnly = true)
    public LoadedModel load(UUID id) {
        ModelArtifact artifact = artifacts.findById(id).orElseThrow(() -> ApiException.notFound("model", id));
        ModelArtifactCodec.Decoded decoded = ModelArtifactCodec.decode(artifact.content());
        return new LoadedModel(id, decoded.autoencoder(), decoded.normalizer(), decoded.featureNames(),
                decoded.calibration(), decoded.table());
    }

    /**
     * 404 {@code not-found} unless the caller may see model {@code id} (as {@link #get} would be), without reading
     * the model: inference checks this before it serves a model from its cache. Free for an ADMIN (one who may see
     * every model; an unknown id is then a 404 when the model is loaded). Not transactional: the query is one
     * statement, and a transaction here took a pooled connection on every inference call, an ADMIN's too.
     */
    public void checkVisible(UUID id) {
        Optional<UUID> scope = Tenancy.scope();
        if (scope.isPresent() && !models.existsByIdAndTenantId(id, scope.get())) {
            throw ApiException.notFound("model", id);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public long storedBytes(UUID tenantId) {
        return models.storedBytes(tenantId);
    }

    /** The model if the caller may see it: another tenant's is a 404 exactly like a missing one. */
    private TrainedModel find(UUID id) {
        return models.findById(id).filter(m -> Tenancy.visible(m.getTenantId()))
                .orElseThrow(() -> ApiException.notFound("model", id));
    }

    private ModelView view(TrainedModel m) {
        return new ModelView(m.getId(), m.getName(), m.getJobId(), m.getDatasetId(), m.getVariant(),
                json.readTree(m.getSpec()), m.getInputDim(), m.getCodeDim(), m.getParameterCount(),
                json.readValue(m.getFinalMetrics(), OBJECT_MAP), m.getWeightsSha256(),
                m.getAnomaly() == null ? null : json.readValue(m.getAnomaly(), AnomalyView.class),
                m.getColumns() == null ? null : json.readValue(m.getColumns(), COLUMNS),
                m.getModalities() == null ? null : json.readValue(m.getModalities(), MODALITIES), m.getCreatedAt());
    }

    private static final tools.jackson.core.type.TypeReference<List<TableColumns.ColumnView>> COLUMNS =
            new tools.jackson.core.type.TypeReference<>() { };

    private static final TypeReference<List<ModalityView>> MODALITIES = new TypeReference<>() { };

    private String modalitiesJson(Autoencoder net, List<String> names) {
        return net.spec().multimodal() == null ? null : json.writeValueAsString(ModalityView.of(net.spec().multimodal(), names));
    }

    private String columnsJson(TableColumns table, List<String> names) {
        return table == null ? null : json.writeValueAsString(table.view(names));
    }

    private String anomalyJson(Calibration calibration) {
        return calibration == null ? null : json.writeValueAsString(AnomalyView.of(calibration));
    }
}
