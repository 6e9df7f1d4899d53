package dev.hourglass.engine.train;

import static dev.hourglass.engine.TestData.assertClose;
import static dev.hourglass.engine.TestData.toDouble;
import static dev.hourglass.engine.TestData.uniform;

import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Test;

/**
 * One plain-SGD step of the {@link Trainer} moves the parameters by −η·∇(objective + λ‖W‖²) for every
 * variant, tied weights included: the trainer's draws (split, epoch shuffle, noise, ε, probes) are
 * replayed from the seed and the gradient recovered from the step is compared with central
 * differences of {@link ReferenceObjective}.
 */
class VariantStepTests {

    private static final int M = 4;
    private static final long SEED = 17;
    private static final float LR = 1e-3f;
    private static final float LAMBDA = 0.05f;

    private static void check(String name, ArchitectureSpec spec, Regularization reg, LossKind loss) {
        Autoencoder model = Autoencoder.initialize(spec, 5);
        int n = spec.inputDim();
        float[] x = uniform(3, M * n, 0.05f, 0.95f);
        double[] before = ReferenceNet.flatten(model.parameters());

        // replay the trainer's stream: split shuffle, epoch shuffle, then the step's draws in slot order
        SplitMix64 rng = new SplitMix64(SEED);
        int[] order = {0, 1, 2, 3};
        rng.shuffle(order, M);
        int[] epoch = order.clone();
        rng.shuffle(epoch, M);
        float[] batch = new float[M * n];
        for (int i = 0; i < M; i++) {
            System.arraycopy(x, epoch[i] * n, batch, i * n, n);
        }
        float[] corrupted = null;
        if (reg.noise() != null) {
            corrupted = new float[M * n];
            if (reg.noise().kind() == NoiseKind.MASKING) {
                Draws.maskingNoise(batch, corrupted, M * n, reg.noise().level(), rng);
            } else {
                Draws.gaussianNoise(batch, corrupted, M * n, reg.noise().level(), rng);
            }
        }
        float[] eps = null;
        if (spec.isVariational()) {
            Variational v = spec.variational();
            eps = new float[v.samples() * M * v.latentDim()];
            Draws.gaussian(eps, eps.length, rng);
        }
        float[] probes = null;
        if (reg.contractive() != null && spec.encoder().length > 1) {
            probes = new float[M * n];
            Draws.rademacher(probes, M * n, rng);
        }

        TrainingConfig config = new TrainingConfig(1, M, OptimizerKind.SGD, LR, 0f, LAMBDA, loss, 0.0, SEED, 1, reg, null);
        new Trainer().train(model, x, M, config, null, null);
        double[] after = ReferenceNet.flatten(model.parameters());
        double[] effective = new double[before.length];
        for (int i = 0; i < before.length; i++) {
            effective[i] = (before[i] - after[i]) / LR;
        }

        ReferenceObjective ref = new ReferenceObjective(model);
        ReferenceObjective.Draws draws = new ReferenceObjective.Draws(corrupted == null ? null : toDouble(corrupted),
                probes == null ? null : toDouble(probes), eps == null ? null : toDouble(eps));
        double[] expected = ref.numericGradient(before.clone(), toDouble(batch), M,
                ReferenceObjective.Terms.all(loss, reg), draws);
        double[] decay = ref.decayGradient(before, LAMBDA);
        for (int i = 0; i < expected.length; i++) {
            expected[i] += decay[i];
        }
        // the step is taken in float: |Δθ| ~ 1e-4 resolved to ~6e-8 → gradient error ~1e-4
        assertClose(expected, effective, 3e-4, 2e-2, name);
    }

    @Test
    void denoisingSparseContractiveTiedWithWeightDecay() {
        check("masking + sparsity + contractive, tied, BCE",
                new ArchitectureSpec(6, new int[] {4}, null, Activation.SIGMOID, Activation.SIGMOID, true),
                new Regularization(new Noise(NoiseKind.MASKING, 0.3f), new Sparsity(0.2f, 0.5f), new Contractive(0.3f)),
                LossKind.BCE);
        check("gaussian noise + deep contractive, tied",
                new ArchitectureSpec(6, new int[] {5, 3}, null, Activation.TANH, Activation.SIGMOID, true),
                new Regularization(new Noise(NoiseKind.GAUSSIAN, 0.2f), null, new Contractive(0.3f)), LossKind.MSE);
    }

    @Test
    void variationalWithWeightDecay() {
        check("variational, masking noise, two samples",
                new ArchitectureSpec(6, new int[] {5}, null, Activation.TANH, Activation.SIGMOID, false,
                        new Variational(2, 0.5f, Likelihood.BERNOULLI, 2)),
                new Regularization(new Noise(NoiseKind.MASKING, 0.2f), null, null), LossKind.MSE);
    }
}
