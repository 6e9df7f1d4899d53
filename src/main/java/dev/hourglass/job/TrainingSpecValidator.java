package dev.hourglass.job;

import dev.hourglass.engine.spec.Normalization;

import java.util.ArrayList;
import java.util.List;

import dev.hourglass.dataset.DatasetView;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.train.Normalizer;
import dev.hourglass.system.ApiException;
import dev.hourglass.system.FieldProblem;

/** Checks a defaulted spec against the dataset it names; every problem is reported at once, by field. */
final class TrainingSpecValidator {

    static final int MAX_WIDTH = 65_536;
    static final int MAX_LAYERS = 16;
    static final int MAX_EPOCHS = 100_000;

    private final int maxThreads;
    private final long maxParameters;

    TrainingSpecValidator(int maxThreads, long maxParameters) {
        this.maxThreads = maxThreads;
        this.maxParameters = maxParameters;
    }

    void validate(TrainingSpec spec, DatasetView dataset) {
        List<FieldProblem> errors = new ArrayList<>();
        if (spec.variant() == Variant.MULTIMODAL || spec.modalities() != null) {
            throw ApiException.invalid("variant-not-supported", spec.variant() == Variant.MULTIMODAL ? "variant" : "modalities",
                    "multimodal autoencoders are not available yet");
        }
        checkBlocks(spec, dataset, errors);
        if (spec.name() != null && spec.name().length() > 200) {
            errors.add(new FieldProblem("name", "at most 200 characters"));
        }
        checkWidths("encoder", spec.encoder(), false, errors);
        checkWidths("decoder", spec.decoder(), true, errors);
        if (spec.outputActivation() != Activation.SIGMOID && spec.outputActivation() != Activation.LINEAR) {
            errors.add(new FieldProblem("outputActivation", "must be SIGMOID or LINEAR"));
        }
        if (spec.loss() == LossKind.BCE) {
            if (spec.outputActivation() != Activation.SIGMOID) {
                errors.add(new FieldProblem("loss", "BCE needs outputActivation SIGMOID"));
            }
            checkUnitRange("loss", "BCE", spec, dataset, errors);
        }
        if (spec.outputActivation() == Activation.SIGMOID && spec.normalization() == Normalization.ZSCORE) {
            errors.add(new FieldProblem("outputActivation",
                    "a SIGMOID output cannot reach z-scored targets outside (0,1); use LINEAR or MINMAX normalization"));
        }
        if (spec.tiedWeights() && spec.decoder() != null && !spec.decoder().equals(mirror(spec.encoder()))) {
            errors.add(new FieldProblem("tiedWeights", "tied weights need the mirrored decoder " + mirror(spec.encoder())));
        }
        if (!(spec.weightDecay() >= 0 && Double.isFinite(spec.weightDecay()))) {
            errors.add(new FieldProblem("weightDecay", "must be a finite number ≥ 0"));
        }
        TrainingSpec.Training t = spec.training();
        if (t.epochs() < 1 || t.epochs() > MAX_EPOCHS) {
            errors.add(new FieldProblem("training.epochs", "must be between 1 and " + MAX_EPOCHS));
        }
        if (t.batchSize() < 1 || t.batchSize() > MAX_WIDTH) {
            errors.add(new FieldProblem("training.batchSize", "must be between 1 and " + MAX_WIDTH));
        }
        if (!(t.learningRate() > 0 && t.learningRate() <= 10)) {
            errors.add(new FieldProblem("training.learningRate", "must be in (0, 10]"));
        }
        if (!(t.momentum() >= 0 && t.momentum() < 1)) {
            errors.add(new FieldProblem("training.momentum", "must be in [0, 1)"));
        }
        if (!(t.validationFraction() >= 0 && t.validationFraction() <= 0.5)) {
            errors.add(new FieldProblem("training.validationFraction", "must be in [0, 0.5]"));
        } else if (dataset.rows() - Math.round(t.validationFraction() * dataset.rows()) < 1) {
            errors.add(new FieldProblem("training.validationFraction", "leaves no training rows in a dataset of " + dataset.rows()));
        }
        if (t.threads() != null && (t.threads() < 1 || t.threads() > maxThreads)) {
            errors.add(new FieldProblem("training.threads", "must be between 1 and " + maxThreads + " (threads per job on this node)"));
        }
        if (t.earlyStopping() != null) {
            if (t.earlyStopping().patience() < 1 || t.earlyStopping().patience() > MAX_EPOCHS) {
                errors.add(new FieldProblem("training.earlyStopping.patience", "must be between 1 and " + MAX_EPOCHS));
            }
            if (!(t.earlyStopping().minDelta() >= 0 && Double.isFinite(t.earlyStopping().minDelta()))) {
                errors.add(new FieldProblem("training.earlyStopping.minDelta", "must be a finite number ≥ 0"));
            }
            if (t.validationFraction() == 0) {
                errors.add(new FieldProblem("training.earlyStopping", "needs validation rows (validationFraction > 0)"));
            }
        }
        if (t.maxRuntimeSeconds() != null && t.maxRuntimeSeconds() < 1) {
            errors.add(new FieldProblem("training.maxRuntimeSeconds", "must be ≥ 1"));
        }
        if (errors.isEmpty()) {
            checkArraySizes(dataset.rows(), dataset.columns(), spec, errors);
        }
        if (errors.isEmpty()) {
            // The engine's own list of what it refuses: a spec that passes here never fails at the worker.
            dev.hourglass.engine.variant.Variant headline = dev.hourglass.engine.variant.Variant.valueOf(spec.variant().name());
            headline.problems(EngineSpecs.architecture(spec, dataset.columns()), EngineSpecs.config(spec, 1))
                    .forEach(p -> errors.add(new FieldProblem(p.field(), p.reason())));
        }
        if (errors.isEmpty()) {
            long parameters = parameterCount(dataset.columns(), spec);
            if (parameters > maxParameters) {
                errors.add(new FieldProblem("encoder", "the network would have " + parameters
                        + " parameters; the limit is " + maxParameters));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid("invalid-spec", errors.size() + " invalid field(s) in the training spec", errors);
        }
    }

    /** The variant's own block and the blocks that compose with it. */
    private static void checkBlocks(TrainingSpec spec, DatasetView dataset, List<FieldProblem> errors) {
        if (spec.noise() != null) {
            double level = spec.noise().level();
            if (spec.noise().type() == NoiseKind.MASKING && !(level >= 0 && level < 1)) {
                errors.add(new FieldProblem("noise.level", "a masking probability must be in [0, 1)"));
            } else if (!(level >= 0 && Double.isFinite(level))) {
                errors.add(new FieldProblem("noise.level", "a Gaussian σ must be a finite number ≥ 0"));
            }
        }
        if (spec.sparsity() != null) {
            if (!(spec.sparsity().target() > 0 && spec.sparsity().target() < 1)) {
                errors.add(new FieldProblem("sparsity.target", "must be in (0, 1)"));
            }
            if (!(spec.sparsity().weight() >= 0 && Double.isFinite(spec.sparsity().weight()))) {
                errors.add(new FieldProblem("sparsity.weight", "must be a finite number ≥ 0"));
            }
            if (spec.codeActivation() != null && spec.codeActivation() != Activation.SIGMOID) {
                errors.add(new FieldProblem("codeActivation", "the KL sparsity penalty needs code activations in (0, 1): "
                        + "use SIGMOID, not " + spec.codeActivation()));
            }
        }
        if (spec.contractive() != null && !(spec.contractive().weight() >= 0 && Double.isFinite(spec.contractive().weight()))) {
            errors.add(new FieldProblem("contractive.weight", "must be a finite number ≥ 0"));
        }
        TrainingSpec.VariationalSpec v = spec.variational();
        if (v != null && spec.variant() != Variant.VARIATIONAL) {
            errors.add(new FieldProblem("variational", "applies only to the VARIATIONAL variant"));
        }
        if (spec.variant() == Variant.VARIATIONAL) {
            if (v.latentDim() < 1 || v.latentDim() > MAX_WIDTH) {
                errors.add(new FieldProblem("variational.latentDim", "must be between 1 and " + MAX_WIDTH));
            }
            if (!(v.klWeight() >= 0 && Double.isFinite(v.klWeight()))) {
                errors.add(new FieldProblem("variational.klWeight", "must be a finite number ≥ 0"));
            }
            if (v.samples() < 1 || v.samples() > 64) {
                errors.add(new FieldProblem("variational.samples", "must be between 1 and 64"));
            }
            if (spec.tiedWeights()) {
                errors.add(new FieldProblem("tiedWeights", "do not apply to a variational autoencoder"));
            }
            if (spec.codeActivation() != null) {
                errors.add(new FieldProblem("codeActivation", "does not apply to a variational autoencoder (its code is μ)"));
            }
            if (spec.contractive() != null) {
                errors.add(new FieldProblem("contractive", "does not apply to a variational autoencoder"));
            }
            if (spec.sparsity() != null) {
                errors.add(new FieldProblem("sparsity", "does not apply to a variational autoencoder (its code is Gaussian)"));
            }
            if (spec.decoder() != null && !spec.decoder().equals(reversed(spec.encoder()))) {
                errors.add(new FieldProblem("decoder", "a variational decoder mirrors the hidden widths: "
                        + reversed(spec.encoder())));
            }
            if (v.likelihood() == Likelihood.BERNOULLI) {
                if (spec.outputActivation() != Activation.SIGMOID) {
                    errors.add(new FieldProblem("outputActivation", "a BERNOULLI likelihood needs SIGMOID"));
                }
                checkUnitRange("variational.likelihood", "a BERNOULLI likelihood", spec, dataset, errors);
            }
        }
        TrainingSpec.StackedSpec st = spec.stacked();
        if (st != null && spec.variant() != Variant.STACKED) {
            errors.add(new FieldProblem("stacked", "applies only to the STACKED variant"));
        }
        if (spec.variant() == Variant.STACKED) {
            if (st.pretrainEpochs() < 0 || st.pretrainEpochs() > MAX_EPOCHS) {
                errors.add(new FieldProblem("stacked.pretrainEpochs", "must be between 0 and " + MAX_EPOCHS));
            }
            if (st.pretrainEpochs() == 0 && !st.fineTune()) {
                errors.add(new FieldProblem("stacked", "with no pretraining and no fine-tuning nothing would train"));
            }
            if (spec.decoder() != null && !spec.decoder().equals(mirror(spec.encoder()))) {
                errors.add(new FieldProblem("decoder", "stacking needs the mirrored decoder " + mirror(spec.encoder())));
            }
        }
    }

    private static void checkUnitRange(String field, String what, TrainingSpec spec, DatasetView dataset,
            List<FieldProblem> errors) {
        if (spec.normalization() == Normalization.ZSCORE) {
            errors.add(new FieldProblem(field, what + " needs targets in [0,1]; ZSCORE normalization does not give them (use MINMAX)"));
        } else if (spec.normalization() == Normalization.NONE && !inUnitRange(dataset)) {
            errors.add(new FieldProblem(field, what + " needs targets in [0,1]; this dataset has values outside it (use MINMAX)"));
        }
    }

    private static List<Integer> reversed(List<Integer> widths) {
        List<Integer> out = new ArrayList<>(widths);
        java.util.Collections.reverse(out);
        return out;
    }

    private static void checkWidths(String field, List<Integer> widths, boolean optional, List<FieldProblem> errors) {
        if (widths == null) {
            if (!optional) errors.add(new FieldProblem(field, "is required"));
            return;
        }
        if (widths.isEmpty() && !optional) {
            errors.add(new FieldProblem(field, "needs at least the code width"));
        }
        if (widths.size() > MAX_LAYERS) {
            errors.add(new FieldProblem(field, "at most " + MAX_LAYERS + " layers"));
        }
        for (int i = 0; i < widths.size(); i++) {
            Integer w = widths.get(i);
            if (w == null || w < 1 || w > MAX_WIDTH) {
                errors.add(new FieldProblem(field + "[" + i + "]", "must be a width between 1 and " + MAX_WIDTH));
            }
        }
    }

    private static boolean inUnitRange(DatasetView dataset) {
        return dataset.stats().stream().allMatch(s -> s.min() >= 0 && s.max() <= 1);
    }

    static List<Integer> mirror(List<Integer> encoder) {
        List<Integer> decoder = new ArrayList<>(encoder.subList(0, encoder.size() - 1));
        java.util.Collections.reverse(decoder);
        return decoder;
    }

    /**
     * A conservative estimate of a job's working set: the dataset and its normalized copy, every
     * parameter four times (value, gradient, two Adam moments) plus checkpoint copies, and one batch's
     * activations and their gradients for every layer.
     */
    static long estimatedTrainingBytes(int rows, int columns, TrainingSpec spec) {
        long data = 2L * rows * columns * Float.BYTES;
        long parameters = parameterCount(columns, spec) * Float.BYTES * 6L;
        long widths = 2L * columns;
        for (int w : spec.encoder()) widths += w;
        for (int w : spec.decoder() == null ? mirror(spec.encoder()) : spec.decoder()) widths += w;
        // a VAE decodes every z draw of a row: its decoder's activations scale with samples
        long samples = spec.variational() == null ? 1 : spec.variational().samples();
        long activations = 3L * spec.training().batchSize() * widths * samples * Float.BYTES;
        // stacked phases after the first train on the codes of every row through the layers below
        long codes = spec.stacked() == null ? 0 : (long) rows * widest(spec) * Float.BYTES;
        return data + parameters + activations + codes;
    }

    /** The engine indexes one float[] per activation matrix: no matrix may hold 2³¹ values or more. */
    static void checkArraySizes(int rows, int columns, TrainingSpec spec, List<FieldProblem> errors) {
        long samples = spec.variational() == null ? 1 : spec.variational().samples();
        long widest = Math.max(columns, widest(spec));
        int batch = Math.min(spec.training().batchSize(), rows);
        if ((long) batch * samples * widest >= Integer.MAX_VALUE) {
            errors.add(new FieldProblem("training.batchSize", "batch × samples × widest layer (" + batch + " × " + samples
                    + " × " + widest + ") must stay below 2³¹ values"));
        }
        if (spec.stacked() != null && (long) rows * widest(spec) >= Integer.MAX_VALUE) {
            errors.add(new FieldProblem("encoder", "stacking keeps every row's codes of a layer (" + rows + " × "
                    + widest(spec) + "); that must stay below 2³¹ values"));
        }
    }

    private static int widest(TrainingSpec spec) {
        return spec.encoder().stream().mapToInt(Integer::intValue).max().orElse(1);
    }

    /** Weights and biases of every dense layer; tied decoder layers add only their biases. */
    static long parameterCount(int inputDim, TrainingSpec spec) {
        if (spec.variational() != null) {
            // input → hidden widths → (μ | log σ²) head; latent → hidden widths reversed → input
            int latent = spec.variational().latentDim();
            List<Integer> encoder = new ArrayList<>(List.of(inputDim));
            encoder.addAll(spec.encoder());
            encoder.add(2 * latent);
            List<Integer> decoder = new ArrayList<>(List.of(latent));
            decoder.addAll(reversed(spec.encoder()));
            decoder.add(inputDim);
            return denseParameters(encoder) + denseParameters(decoder);
        }
        List<Integer> widths = new ArrayList<>();
        widths.add(inputDim);
        widths.addAll(spec.encoder());
        widths.addAll(spec.decoder() == null ? mirror(spec.encoder()) : spec.decoder());
        widths.add(inputDim);
        int encoderLayers = spec.encoder().size();
        long count = 0;
        for (int i = 0; i + 1 < widths.size(); i++) {
            boolean tiedDecoderLayer = spec.tiedWeights() && i >= encoderLayers;
            count += (tiedDecoderLayer ? 0L : (long) widths.get(i) * widths.get(i + 1)) + widths.get(i + 1);
        }
        return count;
    }

    private static long denseParameters(List<Integer> widths) {
        long count = 0;
        for (int i = 0; i + 1 < widths.size(); i++) {
            count += (long) widths.get(i) * widths.get(i + 1) + widths.get(i + 1);
        }
        return count;
    }
}
