package dev.hourglass.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hourglass.engine.FashionMnist;
import dev.hourglass.engine.kernel.ArrayOps;
import dev.hourglass.engine.kernel.Draws;
import dev.hourglass.engine.kernel.Kernels;
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
import dev.hourglass.engine.spec.Stacking;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variational;
import org.junit.jupiter.api.Test;

/**
 * Fixed-seed learning tests on the Fashion-MNIST fixture: the first 1600 images train, the last 400
 * are held out. Each test proves its variant's term is wired in by comparing with the plain model
 * trained the same way.
 */
class VariantBehaviourTests {

    private static final float[] IMAGES = FashionMnist.fixture();
    private static final int TRAIN = 1600;
    private static final int HELD_OUT = 400;
    private static final float[] HELD = java.util.Arrays.copyOfRange(IMAGES, TRAIN * 784, (TRAIN + HELD_OUT) * 784);

    private static TrainingConfig config(int epochs, LossKind loss, Regularization reg, Stacking stacking) {
        return new TrainingConfig(epochs, 64, OptimizerKind.ADAM, 2e-3f, 0f, 0f, loss, 0.1, 11, 2, reg, stacking);
    }

    private static List<EpochReport> train(Autoencoder model, float[] data, int rows, TrainingConfig config) {
        List<EpochReport> reports = new ArrayList<>();
        new Trainer().train(model, data, rows, config, new TrainingListener() {
            @Override
            public void onEpoch(EpochReport report, TrainingState state) {
                reports.add(report);
            }
        }, null);
        return reports;
    }

    static double mse(float[] a, float[] b) {
        return Kernels.squaredError(a, b, new float[a.length], a.length, 0f) / a.length;
    }

    private static ArchitectureSpec sigmoid784(int code) {
        return new ArchitectureSpec(784, new int[] {code}, null, Activation.SIGMOID, Activation.SIGMOID, false);
    }

    @Test
    void sparsityDrivesTheMeanCodeActivationToTheTarget() {
        float rho = 0.05f;
        Autoencoder sparse = Autoencoder.initialize(sigmoid784(64), 1);
        List<EpochReport> reports = train(sparse, IMAGES, TRAIN,
                config(8, LossKind.MSE, new Regularization(null, new Sparsity(rho, 3f), null), null));
        Autoencoder plain = Autoencoder.initialize(sigmoid784(64), 1);
        train(plain, IMAGES, TRAIN, config(8, LossKind.MSE, null, null));

        double sparseMean = ArrayOps.sum(sparse.encode(HELD, HELD_OUT), HELD_OUT * 64) / (HELD_OUT * 64);
        double plainMean = ArrayOps.sum(plain.encode(HELD, HELD_OUT), HELD_OUT * 64) / (HELD_OUT * 64);
        System.out.printf("sparse: mean activation %.4f (reported %.4f), plain %.4f, recon %.4f vs %.4f%n", sparseMean,
                reports.get(reports.size() - 1).terms().get("meanActivation"), plainMean,
                mse(sparse.reconstruct(HELD, HELD_OUT), HELD), mse(plain.reconstruct(HELD, HELD_OUT), HELD));
        assertEquals(rho, sparseMean, 0.25 * rho);
        assertTrue(Math.abs(plainMean - rho) > 0.25 * rho, "plain mean activation " + plainMean);
    }

