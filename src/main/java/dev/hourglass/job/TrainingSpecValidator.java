package dev.hourglass.job;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.dataset.ColumnStats;
import dev.hourglass.dataset.ColumnType;
import dev.hourglass.dataset.DatasetView;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.Variant;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;

/**
 * Checks a defaulted spec against the dataset it names, every problem at once, by field. What the
 * engine can train is the engine's to say ({@link AutoencoderSpec#problems}); this class translates
 * its field paths and adds only the service's own limits: sizes, epochs, the node's threads and the
 * parameter budget.
 */
final class TrainingSpecValidator {

    static final int MAX_WIDTH = 65_536;
    static final int MAX_LAYERS = 16;
    static final int MAX_EPOCHS = 100_000;
    static final int MAX_SAMPLES = 64;
    static final double MAX_LEARNING_RATE = 10;
    static final double MAX_VALIDATION_FRACTION = 0.5;

    private final int maxThreads;
    private final long maxParameters;

    TrainingSpecValidator(int maxThreads, long maxParameters) {
        this.maxThreads = maxThreads;
        this.maxParameters = maxParameters;
    }

    void validate(TrainingSpec spec, DatasetView dataset) {
        Errors errors = new Errors();
        if (spec.modalities() != null) {
            checkColumns(ModalityColumns.resolve(spec.modalities(), dataset.featureNames()), dataset, errors);
        }
        if (spec.multimodal() != null && spec.variant() != Variant.MULTIMODAL) {
            errors.add("multimodal", "only a MULTIMODAL autoencoder takes a multimodal block");
        }
        AutoencoderSpec engineSpec = DatasetLayouts.engineSpec(spec, dataset, 1);
        engineSpec.problems(DatasetLayouts.profile(spec, dataset))
                .forEach(p -> errors.add(EngineSpecs.fieldPath(p.field(), engineSpec.architecture()), p.reason()));
        checkLimits(spec, errors);
        if (errors.list.isEmpty()) {
            long parameters = engineSpec.architecture().parameterCount();
            if (parameters > maxParameters) {
                errors.add("encoder", "the network would have " + parameters + " parameters; the limit is " + maxParameters);
            }
        }
        if (!errors.list.isEmpty()) {
            throw ApiException.invalid("invalid-spec", errors.list.size() + " invalid field(s) in the training spec",
                    errors.list);
        }
    }

    /**
     * The modalities' columns as they resolve against the dataset; a multimodal network reads numbers, so
     * a categorical column or one with missing cells is refused (typed tables are not available to it).
     */
    private static void checkColumns(ModalityColumns modalities, DatasetView dataset, Errors errors) {
        modalities.problems().forEach(p -> errors.add(p.field(), p.reason()));
        for (int m = 0; m < modalities.columns().size(); m++) {
            for (int c : modalities.columns().get(m)) {
                ColumnStats stats = dataset.stats().get(c);
                if (stats.type() == ColumnType.CATEGORICAL || stats.missing() > 0) {
                    errors.add("modalities[" + m + "].columns", "multimodal models take numeric columns with every "
                            + "cell present; column \"" + stats.name() + "\" is " + (stats.type() == ColumnType.CATEGORICAL
                            ? "categorical" : "missing " + stats.missing() + " cells"));
                }
            }
        }
    }

    /** The service's limits; a field the engine already refused is not reported twice. */
    private void checkLimits(TrainingSpec spec, Errors errors) {
        if (spec.name() != null && spec.name().length() > 200) {
            errors.add("name", "at most 200 characters");
        }
        checkWidths("encoder", spec.encoder(), errors);
        checkWidths("decoder", spec.decoder(), errors);
        if (spec.modalities() != null) {
            for (int m = 0; m < spec.modalities().size(); m++) {
                if (spec.modalities().get(m) != null) {
                    checkWidths("modalities[" + m + "].encoder", spec.modalities().get(m).encoder(), errors);
                }
            }
        }
        TrainingSpec.Training t = spec.training();
        if (t.epochs() < 1 || t.epochs() > MAX_EPOCHS) {
            errors.add("training.epochs", "must be between 1 and " + MAX_EPOCHS);
        }
        if (t.batchSize() > MAX_WIDTH) {
            errors.add("training.batchSize", "at most " + MAX_WIDTH);
        }
        if (t.learningRate() > MAX_LEARNING_RATE) {
            errors.add("training.learningRate", "at most " + MAX_LEARNING_RATE);
        }
        if (t.validationFraction() > MAX_VALIDATION_FRACTION) {
            errors.add("training.validationFraction", "at most " + MAX_VALIDATION_FRACTION);
        }
        if (t.threads() != null && (t.threads() < 1 || t.threads() > maxThreads)) {
            errors.add("training.threads", "must be between 1 and " + maxThreads + " (threads per job on this node)");
        }
        if (t.earlyStopping() != null && t.earlyStopping().patience() > MAX_EPOCHS) {
            errors.add("training.earlyStopping.patience", "at most " + MAX_EPOCHS);
        }
        if (t.maxRuntimeSeconds() != null && t.maxRuntimeSeconds() < 1) {
            errors.add("training.maxRuntimeSeconds", "must be ≥ 1");
        }
        if (spec.variational() != null) {
            if (spec.variational().latentDim() > MAX_WIDTH) {
                errors.add("variational.latentDim", "at most " + MAX_WIDTH);
            }
            if (spec.variational().samples() > MAX_SAMPLES) {
                errors.add("variational.samples", "at most " + MAX_SAMPLES);
            }
        }
        if (spec.stacked() != null && spec.stacked().pretrainEpochs() > MAX_EPOCHS) {
            errors.add("stacked.pretrainEpochs", "at most " + MAX_EPOCHS);
        }
    }

    private static void checkWidths(String field, List<Integer> widths, Errors errors) {
        if (widths == null) {
            return;
        }
        if (widths.size() > MAX_LAYERS) {
            errors.add(field, "at most " + MAX_LAYERS + " layers");
        }
        for (int i = 0; i < widths.size(); i++) {
            if (widths.get(i) != null && widths.get(i) > MAX_WIDTH) {
                errors.add(field + "[" + i + "]", "at most " + MAX_WIDTH);
            }
        }
    }

    /** Field problems, at most one per field. */
    private static final class Errors {
        final List<FieldProblem> list = new ArrayList<>();

        void add(String field, String reason) {
            if (list.stream().noneMatch(p -> p.field().equals(field))) {
                list.add(new FieldProblem(field, reason));
            }
        }
    }
}
