package dev.hourglass.engine.train;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.objective.Objective;
import dev.hourglass.engine.random.SplitMix64;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Noise;
import dev.hourglass.engine.spec.NoiseKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.TableLayout;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Test;

/**
 * The reconstruction over a typed table (softmax blocks, masked cells) through the whole network:
 * one training step's value and every parameter gradient against central differences of the
 * double-precision {@link ReferenceObjective}, for each loss and likelihood, with missing cells.
 */
class TableGradientTests {

    private static final int M = VariantGradientTests.M;
    /** numeric, 3 levels, numeric, 2 levels: 7 network positions. */
    private static final TableLayout TABLE = new TableLayout(new int[] {0, 3, 0, 2});
    /** Per row and column, 1 observed / 0 missing: row 1 misses a level, row 2 a number, row 3 both. */
    private static final float[] OBSERVED = {
        1, 1, 1, 1,
        1, 0, 1, 1,
        0, 1, 1, 1,
        1, 1, 0, 0,
    };

    /** Rows in the network's terms: numbers in (0.05, 0.95), one-hot levels, missing cells at a fill value. */
    private static float[] rows() {
        SplitMix64 rng = new SplitMix64(11);
        int[] offsets = TABLE.offsets();
        float[] x = new float[M * TABLE.width()];
        for (int r = 0; r < M; r++) {
            for (int c = 0; c < TABLE.columns(); c++) {
                int at = r * TABLE.width() + offsets[c];
                boolean missing = OBSERVED[r * TABLE.columns() + c] == 0;
                if (!TABLE.categorical(c)) {
                    x[at] = missing ? 0.5f : 0.05f + 0.9f * rng.nextFloat();
                } else {
                    int levels = TABLE.size(c);
                    int level = rng.nextInt(levels);
                    for (int k = 0; k < levels; k++) {
                        x[at + k] = missing ? 1f / levels : k == level ? 1f : 0f;
                    }
                }
            }
        }
        return x;
    }

    private static void check(ArchitectureSpec plain, LossKind loss, Regularization reg, String name) {
        Autoencoder model = Autoencoder.initialize(plain.withTable(TABLE), 42);
        Objective objective = Objective.create(model.network(), VariantGradientTests.config(loss, reg), loss, M);
        VariantGradientTests.check(model, objective, ReferenceObjective.Terms.all(loss, reg), rows(), OBSERVED, name);
    }

    @Test
    void eachNumericLossBesideSoftmaxBlocksOverObservedCellsOnly() {
        for (Activation out : new Activation[] {Activation.SIGMOID, Activation.LINEAR}) {
            check(new ArchitectureSpec(1, new int[] {5, 3}, null, Activation.TANH, out, false), LossKind.MSE,
                    Regularization.NONE, "MSE, " + out + " numeric head");
        }
        check(new ArchitectureSpec(1, new int[] {5, 3}, null, Activation.SIGMOID, Activation.SIGMOID, true), LossKind.BCE,
                Regularization.NONE, "BCE, tied weights");
    }

    @Test
    void thePenaltyBlocksComposeWithTheTypedReconstruction() {
        Regularization reg = new Regularization(new Noise(NoiseKind.GAUSSIAN, 0.2f), null, new Contractive(0.3f));
        check(new ArchitectureSpec(1, new int[] {5, 3}, null, Activation.SIGMOID, Activation.LINEAR, false), LossKind.MSE,
                reg, "denoising contractive");
    }

    @Test
    void variationalCategoricalLikelihoodsThroughTheReparameterization() {
        for (Likelihood likelihood : Likelihood.values()) {
            for (int samples : new int[] {1, 2}) {
                ArchitectureSpec vae = new ArchitectureSpec(1, new int[] {5}, null, Activation.TANH,
                        likelihood == Likelihood.BERNOULLI ? Activation.SIGMOID : Activation.LINEAR, false,
                        new Variational(2, 0.5f, likelihood, samples));
                check(vae, LossKind.MSE, Regularization.NONE, likelihood + ", S=" + samples);
            }
        }
    }
}
