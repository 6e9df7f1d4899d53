package dev.hourglass.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.objective.GaussianKl;
import dev.hourglass.engine.objective.JacobianPenalty;
import dev.hourglass.engine.objective.KlSparsity;
import dev.hourglass.engine.objective.Objective;
import dev.hourglass.engine.objective.Reconstruction;
import dev.hourglass.engine.objective.Term;
import dev.hourglass.engine.objective.WeightDecay;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.Contractive;
import dev.hourglass.engine.spec.Likelihood;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Regularization;
import dev.hourglass.engine.spec.Sparsity;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Test;

/**
 * Each term alone, through the {@link Term} interface: an objective holding only that term trains one
 * step, and its value and every parameter gradient are checked against central differences of the
 * reference objective of that term alone. {@link VariantGradientTests} checks them in combination.
 */
class TermGradientTests {

    private static final ArchitectureSpec SIGMOID_NET = new ArchitectureSpec(6, new int[] {5, 3}, null,
            Activation.SIGMOID, Activation.SIGMOID, false);
    private static final ArchitectureSpec TIED_TANH_NET = new ArchitectureSpec(6, new int[] {5, 3}, null,
            Activation.TANH, Activation.SIGMOID, true);

    /** The full objective of these blocks with every term but {@code kind} dropped. */
    private static Objective only(Autoencoder model, LossKind loss, Regularization reg, Class<? extends Term> kind) {
        Objective full = Objective.create(model.network(), VariantGradientTests.config(loss, reg), loss,
                VariantGradientTests.M);
        List<Term> kept = full.terms().stream().filter(kind::isInstance).toList();
        assertEquals(1, kept.size(), kind.getSimpleName());
        return Objective.of(null, kept);
    }

    private static void check(ArchitectureSpec spec, LossKind loss, Regularization reg, Class<? extends Term> kind,
                              ReferenceObjective.Terms terms, String name) {
        Autoencoder model = Autoencoder.initialize(spec, 42);
        VariantGradientTests.check(model, only(model, loss, reg, kind), terms, name);
    }

    @Test
    void reconstructionAloneForEachLossAndLikelihood() {
        for (LossKind loss : LossKind.values()) {
            for (ArchitectureSpec spec : new ArchitectureSpec[] {SIGMOID_NET, TIED_TANH_NET}) {
                check(spec, loss, Regularization.NONE, Reconstruction.class,
                        new ReferenceObjective.Terms(true, loss, null, null, false), "reconstruction " + loss);
            }
        }
        for (Likelihood likelihood : Likelihood.values()) {
            // a variational network samples through its GaussianKl; β = 0 leaves the reconstruction alone
            ArchitectureSpec vae = new ArchitectureSpec(6, new int[] {5}, null, Activation.TANH,
                    likelihood == Likelihood.BERNOULLI ? Activation.SIGMOID : Activation.LINEAR, false,
                    new Variational(2, 0f, likelihood, 2));
            Autoencoder model = Autoencoder.initialize(vae, 42);
            Objective full = Objective.create(model.network(), VariantGradientTests.config(LossKind.MSE,
                    Regularization.NONE), LossKind.MSE, VariantGradientTests.M);
            VariantGradientTests.check(model, full, new ReferenceObjective.Terms(true, LossKind.MSE, null, null, false),
                    "reconstruction " + likelihood + " through the reparameterization");
        }
    }

    @Test
    void klSparsityAloneReachesEveryEncoderLayer() {
        Regularization sparse = new Regularization(null, new Sparsity(0.1f, 0.7f), null);
        for (ArchitectureSpec spec : new ArchitectureSpec[] {SIGMOID_NET,
                new ArchitectureSpec(6, new int[] {5, 3}, null, Activation.RELU, Activation.SIGMOID, true, null,
                        Activation.SIGMOID)}) {
            check(spec, LossKind.MSE, sparse, KlSparsity.class,
                    new ReferenceObjective.Terms(false, LossKind.MSE, sparse.sparsity(), null, false), "sparsity alone");
        }
    }

    @Test
    void theContractivePenaltyAloneInEachOfItsForms() {
        for (Contractive c : new Contractive[] {new Contractive(0.5f), new Contractive(0.5f, Contractive.Scope.CODE_LAYER)}) {
            Regularization reg = new Regularization(null, null, c);
            ReferenceObjective.Terms terms = new ReferenceObjective.Terms(false, LossKind.MSE, null, c, false);
            check(new ArchitectureSpec(6, new int[] {4}, null, Activation.TANH, Activation.SIGMOID, false), LossKind.MSE,
                    reg, JacobianPenalty.class, terms, "one layer, closed form, " + c.scope());
            check(SIGMOID_NET, LossKind.MSE, reg, JacobianPenalty.class, terms, "two layers, " + c.scope());
            check(TIED_TANH_NET, LossKind.MSE, reg, JacobianPenalty.class, terms, "two tied tanh layers, " + c.scope());
        }
    }

    @Test
    void theGaussianKlAloneThroughTheHead() {
        for (int samples : new int[] {1, 3}) {
            ArchitectureSpec vae = new ArchitectureSpec(6, new int[] {5, 4}, null, Activation.SIGMOID, Activation.SIGMOID,
                    false, new Variational(3, 0.8f, Likelihood.BERNOULLI, samples));
            check(vae, LossKind.MSE, Regularization.NONE, GaussianKl.class,
                    new ReferenceObjective.Terms(false, LossKind.MSE, null, null, true), "KL alone, S=" + samples);
        }
    }

    @Test
    void weightDecayHandsTwoLambdaToTheOptimizerForWeightsOnly() {
        Autoencoder tied = Autoencoder.initialize(TIED_TANH_NET, 1);
        Objective objective = Objective.create(tied.network(), new dev.hourglass.engine.spec.TrainingConfig(1, 4,
                dev.hourglass.engine.optim.OptimizerKind.SGD, 1e-3f, 0f, 0.25f, LossKind.MSE, 0, 1, 1), LossKind.MSE, 4);
        // parameters: W1, b1, W2, b2, b3 (tied), b4 (tied): 2λ = 0.5 on the two own weights only
        assertArrayEquals(new float[] {0.5f, 0f, 0.5f, 0f, 0f, 0f}, objective.decayFactors(tied.parameters().size()));
        assertEquals(1, objective.terms().stream().filter(WeightDecay.class::isInstance).count());
    }
}