    @Test
    void denoisingReconstructsCleanRowsFromMaskedOnesBetterThanThePlainModel() {
        ArchitectureSpec spec = new ArchitectureSpec(784, new int[] {128}, null, Activation.RELU, Activation.SIGMOID, false);
        Autoencoder denoising = Autoencoder.initialize(spec, 2);
        List<EpochReport> reports = train(denoising, IMAGES, TRAIN,
                config(6, LossKind.BCE, new Regularization(new Noise(NoiseKind.MASKING, 0.5f), null, null), null));
        Autoencoder plain = Autoencoder.initialize(spec, 2);
        train(plain, IMAGES, TRAIN, config(6, LossKind.BCE, null, null));

        float[] masked = new float[HELD.length];
        Draws.maskingNoise(HELD, masked, HELD.length, 0.5f, new SplitMix64(99));
        double dae = mse(denoising.reconstruct(masked, HELD_OUT), HELD);
        double ae = mse(plain.reconstruct(masked, HELD_OUT), HELD);
        Map<String, Double> last = reports.get(reports.size() - 1).terms();
        System.out.printf("denoising: masked->clean %.4f vs plain %.4f; clean %.4f vs %.4f; terms %s%n", dae, ae,
                mse(denoising.reconstruct(HELD, HELD_OUT), HELD), mse(plain.reconstruct(HELD, HELD_OUT), HELD), last);
        assertTrue(dae < 0.9 * ae, "denoising " + dae + " vs plain " + ae);
        // both held-out terms are there; trained on half-masked rows, the model is calibrated to them and
        // clean rows (twice as bright on average) are not easier for it
        assertTrue(last.get("reconstructionCorrupted") > 0 && last.get("reconstructionClean") > 0);
    }

    @Test
    void contractiveShrinksTheJacobianAtComparableReconstruction() {
        Autoencoder contractive = Autoencoder.initialize(sigmoid784(64), 3);
        List<EpochReport> reports = train(contractive, IMAGES, TRAIN,
                config(8, LossKind.MSE, new Regularization(null, null, new Contractive(2e-3f)), null));
        Autoencoder plain = Autoencoder.initialize(sigmoid784(64), 3);
        train(plain, IMAGES, TRAIN, config(8, LossKind.MSE, null, null));

        double jc = contractive.jacobianFrobeniusSquared(HELD, HELD_OUT);
        double jp = plain.jacobianFrobeniusSquared(HELD, HELD_OUT);
        double rc = mse(contractive.reconstruct(HELD, HELD_OUT), HELD);
        double rp = mse(plain.reconstruct(HELD, HELD_OUT), HELD);
        System.out.printf("contractive: J %.4f vs plain %.4f, recon %.4f vs %.4f; terms %s%n", jc, jp, rc, rp,
                reports.get(reports.size() - 1).terms());
        assertTrue(jc < 0.5 * jp, "‖J‖² " + jc + " vs plain " + jp);
        assertTrue(rc < 1.5 * rp, "reconstruction " + rc + " vs plain " + rp);
    }

    @Test
    void theDeepEstimatorShrinksTheWholeEncodersJacobian() {
        ArchitectureSpec spec = new ArchitectureSpec(784, new int[] {128, 32}, null, Activation.SIGMOID,
                Activation.SIGMOID, false);
        Autoencoder contractive = Autoencoder.initialize(spec, 8);
        train(contractive, IMAGES, TRAIN,
                config(8, LossKind.MSE, new Regularization(null, null, new Contractive(5e-3f)), null));
        Autoencoder plain = Autoencoder.initialize(spec, 8);
        train(plain, IMAGES, TRAIN, config(8, LossKind.MSE, null, null));
        double jc = contractive.jacobianFrobeniusSquared(HELD, HELD_OUT);
        double jp = plain.jacobianFrobeniusSquared(HELD, HELD_OUT);
        double rc = mse(contractive.reconstruct(HELD, HELD_OUT), HELD);
        double rp = mse(plain.reconstruct(HELD, HELD_OUT), HELD);
        System.out.printf("deep contractive: J %.4f vs plain %.4f, recon %.4f vs %.4f%n", jc, jp, rc, rp);
        assertTrue(jc < 0.5 * jp, "‖J‖² " + jc + " vs plain " + jp);
        assertTrue(rc < 1.5 * rp, "reconstruction " + rc + " vs plain " + rp);
    }

