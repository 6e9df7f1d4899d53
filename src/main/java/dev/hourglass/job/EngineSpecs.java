package dev.hourglass.job;

import java.util.List;
import java.util.Map;

import dev.hourglass.engine.spec.Anomaly;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.EarlyStopping;
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
            Map.entry("architecture.", ""),
            Map.entry("training.loss", "loss"),
            Map.entry("training.weightDecay", "weightDecay"),
            Map.entry("training.noise", "noise"),
            Map.entry("training.sparsity", "sparsity"),
            Map.entry("training.contractive", "contractive"),
            Map.entry("training.stacking", "stacked"));

    private EngineSpecs() {
    }

    static AutoencoderSpec of(TrainingSpec spec, int inputDim, int threads) {
        return of(spec, inputDim, null, threads);
    }

    /** As above, over a typed table's layout when {@code table} is not null (the network's width is then its width). */
    static AutoencoderSpec of(TrainingSpec spec, int inputDim, TableLayout table, int threads) {
        return new AutoencoderSpec(spec.variant(), architecture(spec, inputDim).withTable(table), training(spec, threads),
                spec.normalization(), spec.anomaly() == null ? null
                        : new Anomaly(spec.anomaly().contamination(), spec.anomaly().score()));
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

    private static ArchitectureSpec architecture(TrainingSpec spec, int inputDim) {
        TrainingSpec.VariationalSpec v = spec.variational();
        return new ArchitectureSpec(inputDim, widths(spec.encoder()), spec.decoder() == null ? null : widths(spec.decoder()),
                spec.activation(), spec.outputActivation(), spec.tiedWeights(),
                v == null ? null : new Variational(v.latentDim(), v.klWeight().floatValue(), v.likelihood(), v.samples()),
                spec.codeActivation());
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
    private static int[] widths(List<Integer> values) {
        return values.stream().mapToInt(w -> w == null ? 0 : w).toArray();
    }
}
