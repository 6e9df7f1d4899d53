package dev.hourglass.job;

import java.util.List;

import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;

/** A defaulted training spec in the engine's terms; the validator and the worker build it the same way. */
final class EngineSpecs {

    private EngineSpecs() {
    }

    static ArchitectureSpec architecture(TrainingSpec spec, int inputDim) {
        TrainingSpec.VariationalSpec v = spec.variational();
        return new ArchitectureSpec(inputDim, toArray(spec.encoder()),
                spec.decoder() == null ? null : toArray(spec.decoder()), spec.activation(), spec.outputActivation(),
                spec.tiedWeights(),
                v == null ? null : new Variational(v.latentDim(), v.klWeight().floatValue(), v.likelihood(), v.samples()),
                spec.codeActivation());
    }

    static TrainingConfig config(TrainingSpec spec, int threads) {
        TrainingSpec.Training t = spec.training();
        return new TrainingConfig(t.epochs(), t.batchSize(), t.optimizer(), t.learningRate().floatValue(),
                t.momentum().floatValue(), spec.weightDecay().floatValue(), spec.loss(), t.validationFraction(),
                t.seed(), threads, regularization(spec),
                spec.stacked() == null ? null : new Stacking(spec.stacked().pretrainEpochs(), spec.stacked().fineTune()));
    }

    private static Regularization regularization(TrainingSpec spec) {
        return new Regularization(
                spec.noise() == null ? null : new Noise(spec.noise().type(), spec.noise().level().floatValue()),
                spec.sparsity() == null ? null
                        : new Sparsity(spec.sparsity().target().floatValue(), spec.sparsity().weight().floatValue()),
                spec.contractive() == null ? null
                        : new Contractive(spec.contractive().weight().floatValue(), spec.contractive().scope()));
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