    @Test
    void variationalElboImprovesAndSamplesLookLikeTheData() {
        ArchitectureSpec spec = new ArchitectureSpec(784, new int[] {128}, null, Activation.RELU, Activation.SIGMOID,
                false, new Variational(16, 1f, Likelihood.BERNOULLI, 1));
        Autoencoder vae = Autoencoder.initialize(spec, 4);
        List<EpochReport> reports = train(vae, IMAGES, TRAIN, config(6, LossKind.BCE, null, null));
        double first = reports.get(0).terms().get("elbo");
        double lastElbo = reports.get(reports.size() - 1).terms().get("elbo");
        float[] samples = vae.sample(50, 7);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : samples) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        System.out.printf("vae: elbo %.2f -> %.2f, kl %.2f, sample range [%.3f, %.3f], recon mse %.4f%n", first,
                lastElbo, reports.get(reports.size() - 1).terms().get("kl"), min, max,
                mse(vae.reconstruct(HELD, HELD_OUT), HELD));
        assertTrue(lastElbo > first + 10, "elbo " + first + " -> " + lastElbo);
        assertEquals(50 * 784, samples.length);
        assertTrue(min >= 0f && max <= 1f && max - min > 0.5f, "sample range [" + min + ", " + max + "]");
    }

    @Test
    void stackedPhasesEachLearnAndFineTuningLowersTheEndToEndError() {
        ArchitectureSpec spec = new ArchitectureSpec(784, new int[] {128, 32}, null, Activation.SIGMOID,
                Activation.SIGMOID, false);
        Autoencoder model = Autoencoder.initialize(spec, 5);
        Map<String, List<Double>> losses = new LinkedHashMap<>();
        double[] beforeFineTune = new double[1];
        new Trainer().train(model, IMAGES, TRAIN, config(4, LossKind.MSE, null, new Stacking(4, true)),
                new TrainingListener() {
                    @Override
                    public void onPhase(String phase, int index, int phases) {
                        if (phase.equals("fine-tune")) {
                            beforeFineTune[0] = mse(model.reconstruct(HELD, HELD_OUT), HELD);
                        }
                    }

                    @Override
                    public void onEpoch(EpochReport report, TrainingState state) {
                        losses.computeIfAbsent(report.phase(), p -> new ArrayList<>()).add(report.trainLoss());
                    }
                }, null);
        double after = mse(model.reconstruct(HELD, HELD_OUT), HELD);
        System.out.printf("stacked: %s; end-to-end %.4f -> %.4f%n", losses, beforeFineTune[0], after);
        assertEquals(List.of("pretrain-1", "pretrain-2", "fine-tune"), new ArrayList<>(losses.keySet()));
        for (Map.Entry<String, List<Double>> e : losses.entrySet()) {
            List<Double> l = e.getValue();
            assertTrue(l.get(l.size() - 1) < l.get(0), e.getKey() + " " + l);
        }
        assertTrue(after < 0.9 * beforeFineTune[0], "fine-tuning " + beforeFineTune[0] + " -> " + after);
    }

    @Test
    void theIdentityCheckFlagsAnOvercompleteCopierButNotADenoiser() {
        float[] small = FashionMnist.pooled(IMAGES, 2000);
        ArchitectureSpec spec = new ArchitectureSpec(196, new int[] {800}, null, Activation.RELU, Activation.LINEAR, false);
        Autoencoder plain = Autoencoder.initialize(spec, 6);
        train(plain, small, TRAIN, config(10, LossKind.MSE, null, null));
        Autoencoder denoising = Autoencoder.initialize(spec, 6);
        train(denoising, small, TRAIN,
                config(10, LossKind.MSE, new Regularization(new Noise(NoiseKind.MASKING, 0.5f), null, null), null));
        IdentityCheck copier = Diagnostics.identityCheck(plain, small, 2000, 1);
        IdentityCheck dae = Diagnostics.identityCheck(denoising, small, 2000, 1);
        System.out.println("identity: plain " + copier + ", denoising " + dae);
        assertTrue(copier.copiesInput(), copier.toString());
        assertFalse(dae.copiesInput(), dae.toString());
    }
}
