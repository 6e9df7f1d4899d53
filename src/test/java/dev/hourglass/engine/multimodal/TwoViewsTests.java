package dev.hourglass.engine.multimodal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import dev.hourglass.engine.layer.Activation;
import dev.hourglass.engine.optim.OptimizerKind;
import dev.hourglass.engine.spec.ArchitectureSpec;
import dev.hourglass.engine.spec.AutoencoderSpec;
import dev.hourglass.engine.spec.LossKind;
import dev.hourglass.engine.spec.Multimodal;
import dev.hourglass.engine.spec.Normalization;
import dev.hourglass.engine.spec.TrainingConfig;
import dev.hourglass.engine.spec.Variant;
import org.junit.jupiter.api.Test;

/**
 * Two views of one thing, the multilingual case: each row is a latent z ~ N(0, I₄) seen through two
 * different maps with their own noise, view A = tanh(W_A z) + 0.05·ε (20 columns) and view B = W_B z
 * + 0.05·ε (12 columns). Trained as two modalities, a row's code from A alone finds the same row's code
 * from B alone among the held-out rows far more often than chance.
 */
class TwoViewsTests {

    static final int ROWS = 1500;
    static final int A = 20;
    static final int B = 12;
    static final int LATENT = 4;

    /** Rows of view A then view B, from {@code seed}. */
    static float[] views(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] wa = matrix(new SplittableRandom(101), A);
        double[][] wb = matrix(new SplittableRandom(202), B);
        float[] x = new float[ROWS * (A + B)];
        double[] z = new double[LATENT];
        for (int i = 0; i < ROWS; i++) {
            for (int l = 0; l < LATENT; l++) {
                z[l] = gaussian(r);
            }
            for (int c = 0; c < A; c++) {
                x[i * (A + B) + c] = (float) (Math.tanh(dot(wa[c], z)) + 0.05 * gaussian(r));
            }
            for (int c = 0; c < B; c++) {
                x[i * (A + B) + A + c] = (float) (dot(wb[c], z) + 0.05 * gaussian(r));
            }
        }
        return x;
    }

    private static double[][] matrix(SplittableRandom r, int rows) {
        double[][] w = new double[rows][LATENT];
        for (double[] row : w) {
            for (int l = 0; l < LATENT; l++) {
                row[l] = gaussian(r) / Math.sqrt(LATENT);
            }
        }
        return w;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static AutoencoderSpec spec(float alignment) {
        Multimodal mm = new Multimodal(List.of(new Multimodal.Modality("a", A, new int[] {16}),
                new Multimodal.Modality("b", B, new int[] {16})), Multimodal.DEFAULT_SINGLE_FRACTION, alignment);
        ArchitectureSpec shape = new ArchitectureSpec(A + B, mm.encoderWidths(new int[] {LATENT}), null, Activation.TANH,
                Activation.LINEAR, false, null, null, null, mm);
        TrainingConfig training = new TrainingConfig(40, 32, OptimizerKind.ADAM, 3e-3f, 0.9f, 0f, LossKind.MSE, 0.2, 1, 1);
        return new AutoencoderSpec(Variant.MULTIMODAL, shape, training, Normalization.ZSCORE);
    }

    @Test
    void aRowsCodeFromOneViewFindsItsOtherViewFarAboveChance() {
        float[] x = views(7);
        int heldOut = Math.round(0.2f * ROWS);
        for (float alignment : new float[] {0f, 1f}) {
            MultimodalTests.Last run = new MultimodalTests.Last();
            dev.hourglass.engine.Engine.train(new dev.hourglass.engine.Engine.Matrix(x.clone(), ROWS, A + B), null,
                    spec(alignment), run, null);
            Map<String, Double> m = run.terms();
            System.out.printf("two views, alignment %.0f: held-out recall@1 %.4f, recall@10 %.4f (chance %.4f, %.4f)%n",
                    alignment, m.get("recallAt1"), m.get("recallAt10"), 1.0 / heldOut, 10.0 / heldOut);
            assertTrue(m.get("recallAt1") >= 20.0 / heldOut, "recall@1 " + m.get("recallAt1") + " vs chance " + 1.0 / heldOut);
        }
    }
}
