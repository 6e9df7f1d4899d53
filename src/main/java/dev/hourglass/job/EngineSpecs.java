package dev.hourglass.job;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hourglass.engine.spec.Anomaly;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.EarlyStopping;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;

/**
 * The training spec in the engine's terms, and back: a defaulted {@link TrainingSpec} becomes the
 * engine's {@link AutoencoderSpec} (the validator and the worker build it the same way), and the
 * engine's field paths become the spec's.
 */
final class EngineSpecs {

    /** Engine path prefixes and the spec field each stands for; the first that matches wins. */
    private static final List<Map.Entry<String, String>> FIELDS = List.of(
            Map.entry("architecture.multimodal.modalities", "modalities"),
            Map.entry("architecture.multimodal.", "multimodal."),
            Map.entry("architecture.multimodal", "modalities"),
            Map.entry("architecture.", ""),
            Map.entry("training.loss", "loss"),
            Map.entry("training.weightDecay", "weightDecay"),
            Map.entry("training.noise", "noise"),
            Map.entry("training.sparsity", "sparsity"),
            Map.entry("training.contractive", "contractive"),
            Map.entry("training.stacking", "stacked"));

    private static final Pattern ENCODER_WIDTH = Pattern.compile("architecture\\.encoder\\[(\\d+)]");

    private EngineSpecs() {
    }

    /**
     * The engine's spec over a dataset with these feature names: with {@code modalities}, a multimodal network
     * over their columns (what cannot be resolved is left out, for the validator to report); else over every
     * feature, or a typed table's layout when {@code table} is not null (the network's width is then its width).
     */
    static AutoencoderSpec of(TrainingSpec spec, List<String> featureNames, TableLayout table, int threads) {
        Multimodal multimodal = spec.modalities() == null ? null
                : ModalityColumns.resolve(spec.modalities(), featureNames).multimodal(spec);
        ArchitectureSpec architecture = multimodal == null ? architecture(spec, featureNames.size(), null).withTable(table)
                : architecture(spec, multimodal.inputDim(), multimodal);
        return new AutoencoderSpec(spec.variant(), architecture, training(spec, threads),
                spec.normalization(), spec.anomaly() == null ? null
                        : new Anomaly(spec.anomaly().contamination(), spec.anomaly().score()));
    }

    /**
     * As {@link #fieldPath(String)}, for the given network. A multimodal network's input is its modalities'
     * columns and its encoder starts with their branches side by side: its width i is the spec's shared
     * {@code encoder[i − depth]}, and the input and the branch widths belong to {@code modalities}.
     */
    static String fieldPath(String enginePath, ArchitectureSpec network) {
        if (network.multimodal() == null) {
            return fieldPath(enginePath);
        }
        if (enginePath.equals("architecture.inputDim")) {
            return "modalities";
        }
        Matcher width = ENCODER_WIDTH.matcher(enginePath);
        if (!width.matches()) {
            return fieldPath(enginePath);
        }
        int layer = Integer.parseInt(width.group(1)) - branchLayers(network.multimodal());
        return layer < 0 ? "modalities" : "encoder[" + layer + "]";
    }

    /** The branch layers in front of the shared encoder; none while the modalities themselves have problems. */
    private static int branchLayers(Multimodal multimodal) {
        return multimodal == null || !multimodal.problems().isEmpty() ? 0 : multimodal.depth();
    }

    /** The spec field an engine path names ("architecture.encoder[1]" → "encoder[1]", "training.stacking" → "stacked"). */
    static String fieldPath(String enginePath) {
        for (Map.Entry<String, String> f : FIELDS) {
            if (enginePath.startsWith(f.getKey())) {
                return f.getValue() + enginePath.substring(f.getKey().length());
            }
        }
        return enginePath;
    }

    /** @param multimodal null for one modality; else the modalities whose branches come before the shared encoder */
    private static ArchitectureSpec architecture(TrainingSpec spec, int inputDim, Multimodal multimodal) {
        TrainingSpec.VariationalSpec v = spec.variational();
        int[] encoder = widths(spec.encoder());
        return new ArchitectureSpec(multimodal == null ? inputDim : multimodal.inputDim(),
                branchLayers(multimodal) == 0 ? encoder : multimodal.encoderWidths(encoder),
                spec.decoder() == null ? null : widths(spec.decoder()),
                spec.activation(), spec.outputActivation(), spec.tiedWeights(),
                v == null ? null : new Variational(v.latentDim(), v.klWeight().floatValue(), v.likelihood(), v.samples()),
                spec.codeActivation(), null, multimodal);
    }

    private static TrainingConfig training(TrainingSpec spec, int threads) {
        TrainingSpec.Training t = spec.training();
        TrainingSpec.EarlyStopping es = t.earlyStopping();
        return new TrainingConfig(t.epochs(), t.batchSize(), t.optimizer(), t.learningRate().floatValue(),
                t.momentum().floatValue(), spec.weightDecay().floatValue(), spec.loss(), t.validationFraction(),
                t.seed(), threads, regularization(spec),
                spec.stacked() == null ? null : new Stacking(spec.stacked().pretrainEpochs(), spec.stacked().fineTune()),
                es == null ? null : new EarlyStopping(es.patience(), es.minDelta()));
    }

    private static Regularization regularization(TrainingSpec spec) {
        return new Regularization(
                spec.noise() == null ? null : new Noise(spec.noise().type(), spec.noise().level().floatValue()),
                spec.sparsity() == null ? null
                        : new Sparsity(spec.sparsity().target().floatValue(), spec.sparsity().weight().floatValue()),
                spec.contractive() == null ? null
                        : new Contractive(spec.contractive().weight().floatValue(), spec.contractive().scope()));
    }

    /** Widths as the engine takes them; a JSON null becomes 0, which the engine refuses by index. */
    static int[] widths(List<Integer> values) {
        return values.stream().mapToInt(w -> w == null ? 0 : w).toArray();
    }
}
